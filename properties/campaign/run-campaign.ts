// The main job: explore the model alone in each role set and variant, then run the model-versus-
// implementation property in each, and summarise everything in one table: per row the commands accepted,
// refused and skipped, the coverage, and a verdict. A row holds only if it found nothing wrong and was not
// vacuous (vacuity.ts). Returns whether every row held. The work is cut into units (campaign-units.ts)
// that run in this thread or on worker threads, and may be a shard of a larger campaign; the summary is
// assembled from the units' results the same way in every case (assemble-campaign.ts).
import type { CredentialMode } from "../../impl/identity/credential-validation.js";
import type { CompromisedParty } from "../adversaries/attack-class.js";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import type { NetworkDutyFaults } from "../../impl/provider/follower-faults.js";
import type { ProviderKind } from "../../impl/mls/crypto/suite.js";
import type { ModelVariants } from "../../model/index.js";
import type { Command } from "../commands/command.js";
import type { RoleSetName } from "../runner/implementation-under-test.js";
import type { TransportKind } from "../runner/run-setup.js";
import { assembleCampaign, printCampaign } from "./assemble-campaign.js";
import { campaignUnits, type Shard } from "./campaign-units.js";
import { runUnit, type UnitResult } from "./run-unit.js";
import { runOnWorkers } from "./worker-pool.js";
import type { GeneratedRoleSet } from "../world/generated-role-set.js";
import type { DrawnBasePolicy } from "../world/base-policy-draw.js";

export interface CampaignOptions {
  readonly variants: readonly ModelVariants[];
  /** Every role set to run, each in every variant. */
  readonly roleSets: readonly RoleSetName[];
  readonly provider: ProviderKind;
  /** Credentials in the property runs: x509 when absent; basic is the explicitly insecure mode. */
  readonly credentials?: CredentialMode;
  /** How requests cross between providers in the property runs (in-process when absent). */
  readonly transport?: TransportKind;
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
  /** Only these network fault classes are generated (all when absent; properties/network). */
  readonly networkFaultClasses?: readonly string[];
  /** Planted defects of the fanout's delivery (impl/provider/follower-faults.ts). */
  readonly deliveryFaults?: NetworkDutyFaults;
  /** Honest operations the model refuses are left out (planted-defect runs aimed at attacks). */
  readonly skipRefusedOperations?: boolean;
  /** Operations in flight at once (properties/concurrency); 1 or absent: one at a time. */
  readonly concurrency?: number;
  /** Invariant ids to check (all when empty); P0 is checked whatever the selection. */
  readonly invariants: readonly string[];
  /** "none": the property runs' rooms have no base_room_policy; absent: each run draws one (the default). */
  readonly basePolicy?: "none";
  /** HubConfig.messageTimestampGranularityMs (--message-timestamps); one millisecond when absent. */
  readonly messageTimestampGranularityMs?: number;
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
  /** The network fault classes generated (all when absent) and the delivery faults planted, by name. */
  readonly networkFaultClasses?: readonly string[];
  readonly deliveryFaults?: readonly string[];
  readonly skipRefusedOperations?: boolean;
  readonly concurrency?: number;
  /** Present when the run used basic credentials (x509 otherwise). */
  readonly credentials?: CredentialMode;
  /** Present when the run went over HTTPS (in-process otherwise). */
  readonly transport?: "https";
  /** The run's own role set, under `roleSet: "generated"`. */
  readonly generatedRoleSet?: GeneratedRoleSet;
  /** The run's own base room policy, when it drew one. */
  readonly basePolicy?: DrawnBasePolicy;
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

/** How a campaign is spread: over worker threads, and over shards (separate processes or machines). */
export interface CampaignSpread {
  /** Threads taking the units: 1, this thread alone; N, this one and N − 1 worker threads. The summary is
   * the same for any number. */
  readonly workers?: number;
  /** Run only this share of the units; `npm start -- merge` puts the shares' `--json` reports together. */
  readonly shard?: Shard;
}

export async function runCampaign(
  options: CampaignOptions,
  print: (line: string) => void,
  spread: CampaignSpread = {},
): Promise<{ rows: CampaignRow[]; failures: CampaignFailure[]; holds: boolean; units: UnitResult[] }> {
  const workers = Math.max(1, spread.workers ?? 1);
  const shard = spread.shard ?? { index: 1, count: 1 };
  // Workers share rows in slices small enough to balance them; one thread runs each row's share whole.
  const chunk = workers === 1 ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(options.runs / shard.count / (3 * workers)));
  const units = campaignUnits(options, shard, chunk);
  const roleSets = `${options.roleSets.join(" and ")} role set${options.roleSets.length > 1 ? "s" : ""}`;
  const where = `${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ""}${workers > 1 ? `, ${workers} workers` : ""}`;
  if (options.depth > 0) print(`Exploring the model (${roleSets}, 3 users × 2 clients, depth ${options.depth}) …`);
  print(
    `Running ${options.compareWithModel ? "model versus implementation" : "the implementation's invariants"} (${roleSets}, ${options.users} users × 2 clients, ${options.provider} provider, ${options.credentials === "basic" ? "basic credentials (insecure mode)" : "x509 credentials"}${options.transport === "https" ? ", over HTTPS with mutual TLS" : ""}, seed ${options.seed}, ${options.runs} runs × ≤ ${options.maxCommands} commands per row${(options.concurrency ?? 1) > 1 ? `, up to ${options.concurrency} operations in flight at once` : ""}${Object.keys(options.hubFaults).length ? `, hub faults ${Object.keys(options.hubFaults).join(", ")}` : ""}${Object.keys(options.clientFaults).length ? `, client faults ${Object.keys(options.clientFaults).join(", ")}` : ""}${where}) …`,
  );
  const results: UnitResult[] = [];
  if (workers === 1) for (const unit of units) results.push(await runUnit(options, unit));
  else results.push(...(await runOnWorkers(options, units, workers)));
  const campaign = assembleCampaign(options, results, shard);
  printCampaign(options, campaign, print);
  return { rows: campaign.rows, failures: campaign.failures, holds: campaign.holds, units: results };
}
