// How a run judges steps once the hub is the compromised party. The hub's answer no longer says anything:
// the honest clients are the defenders. The model's verdict is compared with what every honest client did
// with what the hub fanned out: a client that took in what the model refuses is the failure, reported with
// the hub's misbehaviour that led to it. The hub's own state and conduct are not judged (it is the adversary).
import type { AbstractState, ClientId, ModelEvent, Verdict } from "../../model/index.js";
import type { ImplementationObservation } from "../runner/observe-implementation.js";
import { CLIENT_ACCEPTED_CHECK, type StepMismatch } from "../runner/compare-step.js";
import type { StepDecisions } from "../runner/step-decisions.js";
import type { AttackClass, PlannedAttack } from "./attack-class.js";

/**
 * Invariants that judge the hub's own conduct (what it accepted, fanned out, relayed or served) or compare
 * the clients with its view. Once the hub has misbehaved they would report the attack itself, not a failure
 * of the honest clients, so a run no longer asks them. P1 and P2 read the hub's view with the clients', and
 * a client that acted on an operation the model refuses (trusting the hub's answer) forks off by itself: the
 * honest clients' rooms are P14's and P15's to judge then.
 */
export const HUB_CONDUCT_INVARIANTS: ReadonlySet<string> = new Set([
  "P1", "P2", "P3", "P5", "P6", "P7", "P8", "P9", "P10", "P17", "P18", "P19", "P20", "P22", "P23", "P24",
  // The hub's delivery (one order, bundles unchanged, every member caught up), its relaying and its franking.
  "P26", "P27", "P28", "P29", "P30", "P33", "P34",
  // Its proxy's fetches and the downloads it serves; and, like P5, the caps of the room state it accepted.
  "P36", "P47", "P39", "P40",
]);

/**
 * The clients that held the room, when the step began, in the model's room (its epoch and its participants
 * and members): the ones the model's verdict speaks for. A client elsewhere (a side of a split, behind a
 * withheld commit, or in a room an operation the model refused made with the hub's help) is on a fork the
 * model does not follow; whether it notices is P16's question.
 */
export function inModelRoom(before: ImplementationObservation | undefined, model: AbstractState): ReadonlySet<ClientId> {
  const same = (users: unknown) => JSON.stringify(users) === JSON.stringify(model.users);
  return new Set((before?.clients ?? []).filter((c) => c.epoch === model.epoch && same(c.users)).map((c) => c.client));
}

/** Undefined when every honest client in the model's room that received the hub's attack refused it (or the
 * class is judged by the invariants alone). */
export function judgeHubAttack(attack: AttackClass, plan: PlannedAttack, decisions: StepDecisions, judged: ReadonlySet<ClientId>): StepMismatch | undefined {
  const took = decisions.acceptedBy.filter((c) => judged.has(c));
  if (attack.judged.kind !== "refusal" || took.length === 0) return undefined;
  return {
    check: CLIENT_ACCEPTED_CHECK,
    message: `the compromised hub sent ${plan.sent} [${attack.id} ${attack.name}]; the model refuses it (${attack.clause}); ${took.join(", ")} took it in`,
  };
}

/**
 * Another party's attack (a compromised client's or follower's) after the hub misbehaved. The hub's answer
 * says nothing now (it may have stopped enforcing, M11), nor its view, nor which clients hold the room (it
 * withheld Welcomes and commits as it liked): undefined unless the model refuses the attack and an honest
 * client in the model's room (`judged`), other than the attacker, took it in. What became of those clients'
 * rooms is P14's and P15's to judge, as after any step under a compromised hub.
 */
export function judgeAttackUnderCompromisedHub(attack: AttackClass, plan: PlannedAttack, decisions: StepDecisions, judged: ReadonlySet<ClientId>, misdeeds: readonly string[]): StepMismatch | undefined {
  const took = decisions.acceptedBy.filter((c) => judged.has(c));
  if (attack.judged.kind !== "refusal" || took.length === 0) return undefined;
  return {
    check: CLIENT_ACCEPTED_CHECK,
    message: `${plan.sent} [${attack.id} ${attack.name}]: the model refuses it (${attack.clause}); ${took.join(", ")} took it in, the compromised hub having sent ${misdeeds.join("; then ")}`,
  };
}

/**
 * An honest operation after the hub misbehaved: undefined unless the model refuses it and an honest client
 * in the model's room (`judged`), other than its actor, took it in. A message is not judged: clients do not check a message's sender against
 * the room policy (docs/rules.md R14), so the hub is the only defence there, and a compromised hub none.
 */
export function judgeUnderCompromisedHub(
  event: ModelEvent,
  verdict: Verdict,
  decisions: StepDecisions,
  judged: ReadonlySet<ClientId>,
  misdeeds: readonly string[],
): StepMismatch | undefined {
  const took = decisions.acceptedBy.filter((c) => judged.has(c));
  if (verdict.accepted || event.type === "sendMessage" || took.length === 0) return undefined;
  return {
    check: CLIENT_ACCEPTED_CHECK,
    message: `model says ${verdict.code} (${verdict.rule}: ${verdict.reason}); ${took.join(", ")} took it in, the compromised hub having sent ${misdeeds.join("; then ")}`,
  };
}
