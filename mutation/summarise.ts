// The mutation score per part of the implementation, from StrykerJS's JSON report
// (mutation-testing-report-schema). `npx tsx mutation/summarise.ts [report.json] [--survivors]`.
//
// Score as Stryker computes it: detected (killed + timeout) over detected + undetected (survived + no
// coverage); mutants that do not compile or crash at load, and ignored (static) ones, count in neither.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
  status: string;
}
interface Report {
  files: Record<string, { mutants: ReportMutant[] }>;
}

/** The parts the score is reported for, most specific first; the rest falls under "other". */
const PARTS = ["impl/room/fixtures", "impl/room", "impl/hub", "impl/mls/public-group-view.ts", "impl/client"];

/** Counts of one part's mutants by outcome. */
export interface PartScore {
  part: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
}

function partOf(file: string): string {
  const normal = file.split("\\").join("/");
  return PARTS.find((p) => normal === p || normal.startsWith(`${p}/`)) ?? "other";
}

/** Detected over detected + undetected, in percent; undefined when nothing was tested. */
export function score(s: PartScore): number | undefined {
  const detected = s.killed + s.timeout;
  const total = detected + s.survived + s.noCoverage;
  return total === 0 ? undefined : (100 * detected) / total;
}

/** One row per part present in the report, in PARTS order. */
export function scoresByPart(report: Report): PartScore[] {
  const byPart = new Map<string, PartScore>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const part = partOf(file);
    const s = byPart.get(part) ?? { part, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };
    for (const m of mutants) {
      if (m.status === "Killed") s.killed++;
      else if (m.status === "Timeout") s.timeout++;
      else if (m.status === "Survived") s.survived++;
      else if (m.status === "NoCoverage") s.noCoverage++;
      else if (m.status === "Ignored") s.ignored++;
      else s.errors++;
    }
    byPart.set(part, s);
  }
  return [...PARTS, "other"].flatMap((p) => byPart.get(p) ?? []);
}

/** Prints the per-part table (and, with survivors, each undetected mutant as file:line:column mutator). */
export function printSummary(path: string, survivors = false): void {
  const report = JSON.parse(readFileSync(path, "utf8")) as Report;
  const rows = scoresByPart(report);
  const header = ["part", "killed", "timeout", "survived", "no cov", "ignored", "errors", "score"];
  const cells = rows.map((r) => {
    const sc = score(r);
    return [r.part, r.killed, r.timeout, r.survived, r.noCoverage, r.ignored, r.errors, sc === undefined ? "n/a" : `${sc.toFixed(1)} %`].map(String);
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ");
  console.log(`\nmutation score per part (${path})`);
  console.log(line(header));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
  if (!survivors) return;
  console.log("\nundetected mutants:");
  for (const [file, { mutants }] of Object.entries(report.files))
    for (const m of mutants)
      if (m.status === "Survived" || m.status === "NoCoverage")
        console.log(`${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? "")}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  printSummary(args.find((a) => !a.startsWith("--")) ?? "reports/mutation/mutation.json", args.includes("--survivors"));
}
