// How a run judges steps once the hub is the compromised party. The hub's answer no longer says anything:
// the honest clients are the defenders. The model's verdict is compared with what every honest client did
// with what the hub fanned out: a client that took in what the model refuses is the failure, reported with
// the hub's misbehaviour that led to it. The hub's own state and conduct are not judged (it is the adversary).
import type { ModelEvent, Verdict } from "../../model/index.js";
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
export const HUB_CONDUCT_INVARIANTS: ReadonlySet<string> = new Set(["P1", "P2", "P3", "P5", "P6", "P7", "P8", "P9", "P10", "P17", "P18", "P19", "P20", "P22", "P23", "P24"]);

/** Undefined when every honest client that received the hub's attack refused it (or the class is judged by
 * the invariants alone). */
export function judgeHubAttack(attack: AttackClass, plan: PlannedAttack, decisions: StepDecisions): StepMismatch | undefined {
  if (attack.judged.kind !== "refusal" || decisions.acceptedBy.length === 0) return undefined;
  return {
    check: CLIENT_ACCEPTED_CHECK,
    message: `the compromised hub sent ${plan.sent} [${attack.id} ${attack.name}]; the model refuses it (${attack.clause}); ${decisions.acceptedBy.join(", ")} took it in`,
  };
}

/**
 * An honest operation after the hub misbehaved: undefined unless the model refuses it and an honest client
 * other than its actor took it in. A message is not judged: clients do not check a message's sender against
 * the room policy (docs/rules.md R14), so the hub is the only defence there, and a compromised hub none.
 */
export function judgeUnderCompromisedHub(event: ModelEvent, verdict: Verdict, decisions: StepDecisions, misdeeds: readonly string[]): StepMismatch | undefined {
  if (verdict.accepted || event.type === "sendMessage" || decisions.acceptedBy.length === 0) return undefined;
  return {
    check: CLIENT_ACCEPTED_CHECK,
    message: `model says ${verdict.code} (${verdict.rule}: ${verdict.reason}); ${decisions.acceptedBy.join(", ")} took it in, the compromised hub having sent ${misdeeds.join("; then ")}`,
  };
}
