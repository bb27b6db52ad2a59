// Puts a campaign's unit results (run-unit.ts) back together into its summary: one row per exploration
// and per property row, the failures, the lines printed below the table, and whether everything held.
// A property row's slices are taken in run order up to the first that failed, as one fast-check check
// stops at its first failure and shrinks it; slices after it (run by other workers or shards) are
// dropped. The same code assembles a serial run, a run on worker threads, and a merge of shard reports,
// which is why all three give the same summary.
import { NO_INTERNAL_ERROR } from "../runner/no-internal-error.js";
import { RunCoverage } from "../coverage/run-coverage.js";
import { formatTable } from "../report/format-table.js";
import { variantName } from "../report/variant-name.js";
import { campaignUnits, rowKey, type PropertyUnit, type Shard } from "./campaign-units.js";
import { addCoverage, invariantsOf, type ExploreResult, type PropertyResultData, type UnitResult } from "./run-unit.js";
import type { CampaignFailure, CampaignOptions, CampaignRow } from "./run-campaign.js";
import { vacuityOf } from "./vacuity.js";

/** The table's columns: header, and whether right-aligned. */
const COLUMNS: readonly [keyof CampaignRow & string, boolean][] = [
  ["check", false], ["runs", true], ["commands", true], ["accepted", true], ["refused", true], ["skipped", true],
  ["attacks", true], ["coverage", false], ["seconds", true], ["verdict", false],
];

export interface AssembledCampaign {
  readonly rows: CampaignRow[];
  readonly failures: CampaignFailure[];
  readonly holds: boolean;
  /** Lines printed below the table: vacuity, findings, failures, what was never hit. */
  readonly details: string[];
}

/** Thrown when the results do not make up the campaign (a slice missing or given twice). */
export class IncompleteCampaign extends Error {}

/** "refused/run, N classes": every attack should be refused; a row whose hub accepted one has failed already. */
function attackSummary(attacks: ReadonlyMap<string, number>): string {
  let run = 0;
  let refused = 0;
  const classes = new Set<string>();
  for (const [key, n] of attacks) {
    const [id, fate] = key.split(" ");
    run += n;
    if (fate === "refused") refused += n;
    classes.add(id!);
  }
  return run === 0 ? "0" : `${refused}/${run}, ${classes.size} classes`;
}

/** The network's faults a row took, by class, and how long each outage took to converge (properties/network). */
function networkSummary(coverage: RunCoverage): string {
  const faults = [...coverage.networkFaults].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => `${id}×${n}`).join(" ");
  const c = coverage.convergence;
  const converged = c.length === 0 ? "no outage ended with a follower's members in the room" : `${c.length} outage(s) ended with a follower's members in the room; every reachable member agreed with the hub again ${Math.max(...c) === 0 ? "in the command that brought its follower back" : `within ${Math.max(...c)} command(s)`}`;
  return `network faults taken ${faults}; ${converged}`;
}

/** The slices that make up runs [from, to) of a row: contiguous from `from` up to the first failure, or to `to`. */
function slicesInOrder(key: string, [from, to]: readonly [number, number], slices: readonly PropertyResultData[]): PropertyResultData[] {
  const sorted = [...slices].sort((a, b) => a.unit.firstRun - b.unit.firstRun);
  const used: PropertyResultData[] = [];
  let next = from;
  for (const s of sorted) {
    if (s.unit.firstRun > next) break;
    if (s.unit.firstRun < next) throw new IncompleteCampaign(`${key}: runs ${s.unit.firstRun}–${s.unit.firstRun + s.unit.runs - 1} given twice`);
    used.push(s);
    next = s.unit.firstRun + s.unit.runs;
    if (s.failure !== undefined || s.error !== undefined) return used;
  }
  if (next < to) throw new IncompleteCampaign(`${key}: runs ${next}–${to - 1} missing`);
  return used;
}

