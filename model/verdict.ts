import type { RuleId } from "./rules.js";

/** The drafts' UpdateResponseCode / SubmitResponseCode names used by this model. */
export type RefusalCode = "wrongEpoch" | "notAllowed" | "invalidProposal" | "epochTooOld";

/**
 * The hub's answer to one event.
 * - `rule`: the rule that decided (for a refusal the guard that failed; for an acceptance the
 *   operation's own rule, e.g. R3 for addParticipant, R15 for a plain self-update commit).
 * - `passed`: every rule guard that was evaluated and held before the decision, in evaluation order
 *   (for an acceptance it ends with the deciding rule's siblings such as R13 and R16).
 * - `reason`: a short machine-readable name of the failed check (e.g. "lastAdminCannotLeave" style).
 */
export type Verdict = AcceptedVerdict | RefusedVerdict;

export interface AcceptedVerdict {
  readonly accepted: true;
  readonly rule: RuleId;
  readonly passed: readonly RuleId[];
}

export interface RefusedVerdict {
  readonly accepted: false;
  readonly code: RefusalCode;
  readonly rule: RuleId;
  readonly reason: string;
  readonly passed: readonly RuleId[];
  /** For wrongEpoch and epochTooOld: the hub's current epoch (as the drafts' responses carry it). */
  readonly currentEpoch?: number;
}

export function describeVerdict(verdict: Verdict): string {
  return verdict.accepted
    ? `accepted (${verdict.rule})`
    : `refused ${verdict.code} (${verdict.rule}: ${verdict.reason})`;
}
