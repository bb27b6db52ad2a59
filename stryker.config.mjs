// StrykerJS configuration for `npm run mutation` (mutation/run.ts sets --mutate for one folder and adds the
// client's checks of incoming commits). A measurement, not part of `npm test`: a full run takes about an hour.
// @ts-check
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: "npm",
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner", "./mutation/undetected-log-reporter.mjs"],
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  // Each mutant runs only the tests that executed its code in the dry run (the vitest runner always measures
  // coverage per test; stated here so the choice is visible).
  coverageAnalysis: "perTest",
  // The mutate set: run.ts passes --mutate for a narrower or a line-ranged set (the client's receive path).
  mutate: ["impl/hub/**/*.ts", "impl/room/**/*.ts", "impl/mls/public-group-view.ts"],
  // Mutants in code that runs when a module loads (role-set fixtures, constant tables) are covered by no
  // single test: each would rerun the whole set (several minutes). They are reported as Ignored, counted
  // per folder by mutation/summarise.ts; `npm run mutation -- --with-static` tests them too.
  ignoreStatic: true,
  // The machine's two cores are shared: one test runner process at a time.
  concurrency: 1,
  // A mutant that loops or slows a property run past its dry-run time by this factor (+ timeoutMS) is
  // counted as a timeout (detected).
  timeoutFactor: 2,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress-append-only", "json", "html", "undetected-log"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportScoreTable: true, reportMutants: true },
  // Incremental results (kept in git: see mutation/README.md).
  incrementalFile: "mutation/incremental.json",
  tempDirName: ".stryker-tmp",
  // Anchored at the root: an unanchored "coverage" would also drop properties/coverage/ from the sandbox.
  ignorePatterns: ["/reports", "/coverage", "/bench", "/.ci-out", "/scratch"],
  cleanTempDir: true,
  thresholds: { high: 80, low: 60, break: null },
};
export default config;
