// `npm run mutation [-- options]`: StrykerJS on the hub, the room rules, the client's checks of incoming
// commits and the hub's public view of the group, killed by the project's own tests
// (vitest.mutation.config.ts), then the score per folder (mutation/summarise.ts).
//
//   --folder PATH      mutate one part only (repeatable): impl/hub, impl/room, impl/mls/public-group-view.ts,
//                      impl/client (the client's checks of incoming commits), or any file or folder under impl/
//   --incremental      reuse the previous results in mutation/incremental.json where Stryker can
//   --full             with --incremental: retest every mutant and rewrite the incremental file
//   --with-static      also test mutants in code run at module load (each reruns the whole test set)
//   --fast             leave out the slow property suites (vitest.mutation.config.ts SLOW_SUITES); with
//                      --incremental, a later run without --fast retests only the survivors with them
//   --unit             only the unit, flow, identity and attack suites (no test/properties suite at all): a
//                      quick lower bound for code the property suites make slow to measure
//   --concurrency N    test runner processes (default 1: the machine's two cores are shared)
//   --dry-run          only the initial test run (checks the set-up in a couple of minutes)
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Stryker } from "@stryker-mutator/core";
import type { PartialStrykerOptions } from "@stryker-mutator/api/core";
import { printSummary } from "./summarise.js";
import { mutationTestFiles, testFilesThatDidNotRun } from "./test-files-check.js";

/** The client's checks of incoming commits: their own file once split out, else client.ts's receive path. */
export function clientChecksMutateSet(): string[] {
  const split = "impl/client/incoming-checks.ts";
  if (existsSync(split)) return [split];
  const lines = readFileSync("impl/client/client.ts", "utf8").split("\n");
  const start = lines.findIndex((l) => /^\s+async receive\(/.test(l));
  if (start === -1) throw new Error("impl/client/client.ts: no receive method found");
  // Up to the end of the class (its closing brace is the file's last non-empty line).
  let end = lines.length;
  while (end > start && lines[end - 1]!.trim() !== "}") end--;
  return [`impl/client/client.ts:${start + 1}-${end}`];
}

const PARTS: Record<string, () => string[]> = {
  "impl/hub": () => ["impl/hub/**/*.ts"],
  "impl/room": () => ["impl/room/**/*.ts"],
  "impl/mls/public-group-view.ts": () => ["impl/mls/public-group-view.ts"],
  "impl/client": clientChecksMutateSet,
};

function mutateSetFor(folder: string): string[] {
  const key = folder.replace(/\/+$/, "");
  const part = PARTS[key];
  if (part !== undefined) return part();
  if (!key.startsWith("impl/") || !existsSync(key)) throw new Error(`--folder ${folder}: not a file or folder under impl/`);
  return key.endsWith(".ts") ? [key] : [`${key}/**/*.ts`];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      folder: { type: "string", multiple: true },
      incremental: { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      "with-static": { type: "boolean", default: false },
      concurrency: { type: "string", default: "1" },
      "dry-run": { type: "boolean", default: false },
      fast: { type: "boolean", default: false },
      unit: { type: "boolean", default: false },
    },
  });
  // Read by vitest.mutation.config.ts in Stryker's test runner processes, which inherit this environment.
  process.env.MUTATION_TESTS = values.unit ? "unit" : values.fast ? "fast" : "full";
  const folders = values.folder ?? Object.keys(PARTS);
  const mutate = folders.flatMap(mutateSetFor);
  const options: PartialStrykerOptions = {
    configFile: "stryker.config.mjs",
    mutate,
    concurrency: Number(values.concurrency),
    incremental: values.incremental,
    force: values.full,
    ignoreStatic: !values["with-static"],
    dryRunOnly: values["dry-run"],
  };
  console.log(`mutating: ${mutate.join(", ")}; tests: ${process.env.MUTATION_TESTS}${values.incremental ? "; incremental" : ""}`);
  const expectedTestFiles = mutationTestFiles();
  const started = Date.now();
  await new Stryker(options).runMutationTest();
  console.log(`\nmutation run took ${((Date.now() - started) / 60_000).toFixed(1)} min`);
  if (values["dry-run"]) return 0;
  printSummary("reports/mutation/mutation.json");
  const missing = testFilesThatDidNotRun("reports/mutation/mutation.json", expectedTestFiles);
  if (missing.length === 0) return 0;
  console.error(`\nINVALID RUN: these test files ran no test (did they load in the sandbox?):\n  ${missing.join("\n  ")}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
