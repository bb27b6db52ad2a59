// `npm run bench [-- --quick]`: run every section in order, print its tables and target lines, and write
// all figures to bench-results.json at the project root. A benchmark, not a test: it exits non-zero only
// if a section fails to run, not when a target is missed.
//
// To add a section: write a file in bench/ exporting a `Section` (bench/report.ts) and append it to
// `sections`. (b) and (c) share bench/harness-support.ts (command indexes, phase profile).
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { campaignWorkers } from "./campaign-workers.js";
import { contentCodec } from "./content-codec.js";
import { credentialValidation } from "./credential-validation.js";
import { franking } from "./franking.js";
import { harnessOverhead } from "./harness-overhead.js";
import { harnessThroughput } from "./harness-throughput.js";
import { hubCommitValidation } from "./hub-commit-validation.js";
import { httpsTransport } from "./https-transport.js";
import { mlsOperations } from "./mls-operations.js";
import { formatTable, formatTarget, type BenchOptions, type Section, type SectionResult } from "./report.js";

const sections: Section[] = [mlsOperations, hubCommitValidation, harnessThroughput, harnessOverhead, contentCodec, httpsTransport, credentialValidation, campaignWorkers, franking];

const RESULTS_FILE = fileURLToPath(new URL("../bench-results.json", import.meta.url));

function parseOptions(argv: string[]): BenchOptions {
  for (const a of argv) if (a !== "--quick") throw new Error(`unknown option ${a} (only --quick)`);
  return { quick: argv.includes("--quick") };
}

const options = parseOptions(process.argv.slice(2));
console.log(
  `npm run bench${options.quick ? " --quick" : ""}: node ${process.version}, ${availableParallelism()} × ${cpus()[0]?.model ?? "unknown CPU"}`,
);
const started = performance.now();
const done: { name: string; seconds: number; result: SectionResult }[] = [];
for (const section of sections) {
  console.log(`\n${section.name}`);
  const t0 = performance.now();
  const result = await section.run(options);
  const seconds = (performance.now() - t0) / 1000;
  for (const table of result.tables) console.log(`${formatTable(table)}\n`);
  for (const note of result.notes) console.log(`  ${note}`);
  for (const target of result.targets) console.log(formatTarget(target));
  console.log(`(${seconds.toFixed(1)} s)`);
  done.push({ name: section.name, seconds, result });
}
const total = (performance.now() - started) / 1000;
const targets = done.flatMap((d) => d.result.targets);
console.log(`\n${targets.filter((t) => t.met).length}/${targets.length} targets met; ${total.toFixed(1)} s in all; figures in bench-results.json`);

writeFileSync(
  RESULTS_FILE,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      cpu: cpus()[0]?.model,
      options,
      seconds: total,
      sections: done.map((d) => ({ name: d.name, seconds: d.seconds, ...d.result })),
    },
    null,
    2,
  )}\n`,
);
