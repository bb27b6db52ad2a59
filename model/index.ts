/**
 * The executable specification of the MIMI room rules (docs/rules.md), as a small façade:
 *   const m0 = initialModel(cooperativeConfig());
 *   const { model, verdict } = step(m0, { type: "createRoom", creator: "u0", creatorClient: "u0/d0" });
 * A Model is a plain value (the room machine's state value and context): keep it, copy it, compare it.
 * Stepping uses XState's pure `transition`, so no actor ever runs.
 */
import { initialTransition, transition } from "xstate";
import { abstractStateOf, type AbstractState } from "./abstractState.js";
import type { ModelConfig } from "./config.js";
import { decide } from "./decide.js";
import type { RoomEvent } from "./events.js";
import { violatedInvariants, type ModelInvariantName } from "./invariants.js";
import { liveRoster, type RoomContext, type RoomStateValue } from "./roomContext.js";
import { roomMachine } from "./roomMachine.js";
import type { Roster } from "./roster.js";
import type { Verdict } from "./verdict.js";

export interface Model {
  readonly value: RoomStateValue;
  readonly context: RoomContext;
}

export interface StepResult {
  readonly model: Model;
  readonly verdict: Verdict;
}

/** The model before the hub created the room. */
export function initialModel(config: ModelConfig): Model {
  const [snapshot] = initialTransition(roomMachine, config);
  return { value: snapshot.value as RoomStateValue, context: snapshot.context };
}

/** Sends one event to the room machine; a refused event returns the same model. */
export function step(model: Model, event: RoomEvent): StepResult {
  const snapshot = roomMachine.resolveState({ value: model.value, context: model.context });
  const [next] = transition(roomMachine, snapshot, event);
  const verdict = next.context.verdict;
  if (!verdict) throw new Error(`room machine produced no verdict for ${event.type}`);
  if (!verdict.accepted) {
    if (next.value !== model.value) throw new Error(`room machine changed state on a refused ${event.type}`);
    return { model, verdict };
  }
  return { model: { value: next.value as RoomStateValue, context: { ...next.context, verdict: null } }, verdict };
}

/** The verdict `step` would give, from the rule guards alone (cheap; no state is produced). */
export function verdictOf(model: Model, event: RoomEvent): Verdict {
  return decide(model.value, model.context, event);
}

/** Steps through a list of events from `model`; returns every verdict and the final model. */
export function run(model: Model, events: readonly RoomEvent[]): { model: Model; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  let current = model;
  for (const event of events) {
    const result = step(current, event);
    verdicts.push(result.verdict);
    current = result.model;
  }
  return { model: current, verdicts };
}

/** The canonical plain state the runner compares with the implementation (see AbstractState). */
export function abstractState(model: Model): AbstractState {
  return abstractStateOf(model.value, model.context);
}

/** The hub-live roster (committed state plus the pending proposals), for reports and tests. */
export function liveUsers(model: Model): Roster {
  return liveRoster(model.context);
}

/** Names of the model-level invariants this state violates (empty when all hold). */
export function checkModelInvariants(model: Model): ModelInvariantName[] {
  return violatedInvariants(model.value, model.context);
}

export type { AbstractState, AbstractUser } from "./abstractState.js";
export * from "./capabilities.js";
export * from "./messageRules.js";
export * from "./config.js";
export { RULE_CHAINS, decide } from "./decide.js";
export { describeEvent, isCommitEvent, MODEL_EVENT_TYPES, type DestroyRoomEvent, type OpenJoinEvent, type EventOfType, type ModelEvent, type ModelEventType, type RoomEvent, type RoomEventType } from "./events.js";
export { allGuardOutcomes, guardOutcomeKey, guardOutcomesOf, type GuardOutcome, type GuardOutcomeKind } from "./guardOutcomes.js";
export { clientId, deviceOf, sortedUnique, userOf, type ClientId, type UserId } from "./ids.js";
export { MODEL_INVARIANTS, type ModelInvariantName } from "./invariants.js";
export { asMemberEvent, ENFORCER_ACTOR, ENFORCER_USER, enforcerListed, policyEnforcerRole, type EnforceEvent, type EnforceKind } from "./enforcer.js";
export { findJoinCode, joinCodeRole, type JoinCodeState, type ModelJoinCode } from "./joinCodes.js";
export { participantMachine, type ParticipantEvent, type ParticipantRecord, type ParticipantStateName } from "./participantMachine.js";
export type { PendingProposal } from "./pending.js";
export type { RoomContext, RoomStateValue } from "./roomContext.js";
export { roomMachine } from "./roomMachine.js";
export type { Roster, UserEntry } from "./roster.js";
export { RULE_IDS, RULE_TITLES, type RuleId } from "./rules.js";
export { describeVerdict, type AcceptedVerdict, type RefusalCode, type RefusedVerdict, type Verdict } from "./verdict.js";
