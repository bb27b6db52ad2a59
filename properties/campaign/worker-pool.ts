// Runs a campaign's units on `workers` threads: this one and `workers − 1` worker threads. Each worker
// thread is a TypeScript module loaded through tsx (campaign-worker-entry.mjs) and holds its own
// deployments and KeyPackage pool; this thread, already loaded and warm, takes units too (a thread
// started costs a module load and its own JIT warm-up). Every thread takes the next unit as soon as it
// is free (a worker thread has one more queued, so it never waits for this thread to read a result).
// Once a slice of a property row fails, the row's later slices still queued are not started:
// the assembled row stops at that failure (assemble-campaign.ts), as a serial check would.
import { Worker } from "node:worker_threads";
import { rowKey, type CampaignUnit } from "./campaign-units.js";
import type { WorkRequest } from "./campaign-worker.js";
import type { CampaignOptions } from "./run-campaign.js";
import { runUnit, type UnitResult } from "./run-unit.js";

/** One thread that runs units, one at a time. */
interface UnitRunner {
  run(request: WorkRequest): Promise<UnitResult>;
  /** Units it may hold at once: a worker thread runs them in turn, the second waiting in its queue. */
  readonly depth: number;
  close(): Promise<void>;
}

function workerThread(options: CampaignOptions): UnitRunner {
  const worker = new Worker(new URL("./campaign-worker-entry.mjs", import.meta.url), { workerData: { options } });
  const pending = new Map<number, { resolve: (r: UnitResult) => void; reject: (e: Error) => void }>();
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on("message", (answer: { id: number; result?: UnitResult; error?: string }) => {
    const p = pending.get(answer.id);
    pending.delete(answer.id);
    if (answer.result !== undefined) p?.resolve(answer.result);
    else p?.reject(new Error(`a campaign worker failed: ${answer.error}`));
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`a campaign worker exited with ${code}`)));
  return {
    depth: 2,
    run: (request) =>
      new Promise((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        worker.postMessage(request);
      }),
    close: async () => {
      worker.removeAllListeners("exit");
      await worker.terminate();
    },
  };
}

function thisThread(options: CampaignOptions): UnitRunner {
  return { depth: 1, run: ({ unit }) => runUnit(options, unit), close: async () => {} };
}

/** Runs `units` on `workers` threads; the results come back in the units' order (stopped slices left out). */
export async function runOnWorkers(options: CampaignOptions, units: readonly CampaignUnit[], workers: number): Promise<UnitResult[]> {
  const results = new Map<number, UnitResult>();
  const queue: WorkRequest[] = units.map((unit, id) => ({ id, unit }));
  /** Per row, the first run of the earliest slice seen failing: later slices of the row need not run. */
  const failedAt = new Map<string, number>();
  const next = (): WorkRequest | undefined => {
    let request: WorkRequest | undefined;
    while ((request = queue.shift()) !== undefined) {
      const stop = failedAt.get(rowKey(request.unit));
      if (request.unit.kind !== "property" || stop === undefined || request.unit.firstRun < stop) return request;
    }
    return undefined;
  };
  const threads = Math.max(1, Math.min(workers, units.length));
  const runners = [thisThread(options), ...Array.from({ length: threads - 1 }, () => workerThread(options))];
  try {
    // A runner of depth 2 gets two loops: it always has a unit queued behind the one it runs.
    await Promise.all(
      runners.flatMap((runner) => Array.from({ length: runner.depth }, () => runner)).map(async (runner) => {
        for (let request = next(); request !== undefined; request = next()) {
          const r = await runner.run(request);
          results.set(request.id, r);
          if (r.unit.kind === "property" && "coverage" in r && (r.failure !== undefined || r.error !== undefined)) {
            const key = rowKey(r.unit);
            failedAt.set(key, Math.min(failedAt.get(key) ?? Number.POSITIVE_INFINITY, r.unit.firstRun));
          }
        }
      }),
    );
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
  return [...results.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}
