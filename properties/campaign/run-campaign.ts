// The main job: explore the model alone in each variant, then run the model-versus-implementation
// property in each variant, and summarise everything in one table. Returns whether every check held.
import type { HubFaults } from "../../impl/hub/hub-config.js";
import type { ProviderKind } from "../../impl/mls/crypto/suite.js";
import { allGuardOutcomes, describeEvent, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import { exploreModel } from "../explore/exploreModel.js";
import { IMPLEMENTATION_INVARIANTS } from "../invariants/implementation-invariants.js";
import { formatFailure, formatTrace } from "../report/format-failure.js";
import { replayCommand } from "../report/replay-command.js";
import { formatTable } from "../report/format-table.js";
import { variantName } from "../report/variant-name.js";
import type { RoleSetName } from "../runner/implementation-under-test.js";
import { DEFAULT_SETUP, type RunSetup } from "../runner/run-setup.js";
import { checkRoomProperty } from "./check-room-property.js";

export interface CampaignOptions {
  readonly variants: readonly ModelVariants[];
  readonly roleSet: RoleSetName;
  readonly provider: ProviderKind;
  readonly seed: number;
  readonly runs: number;
  readonly maxCommands: number;
  /** Users in the property runs' world (2 devices each). */
  readonly users: number;
  /** Exploration depth; 0 skips exploration. */
  readonly depth: number;
  readonly hubFaults: HubFaults;
  readonly compareWithModel: boolean;
  /** Invariant ids to check (all when empty). */
  readonly invariants: readonly string[];
  readonly path?: string;
  readonly replayPath?: string;
}

/** A failure as data, for --json: what the printed report says. */
export interface CampaignFailure {
  readonly variant: string;
  readonly check: string;
  readonly step: number;
  readonly message: string;
  readonly steps: readonly string[];
  readonly seed: number;
  readonly path: string;
  readonly replayPath: string | undefined;
  readonly replay: string;
}

export interface CampaignRow {
  readonly check: string;
  readonly runs: string;
  readonly commands: string;
  readonly coverage: string;
  readonly seconds: string;
  readonly verdict: string;
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
  const configOf = (v: ModelVariants) => (options.roleSet === "restricted" ? restrictedConfig(v) : cooperativeConfig(v));

  if (options.depth > 0) {
    print(`Exploring the model (${options.roleSet} role set, 3 users × 2 clients, depth ${options.depth}) …`);
    for (const variants of options.variants) {
      const report = exploreModel({ config: configOf(variants), depth: options.depth });
      const possible = allGuardOutcomes(variants).length;
      rows.push({
        check: `explore ${variantName(variants)}`,
        runs: "1",
        commands: String(report.transitions),
        coverage: `${report.states} states, rules ${possible - report.neverHit.length}/${possible}`,
        seconds: (report.durationMs / 1000).toFixed(1),
        verdict: report.violations.length === 0 ? "holds" : `FAILS (${report.violations.length})`,
      });
      for (const v of report.violations)
        details.push(`explore ${variantName(variants)}: ${v.invariant} violated; shortest path: ${v.path.map(describeEvent).join(" → ")}`);
      holds &&= report.violations.length === 0;
    }
  }

  const invariants = options.invariants.length === 0 ? IMPLEMENTATION_INVARIANTS : IMPLEMENTATION_INVARIANTS.filter((i) => options.invariants.includes(i.id));
  print(
    `Running model versus implementation (${options.roleSet} role set, ${options.users} users × 2 clients, ${options.provider} provider, seed ${options.seed}, ${options.runs} runs × ≤ ${options.maxCommands} commands per variant${Object.keys(options.hubFaults).length ? `, hub faults ${Object.keys(options.hubFaults).join(", ")}` : ""}) …`,
  );
  for (const variants of options.variants) {
    const setup: RunSetup = {
      ...DEFAULT_SETUP, roleSet: options.roleSet, variants, provider: options.provider, hubFaults: options.hubFaults,
      compareWithModel: options.compareWithModel, invariants, users: options.users,
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
    const cover = result.coverage.summary(variants);
    const ok = result.failure === undefined && result.error === undefined;
    rows.push({
      check: `${options.compareWithModel ? "model vs impl" : "invariants"} ${variantName(variants)}`,
      runs: String(result.runs),
      commands: String(result.coverage.commands),
      coverage: `transitions ${cover.transitions[0]}/${cover.transitions[1]}, rules ${cover.guardOutcomes[0]}/${cover.guardOutcomes[1]}`,
      seconds: seconds(started),
      verdict: ok ? "holds" : "FAILS",
    });
    if (!ok) details.push(...formatFailure(result));
    if (result.failure !== undefined) {
      const { trace, path, replayPath } = result.failure;
      failures.push({
        variant: variantName(variants),
        ...trace.failure!,
        steps: formatTrace(trace),
        seed: options.seed,
        path,
        replayPath,
        replay: replayCommand(result.options, path, replayPath),
      });
    }
    const neverRules = result.coverage.missingGuardOutcomes(variants);
    const neverTransitions = result.coverage.missingTransitions();
    if (ok && neverRules.length + neverTransitions.length > 0)
      details.push(`never hit in ${variantName(variants)}: rules ${neverRules.join(" ") || "—"}; transitions ${neverTransitions.join(", ") || "—"}`);
    holds &&= ok;
  }

  print("");
  for (const line of formatTable(["check", "runs", "commands", "coverage", "seconds", "verdict"], rows.map((r) => [r.check, r.runs, r.commands, r.coverage, r.seconds, r.verdict]), [false, true, true, false, true, false]))
    print(line);
  print("");
  print(`invariants checked after every step: ${invariants.map((i) => `${i.id} ${i.name}`).join("; ")}`);
  for (const line of details) print(line);
  return { rows, failures, holds };
}
