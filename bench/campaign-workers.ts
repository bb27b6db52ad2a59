// (h) Campaign throughput on worker threads: the same campaign (one variant, both role sets' rows with
// attacks, no exploration) run in this thread and on one worker per core, its property runs per second
// and the speed-up. The two summaries must be equal (seconds aside): workers change the time, not the
// result (properties/campaign/worker-pool.ts).
import { availableParallelism } from "node:os";
import { runCampaign, type CampaignOptions, type CampaignRow } from "../properties/campaign/run-campaign.js";
import type { BenchOptions, Section, SectionResult } from "./report.js";

const sameRows = (a: readonly CampaignRow[], b: readonly CampaignRow[]) =>
  JSON.stringify(a.map((r) => ({ ...r, seconds: "" }))) === JSON.stringify(b.map((r) => ({ ...r, seconds: "" })));

export const campaignWorkers: Section = {
  name: "(h) campaign throughput: 1 worker and one per core",
  async run(options: BenchOptions): Promise<SectionResult> {
    const cores = availableParallelism();
    const campaign: CampaignOptions = {
      variants: [{ leaveOrder: "same-commit", pendingProposals: "must-include" }],
      roleSets: ["cooperative", "restricted"],
      provider: "node",
      seed: 1,
      runs: options.quick ? 20 : 60,
      maxCommands: 25,
      users: 4,
      depth: 0,
      hubFaults: {},
      clientFaults: {},
      compareWithModel: true,
      adversaries: ["client", "follower"],
      invariants: [],
    };
    const measured: { workers: number; seconds: number; cpuSeconds: number; rows: CampaignRow[] }[] = [];
    for (const workers of cores > 1 ? [1, cores] : [1]) {
      const t0 = performance.now();
      // The process's CPU time counts its worker threads too.
      const c0 = process.cpuUsage();
      const { rows } = await runCampaign(campaign, () => {}, { workers });
      const cpu = process.cpuUsage(c0);
      measured.push({ workers, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, rows });
    }
    const runs = campaign.runs * campaign.roleSets.length;
    const serial = measured[0]!;
    const parallel = measured[measured.length - 1]!;
    const speedUp = serial.seconds / parallel.seconds;
    const identical = sameRows(serial.rows, parallel.rows);
    const wanted = 0.7 * parallel.workers;
    return {
      tables: [
        {
          title: `${campaign.roleSets.length} rows × ${campaign.runs} runs × ≤ ${campaign.maxCommands} commands, with client and follower attacks`,
          columns: ["workers", "seconds", "runs/s", "speed-up", "CPU seconds", "CPU-bound speed-up"],
          rows: measured.map((m) => [
            m.workers, m.seconds.toFixed(1), (runs / m.seconds).toFixed(1), `×${(serial.seconds / m.seconds).toFixed(2)}`, m.cpuSeconds.toFixed(1),
            `×${(serial.cpuSeconds / (m.cpuSeconds / m.workers)).toFixed(2)}`,
          ]),
        },
      ],
      targets: [
        { description: "the summary is the same on workers", met: identical, detail: identical ? "same rows" : "the rows differ" },
        ...(parallel.workers > 1
          ? [{ description: `speed-up ≥ ×${wanted.toFixed(1)} on ${parallel.workers} workers (0.7 per core)`, met: speedUp >= wanted, detail: `×${speedUp.toFixed(2)}` }]
          : []),
      ],
      notes: [
        "Wall-clock time of runCampaign, worker start-up (tsx loading the modules in each worker thread) included.",
        "Each row's runs are cut in slices of ⌈runs / (3 × workers)⌉, handed to whichever thread is free: this one and workers − 1 worker threads.",
        "CPU seconds count every thread of the process; the CPU-bound speed-up (serial CPU time over the parallel run's CPU time per worker) is what an otherwise idle machine gives, the extra CPU being the workers' start-up.",
      ],
      data: { cores, runs, measured: measured.map((m) => ({ workers: m.workers, seconds: m.seconds, cpuSeconds: m.cpuSeconds })), speedUp, identical },
    };
  },
};
