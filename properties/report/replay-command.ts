// The one command line that replays a failure: the same setup, seed and budget, and fast-check's path.
import type { PropertyOptions } from "../campaign/check-room-property.js";
import { DEFAULT_SETUP } from "../runner/run-setup.js";
import { variantName } from "./variant-name.js";

export function replayCommand(options: PropertyOptions, path: string, replayPath?: string): string {
  const { setup } = options;
  const parts = ["npm start --", `--variant ${variantName(setup.variants)}`, `--seed ${options.seed}`, `--commands ${options.maxCommands}`];
  if (setup.roleSet !== "cooperative") parts.push(`--role-set ${setup.roleSet}`);
  if (setup.users !== DEFAULT_SETUP.users) parts.push(`--users ${setup.users}`);
  if (setup.provider !== "node") parts.push(`--provider ${setup.provider}`);
  for (const [fault, on] of Object.entries(setup.hubFaults)) if (on) parts.push(`--fault ${fault}`);
  if (!setup.compareWithModel) parts.push("--invariants-only");
  if (setup.invariants.length === 1) parts.push(`--invariant ${setup.invariants[0]!.id}`);
  parts.push(`--replay '${path}'`);
  if (replayPath !== undefined) parts.push(`--replay-path '${replayPath}'`);
  return parts.join(" ");
}
