// The one command line that replays a failure: the same setup, seed and budget, and fast-check's path.
// The role set is named unless cooperative, the one a replay defaults to (cli/parse-options.ts).
import type { PropertyOptions } from "../campaign/check-room-property.js";
import { adversaryChoiceOf } from "../adversaries/attack-class.js";
import { IMPLEMENTATION_INVARIANTS } from "../invariants/implementation-invariants.js";
import { NO_INTERNAL_ERROR } from "../runner/no-internal-error.js";
import { DEFAULT_SETUP } from "../runner/run-setup.js";
import { variantName } from "./variant-name.js";

export function replayCommand(options: PropertyOptions, path: string, replayPath?: string): string {
  const { setup } = options;
  const parts = ["npm start --", `--variant ${variantName(setup.variants)}`, `--seed ${options.seed}`, `--commands ${options.maxCommands}`];
  if (setup.roleSet !== "cooperative") parts.push(`--role-set ${setup.roleSet}`);
  if (setup.users !== DEFAULT_SETUP.users) parts.push(`--users ${setup.users}`);
  if (setup.provider !== "node") parts.push(`--provider ${setup.provider}`);
  if (setup.credentials === "basic") parts.push("--credentials basic");
  if (setup.transport === "https") parts.push("--transport https");
  // The command line draws a base room policy per run unless told otherwise.
  if (setup.basePolicy !== "drawn") parts.push("--base-policy none");
  if ((setup.messageTimestampGranularityMs ?? 1) > 1) parts.push(`--message-timestamps ${setup.messageTimestampGranularityMs}`);
  for (const [fault, on] of Object.entries(setup.hubFaults)) if (on) parts.push(`--fault ${fault}`);
  for (const [fault, on] of Object.entries(setup.clientFaults)) if (on) parts.push(`--client-fault ${fault}`);
  if (!setup.compareWithModel) parts.push("--invariants-only");
  // The command line's default is every party; a run with fewer names its choice.
  const adversary = adversaryChoiceOf(setup.adversaries ?? new Set());
  if (adversary !== "all") parts.push(`--adversary ${adversary ?? "none"}`);
  for (const id of setup.attackClasses ?? []) parts.push(`--attack-class ${id}`);
  for (const id of setup.networkFaultClasses ?? []) parts.push(`--network-fault ${id}`);
  for (const [fault, on] of Object.entries(setup.deliveryFaults ?? {})) if (on) parts.push(`--delivery-fault ${fault}`);
  if (setup.skipRefusedOperations === true) parts.push("--skip-refused");
  // A replay runs one operation at a time unless its line says otherwise.
  if ((setup.concurrency ?? 1) !== 1) parts.push(`--concurrency ${setup.concurrency}`);
  // A selection replays as itself; selecting none but P0 (checked always) is `--invariant P0`.
  if (setup.invariants.length < IMPLEMENTATION_INVARIANTS.length)
    for (const id of setup.invariants.length === 0 ? [NO_INTERNAL_ERROR.id] : setup.invariants.map((i) => i.id)) parts.push(`--invariant ${id}`);
  parts.push(`--replay '${path}'`);
  if (replayPath !== undefined) parts.push(`--replay-path '${replayPath}'`);
  return parts.join(" ");
}
