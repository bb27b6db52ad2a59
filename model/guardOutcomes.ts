import type { ModelVariants } from "./config.js";
import { RULE_IDS, type RuleId } from "./rules.js";
import type { Verdict } from "./verdict.js";

/**
 * Coverage vocabulary: a rule's guard either held ("accepted") or refused the event ("refused").
 * A verdict yields one outcome per rule it evaluated, so a run can count rule × outcome pairs and list
 * the pairs it never hit.
 */
export type GuardOutcomeKind = "accepted" | "refused";

export interface GuardOutcome {
  readonly rule: RuleId;
  readonly outcome: GuardOutcomeKind;
}

export function guardOutcomeKey(outcome: GuardOutcome): string {
  return `${outcome.rule}:${outcome.outcome}`;
}

/** The rule × outcome pairs one verdict exercised. */
export function guardOutcomesOf(verdict: Verdict): GuardOutcome[] {
  const outcomes: GuardOutcome[] = verdict.passed.map((rule) => ({ rule, outcome: "accepted" }));
  if (!verdict.accepted) outcomes.push({ rule: verdict.rule, outcome: "refused" });
  else if (!verdict.passed.includes(verdict.rule)) outcomes.push({ rule: verdict.rule, outcome: "accepted" });
  return outcomes;
}

/** Pairs that cannot occur: R17 never refuses (a decision, rules.md R17); R11 refuses only in must-include. */
function possible(rule: RuleId, outcome: GuardOutcomeKind, variants?: ModelVariants): boolean {
  if (outcome === "accepted") return true;
  if (rule === "R17") return false;
  if (rule === "R11" && variants?.pendingProposals === "may-omit") return false;
  return true;
}

/**
 * Every rule × outcome pair that can exist (for the given variants, or for any variant if omitted),
 * in rule order, accepted before refused.
 */
export function allGuardOutcomes(variants?: ModelVariants): GuardOutcome[] {
  const all: GuardOutcome[] = [];
  for (const rule of RULE_IDS)
    for (const outcome of ["accepted", "refused"] as const) if (possible(rule, outcome, variants)) all.push({ rule, outcome });
  return all;
}
