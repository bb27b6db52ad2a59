// Runs one unit of a campaign (campaign-units.ts) and returns its result as plain data, so that it can
// cross a worker thread's boundary or sit in a `--json` report and be merged later: an exploration row
// as it will be printed, or a property slice's coverage and, when it failed, the failure as the report
// shows it.
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { NetworkDutyFaults } from "../../impl/provider/follower-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { allGuardOutcomes, describeEvent, guardOutcomeKey, type ModelVariants } from "../../model/index.js";
import { MODEL_ROLE_SETS } from "../../model/fixtures/index.js";
import { RunCoverage } from "../coverage/run-coverage.js";
import { exploreModel } from "../explore/exploreModel.js";
import { IMPLEMENTATION_INVARIANTS } from "../invariants/implementation-invariants.js";
import { formatFailure, formatTrace } from "../report/format-failure.js";
import { replayCommand } from "../report/replay-command.js";
import { sequenceChart } from "../report/sequence-chart.js";
import { variantName } from "../report/variant-name.js";
import type { RoleSetName } from "../runner/implementation-under-test.js";
import { DEFAULT_SETUP, type RunSetup } from "../runner/run-setup.js";
import type { CampaignUnit, ExploreUnit, PropertyUnit } from "./campaign-units.js";
import { checkRoomProperty } from "./check-room-property.js";
import type { CampaignFailure, CampaignOptions, CampaignRow } from "./run-campaign.js";
import { vacuityOf } from "./vacuity.js";

/** An exploration row, judged, and the lines it adds below the table. */
export interface ExploreResult {
  readonly unit: ExploreUnit;
  readonly row: CampaignRow;
  readonly details: readonly string[];
}

/** RunCoverage as plain data. */
export interface CoverageData {
  readonly guardOutcomes: readonly [string, number][];
  readonly transitions: readonly [string, number][];
  readonly refusals: readonly [string, number][];
  readonly acceptances?: readonly [string, number][];
  readonly attacks: readonly [string, number][];
  readonly invariantPremises: readonly [string, number][];
  /** Network faults taken by class, and the commands each outage took to converge (properties/network). */
  readonly networkFaults?: readonly [string, number][];
  readonly convergence?: readonly number[];
  readonly commands: number;
  readonly runs: number;
  readonly accepted: number;
  readonly refused: number;
  readonly skipped: number;
  readonly diverged: number;
}

/** A property slice: what its runs covered and, if one failed, the shrunk failure (its later runs were not run). */
export interface PropertyResultData {
  readonly unit: PropertyUnit;
  readonly coverage: CoverageData;
  readonly seconds: number;
  /** The failure as data, and as the terminal prints it. */
  readonly failure?: CampaignFailure;
  /** Printed below the table when the slice failed or hit an error outside a trace. */
  readonly failureLines?: readonly string[];
  readonly error?: string;
}

export type UnitResult = ExploreResult | PropertyResultData;

export function coverageData(c: RunCoverage): CoverageData {
  return {
    guardOutcomes: [...c.guardOutcomes], transitions: [...c.transitions], refusals: [...c.refusals], acceptances: [...c.acceptances], attacks: [...c.attacks],
    invariantPremises: [...c.invariantPremises], networkFaults: [...c.networkFaults], convergence: [...c.convergence], commands: c.commands, runs: c.runs, accepted: c.accepted, refused: c.refused,
    skipped: c.skipped, diverged: c.diverged,
  };
}

