// Shard reports put back together. Each `npm start -- --shard K/N --json FILE` report carries, beside its
// summary, the raw results of the units it ran (run-unit.ts); merging concatenates them and assembles the
// summary once more (assemble-campaign.ts), so a merge of every shard equals the unsharded campaign's
// summary. Reports of different campaigns (any option apart) are refused, and so are reports that leave
// a slice of runs out or give one twice.
import { assembleCampaign, IncompleteCampaign, type AssembledCampaign } from "./assemble-campaign.js";
import type { Shard } from "./campaign-units.js";
import type { CampaignFailure, CampaignOptions, CampaignRow } from "./run-campaign.js";
import type { UnitResult } from "./run-unit.js";

/** What `--json` writes. */
export interface CampaignReport {
  readonly options: CampaignOptions;
  readonly holds: boolean;
  readonly rows: readonly CampaignRow[];
  readonly failures: readonly CampaignFailure[];
  /** The units' results, for merging. */
  readonly units: readonly UnitResult[];
  /** The share the report covers; absent for a whole campaign. */
  readonly shard?: Shard;
}

/** The report as `--json` writes it. */
export function campaignJson(report: CampaignReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** JSON with object keys sorted, so that two equal option sets compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

export type MergeOutcome =
  | { readonly ok: true; readonly options: CampaignOptions; readonly campaign: AssembledCampaign; readonly units: UnitResult[] }
  | { readonly ok: false; readonly message: string };

/** Merges reports named by `names` (for messages); refuses what would not make one campaign. */
export function mergeReports(reports: readonly { name: string; report: CampaignReport }[]): MergeOutcome {
  if (reports.length === 0) return { ok: false, message: "no report to merge" };
  const [first, ...rest] = reports;
  for (const { name, report } of reports)
    if (!Array.isArray(report.units) || report.options === undefined) return { ok: false, message: `${name} is not a campaign's --json report (no options or units)` };
  const reference = canonical(first!.report.options);
  for (const { name, report } of rest) {
    if (canonical(report.options) === reference) continue;
    const a = first!.report.options as unknown as Record<string, unknown>;
    const b = report.options as unknown as Record<string, unknown>;
    const differ = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => canonical(a[k]) !== canonical(b[k])).sort();
    return { ok: false, message: `${name} is from another campaign than ${first!.name}: ${differ.map((k) => `${k} ${canonical(b[k]) ?? "absent"} ≠ ${canonical(a[k]) ?? "absent"}`).join("; ")}` };
  }
  const counts = new Set(reports.map(({ report }) => report.shard?.count ?? 1));
  if (counts.size > 1) return { ok: false, message: `the reports cut the campaign differently (shards of ${[...counts].sort().join(" and ")})` };
  const seen = new Map<number, string>();
  for (const { name, report } of reports) {
    const index = report.shard?.index ?? 1;
    const twice = seen.get(index);
    if (twice !== undefined) return { ok: false, message: `${name} and ${twice} are the same shard ${index}/${report.shard?.count ?? 1}` };
    seen.set(index, name);
  }
  const options = first!.report.options;
  const units = reports.flatMap(({ report }) => report.units);
  try {
    return { ok: true, options, campaign: assembleCampaign(options, units), units };
  } catch (e) {
    if (e instanceof IncompleteCampaign) {
      const count = [...counts][0]!;
      const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
      return { ok: false, message: `the reports do not make up the campaign: ${e.message}${missing.length ? ` (shards ${missing.map((i) => `${i}/${count}`).join(", ")} not given)` : ""}` };
    }
    throw e;
  }
}
