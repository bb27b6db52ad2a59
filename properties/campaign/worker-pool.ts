// Runs a campaign's units on worker threads. Each worker is a TypeScript module loaded through tsx
// (campaign-worker-entry.mjs), holds its own deployments and KeyPackage pool, and takes the next unit as
// soon as it is free. Once a slice of a property row fails, the row's later slices still queued are not
// started: the assembled row stops at that failure (assemble-campaign.ts), as a serial check would.
import { Worker } from "node:worker_threads";
import { rowKey, type CampaignUnit } from "./campaign-units.js";
import type { WorkRequest } from "./campaign-worker.js";
import type { CampaignOptions } from "./run-campaign.js";
import type { UnitResult } from "./run-unit.js";

/** Runs `units` on `workers` threads; the results come back in the units' order (stopped slices left out). */
export async function runOnWorkers(options: CampaignOptions, units: readonly CampaignUnit[], workers: number): Promise<UnitResult[]> {
  const results = new Map<number, UnitResult>();
  const queue = units.map((unit, id) => ({ id, unit }));
  /** Per row, the first run of the earliest slice seen failing: later slices of the row need not run. */
  const failedAt = new Map<string, number>();
  const pool = Array.from({ length: Math.max(1, Math.min(workers, units.length)) }, () =>
    new Worker(new URL("./campaign-worker-entry.mjs", import.meta.url), { workerData: { options } }),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              let request: WorkRequest | undefined;
              while ((request = queue.shift()) !== undefined) {
                const stop = failedAt.get(rowKey(request.unit));
                if (request.unit.kind !== "property" || stop === undefined || request.unit.firstRun < stop) break;
              }
              if (request === undefined) return resolve();
              worker.postMessage(request);
            };
            worker.on("message", (answer: { id: number; result?: UnitResult; error?: string }) => {
              if (answer.result === undefined) return reject(new Error(`a campaign worker failed: ${answer.error}`));
              const r = answer.result;
              results.set(answer.id, r);
              if (r.unit.kind === "property" && "coverage" in r && (r.failure !== undefined || r.error !== undefined)) {
                const key = rowKey(r.unit);
                failedAt.set(key, Math.min(failedAt.get(key) ?? Number.POSITIVE_INFINITY, r.unit.firstRun));
              }
              next();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a campaign worker exited with ${code}`))));
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return [...results.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}