/** Adds plain coverage data into a RunCoverage (merging is a sum, so the order of slices does not matter). */
export function addCoverage(into: RunCoverage, data: CoverageData): void {
  const other = new RunCoverage();
  for (const [k, n] of data.guardOutcomes) other.guardOutcomes.set(k, n);
  for (const [k, n] of data.transitions) other.transitions.set(k, n);
  for (const [k, n] of data.refusals) other.refusals.set(k, n);
  for (const [k, n] of data.acceptances ?? []) other.acceptances.set(k, n);
  for (const [k, n] of data.attacks) other.attacks.set(k, n);
  for (const [k, n] of data.invariantPremises) other.invariantPremises.set(k, n);
  for (const [k, n] of data.networkFaults ?? []) other.networkFaults.set(k, n);
  other.convergence.push(...(data.convergence ?? []));
  Object.assign(other, { commands: data.commands, runs: data.runs, accepted: data.accepted, refused: data.refused, skipped: data.skipped, diverged: data.diverged });
  into.merge(other);
}

const configOf = (roleSet: RoleSetName, v: ModelVariants) => {
  if (roleSet === "generated") throw new Error("role set generated has no set to explore (campaign-units.ts leaves it out)");
  // The hub lists its policy enforcer where the set has the role, as in the runs (R18).
  return { ...MODEL_ROLE_SETS[roleSet](v), hubListsEnforcer: true };
};

function runExplore(options: CampaignOptions, unit: ExploreUnit): ExploreResult {
  const { roleSet, variants } = unit;
  const details: string[] = [];
  const report = exploreModel({ config: configOf(roleSet, variants), depth: options.depth });
  const check = `explore ${roleSet} ${variantName(variants)}`;
  const possible = allGuardOutcomes(variants).map(guardOutcomeKey);
  const never = new Set(report.neverHit.map(guardOutcomeKey));
  const rulesHit = possible.filter((k) => !never.has(k));
  const refused = report.transitions - report.acceptedTransitions;
  const failed = report.violations.length === 0 ? undefined : `FAILS (${report.violations.length})`;
  const vacuous = failed === undefined
    ? vacuityOf({
        runs: 1, accepted: report.acceptedTransitions, refused, skipped: 0, rulesHit: rulesHit.length, modelJudges: true,
        askedInvariants: [], checkedInvariants: [], premises: new Map(),
      })
    : undefined;
  if (vacuous !== undefined) details.push(`${check}: VACUOUS — ${vacuous}`);
  for (const v of report.violations) details.push(`${check}: ${v.invariant} violated; shortest path: ${v.path.map(describeEvent).join(" → ")}`);
  // Under roomEnd "stuck" (the runner's reading) a stuck room is that reading's consequence, not a failure.
  const stuck = report.liveness.shortest;
  if (stuck && !report.liveness.required)
    details.push(`${check}: finding — liveness fails under roomEnd=stuck (${report.liveness.stuckStates} stuck states; ${stuck.users.join(", ")} can never leave): ${stuck.path.map(describeEvent).join(" → ")}`);
  const row: CampaignRow = {
    check,
    kind: "explore",
    roleSet,
    variant: variantName(variants),
    runs: "1",
    commands: String(report.transitions),
    accepted: String(report.acceptedTransitions),
    refused: String(refused),
    skipped: "0",
    attacks: "—",
    coverage: `${report.states} states, rules ${rulesHit.length}/${possible.length}`,
    seconds: (report.durationMs / 1000).toFixed(1),
    verdict: failed ?? (vacuous !== undefined ? "VACUOUS" : "holds"),
    ...(vacuous !== undefined ? { vacuous } : {}),
    rulesHit,
    rulesNeverHit: [...never],
  };
  return { unit, row, details };
}

/** The invariants a campaign checks (all when none is named). */
export const invariantsOf = (options: CampaignOptions) =>
  options.invariants.length === 0 ? IMPLEMENTATION_INVARIANTS : IMPLEMENTATION_INVARIANTS.filter((i) => options.invariants.includes(i.id));

