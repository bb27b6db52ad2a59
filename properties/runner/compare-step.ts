// The model-versus-implementation checks of one step: the hub's answer against the model's verdict (code
// included), the honest clients' decisions, and the abstract state read from the hub and every client.
import { abstractState, type AbstractState, type Model, type Verdict } from "../../model/index.js";
import { memberClients } from "../commands/resolve-command.js";
import type { ImplementationObservation } from "./observe-implementation.js";

export interface StepMismatch {
  /** "verdict", "client decision" or "state". */
  readonly check: string;
  readonly message: string;
}

const codeOf = (v: Verdict) => (v.accepted ? "accepted" : v.code);

function stateDifference(expected: AbstractState, actual: AbstractState, fields: readonly (keyof AbstractState)[]): string | undefined {
  for (const field of fields) {
    const e = JSON.stringify(expected[field]);
    const a = JSON.stringify(actual[field]);
    if (e !== a) return `${field}: model ${e}, implementation ${a}`;
  }
  return undefined;
}

/** Undefined when model and implementation agree on the step. */
export function compareStep(model: Model, verdict: Verdict, code: string, newRefusals: string[], after: ImplementationObservation): StepMismatch | undefined {
  if (codeOf(verdict) !== code) return { check: "verdict", message: `hub ${code === "accepted" ? "accepted" : `answered ${code}`}, model says ${verdict.accepted ? "accepted" : `${verdict.code} (${verdict.rule}: ${verdict.reason})`}` };
  if (newRefusals.length > 0) return { check: "client decision", message: newRefusals.join("; ") };
  const expected = abstractState(model);
  const hubDiff = stateDifference(expected, after.hubState, ["epoch", "users", "blocked", "pending"]);
  if (hubDiff !== undefined) return { check: "state", message: `hub ${hubDiff}` };
  const holders = after.clients.map((c) => c.client).join(",");
  const members = memberClients(model).join(",");
  if (holders !== members) return { check: "state", message: `clients holding the room: model [${members}], implementation [${holders}]` };
  for (const c of after.clients) {
    const diff = stateDifference(expected, { ...expected, epoch: c.epoch, users: c.users }, ["epoch", "users"]);
    if (diff !== undefined) return { check: "state", message: `${c.client} ${diff}` };
  }
  return undefined;
}
