// A worker thread of the campaign (worker-pool.ts): it runs the units it is sent one at a time, in the
// order they came, with the campaign's options it was started with, and posts each result back as plain
// data. The pool keeps a second unit queued here, so that the thread goes on while the pool's thread is
// busy with a run of its own and has not yet read the last result.
import { parentPort, workerData } from "node:worker_threads";
import type { CampaignUnit } from "./campaign-units.js";
import type { CampaignOptions } from "./run-campaign.js";
import { runUnit } from "./run-unit.js";

/** What the pool sends: a unit to run, with its place in the queue. */
export interface WorkRequest {
  readonly id: number;
  readonly unit: CampaignUnit;
}

const options = (workerData as { options: CampaignOptions }).options;
let queue: Promise<void> = Promise.resolve();
parentPort!.on("message", ({ id, unit }: WorkRequest) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ id, result: await runUnit(options, unit) });
    } catch (e) {
      parentPort!.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
});
