// The generation the network tests share: operations that make a follower's clients receive something
// (adds with clients, commits, messages, leaves) and the network's faults, so that few runs reach a
// follower's clients through faulty links.
import fc from "fast-check";
import type { Command } from "../../properties/commands/command.js";

const member = fc.nat({ max: 3 });
/** Mostly the creator (member index 0, on the hub's provider: it can act while a follower is away). */
const actor = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: member });
export const add = fc.record({ op: fc.constant("addParticipant" as const), actor: fc.constant(0), target: member, scope: fc.constant("fitting" as const), role: fc.constant(2), clients: fc.constant("all" as const) });
/** Operations that make a follower's clients receive something, and the network's faults. */
export const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 2, arbitrary: add },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("network" as const), fault: fc.nat({ max: 15 }), follower: fc.nat({ max: 3 }), span: fc.nat({ max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("commit" as const), actor, includePending: fc.constant(true) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("sendMessage" as const), actor, epochOffset: fc.constant<0>(0) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("leave" as const), actor: member }) },
);

