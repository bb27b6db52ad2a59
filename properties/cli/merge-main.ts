// `npm start -- merge A.json B.json … [--json FILE] [--junit FILE] [--report DIR]` (also `npm run merge
// -- …`): puts the `--json` reports of a campaign's shards (`--shard K/N`) back together and prints one
// summary, the table, totals and failures, as the unsharded campaign prints it. Exit 0 when every row
// holds, 1 when one fails or is vacuous, 2 when the reports cannot be merged or the command line is bad.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { printCampaign } from "../campaign/assemble-campaign.js";
import { campaignJson, mergeReports, type CampaignReport } from "../campaign/merge-reports.js";
import { writeHtmlReport } from "../report/html-report.js";
import { junitReport } from "../report/junit-report.js";

export const MERGE_USAGE = [
  "usage: npm start -- merge REPORT.json REPORT.json … [--json FILE] [--junit FILE] [--report DIR]",
  "",
  "Merges the --json reports of one campaign's shards (npm start -- --shard K/N --json FILE) into one",
  "summary; refuses reports of different campaigns, and a set of shards with one missing or given twice.",
  "  --json FILE     write the merged report",
  "  --junit FILE    write the merged JUnit XML",
  "  --report DIR    write the merged HTML report",
].join("\n");

/** Runs the merge; returns the exit status. */
export function mergeMain(args: readonly string[], print: (line: string) => void, printError: (line: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: { json: { type: "string" }, junit: { type: "string" }, report: { type: "string" }, help: { type: "boolean", default: false } },
    });
  } catch (e) {
    printError(`error: ${e instanceof Error ? e.message : String(e)}\n\n${MERGE_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    print(MERGE_USAGE);
    return 0;
  }
  const reports: { name: string; report: CampaignReport }[] = [];
  for (const name of parsed.positionals) {
    try {
      reports.push({ name, report: JSON.parse(readFileSync(name, "utf8")) as CampaignReport });
    } catch (e) {
      printError(`error: cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  const merged = mergeReports(reports);
  if (!merged.ok) {
    printError(`error: ${merged.message}${reports.length === 0 ? `\n\n${MERGE_USAGE}` : ""}`);
    return 2;
  }
  const { options, campaign, units } = merged;
  print(`Merged ${reports.length} report${reports.length === 1 ? "" : "s"}: ${reports.map(({ name, report }) => `${name} (${report.shard ? `shard ${report.shard.index}/${report.shard.count}` : "whole"})`).join(", ")}`);
  printCampaign(options, campaign, print);
  const { rows, failures, holds } = campaign;
  let written = true;
  const write = (what: string, file: string, text: () => string) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text());
    } catch (e) {
      printError(`error: cannot write the ${what}: ${e instanceof Error ? e.message : String(e)}`);
      written = false;
    }
  };
  if (parsed.values.json !== undefined) write("merged JSON report", parsed.values.json, () => campaignJson({ options, holds, rows, failures, units }));
  if (parsed.values.junit !== undefined) write("JUnit XML", parsed.values.junit, () => junitReport(rows, failures));
  if (parsed.values.report !== undefined) {
    try {
      print(`\nreport: ${writeHtmlReport(parsed.values.report, { options, holds, rows, failures })}`);
    } catch (e) {
      printError(`error: cannot write the HTML report: ${e instanceof Error ? e.message : String(e)}`);
      written = false;
    }
  }
  return holds && written ? 0 : 1;
}

// Run directly (`npm run merge -- …`).
if (import.meta.url === `file://${process.argv[1]}`) process.exit(mergeMain(process.argv.slice(2), (l) => console.log(l), (l) => console.error(l)));
