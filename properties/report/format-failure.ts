// A failure as people read it: the shrunk run as numbered steps in words, what went wrong, and how to
// replay it.
import type { PropertyResult } from "../campaign/check-room-property.js";
import type { StepRecord, TraceResult } from "../runner/run-trace.js";
import { replayCommand } from "./replay-command.js";
import { sequenceChart } from "./sequence-chart.js";
import { variantName } from "./variant-name.js";
import { describeRoleSet } from "../world/generated-role-set.js";
import { describeBasePolicy } from "../world/base-policy-draw.js";

function outcome(step: StepRecord): string {
  const model = step.modelVerdict;
  if (model === undefined || step.implCode === undefined) return "";
  const modelCode = model.accepted ? "accepted" : model.code;
  if (modelCode === step.implCode) return model.accepted ? "accepted" : `${modelCode} (${model.rule})`;
  return `hub ${step.implCode === "accepted" ? "accepted" : `answered ${step.implCode}`}, model says ${model.accepted ? "accepted" : `${modelCode} (${model.rule})`}`;
}

/** The run's steps, numbered, each with its outcome; the failing step carries the finding. */
export function formatTrace(trace: TraceResult): string[] {
  const lines: string[] = [];
  for (const step of trace.steps) {
    if (step.skipped) continue;
    const result = outcome(step);
    lines.push(`${step.index}. ${step.text}${result ? ` → ${result}` : ""}`);
    // A request of a concurrent batch: what else was in flight, and which request overtook which.
    if (step.race !== undefined) lines.push(`   ⇄ ${step.race}`);
    if (trace.failure?.step !== step.index) continue;
    // Printed for a verdict failure too: it says whether the clients refused what the hub accepted.
    lines.push(`   ✗ ${trace.failure.check}: ${trace.failure.message}`);
    // An internal error's local report (it never crossed the wire).
    for (const l of trace.failure.detail ?? []) lines.push(`       ${l}`);
    // The failing step's messages, as a sequence chart in text; an answer other than 2xx is shown.
    for (const x of step.wire ?? []) {
      const answer = x.status !== undefined && (x.status < 200 || x.status > 299) ? `  → ${x.status}` : "";
      lines.push(`     ${x.from} → ${x.to}  /${x.endpoint}${x.endpoint === "keyMaterial" ? ` ${x.target}` : ""}  ${x.bytes} B${answer}`);
    }
  }
  return lines;
}

/** A failed property row as the terminal prints it: header, numbered steps, the sequence chart, seed and replay line. */
export function formatFailure(result: PropertyResult): string[] {
  const { options } = result;
  const { setup } = options;
  const roleSet = setup.roleSet === "cooperative" ? "" : ` (${setup.roleSet} role set)`;
  const faults = [...Object.keys(setup.hubFaults).map((f) => `hub ${f}`), ...Object.keys(setup.clientFaults).map((f) => `clients ${f}`)];
  const header = `property failed: ${variantName(setup.variants)}${roleSet}${faults.length ? ` with ${faults.join(", ")}` : ""}`;
  if (result.failure === undefined) return result.error === undefined ? [] : [header, result.error];
  const { trace, path, replayPath, shrinks, generatedRoleSet, basePolicy } = result.failure;
  return [
    `${header} — ${trace.failure!.check} at step ${trace.failure!.step}`,
    // A generated role set: the run's own, which the seed and path draw again.
    ...(generatedRoleSet === undefined ? [] : `the run's role set: ${describeRoleSet(generatedRoleSet)}`.split("\n").map((l) => `  ${l}`)),
    // A drawn base room policy: the run's own, which the seed and path draw again.
    ...(basePolicy === undefined ? [] : [`  the run's base room policy: ${describeBasePolicy(basePolicy)}`]),
    ...formatTrace(trace).map((l) => `  ${l}`),
    // The same run as a sequence chart, fenced so that it pastes into a review as a diagram.
    "  ```mermaid",
    ...sequenceChart(trace).map((l) => `  ${l}`),
    "  ```",
    `  seed ${options.seed}, path ${path}${replayPath !== undefined ? `, replayPath ${replayPath}` : ""} (after ${shrinks} shrinks)`,
    `  replay: ${replayCommand(options, path, replayPath)}`,
  ];
}
