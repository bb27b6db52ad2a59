// When a summary row proves nothing. A row "holds" only if it ran something and judged something: at
// least one run, at least one command that reached the implementation (or the model, for exploration),
// at least one rule of the model exercised when the model judges, and every invariant it was asked
// about met its premise (coverage/invariant-premises.ts) on at least one step. Otherwise it is VACUOUS,
// which fails the job like a violation does.
import { INVARIANT_PREMISES, NO_INTERNAL_ERROR_ID } from "../coverage/invariant-premises.js";

/** What a row did, as the judge needs it. */
export interface RowEvidence {
  readonly runs: number;
  /** Commands performed and accepted, performed and refused, and not performed (skipped). */
  readonly accepted: number;
  readonly refused: number;
  readonly skipped: number;
  /** Distinct rule × outcome pairs of the model exercised. */
  readonly rulesHit: number;
  /** Whether the model judged (so its rules are what the row is about). */
  readonly modelJudges: boolean;
  /** Invariant ids the row was asked about by name (`--invariant`); empty: none named. */
  readonly askedInvariants: readonly string[];
  /** Invariants the row checked (P0 aside), when none was named: in an invariants-only row, one of them must have judged something. */
  readonly checkedInvariants: readonly string[];
  /** Steps that met each invariant's premise, by id. */
  readonly premises: ReadonlyMap<string, number>;
}

/** Why the row is vacuous, or undefined when it judged something. */
export function vacuityOf(row: RowEvidence): string | undefined {
  if (row.runs === 0) return "no run";
  if (row.accepted + row.refused === 0)
    return row.skipped === 0 ? "no command executed" : `every command was skipped (${row.skipped})`;
  if (row.modelJudges && row.rulesHit === 0) return "no rule of the model exercised";
  const idle = (id: string) => (row.premises.get(id) ?? 0) === 0;
  const unjudged = row.askedInvariants.filter(idle);
  if (unjudged.length > 0)
    return unjudged.map((id) => `${id} never had anything to judge (it can fail only when ${INVARIANT_PREMISES[id]?.when ?? "a step ran"})`).join("; ");
  if (!row.modelJudges && row.askedInvariants.length === 0) {
    const others = row.checkedInvariants.filter((id) => id !== NO_INTERNAL_ERROR_ID);
    if (others.length > 0 && others.every(idle)) return `none of ${others.join(", ")} had anything to judge`;
  }
  return undefined;
}
