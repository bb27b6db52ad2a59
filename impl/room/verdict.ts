// How the room brick says no: a response code from the drafts, the rule of docs/rules.md, and why.

/** A rule of docs/rules.md (R1–R17). */
export type RuleId = `R${number}`;

export type RefusalCode = "notAllowed" | "invalidProposal";

export interface Refusal {
  ok: false;
  code: RefusalCode;
  rule: RuleId;
  reason: string;
}

/** A policy decision on one action: only authorisation, so a refusal is always notAllowed. */
export type PolicyVerdict = { ok: true } | (Refusal & { code: "notAllowed" });

export const ALLOWED: { ok: true } = { ok: true };

export function notAllowed(rule: RuleId, reason: string): Refusal & { code: "notAllowed" } {
  return { ok: false, code: "notAllowed", rule, reason };
}

export function invalidProposal(rule: RuleId, reason: string): Refusal & { code: "invalidProposal" } {
  return { ok: false, code: "invalidProposal", rule, reason };
}