/** The summary of a campaign, or of one shard of it, from its units' results in any order. */
export function assembleCampaign(options: CampaignOptions, results: readonly UnitResult[], shard: Shard = { index: 1, count: 1 }): AssembledCampaign {
  const rows: CampaignRow[] = [];
  const failures: CampaignFailure[] = [];
  const details: string[] = [];
  const byRow = new Map<string, UnitResult[]>();
  for (const r of results) byRow.set(rowKey(r.unit), [...(byRow.get(rowKey(r.unit)) ?? []), r]);
  const invariants = invariantsOf(options);
  const checked = [NO_INTERNAL_ERROR.id, ...invariants.map((i) => i.id)];

  for (const unit of campaignUnits(options, shard)) {
    const key = rowKey(unit);
    const mine = byRow.get(key) ?? [];
    if (unit.kind === "explore") {
      if (mine.length !== 1) throw new IncompleteCampaign(`${key}: ${mine.length === 0 ? "missing" : "given twice"}`);
      const explored = mine[0] as ExploreResult;
      rows.push(explored.row);
      details.push(...explored.details);
      continue;
    }
    const { firstRun, runs } = unit as PropertyUnit;
    const slices = slicesInOrder(key, [firstRun, firstRun + runs], mine as PropertyResultData[]);
    const coverage = new RunCoverage();
    for (const s of slices) addCoverage(coverage, s.coverage);
    const last = slices[slices.length - 1]!;
    const { roleSet, variants } = unit as PropertyUnit;
    const cover = coverage.summary(variants);
    const ok = last.failure === undefined && last.error === undefined;
    const check = `${options.compareWithModel ? "model vs impl" : "invariants"} ${roleSet} ${variantName(variants)}`;
    const vacuous = ok
      ? vacuityOf({
          runs: coverage.runs, accepted: coverage.accepted, refused: coverage.refused, skipped: coverage.skipped, rulesHit: coverage.guardOutcomes.size,
          modelJudges: options.compareWithModel, askedInvariants: options.invariants, checkedInvariants: checked, premises: coverage.invariantPremises,
        })
      : undefined;
    if (vacuous !== undefined) details.push(`${check}: VACUOUS — ${vacuous}`);
    rows.push({
      check,
      kind: "property",
      roleSet,
      variant: variantName(variants),
      runs: String(coverage.runs),
      commands: String(coverage.accepted + coverage.refused + coverage.skipped),
      accepted: String(coverage.accepted),
      refused: String(coverage.refused),
      skipped: coverage.diverged > 0 ? `${coverage.skipped} (${coverage.diverged} diverged)` : String(coverage.skipped),
      attacks: attackSummary(coverage.attacks),
      attacksByClass: Object.fromEntries([...coverage.attacks].sort(([a], [b]) => a.localeCompare(b))),
      coverage: `transitions ${cover.transitions[0]}/${cover.transitions[1]}, rules ${cover.guardOutcomes[0]}/${cover.guardOutcomes[1]}`,
      // The work's own time: the sum over its slices, wherever they ran.
      seconds: slices.reduce((t, s) => t + s.seconds, 0).toFixed(1),
      verdict: !ok ? "FAILS" : vacuous !== undefined ? "VACUOUS" : "holds",
      ...(vacuous !== undefined ? { vacuous } : {}),
      rulesHit: coverage.hitGuardOutcomes(),
      rulesNeverHit: coverage.missingGuardOutcomes(variants),
      transitionsHit: [...coverage.transitions.keys()].sort(),
      transitionsNeverHit: coverage.missingTransitions(),
      invariantPremises: Object.fromEntries(checked.map((id) => [id, coverage.invariantPremises.get(id) ?? 0])),
      diverged: coverage.diverged,
    });
    if (coverage.networkFaults.size > 0) details.push(`${check}: ${networkSummary(coverage)}`);
    if (coverage.diverged > 0)
      details.push(`${check}: ${coverage.diverged} command${coverage.diverged === 1 ? "" : "s"} skipped because the implementation's room, left behind by the hub's faults, could not run what the model resolved`);
    if (!ok) details.push(...(last.failureLines ?? []));
    if (last.failure !== undefined) failures.push(last.failure);
    const neverRules = coverage.missingGuardOutcomes(variants);
    const neverTransitions = coverage.missingTransitions();
    if (ok && neverRules.length + neverTransitions.length > 0)
      details.push(`never hit in ${roleSet} ${variantName(variants)}: rules ${neverRules.join(" ") || "—"}; transitions ${neverTransitions.join(", ") || "—"}`);
  }
  return { rows, failures, details, holds: rows.every((r) => r.verdict === "holds") };
}

/** One line of totals over the rows. */
export function totalsLine(rows: readonly CampaignRow[]): string {
  const sum = (f: (r: CampaignRow) => string, kind: CampaignRow["kind"]) => rows.filter((r) => r.kind === kind).reduce((n, r) => n + (Number.parseInt(f(r), 10) || 0), 0);
  const count = (verdict: (v: string) => boolean) => rows.filter((r) => verdict(r.verdict)).length;
  const attacks = rows.flatMap((r) => Object.entries(r.attacksByClass ?? {}));
  const run = attacks.reduce((n, [, k]) => n + k, 0);
  const refused = attacks.filter(([key]) => key.endsWith(" refused")).reduce((n, [, k]) => n + k, 0);
  return [
    `totals: ${rows.length} rows (${count((v) => v === "holds")} hold, ${count((v) => v.startsWith("FAILS"))} fail, ${count((v) => v === "VACUOUS")} vacuous);`,
    `property runs ${sum((r) => r.runs, "property")}, commands ${sum((r) => r.commands, "property")}`,
    `(accepted ${sum((r) => r.accepted, "property")}, refused ${sum((r) => r.refused, "property")}, skipped ${sum((r) => r.skipped, "property")}),`,
    `attacks refused ${refused}/${run}; explored pairs ${sum((r) => r.commands, "explore")}`,
  ].join(" ");
}

/** Prints the summary as the main job does: the table, totals, the invariants checked, then the details. */
export function printCampaign(options: CampaignOptions, campaign: AssembledCampaign, print: (line: string) => void): void {
  print("");
  const { rows } = campaign;
  for (const line of formatTable(COLUMNS.map(([c]) => c), rows.map((r) => COLUMNS.map(([c]) => String(r[c]))), COLUMNS.map(([, right]) => right)))
    print(line);
  print(totalsLine(rows));
  print("");
  print(`invariants checked after every step: ${[NO_INTERNAL_ERROR, ...invariantsOf(options)].map((i) => `${i.id} ${i.name}`).join("; ")}`);
  for (const line of campaign.details) print(line);
}