async function runProperty(options: CampaignOptions, unit: PropertyUnit): Promise<PropertyResultData> {
  const { roleSet, variants } = unit;
  const setup: RunSetup = {
    ...DEFAULT_SETUP, downloads: 1, roomChanges: true, enforcements: true, roleSet, variants, provider: options.provider, hubFaults: options.hubFaults, clientFaults: options.clientFaults,
    compareWithModel: options.compareWithModel, invariants: invariantsOf(options), users: options.users, adversaries: new Set(options.adversaries ?? []),
    ...(options.attackClasses !== undefined ? { attackClasses: options.attackClasses } : {}),
    ...(options.networkFaultClasses !== undefined ? { networkFaultClasses: options.networkFaultClasses } : {}),
    ...(options.deliveryFaults !== undefined ? { deliveryFaults: options.deliveryFaults } : {}),
    ...(options.skipRefusedOperations === true ? { skipRefusedOperations: true } : {}),
    ...((options.concurrency ?? 1) > 1 ? { concurrency: options.concurrency } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.transport === "https" ? { transport: "https" as const } : {}),
    ...(options.messageTimestampGranularityMs !== undefined ? { messageTimestampGranularityMs: options.messageTimestampGranularityMs } : {}),
    ...(options.basePolicy === "none" ? {} : { basePolicy: "drawn" as const }),
  };
  const started = performance.now();
  // A slice after the first starts at its first run: fast-check's path "i" skips the first i sequences
  // without running them, and a failure's path is then counted from run 0, as in a whole-row check.
  const path = options.path ?? (unit.firstRun > 0 ? String(unit.firstRun) : undefined);
  const result = await checkRoomProperty({
    setup,
    seed: options.seed,
    runs: unit.runs,
    maxCommands: options.maxCommands,
    ...(path !== undefined ? { path } : {}),
    ...(options.replayPath !== undefined ? { replayPath: options.replayPath } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const base = { unit, coverage: coverageData(result.coverage), seconds };
  if (result.failure === undefined) return result.error === undefined ? base : { ...base, error: result.error, failureLines: formatFailure(result) };
  const { trace, path: failurePath, replayPath, commands } = result.failure;
  const failure: CampaignFailure = {
    roleSet,
    variant: variantName(variants),
    ...trace.failure!,
    steps: formatTrace(trace),
    seed: options.seed,
    path: failurePath,
    replayPath,
    replay: replayCommand(result.options, failurePath, replayPath),
    chart: sequenceChart(trace),
    commands,
    setup: {
      roleSet, variants, provider: options.provider,
      hubFaults: Object.keys(options.hubFaults).filter((f) => options.hubFaults[f as keyof HubFaults]),
      clientFaults: Object.keys(options.clientFaults).filter((f) => options.clientFaults[f as keyof ClientFaults]),
      compareWithModel: options.compareWithModel, invariants: setup.invariants.map((i) => i.id), users: options.users,
      adversaries: [...(options.adversaries ?? [])],
      ...(options.attackClasses !== undefined ? { attackClasses: options.attackClasses } : {}),
      ...(options.networkFaultClasses !== undefined ? { networkFaultClasses: options.networkFaultClasses } : {}),
      ...(options.deliveryFaults !== undefined ? { deliveryFaults: Object.keys(options.deliveryFaults).filter((f) => options.deliveryFaults![f as keyof NetworkDutyFaults]) } : {}),
      ...(options.skipRefusedOperations === true ? { skipRefusedOperations: true } : {}),
      ...((options.concurrency ?? 1) > 1 ? { concurrency: options.concurrency } : {}),
      ...(options.credentials === "basic" ? { credentials: "basic" as const } : {}),
      ...(options.transport === "https" ? { transport: "https" as const } : {}),
      ...(result.failure.generatedRoleSet !== undefined ? { generatedRoleSet: result.failure.generatedRoleSet } : {}),
      ...(result.failure.basePolicy !== undefined ? { basePolicy: result.failure.basePolicy } : {}),
    },
  };
  return { ...base, failure, failureLines: formatFailure(result) };
}

/** Runs one unit in this thread. */
export async function runUnit(options: CampaignOptions, unit: CampaignUnit): Promise<UnitResult> {
  return unit.kind === "explore" ? runExplore(options, unit) : runProperty(options, unit);
}
