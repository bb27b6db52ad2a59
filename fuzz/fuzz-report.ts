// What a fuzz run prints: the per-endpoint table, and for each finding its seed, endpoint, input, the
// mutation chain, the input's hex and the command that replays it; findings are also written to files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EndpointStats, Finding } from "./run-fuzz.js";

/** The command that replays one finding (the same seed, endpoint and input index; any planted defect too). */
export function replayCommand(f: Pick<Finding, "seed" | "endpoint" | "index">, extraFlags: readonly string[] = []): string {
  return ["npm run fuzz --", `--seed ${f.seed}`, `--endpoint ${f.endpoint}`, `--input ${f.index}`, ...extraFlags].join(" ");
}

export function formatFinding(f: Finding, extraFlags: readonly string[] = []): string {
  return [
    `${f.kind}: ${f.detail}`,
    `  endpoint ${f.endpoint}, seed ${f.seed}, input ${f.index}`,
    `  from: ${f.base} (${f.start})`,
    ...(f.chain.length === 0 ? ["  unmutated"] : f.chain.map((c, i) => `  ${i + 1}. ${c}`)),
    `  input (${f.bytes.length} bytes): ${Buffer.from(f.bytes).toString("hex")}`,
    `  replay: ${replayCommand(f, extraFlags)}`,
  ].join("\n");
}

/** Writes each finding to `dir`/<endpoint>-seed<seed>-input<index>.txt; answers the paths. */
export function writeFindings(dir: string, findings: readonly Finding[], extraFlags: readonly string[] = []): string[] {
  if (findings.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  return findings.map((f) => {
    const path = join(dir, `${f.endpoint}-seed${f.seed}-input${f.index}.txt`);
    writeFileSync(path, formatFinding(f, extraFlags) + "\n");
    return path;
  });
}

const pad = (s: string | number, n: number, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));

/** The per-endpoint table. */
export function formatTable(rows: readonly EndpointStats[]): string {
  const header = ["endpoint", "inputs", "decoded", "refused", "accepted", "crashes", "refused+changed", "non-canonical", "inputs/s"];
  const widths = [24, 8, 8, 8, 9, 8, 16, 14, 9];
  const line = (cells: (string | number)[]) => cells.map((c, i) => pad(c, widths[i]!, i > 0)).join("  ");
  const out = [line(header), widths.map((w) => "─".repeat(w)).join("  ")];
  for (const r of rows)
    out.push(line([r.endpoint, r.tried, r.decoded, r.refused, r.accepted, r.crashes, r.refusedWithChange, r.acceptedNonCanonical, r.seconds > 0 ? Math.round(r.tried / r.seconds) : "-"]));
  return out.join("\n");
}
