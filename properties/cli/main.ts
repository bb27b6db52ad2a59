// The main job: explore the model in every variant, then run the protocol's first flow on the real stack.
// Options: --depth N (exploration depth, default 5), --provider node|default (MLS crypto provider).
import { ALL_VARIANTS } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { exploreModel } from "../explore/exploreModel.js";
import { runFlowOne } from "../demo/flow-one.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const depth = Number(option("depth", "5"));
const provider = option("provider", "node") === "default" ? "default" : "node";
let failed = false;

console.log(`Model exploration (cooperative role set, 3 users × 2 clients, depth ${depth})`);
console.log("variant                              states  transitions  violations  seconds");
for (const variants of ALL_VARIANTS) {
  const started = performance.now();
  const report = exploreModel({ config: cooperativeConfig(variants), depth });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const name = `${variants.leaveOrder}/${variants.pendingProposals}`;
  console.log(`${name.padEnd(36)} ${String(report.states).padStart(6)} ${String(report.transitions).padStart(12)} ${String(report.violations.length).padStart(11)} ${seconds.padStart(8)}`);
  for (const v of report.violations) console.log(`  violated ${v.invariant}: ${v.path.map((e) => e.type).join(" → ")}`);
  failed ||= report.violations.length > 0;
}

console.log(`\nFlow 1 on the MIMI stack (real MLS, ${provider} crypto provider)`);
const flow = await runFlowOne(provider);
for (const line of flow.lines) console.log(line);
console.log(flow.agreed ? "\nall members agree on the epoch authenticator; no refusals" : "\nDISAGREEMENT: members differ or refused a message");
failed ||= !flow.agreed;
process.exitCode = failed ? 1 : 0;
