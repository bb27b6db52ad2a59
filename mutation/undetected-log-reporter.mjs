// A Stryker reporter that appends each undetected mutant (survived, no coverage) to
// reports/mutation/undetected.log the moment it is tested, so a run of several hours can be triaged while
// it goes on (Stryker's own reports are written at the end).
// @ts-check
import { appendFileSync, mkdirSync } from "node:fs";
import { relative } from "node:path";
import { PluginKind, declareClassPlugin } from "@stryker-mutator/api/plugin";

const LOG = "reports/mutation/undetected.log";
// Stryker runs in its sandbox copy; the log belongs in the project's own reports folder.
const ROOT = process.cwd();

class UndetectedLogReporter {
  /** @param {Readonly<import("@stryker-mutator/api/core").MutantResult>} result */
  onMutantTested(result) {
    if (result.status !== "Survived" && result.status !== "NoCoverage") return;
    const file = relative(ROOT, result.fileName).split("\\").join("/");
    const { line, column } = result.location.start;
    const tests = result.coveredBy?.length ?? 0;
    appendFileSync(LOG, `${file}:${line}:${column + 1} ${result.status} ${result.mutatorName} → ${JSON.stringify(result.replacement ?? "")} (${tests} covering tests)\n`);
  }
}

mkdirSync("reports/mutation", { recursive: true });
export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "undetected-log", UndetectedLogReporter)];
