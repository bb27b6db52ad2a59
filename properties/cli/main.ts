// The main job (`npm start`): explore the model in every role set and variant, then check the
// implementation against it in each, and print one summary table. Exit status 0 when every row holds,
// 1 when a row fails or is vacuous, 2 on a bad command line (parse-options.ts; `--help` lists the options).
import { writeFileSync } from "node:fs";
import { runCampaign } from "../campaign/run-campaign.js";
import { runFlowOne } from "../demo/flow-one.js";
import { parseCommandLine, USAGE } from "./parse-options.js";

const commandLine = parseCommandLine(process.argv.slice(2));
if (commandLine.kind === "help") {
  console.log(USAGE);
  process.exit(0);
}
if (commandLine.kind === "usage error") {
  console.error(`error: ${commandLine.message}\n\n${USAGE}`);
  process.exit(2);
}

const { options, narrate, json } = commandLine;
const { holds, rows, failures } = await runCampaign(options, (line) => console.log(line));

if (json !== undefined) writeFileSync(json, `${JSON.stringify({ options, holds, rows, failures }, null, 2)}\n`);

let narrated = true;
if (narrate) {
  console.log(`\nFlow 1 on the MIMI stack (real MLS, ${options.provider} crypto provider)`);
  const flow = await runFlowOne(options.provider);
  for (const line of flow.lines) console.log(line);
  narrated = flow.agreed;
}
process.exitCode = holds && narrated ? 0 : 1;
