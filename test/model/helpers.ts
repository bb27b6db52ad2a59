import { expect } from "vitest";
import {
  abstractState,
  checkModelInvariants,
  describeEvent,
  describeVerdict,
  initialModel,
  step,
  verdictOf,
  type Model,
  type ModelConfig,
  type ModelEvent,
  type RefusalCode,
  type RuleId,
  type Verdict,
} from "../../model/index.js";

/** Applies events that must all be accepted (a scenario's set-up); fails loudly on the first refusal. */
export function given(config: ModelConfig, events: readonly ModelEvent[], from?: Model): Model {
  let model = from ?? initialModel(config);
  for (const event of events) {
    const { model: next, verdict } = step(model, event);
    if (!verdict.accepted) throw new Error(`set-up step refused: ${describeEvent(event)} → ${describeVerdict(verdict)}`);
    expect(checkModelInvariants(next)).toEqual([]);
    model = next;
  }
  return model;
}

/** Steps an event that must be accepted (credited to `rule` if given); returns the next model. */
export function accepts(model: Model, event: ModelEvent, rule?: RuleId): Model {
  const { model: next, verdict } = step(model, event);
  expect(verdict, describeEvent(event)).toMatchObject({ accepted: true, ...(rule ? { rule } : {}) });
  expect(verdictOf(model, event)).toEqual(verdict);
  expect(checkModelInvariants(next)).toEqual([]);
  return next;
}

/** Steps an event that must be refused with `code` by `rule` (and `reason` if given); the model must not change. */
export function refuses(
  model: Model,
  event: ModelEvent,
  expected: { code: RefusalCode; rule: RuleId; reason?: string },
): Verdict {
  const { model: next, verdict } = step(model, event);
  expect(verdict, describeEvent(event)).toMatchObject({ accepted: false, ...expected });
  expect(verdictOf(model, event)).toEqual(verdict);
  expect(abstractState(next)).toEqual(abstractState(model));
  return verdict;
}

export const create = (user = "u0"): ModelEvent => ({ type: "createRoom", creator: user, creatorClient: `${user}/d0` });

export const add = (actor: string, target: string, role: number, clients: string[] = []): ModelEvent => ({
  type: "addParticipant",
  actor,
  target,
  role,
  clients,
});

export const commit = (actor: string, includePending = true): ModelEvent => ({ type: "commit", actor, includePending });
export const leave = (actor: string): ModelEvent => ({ type: "leave", actor });
export const remove = (actor: string, target: string): ModelEvent => ({ type: "removeParticipant", actor, target });
export const kick = (actor: string, target: string): ModelEvent => ({ type: "kick", actor, target });
export const ban = (actor: string, target: string): ModelEvent => ({ type: "ban", actor, target });
export const unban = (actor: string, target: string, role: number): ModelEvent => ({ type: "unban", actor, target, role });
export const changeRole = (actor: string, target: string, role: number): ModelEvent => ({ type: "changeRole", actor, target, role });
export const joinOwnClient = (client: string): ModelEvent => ({ type: "addOwnClient", client, user: client.split("/")[0]! });
export const send = (actor: string, epochOffset = 0): ModelEvent => ({ type: "sendMessage", actor, epochOffset });
export const staleCommit = (actor: string): ModelEvent => ({ type: "staleCommit", actor });

/** Cooperative roles: 2 ordinary_user, 3 group_admin. */
export const ORDINARY = 2;
export const ADMIN = 3;

/**
 * The usual cooperative room: u0 (group_admin, u0/d0) created it; u1 is an ordinary user with two
 * clients; u2 an ordinary user with one client. Epoch 2.
 */
export function cooperativeRoom(config: ModelConfig): Model {
  return given(config, [create("u0"), add("u0/d0", "u1", ORDINARY, ["u1/d0", "u1/d1"]), add("u0/d0", "u2", ORDINARY, ["u2/d0"])]);
}
