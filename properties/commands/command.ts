// The operations a property run generates. Actors and targets are indexes, resolved against the
// model's current room when the command runs (resolve-command.ts), so every generated sequence stays
// meaningful however fast-check shrinks it. Actors are any member client, whatever its role: commands a
// role does not allow are generated as often as allowed ones, and must be refused.
import fc from "fast-check";

export type ClientChoice = "none" | "first" | "all";

/** Where a target index points: users it makes sense to target (the listed ones for a removal, the
 * unlisted ones for an add, never the actor's own user), or any user of the world. */
export type TargetScope = "fitting" | "any";

export type Command =
  | { readonly op: "addParticipant"; readonly actor: number; readonly target: number; readonly scope: TargetScope; readonly role: number; readonly clients: ClientChoice }
  /** A client not yet in the group joins for its own user by external commit. */
  | { readonly op: "addOwnClient"; readonly client: number }
  | { readonly op: "leave"; readonly actor: number }
  /** A commit of the pending proposals (a self-update when there are none), or one that omits them. */
  | { readonly op: "commit"; readonly actor: number; readonly includePending: boolean }
  | { readonly op: "removeParticipant" | "kick" | "ban"; readonly actor: number; readonly target: number; readonly scope: TargetScope }
  | { readonly op: "unban" | "changeRole"; readonly actor: number; readonly target: number; readonly scope: TargetScope; readonly role: number }
  /** -1: a late message from the epoch before; +1: one claiming the next epoch. */
  | { readonly op: "sendMessage"; readonly actor: number; readonly epochOffset: -1 | 0 | 1 }
  | { readonly op: "staleCommit"; readonly actor: number };

export type CommandOp = Command["op"];

const index = fc.nat({ max: 15 });
const scope = fc.constantFrom<TargetScope>("fitting", "fitting", "fitting", "any");

/** Every command, weighted towards the room-changing ones. */
export function commandArbitrary(): fc.Arbitrary<Command> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant("addParticipant" as const), actor: index, target: index, scope, role: index, clients: fc.constantFrom<ClientChoice>("none", "first", "all") }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("addOwnClient" as const), client: index }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("leave" as const), actor: index }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("commit" as const), actor: index, includePending: fc.boolean() }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constantFrom("removeParticipant" as const, "kick" as const, "ban" as const), actor: index, target: index, scope }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom("unban" as const, "changeRole" as const), actor: index, target: index, scope, role: index }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("sendMessage" as const), actor: index, epochOffset: fc.constantFrom<-1 | 0 | 1>(0, 0, -1, 1) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("staleCommit" as const), actor: index }) },
  );
}

/** A run: up to `maxCommands` commands after the room's creation. */
export function commandsArbitrary(maxCommands: number): fc.Arbitrary<Command[]> {
  return fc.array(commandArbitrary(), { minLength: 1, maxLength: maxCommands });
}
