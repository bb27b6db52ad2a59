// Shared pieces of `npm run bench`: timing with warm-up and repetition, section results, text tables.
// A section is one measurement file; bench/run.ts lists the sections and prints/writes what they return.

export interface BenchOptions {
  /** A short run: fewer repetitions and sizes (the figures are noisier). */
  quick: boolean;
}

export interface Timing {
  /** One duration per repetition, in ms (warm-up excluded). */
  samplesMs: number[];
  medianMs: number;
  /** 1000 / median. */
  opsPerSec: number;
}

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

/** A pass/fail line for a stated target (printed as "target met" / "TARGET MISSED"). */
export interface TargetCheck {
  description: string;
  met: boolean;
  detail: string;
}

export interface SectionResult {
  tables: Table[];
  targets: TargetCheck[];
  /** Free-form notes printed under the tables (what exactly is timed). */
  notes: string[];
  /** Raw figures for bench-results.json. Plain JSON: no bigint, no typed arrays. */
  data: unknown;
}

export interface Section {
  name: string;
  run(options: BenchOptions): Promise<SectionResult>;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function timing(samplesMs: number[]): Timing {
  const m = median(samplesMs);
  return { samplesMs, medianMs: m, opsPerSec: 1000 / m };
}

/**
 * Accumulates the timed parts of one repetition: a repetition may do untimed set-up around the operation
 * (advance a state, encode a message) and time several operations separately, each under its own label.
 */
export class Stopwatch {
  private readonly totals = new Map<string, number>();

  async time<T>(label: string, f: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await f();
    this.totals.set(label, (this.totals.get(label) ?? 0) + performance.now() - t0);
    return result;
  }

  take(): Map<string, number> {
    const out = new Map(this.totals);
    this.totals.clear();
    return out;
  }
}

/**
 * Run `repetition` `warmup` times untimed (JIT, key caches), then `repeats` times, and return the timing of
 * each label the repetitions measured with their Stopwatch.
 */
export async function repeat(
  counts: { warmup: number; repeats: number },
  repetition: (watch: Stopwatch) => Promise<void>,
): Promise<Map<string, Timing>> {
  const watch = new Stopwatch();
  for (let i = 0; i < counts.warmup; i++) {
    await repetition(watch);
    watch.take();
  }
  const samples = new Map<string, number[]>();
  for (let i = 0; i < counts.repeats; i++) {
    await repetition(watch);
    for (const [label, ms] of watch.take()) {
      const list = samples.get(label) ?? [];
      list.push(ms);
      samples.set(label, list);
    }
  }
  return new Map([...samples].map(([label, xs]) => [label, timing(xs)]));
}

/** The timing under `label`; a missing label is a bug in the section. */
export function timingOf(timings: Map<string, Timing>, label: string): Timing {
  const t = timings.get(label);
  if (t === undefined) throw new Error(`no timing for ${label}`);
  return t;
}

export function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function perSec(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}

export function ratio(x: number): string {
  return `×${x.toFixed(2)}`;
}

/** A fixed-width text table: first column left-aligned, the others right-aligned. */
export function formatTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))];
  const widths = table.columns.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [table.title, line(cells[0]!), ...cells.slice(1).map(line)].join("\n");
}

export function formatTarget(t: TargetCheck): string {
  return `${t.met ? "target met   " : "TARGET MISSED"}  ${t.description}: ${t.detail}`;
}
