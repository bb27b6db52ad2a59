// The main job (`npm start`): explore the model in every variant, then check the implementation against
// it in every variant, and print one summary table. Exit status 1 when anything fails.
//   --seed N --runs N --commands N     the property budget (defaults 1, 150, 25)
//   --variant all|same-commit/must-include|…   --role-set cooperative|restricted   --provider node|default
//   --users N                          users in the property runs' world, 2 clients each (default 4)
//   --depth N                          exploration depth (default 5; 0 skips it)
//   --fault NAME (repeatable)          switch one hub rule off (impl/hub/hub-config.ts HubFaults)
//   --invariants-only, --invariant ID  judge by the implementation's invariants alone (or by one of them)
//   --replay PATH [--replay-path RP]   replay one failure (with the seed, variant and budget it printed)
//   --narrate                          also narrate flow 1 of the protocol on the real stack
//   --json FILE                        also write the summary and any failures as JSON
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ALL_VARIANTS } from "../../model/index.js";
import { runCampaign } from "../campaign/run-campaign.js";
import { runFlowOne } from "../demo/flow-one.js";
import { parseVariantName } from "../report/variant-name.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    runs: { type: "string", default: "150" },
    commands: { type: "string", default: "25" },
    users: { type: "string", default: "4" },
    variant: { type: "string", default: "all" },
    "role-set": { type: "string", default: "cooperative" },
    provider: { type: "string", default: "node" },
    depth: { type: "string", default: "5" },
    fault: { type: "string", multiple: true, default: [] },
    "invariants-only": { type: "boolean", default: false },
    invariant: { type: "string", multiple: true, default: [] },
    replay: { type: "string" },
    "replay-path": { type: "string" },
    narrate: { type: "boolean", default: false },
    json: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const variants = values.variant === "all" ? ALL_VARIANTS : [parseVariantName(values.variant) ?? fail(`unknown variant ${values.variant}`)];
const roleSet = values["role-set"] === "restricted" ? "restricted" : values["role-set"] === "cooperative" ? "cooperative" : fail(`unknown role set ${values["role-set"]}`);
const provider = values.provider === "default" ? "default" : values.provider === "node" ? "node" : fail(`unknown provider ${values.provider}`);
const replaying = values.replay !== undefined;

const { holds, rows, failures } = await runCampaign(
  {
    variants,
    roleSet,
    provider,
    seed: Number(values.seed),
    runs: Number(values.runs),
    maxCommands: Number(values.commands),
    users: Number(values.users),
    depth: replaying ? 0 : Number(values.depth),
    hubFaults: Object.fromEntries(values.fault.map((f) => [f, true])),
    compareWithModel: !values["invariants-only"],
    invariants: values.invariant,
    ...(values.replay !== undefined ? { path: values.replay } : {}),
    ...(values["replay-path"] !== undefined ? { replayPath: values["replay-path"] } : {}),
  },
  (line) => console.log(line),
);

if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ options: values, holds, rows, failures }, null, 2)}\n`);

let narrated = true;
if (values.narrate) {
  console.log(`\nFlow 1 on the MIMI stack (real MLS, ${provider} crypto provider)`);
  const flow = await runFlowOne(provider);
  for (const line of flow.lines) console.log(line);
  narrated = flow.agreed;
}
process.exitCode = holds && narrated ? 0 : 1;
