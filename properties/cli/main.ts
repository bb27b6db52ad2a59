// The main job (`npm start`): explore the model in every role set and variant, then check the
// implementation against it in each, and print one summary table. Exit status 0 when every row holds,
// 1 when a row fails or is vacuous, 2 on a bad command line (parse-options.ts; `--help` lists the options).
// `--matrix` instead prints the model's variant matrix (explore/matrix.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { campaignJson } from "../campaign/merge-reports.js";
import { runCampaign } from "../campaign/run-campaign.js";
import { formatMatrix, invariantsHoldEverywhere, runMatrix } from "../explore/matrix.js";
import { runFlowOne } from "../demo/flow-one.js";
import { emittedTest } from "../report/emit-test.js";
import { writeHtmlReport } from "../report/html-report.js";
import { junitReport } from "../report/junit-report.js";
import { parseCommandLine, USAGE } from "./parse-options.js";

// `npm start -- merge A.json B.json …` puts shard reports together instead (merge-main.ts).
if (process.argv[2] === "merge") {
  const { mergeMain } = await import("./merge-main.js");
  process.exit(mergeMain(process.argv.slice(3), (line) => console.log(line), (line) => console.error(line)));
}

const commandLine = parseCommandLine(process.argv.slice(2));
if (commandLine.kind === "help") {
  console.log(USAGE);
  process.exit(0);
}
if (commandLine.kind === "usage error") {
  console.error(`error: ${commandLine.message}\n\n${USAGE}`);
  process.exit(2);
}
if (commandLine.kind === "matrix") {
  const matrix = runMatrix({ depth: commandLine.depth, roleSets: commandLine.roleSets });
  for (const line of formatMatrix(matrix)) console.log(line);
  process.exit(invariantsHoldEverywhere(matrix) ? 0 : 1);
}

const { options, narrate, json, report, junit, emitTest, workers, shard } = commandLine;
const { holds, rows, failures, units } = await runCampaign(options, (line) => console.log(line), { workers, ...(shard !== undefined ? { shard } : {}) });

/** Writes one output (its directory created if missing); a file that cannot be written is reported, not thrown. */
let written = true;
function output(what: string, write: () => void): void {
  try {
    write();
  } catch (e) {
    console.error(`error: cannot write the ${what}: ${e instanceof Error ? e.message : String(e)}`);
    written = false;
  }
}
const writeFile = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

// The units' results go in too, so that shard reports can be merged (campaign/merge-reports.ts).
if (json !== undefined) output("JSON summary", () => writeFile(json, campaignJson({ options, holds, rows, failures, units, ...(shard !== undefined ? { shard } : {}) })));
if (report !== undefined) output("HTML report", () => console.log(`\nreport: ${writeHtmlReport(report, { options, holds, rows, failures })}`));
if (junit !== undefined) output("JUnit XML", () => writeFile(junit, junitReport(rows, failures)));
if (emitTest !== undefined) {
  const first = failures[0];
  if (first === undefined) console.log(`\nno failure to replay: ${emitTest} not written`);
  else
    output("test", () => {
      writeFile(emitTest, emittedTest(first, emitTest));
      console.log(`\ntest replaying the ${failures.length > 1 ? "first " : ""}failure: ${emitTest} (npx vitest run ${emitTest})`);
    });
}

let narrated = true;
if (narrate) {
  console.log(`\nFlow 1 on the MIMI stack (real MLS, ${options.provider} crypto provider)`);
  const flow = await runFlowOne(options.provider);
  for (const line of flow.lines) console.log(line);
  narrated = flow.agreed;
}
process.exitCode = holds && narrated && written ? 0 : 1;
