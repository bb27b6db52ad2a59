// The model-versus-implementation checks of one step: the hub's answer against the model's verdict (code
// and, for a refusal, the rule that decided it), the honest clients' decisions, and the abstract state
// read from the hub and every client.
import { abstractState, type AbstractState, type Model, type ModelEvent, type Verdict } from "../../model/index.js";
import { memberClients } from "../commands/resolve-command.js";
import type { ImplementationObservation } from "./observe-implementation.js";
import { rulesAgree } from "./rule-pairing.js";
import type { StepDecisions } from "./step-decisions.js";

export interface StepMismatch {
  /** "verdict", "rule", "client accepted what the model refuses", "client decision" or "state". */
  readonly check: string;
  readonly message: string;
}

/** The check of a step where the hub took what the model refuses and an honest client took it too. */
export const CLIENT_ACCEPTED_CHECK = "client accepted what the model refuses";

const codeOf = (v: Verdict) => (v.accepted ? "accepted" : v.code);
const modelSays = (v: Verdict) => (v.accepted ? "accepted" : `${v.code} (${v.rule}: ${v.reason})`);

function stateDifference(expected: AbstractState, actual: AbstractState, fields: readonly (keyof AbstractState)[]): string | undefined {
  for (const field of fields) {
    const e = JSON.stringify(expected[field]);
    const a = JSON.stringify(actual[field]);
    if (e !== a) return `${field}: model ${e}, implementation ${a}`;
  }
  return undefined;
}

/**
 * The hub accepted what the model refuses. Every honest client that received it must refuse it too; one
 * that took it in is a failure of its own (it followed the hub where the rules say no). Otherwise the
 * verdict mismatch stands, and says whether the clients saved the room.
 */
function hubAcceptedRefusal(verdict: Verdict, decisions: StepDecisions): StepMismatch {
  const what = `hub accepted, model says ${modelSays(verdict)}`;
  if (decisions.acceptedBy.length > 0)
    return { check: CLIENT_ACCEPTED_CHECK, message: `${what}; ${decisions.acceptedBy.join(", ")} accepted it too` };
  const saved = decisions.refusedBy.length > 0
    ? `every honest client that received it refused it (${decisions.refusedBy.join(", ")}): the clients saved the room`
    : "no other client received it";
  return { check: "verdict", message: `${what}; ${saved}` };
}

/** Undefined when model and implementation agree on the step. */
export function compareStep(
  model: Model,
  event: ModelEvent,
  verdict: Verdict,
  code: string,
  decisions: StepDecisions,
  after: ImplementationObservation,
  compareRules = true,
): StepMismatch | undefined {
  if (codeOf(verdict) !== code) {
    if (code === "accepted") return hubAcceptedRefusal(verdict, decisions);
    return { check: "verdict", message: `hub answered ${code}, model says ${modelSays(verdict)}` };
  }
  // Same code: a refusal must also be the same rule's (or a documented pairing), else a layer is missing
  // and a later one happened to refuse in its place. A refusal the acting client made by itself never
  // reached the hub and has no hub rule to compare. (A refusal leaves the model's room as it was.)
  const hub = decisions.hubDecision;
  if (compareRules && !verdict.accepted && hub?.rule !== undefined) {
    const hubRule = { rule: hub.rule, reason: hub.reason ?? "" };
    if (!rulesAgree(verdict, hubRule, event, model))
      return { check: "rule", message: `hub refused under ${hubRule.rule} (${hubRule.reason}), model under ${verdict.rule} (${verdict.reason}); both ${code}` };
  }
  if (decisions.refusals.length > 0) return { check: "client decision", message: decisions.refusals.join("; ") };
  const expected = abstractState(model);
  const hubDiff = stateDifference(expected, after.hubState, ["epoch", "users", "blocked", "pending"]);
  if (hubDiff !== undefined) return { check: "state", message: `hub ${hubDiff}` };
  const holders = after.clients.map((c) => c.client).join(",");
  // Members on an unreachable follower cannot be asked (properties/network): compared once they are back.
  const members = memberClients(model).filter((c) => !(after.offline ?? []).includes(c)).join(",");
  if (holders !== members) return { check: "state", message: `clients holding the room: model [${members}], implementation [${holders}]` };
  for (const c of after.clients) {
    const diff = stateDifference(expected, { ...expected, epoch: c.epoch, users: c.users }, ["epoch", "users"]);
    if (diff !== undefined) return { check: "state", message: `${c.client} ${diff}` };
  }
  return undefined;
}
