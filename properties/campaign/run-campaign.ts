// The main job: explore the model alone in each role set and variant, then run the model-versus-
// implementation property in each, and summarise everything in one table: per row the commands accepted,
// refused and skipped, the coverage, and a verdict. A row holds only if it found nothing wrong and was not
// vacuous (vacuity.ts). Returns whether every row held.
import type { CompromisedParty } from "../adversaries/attack-class.js";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import type { ProviderKind } from "../../impl/mls/crypto/suite.js";
import { allGuardOutcomes, describeEvent, guardOutcomeKey, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import { exploreModel } from "../explore/exploreModel.js";
import { IMPLEMENTATION_INVARIANTS } from "../invariants/implementation-invariants.js";
import type { Command } from "../commands/command.js";
import { formatFailure, formatTrace } from "../report/format-failure.js";
import { sequenceChart } from "../report/sequence-chart.js";
import { replayCommand } from "../report/replay-command.js";
import { formatTable } from "../report/format-table.js";
import { NO_INTERNAL_ERROR } from "../runner/no-internal-error.js";
import { variantName } from "../report/variant-name.js";
import type { RoleSetName } from "../runner/implementation-under-test.js";
import { DEFAULT_SETUP, type RunSetup } from "../runner/run-setup.js";
import { checkRoomProperty } from "./check-room-property.js";
import { vacuityOf, type RowEvidence } from "./vacuity.js";

export interface CampaignOptions {
  readonly variants: readonly ModelVariants[];
  /** Every role set to run, each in every variant. */
  readonly roleSets: readonly RoleSetName[];
  readonly provider: ProviderKind;
  readonly seed: number;
  readonly runs: number;
  readonly maxCommands: number;
  /** Users in the property runs' world (2 devices each). */
  readonly users: number;
  /** Exploration depth; 0 skips exploration. */
  readonly depth: number;
  readonly hubFaults: HubFaults;
  /** Honest clients' checks switched off, or client defects planted (impl/client/client-faults.ts). */
  readonly clientFaults: ClientFaults;
  readonly compareWithModel: boolean;
  /** Parties an adversary may compromise (properties/adversaries); none when absent. */
  readonly adversaries?: readonly CompromisedParty[];
  /** Only these attack classes are generated (all when absent). */
  readonly attackClasses?: readonly string[];
  /** Honest operations the model refuses are left out (planted-defect runs aimed at attacks). */
  readonly skipRefusedOperations?: boolean;
  /** Invariant ids to check (all when empty); P0 is checked whatever the selection. */
  readonly invariants: readonly string[];
  readonly path?: string;
  readonly replayPath?: string;
}

/** What a failure ran on, by name: enough to rebuild its RunSetup (report/emit-test.ts). */
export interface FailureSetup {
  readonly roleSet: RoleSetName;
  readonly variants: ModelVariants;
  readonly provider: ProviderKind;
  readonly hubFaults: readonly string[];
  readonly clientFaults: readonly string[];
  readonly compareWithModel: boolean;
  /** The invariants checked, by id (P0 is checked whatever the selection). */
  readonly invariants: readonly string[];
  readonly users: number;
  /** The parties an adversary could compromise, and the attack classes generated (all when absent). */
  readonly adversaries: readonly CompromisedParty[];
  readonly attackClasses?: readonly string[];
  readonly skipRefusedOperations?: boolean;
}

/** A failure as data, for --json and the reports: what the printed report says. */
export interface CampaignFailure {
  readonly roleSet: RoleSetName;
  readonly variant: string;
  readonly check: string;
  readonly step: number;
  readonly message: string;
  readonly steps: readonly string[];
  readonly seed: number;
  readonly path: string;
  readonly replayPath: string | undefined;
  readonly replay: string;
  /** The shrunk run as a Mermaid sequence chart (report/sequence-chart.ts), one line per entry. */
  readonly chart: readonly string[];
  /** The shrunk run's commands: with `setup`, `runTrace` replays it without fast-check. */
  readonly commands: readonly Command[];
  readonly setup: FailureSetup;
}

export interface CampaignRow {
  readonly check: string;
  /** What produced the row: the model's exploration, or the property on the implementation. */
  readonly kind: "explore" | "property";
  readonly roleSet: RoleSetName;
  readonly variant: string;
  readonly runs: string;
  /** Generated commands (for exploration: (state, event) pairs evaluated), = accepted + refused + skipped. */
  readonly commands: string;
  readonly accepted: string;
  readonly refused: string;
  readonly skipped: string;
  /** Attacks by compromised parties among the commands: "refused/run, classes" ("—" for exploration). */
  readonly attacks: string;
  /** Attacks run, by "<class id> <accepted|refused>" (property rows). */
  readonly attacksByClass?: Readonly<Record<string, number>>;
  readonly coverage: string;
  readonly seconds: string;
  /** "holds", "FAILS", "FAILS (n)" or "VACUOUS". */
  readonly verdict: string;
  /** Why the row is vacuous, when it is. */
  readonly vacuous?: string;
  /** The rule × outcome pairs of the model exercised, and those never hit. */
  readonly rulesHit: readonly string[];
  readonly rulesNeverHit: readonly string[];
  /** The participant-machine transitions ("from → to") exercised, and those never hit (property rows). */
  readonly transitionsHit?: readonly string[];
  readonly transitionsNeverHit?: readonly string[];
  /** Steps on which each checked invariant had something to judge (property rows). */
  readonly invariantPremises?: Readonly<Record<string, number>>;
  /** Of the skipped commands, those the implementation's room (left behind by a faulty hub) could not run. */
  readonly diverged?: number;
}

/** The table's columns: header, and whether right-aligned. */
const COLUMNS: readonly [keyof CampaignRow & string, boolean][] = [
  ["check", false], ["runs", true], ["commands", true], ["accepted", true], ["refused", true], ["skipped", true],
  ["attacks", true], ["coverage", false], ["seconds", true], ["verdict", false],
];

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

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export async function runCampaign(
  options: CampaignOptions,
  print: (line: string) => void,
): Promise<{ rows: CampaignRow[]; failures: CampaignFailure[]; holds: boolean }> {
  const rows: CampaignRow[] = [];
  const failures: CampaignFailure[] = [];
  const details: string[] = [];
  let holds = true;
  const configOf = (roleSet: RoleSetName, v: ModelVariants) => (roleSet === "restricted" ? restrictedConfig(v) : cooperativeConfig(v));
  /** The verdict a row gets: a failure first, else vacuity, else "holds". */
  const judge = (check: string, failed: string | undefined, evidence: RowEvidence) => {
    const vacuous = failed === undefined ? vacuityOf(evidence) : undefined;
    if (vacuous !== undefined) details.push(`${check}: VACUOUS — ${vacuous}`);
    holds &&= failed === undefined && vacuous === undefined;
    return { verdict: failed ?? (vacuous !== undefined ? "VACUOUS" : "holds"), ...(vacuous !== undefined ? { vacuous } : {}) };
  };

  if (options.depth > 0) {
    print(`Exploring the model (${options.roleSets.join(" and ")} role set${options.roleSets.length > 1 ? "s" : ""}, 3 users × 2 clients, depth ${options.depth}) …`);
    for (const roleSet of options.roleSets) {
      for (const variants of options.variants) {
        const report = exploreModel({ config: configOf(roleSet, variants), depth: options.depth });
        const check = `explore ${roleSet} ${variantName(variants)}`;
        const possible = allGuardOutcomes(variants).map(guardOutcomeKey);
        const never = new Set(report.neverHit.map(guardOutcomeKey));
        const rulesHit = possible.filter((k) => !never.has(k));
        const refused = report.transitions - report.acceptedTransitions;
        const failed = report.violations.length === 0 ? undefined : `FAILS (${report.violations.length})`;
        rows.push({
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
          ...judge(check, failed, {
            runs: 1, accepted: report.acceptedTransitions, refused, skipped: 0, rulesHit: rulesHit.length, modelJudges: true,
            askedInvariants: [], checkedInvariants: [], premises: new Map(),
          }),
          rulesHit,
          rulesNeverHit: [...never],
        });
        for (const v of report.violations) details.push(`${check}: ${v.invariant} violated; shortest path: ${v.path.map(describeEvent).join(" → ")}`);
        // Under roomEnd "stuck" (the runner's reading) a stuck room is that reading's consequence, not a failure.
        const stuck = report.liveness.shortest;
        if (stuck && !report.liveness.required)
          details.push(`${check}: finding — liveness fails under roomEnd=stuck (${report.liveness.stuckStates} stuck states; ${stuck.users.join(", ")} can never leave): ${stuck.path.map(describeEvent).join(" → ")}`);
      }
    }
  }

  const invariants = options.invariants.length === 0 ? IMPLEMENTATION_INVARIANTS : IMPLEMENTATION_INVARIANTS.filter((i) => options.invariants.includes(i.id));
  print(
    `Running ${options.compareWithModel ? "model versus implementation" : "the implementation's invariants"} (${options.roleSets.join(" and ")} role set${options.roleSets.length > 1 ? "s" : ""}, ${options.users} users × 2 clients, ${options.provider} provider, seed ${options.seed}, ${options.runs} runs × ≤ ${options.maxCommands} commands per row${Object.keys(options.hubFaults).length ? `, hub faults ${Object.keys(options.hubFaults).join(", ")}` : ""}${Object.keys(options.clientFaults).length ? `, client faults ${Object.keys(options.clientFaults).join(", ")}` : ""}) …`,
  );
  for (const roleSet of options.roleSets) for (const variants of options.variants) {
    const setup: RunSetup = {
      ...DEFAULT_SETUP, roleSet, variants, provider: options.provider, hubFaults: options.hubFaults, clientFaults: options.clientFaults,
      compareWithModel: options.compareWithModel, invariants, users: options.users, adversaries: new Set(options.adversaries ?? []),
      ...(options.attackClasses !== undefined ? { attackClasses: options.attackClasses } : {}),
      ...(options.skipRefusedOperations === true ? { skipRefusedOperations: true } : {}),
    };
    const started = performance.now();
    const result = await checkRoomProperty({
      setup,
      seed: options.seed,
      runs: options.runs,
      maxCommands: options.maxCommands,
      ...(options.path !== undefined ? { path: options.path } : {}),
      ...(options.replayPath !== undefined ? { replayPath: options.replayPath } : {}),
    });
    const { coverage } = result;
    const cover = coverage.summary(variants);
    const ok = result.failure === undefined && result.error === undefined;
    const check = `${options.compareWithModel ? "model vs impl" : "invariants"} ${roleSet} ${variantName(variants)}`;
    const checked = [NO_INTERNAL_ERROR.id, ...invariants.map((i) => i.id)];
    rows.push({
      check,
      kind: "property",
      roleSet,
      variant: variantName(variants),
      runs: String(result.runs),
      commands: String(coverage.accepted + coverage.refused + coverage.skipped),
      accepted: String(coverage.accepted),
      refused: String(coverage.refused),
      skipped: coverage.diverged > 0 ? `${coverage.skipped} (${coverage.diverged} diverged)` : String(coverage.skipped),
      attacks: attackSummary(coverage.attacks),
      attacksByClass: Object.fromEntries([...coverage.attacks].sort(([a], [b]) => a.localeCompare(b))),
      coverage: `transitions ${cover.transitions[0]}/${cover.transitions[1]}, rules ${cover.guardOutcomes[0]}/${cover.guardOutcomes[1]}`,
      seconds: seconds(started),
      ...judge(check, ok ? undefined : "FAILS", {
        runs: result.runs, accepted: coverage.accepted, refused: coverage.refused, skipped: coverage.skipped, rulesHit: coverage.guardOutcomes.size,
        modelJudges: options.compareWithModel, askedInvariants: options.invariants, checkedInvariants: checked, premises: coverage.invariantPremises,
      }),
      rulesHit: coverage.hitGuardOutcomes(),
      rulesNeverHit: coverage.missingGuardOutcomes(variants),
      transitionsHit: [...coverage.transitions.keys()].sort(),
      transitionsNeverHit: coverage.missingTransitions(),
      invariantPremises: Object.fromEntries(checked.map((id) => [id, coverage.invariantPremises.get(id) ?? 0])),
      diverged: coverage.diverged,
    });
    if (coverage.diverged > 0)
      details.push(`${check}: ${coverage.diverged} command${coverage.diverged === 1 ? "" : "s"} skipped because the implementation's room, left behind by the hub's faults, could not run what the model resolved`);
    if (!ok) details.push(...formatFailure(result));
    if (result.failure !== undefined) {
      const { trace, path, replayPath, commands } = result.failure;
      failures.push({
        roleSet,
        variant: variantName(variants),
        ...trace.failure!,
        steps: formatTrace(trace),
        seed: options.seed,
        path,
        replayPath,
        replay: replayCommand(result.options, path, replayPath),
        chart: sequenceChart(trace),
        commands,
        setup: {
          roleSet, variants, provider: options.provider,
          hubFaults: Object.keys(options.hubFaults).filter((f) => options.hubFaults[f as keyof HubFaults]),
          clientFaults: Object.keys(options.clientFaults).filter((f) => options.clientFaults[f as keyof ClientFaults]),
          compareWithModel: options.compareWithModel, invariants: invariants.map((i) => i.id), users: options.users,
          adversaries: [...(options.adversaries ?? [])],
          ...(options.attackClasses !== undefined ? { attackClasses: options.attackClasses } : {}),
          ...(options.skipRefusedOperations === true ? { skipRefusedOperations: true } : {}),
        },
      });
    }
    const neverRules = result.coverage.missingGuardOutcomes(variants);
    const neverTransitions = result.coverage.missingTransitions();
    if (ok && neverRules.length + neverTransitions.length > 0)
      details.push(`never hit in ${roleSet} ${variantName(variants)}: rules ${neverRules.join(" ") || "—"}; transitions ${neverTransitions.join(", ") || "—"}`);
  }

  print("");
  for (const line of formatTable(COLUMNS.map(([c]) => c), rows.map((r) => COLUMNS.map(([c]) => String(r[c]))), COLUMNS.map(([, right]) => right)))
    print(line);
  print("");
  print(`invariants checked after every step: ${[NO_INTERNAL_ERROR, ...invariants].map((i) => `${i.id} ${i.name}`).join("; ")}`);
  for (const line of details) print(line);
  return { rows, failures, holds };
}
