// A worker thread of the campaign (worker-pool.ts): it runs the units it is sent, one at a time, with
// the campaign's options it was started with, and posts each result back as plain data.
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
parentPort!.on("message", async ({ id, unit }: WorkRequest) => {
  try {
    parentPort!.postMessage({ id, result: await runUnit(options, unit) });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
