// The model's judgement of an attack it can express: the room does not change, and the hub answers one
// of the codes the draft gives for it. A hub that accepts is reported like any verdict mismatch, saying
// whether the honest clients that received the attack refused it (they saved the room) or took it in.
import type { Model, RefusalCode, RuleId, Verdict } from "../../model/index.js";
import { compareStep, type StepMismatch } from "../runner/compare-step.js";
import type { ImplementationObservation } from "../runner/observe-implementation.js";
import type { StepDecisions } from "../runner/step-decisions.js";
import type { AttackClass, PlannedAttack } from "./attack-class.js";

/** Undefined when the implementation did what the model predicts for the attack. */
export function judgeAttack(
  attack: AttackClass,
  plan: PlannedAttack,
  model: Model,
  code: string,
  decisions: StepDecisions,
  after: ImplementationObservation,
): StepMismatch | undefined {
  if (attack.judged.kind !== "refusal") return undefined;
  const codes = attack.judged.codes;
  if (code !== "accepted" && !codes.includes(code))
    return { check: "verdict", message: `hub answered ${code}, the draft says ${codes.join(" or ")} for ${attack.id} ${attack.name}` };
  // The model's verdict: a refusal by the class's clause, with the hub's own code when it is one the draft
  // allows; the rule is not compared (the model has no rule of its own for an attack).
  const verdict: Verdict = {
    accepted: false,
    code: (code === "accepted" ? codes[0] : code) as RefusalCode,
    rule: attack.id as RuleId,
    reason: `${attack.name} (${attack.clause})`,
    passed: [],
  };
  return compareStep(model, plan.base, verdict, code, decisions, after, false);
}
