// A network fault as a generated command: indexes for the class, the follower and the fault's size,
// resolved when it runs (so it shrinks and replays like every other command).
import fc from "fast-check";
import { FOLLOWER_DOMAINS } from "../world/room-world.js";
import { NETWORK_FAULT_CLASSES, type NetworkFaultClass } from "./network-fault-classes.js";

export interface NetworkCommand {
  readonly op: "network";
  readonly fault: number;
  readonly follower: number;
  /** 0–2: the fault's size is span + 1 (steps away, later requests overtaking). */
  readonly span: number;
}

export const networkCommandArbitrary: fc.Arbitrary<NetworkCommand> = fc.record({
  op: fc.constant("network" as const),
  fault: fc.nat({ max: 15 }),
  follower: fc.nat({ max: 3 }),
  span: fc.nat({ max: 2 }),
});

/** What the command stands for: the class among `classes` (all when absent), the follower among those
 * hosting a member of the room (`hosting`; any follower when none does: the fault then waits for one),
 * the size. */
export function resolveNetworkCommand(command: NetworkCommand, hosting: readonly string[], classes?: readonly string[]): { readonly cls: NetworkFaultClass; readonly follower: string; readonly span: number } | undefined {
  const enabled = classes === undefined ? NETWORK_FAULT_CLASSES : NETWORK_FAULT_CLASSES.filter((c) => classes.includes(c.id));
  if (enabled.length === 0) return undefined;
  const followers: readonly string[] = hosting.length > 0 ? hosting : FOLLOWER_DOMAINS;
  return { cls: enabled[command.fault % enabled.length]!, follower: followers[command.follower % followers.length]!, span: command.span + 1 };
}
