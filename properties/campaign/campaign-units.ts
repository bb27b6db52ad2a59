// A campaign cut into units of work that can run anywhere: one exploration row, or one contiguous slice
// of a property row's runs. fast-check generates run i of a row from (seed, i) alone, so a slice started
// at its first run (fast-check's `path`, without shrinks) draws exactly the sequences a whole-row check
// draws there; put back together in run order (assemble-campaign.ts), the slices give the serial result.
// `--shard k/n` takes a disjoint share of the units, and worker threads run a share's units in parallel.
import type { ModelVariants } from "../../model/index.js";
import { variantName } from "../report/variant-name.js";
import type { RoleSetName } from "../runner/implementation-under-test.js";
import type { CampaignOptions } from "./run-campaign.js";

/** One exploration row: the model alone in one role set and variant. */
export interface ExploreUnit {
  readonly kind: "explore";
  readonly roleSet: RoleSetName;
  readonly variants: ModelVariants;
}

/** Runs `firstRun … firstRun + runs − 1` of one property row. */
export interface PropertyUnit {
  readonly kind: "property";
  readonly roleSet: RoleSetName;
  readonly variants: ModelVariants;
  readonly firstRun: number;
  readonly runs: number;
}

export type CampaignUnit = ExploreUnit | PropertyUnit;

/** `--shard k/n`: the k-th of n disjoint shares of a campaign (1 ≤ k ≤ n). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The row a unit belongs to, e.g. "property cooperative same-commit/must-include". */
export function rowKey(unit: { readonly kind: string; readonly roleSet: string; readonly variants: ModelVariants }): string {
  return `${unit.kind} ${unit.roleSet} ${variantName(unit.variants)}`;
}

/** The runs [from, to) of a row of `runs` runs that share k of n gets: contiguous, disjoint, covering. */
export function shardRange(runs: number, shard: Shard): [number, number] {
  return [Math.floor(((shard.index - 1) * runs) / shard.count), Math.floor((shard.index * runs) / shard.count)];
}

/**
 * The campaign's units in report order (exploration rows, then property rows, each by role set then
 * variant). With a shard, only its share: the exploration rows dealt out in turn, and of every property
 * row the contiguous slice `shardRange` names. Each property slice is cut into pieces of at most `chunk`
 * runs, so that several workers can share one row. A replay (`options.path`) is one unit, never cut.
 */
export function campaignUnits(options: CampaignOptions, shard: Shard = { index: 1, count: 1 }, chunk = Number.POSITIVE_INFINITY): CampaignUnit[] {
  const units: CampaignUnit[] = [];
  if (options.depth > 0) {
    let i = 0;
    // A generated role set is drawn per property run: there is no one set to explore.
    for (const roleSet of options.roleSets.filter((r) => r !== "generated"))
      for (const variants of options.variants) {
        if (i % shard.count === shard.index - 1) units.push({ kind: "explore", roleSet, variants });
        i += 1;
      }
  }
  for (const roleSet of options.roleSets)
    for (const variants of options.variants) {
      if (options.path !== undefined) {
        if (shard.index === 1) units.push({ kind: "property", roleSet, variants, firstRun: 0, runs: options.runs });
        continue;
      }
      const [from, to] = shardRange(options.runs, shard);
      const size = Math.max(1, Math.min(chunk, to - from));
      for (let first = from; first < to; first += size) units.push({ kind: "property", roleSet, variants, firstRun: first, runs: Math.min(size, to - first) });
    }
  return units;
}

/** Reads "k/n" (1 ≤ k ≤ n ≤ 1000); undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  if (m === null) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count <= 1000 && index <= count ? { index, count } : undefined;
}
