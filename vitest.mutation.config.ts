// The test set StrykerJS runs against each mutant of impl/hub, impl/room, the client's checks of incoming
// commits and impl/mls/public-group-view.ts (stryker.config.mjs, `npm run mutation`). Not used by `npm test`.
//
// Only the suites that exercise those files are included, and they run cheapest first: Stryker stops a
// mutant's run at its first failing test, so a mutant the room's unit tests kill never waits for the
// property suites (which take about a minute and a half together).
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Folders (or files) in the order their tests run: unit tests, then flows and attacks, then the property suites. */
const TIERS = [
  "test/mutation-killers/",
  "test/room/",
  "test/mls/",
  "test/vectors/rfc9420-hub-public-view.test.ts",
  "test/client/",
  "test/flows/",
  "test/identity/",
  "test/adversaries/",
  "test/properties/resolve-command.test.ts",
  "test/properties/regressions.test.ts",
  "test/properties/implementation-invariants.test.ts",
  "test/properties/replay.test.ts",
  "test/properties/model-versus-implementation.property.test.ts",
  "test/properties/",
];

function tierOf(path: string): number {
  const i = TIERS.findIndex((t) => path.startsWith(t));
  return i === -1 ? TIERS.length : i;
}

/** A fixed order (tier, then path), so every mutant's run is the same whatever vitest's cache holds. */
class CheapestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (f: TestSpecification) => relative(this.ctx.config.root, f.moduleId).split("\\").join("/");
    return [...files].sort((a, b) => tierOf(key(a)) - tierOf(key(b)) || key(a).localeCompare(key(b)));
  }
}

/** The test files Stryker runs: every *.test.ts under a folder ending in "/", or the file itself. */
export const MUTATION_TEST_ROOTS = [
  "test/mutation-killers/",
  "test/room/",
  "test/mls/",
  "test/vectors/rfc9420-hub-public-view.test.ts",
  "test/client/",
  "test/flows/",
  "test/identity/",
  "test/adversaries/",
  "test/properties/",
];

/**
 * The property suites that take over ten seconds each (about 90 s together). MUTATION_TESTS=fast leaves them
 * out: a first pass kills what the rest can kill in seconds per mutant; an incremental pass with them then
 * retests only the survivors (Stryker reuses a kill while its killing test is unchanged).
 */
export const SLOW_SUITES = [
  "test/properties/model-versus-implementation.property.test.ts",
  "test/properties/planted-hub-faults.test.ts",
  "test/properties/invariants-catch-planted-defects.test.ts",
];

/** "unit" (no test/properties suite at all), "fast" (without SLOW_SUITES) or "full", from MUTATION_TESTS. */
export function mutationTier(): "unit" | "fast" | "full" {
  const tier = process.env.MUTATION_TESTS;
  return tier === "unit" || tier === "fast" ? tier : "full";
}

/** The test files a tier leaves out, as vitest exclude patterns (also plain paths for SLOW_SUITES). */
export function excludedByTier(): string[] {
  const tier = mutationTier();
  return tier === "unit" ? ["test/properties/**"] : tier === "fast" ? SLOW_SUITES : [];
}

export default defineConfig({
  test: {
    include: MUTATION_TEST_ROOTS.map((r) => (r.endsWith("/") ? `${r}**/*.test.ts` : r)),
    exclude: excludedByTier(),
    testTimeout: 300_000,
    hookTimeout: 300_000,
    sequence: { sequencer: CheapestFirstSequencer },
  },
});
