// A test file that fails to load (a missing import in Stryker's sandbox, say) contributes no test and no
// error to Stryker's dry run: its mutants would only look less covered. So after a run, every test file of
// the mutation set must appear in the report with at least one test, or the score is not reported as valid.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { MUTATION_TEST_ROOTS, SLOW_SUITES, mutationTier } from "../vitest.mutation.config.js";

function testFilesUnder(root: string): string[] {
  if (!root.endsWith("/")) return [root];
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return []; // a folder that does not exist (yet) holds no test
  }
  return entries.flatMap((e) => {
    const path = join(root, e);
    if (statSync(path).isDirectory()) return testFilesUnder(`${path}/`);
    return path.endsWith(".test.ts") ? [path] : [];
  });
}

/** The test files of the mutation set on disk now (take it when the run starts: the tree may change during it). */
export function mutationTestFiles(): string[] {
  const tier = mutationTier();
  const skipped = (f: string) => (tier === "unit" ? f.startsWith("test/properties/") : tier === "fast" && SLOW_SUITES.includes(f));
  return MUTATION_TEST_ROOTS.flatMap(testFilesUnder).filter((f) => !skipped(f));
}

/** Of `expected`, the test files that ran no test in the run the report describes. */
export function testFilesThatDidNotRun(reportPath: string, expected: readonly string[]): string[] {
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as { testFiles?: Record<string, { tests: unknown[] }> };
  const ran = new Set(
    Object.entries(report.testFiles ?? {})
      .filter(([, f]) => f.tests.length > 0)
      .map(([name]) => name.split("\\").join("/")),
  );
  return expected.filter((f) => !ran.has(f));
}
