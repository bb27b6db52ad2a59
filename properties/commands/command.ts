// The operations a property run generates. Actors and targets are indexes, resolved against the
// model's current room when the command runs (resolve-command.ts), so every generated sequence stays
// meaningful however fast-check shrinks it. Actors are any member client, whatever its role: commands a
// role does not allow are generated as often as allowed ones, and must be refused.
import fc from "fast-check";
import { networkCommandArbitrary, type NetworkCommand } from "../network/network-command.js";
import { CONTENT_KINDS, type ContentChoice } from "../../model/index.js";
import { ENFORCE_ACTIONS, type EnforceAction } from "./enforce-command.js";

export type ClientChoice = "none" | "first" | "all";

/** Where a target index points: users it makes sense to target (the listed ones for a removal, the
 * unlisted ones for an add, never the actor's own user), or any user of the world. */
export type TargetScope = "fitting" | "any";

/** Which member clients an actor index ranges over: all of them (default), or only those whose user has
 * no leave pending (so that several members' leaves, and a commit by someone staying, can be generated). */
export type ActorScope = "any" | "staying";

/** A room operation one member performs by itself. */
export type SimpleCommand =
  | { readonly op: "addParticipant"; readonly actor: number; readonly target: number; readonly scope: TargetScope; readonly role: number; readonly clients: ClientChoice; readonly actorScope?: ActorScope }
  /** A client not yet in the group joins for its own user by external commit. */
  | { readonly op: "addOwnClient"; readonly client: number }
  /** A client of a user who is not a participant (unlisted, banned or leaving) asks to join by itself (open join, R4). */
  | { readonly op: "openJoin"; readonly actor: number; readonly code?: number }
  | { readonly op: "leave"; readonly actor: number; readonly actorScope?: ActorScope }
  /** A commit of the pending proposals (a self-update when there are none), or one that omits them. */
  | { readonly op: "commit"; readonly actor: number; readonly includePending: boolean; readonly actorScope?: ActorScope }
  | { readonly op: "removeParticipant" | "kick" | "ban"; readonly actor: number; readonly target: number; readonly scope: TargetScope; readonly actorScope?: ActorScope }
  | { readonly op: "unban" | "changeRole"; readonly actor: number; readonly target: number; readonly scope: TargetScope; readonly role: number; readonly actorScope?: ActorScope }
  /** -1: a late message from the epoch before; +1: one claiming the next epoch. `content`: the kind of MIMI
   * content and which held message it names (model/messageRules.ts); absent, a plain text. */
  | { readonly op: "sendMessage"; readonly actor: number; readonly epochOffset: -1 | 0 | 1; readonly content?: ContentChoice }
  /** A member sends an attachment stored at its provider's asset server; the `receiver`-th client that got it
   * downloads it through the hub and decrypts it (properties/assets). The model reads it as a message. */
  | { readonly op: "download"; readonly actor: number; readonly receiver: number }
  | { readonly op: "staleCommit"; readonly actor: number }
  /** A member changes its own role (R20 canChangeOwnRole): `role` 0 names its first preauth role, any other
   * index one of the assignable roles (so that the wrong role is asked for too). */
  | { readonly op: "changeOwnRole"; readonly actor: number; readonly role: number }
  /** A member replaces the preauth list with one of the role set's lists (R20 canChangePreauthorizedUserList). */
  | { readonly op: "changePreauthList"; readonly actor: number; readonly list: number }
  /** A member replaces a room component (R22): roles_list, base_room_policy or room_metadata, by one of the
   * abstract changes of model/roomChanges.ts (`change` wraps around their number). */
  | { readonly op: "changeRoleDefinitions" | "changeRoomPolicy" | "changeMetadata"; readonly actor: number; readonly change: number }
  /** An operator of the hub asks its policy enforcer to remove, ban or unban a user (R18, enforce-command.ts).
   * `actor` is unused (generated 0): the enforcer acts through no client, but every simple command names an actor index. */
  | { readonly op: "enforce"; readonly actor: number; readonly action: EnforceAction; readonly target: number };

/** The operation a committer performs in a commit that also carries the epoch's pending proposals. */
export type OwnCommitOperation =
  | { readonly op: "commit" }
  | { readonly op: "addParticipant"; readonly target: number; readonly role: number; readonly clients: ClientChoice }
  | { readonly op: "removeParticipant" | "kick" | "ban"; readonly target: number }
  | { readonly op: "unban" | "changeRole"; readonly target: number; readonly role: number };

/**
 * A compromised party's attack (properties/adversaries): `attack` indexes the classes of the parties the
 * run enables, `attacker` the parties the class's pool ranges over, `target` and `variant` the class's
 * own choices. Resolved when it runs, like every other command.
 */
export interface AttackCommand {
  readonly op: "attack";
  readonly attacker: number;
  readonly attack: number;
  readonly target: number;
  readonly variant: number;
}

export type Command =
  | SimpleCommand
  /** A fault on the links between the hub and a follower, armed for what follows (properties/network). */
  | NetworkCommand
  | AttackCommand
  /**
   * Several members leave in the same epoch (each index ranges over the members still staying), then a
   * staying member commits them all with an operation of its own: the deep case of a commit carrying
   * several participant-list updates and several proposers' pending proposals. The runner expands it
   * into its parts (expand-command.ts), each resolved and checked as a step of its own.
   */
  | { readonly op: "leavesThenCommit"; readonly leavers: readonly number[]; readonly committer: number; readonly own: OwnCommitOperation }
  | ConcurrentCommand;

/**
 * Several members' operations in flight at once (properties/concurrency): every part is resolved and
 * built on the room as it is before any reaches the hub, so two commits can target one epoch; then the
 * requests reach the hub in the order `picks` chooses, each pick an index (modulo their number) among the
 * requests still held, 0 being the earliest built, played through fast-check's scheduler. Generated, shrunk
 * (towards fewer parts and build order) and replayed like any command.
 */
export interface ConcurrentCommand {
  readonly op: "concurrent";
  readonly parts: readonly SimpleCommand[];
  readonly picks: readonly number[];
  /** Per part after the first: true ties it to the part before (its actor becomes a client of that part's
   * target, or its target that part's actor's user), so that the two requests are about the same user. */
  readonly entangle?: readonly boolean[];
}

export type CommandOp = Command["op"];

const index = fc.nat({ max: 15 });
const scope = fc.constantFrom<TargetScope>("fitting", "fitting", "fitting", "any");

/** A message's content: every kind of model/messageRules.ts alike (shrinking towards a text), and which held message it names. */
export const contentChoice: fc.Arbitrary<ContentChoice> = fc.record({ kind: fc.constantFrom(...CONTENT_KINDS), target: fc.nat({ max: 7 }) });

const ownCommitOperation: fc.Arbitrary<OwnCommitOperation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant("commit" as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("addParticipant" as const), target: index, role: index, clients: fc.constantFrom<ClientChoice>("none", "first", "all") }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom("removeParticipant" as const, "kick" as const, "ban" as const), target: index }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom("unban" as const, "changeRole" as const), target: index, role: index }) },
);

/** Operations that can be in flight beside others: every simple one but the stale commit, and messages for
 * the sender's current epoch only (a message lags behind by losing its race, not by construction). The
 * first part of a batch leans towards changes to someone (removal, ban, kick, role change, commit), the
 * others towards what that someone does meanwhile (message, commit, leave, rejoin), which entanglement
 * then ties to the first part's target. */
function concurrentPartArbitrary(first: boolean): fc.Arbitrary<SimpleCommand> {
  const [change, own] = first ? [6, 1] : [1, 4];
  return fc.oneof(
    { weight: change, arbitrary: fc.record({ op: fc.constantFrom("removeParticipant" as const, "ban" as const, "kick" as const), actor: index, target: index, scope }) },
    { weight: own + 1, arbitrary: fc.record({ op: fc.constant("sendMessage" as const), actor: index, epochOffset: fc.constant<0>(0) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("commit" as const), actor: index, includePending: fc.constant(true) }) },
    { weight: own, arbitrary: fc.record({ op: fc.constant("leave" as const), actor: index }) },
    { weight: own, arbitrary: fc.record({ op: fc.constant("addOwnClient" as const), client: index }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("addParticipant" as const), actor: index, target: index, scope, role: index, clients: fc.constantFrom<ClientChoice>("none", "first", "all") }) },
    { weight: change, arbitrary: fc.record({ op: fc.constantFrom("changeRole" as const, "unban" as const), actor: index, target: index, scope, role: index }) },
  );
}

/** A batch of 2..`concurrency` operations in flight together, with the order their requests reach the hub. */
export function concurrentCommandArbitrary(concurrency: number): fc.Arbitrary<ConcurrentCommand> {
  const k = Math.max(2, concurrency);
  // Picks are independent of the parts (each taken modulo the requests still held), so both shrink apart.
  return fc.record({
    op: fc.constant("concurrent" as const),
    parts: fc.tuple(concurrentPartArbitrary(true), fc.array(concurrentPartArbitrary(false), { minLength: 1, maxLength: k - 1 })).map(([first, rest]) => [first, ...rest]),
    picks: fc.array(fc.nat({ max: k - 1 }), { minLength: k - 1, maxLength: k - 1 }),
    // Mostly about one user (and shrinking towards that): races between unrelated requests are rarer.
    entangle: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: k - 1, maxLength: k - 1 }),
  });
}

/** Every command, weighted towards the room-changing ones. `compound: false` leaves out the compound
 * command (to measure what it adds, generation-depth.ts); `attacks: true` adds compromised parties'
 * attacks, at a modest weight so that honest operations keep most of the run (weight 0 leaves the
 * generation of honest runs exactly as it was); `concurrency` above 1 adds batches of up to that many
 * operations in flight together (weight 0 otherwise, leaving the generation as it was). */
export function commandArbitrary(options: { downloads?: number; compound?: boolean; attacks?: boolean; network?: boolean; concurrency?: number; openJoin?: boolean; joinCode?: boolean; preauth?: boolean; enforce?: boolean; roomChanges?: boolean } = {}): fc.Arbitrary<Command> {
  const compound = options.compound ?? true;
  const concurrency = options.concurrency ?? 1;
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant("addParticipant" as const), actor: index, target: index, scope, role: index, clients: fc.constantFrom<ClientChoice>("none", "first", "all") }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("addOwnClient" as const), client: index }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("leave" as const), actor: index }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant("commit" as const), actor: index, includePending: fc.boolean() }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constantFrom("removeParticipant" as const, "kick" as const, "ban" as const), actor: index, target: index, scope }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom("unban" as const, "changeRole" as const), actor: index, target: index, scope, role: index }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("sendMessage" as const), actor: index, epochOffset: fc.constantFrom<-1 | 0 | 1>(0, 0, -1, 1), content: contentChoice }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("staleCommit" as const), actor: index }) },
    {
      weight: compound ? 3 : 0,
      arbitrary: fc.record({ op: fc.constant("leavesThenCommit" as const), leavers: fc.array(index, { minLength: 1, maxLength: 3 }), committer: index, own: ownCommitOperation }),
    },
    {
      weight: options.attacks === true ? 3 : 0,
      arbitrary: fc.record({ op: fc.constant("attack" as const), attacker: index, attack: fc.nat({ max: 63 }), target: index, variant: fc.nat({ max: 3 }) }),
    },
    // `network: true` adds faults on the links, as often as attacks (weight 0 leaves other runs as they were).
    { weight: options.network === true ? 3 : 0, arbitrary: networkCommandArbitrary },
    { weight: concurrency > 1 ? 10 : 0, arbitrary: concurrentCommandArbitrary(Math.max(2, concurrency)) },
    // `downloads`: the weight of attachments downloaded through the hub, 1 in campaigns (0 or absent leaves other runs as they were).
    { weight: options.downloads ?? 0, arbitrary: fc.record({ op: fc.constant("download" as const), actor: index, receiver: index }) },
    // `openJoin: true` (rooms whose role 0 may hold canOpenJoin) adds open joins; weight 0 leaves other runs as they were.
    { weight: options.openJoin === true ? 3 : 0, arbitrary: fc.record({ op: fc.constant("openJoin" as const), actor: index }) },
    // `joinCode: true` (rooms whose role 0 holds canUseJoinCode) adds open joins with a code: `code` indexes the
    // world's codes and one unknown (properties/world/join-code-table.ts). Weight 0 leaves other runs as they were.
    { weight: options.joinCode === true ? 5 : 0, arbitrary: fc.record({ op: fc.constant("openJoin" as const), actor: index, code: index }) },
    // `preauth: true` (rooms with a preauth_list) adds changes of one's own role. Weight 0 leaves other runs as they were.
    { weight: options.preauth === true ? 3 : 0, arbitrary: fc.record({ op: fc.constant("changeOwnRole" as const), actor: index, role: fc.nat({ max: 3 }) }) },
    { weight: options.preauth === true ? 2 : 0, arbitrary: fc.record({ op: fc.constant("changePreauthList" as const), actor: index, list: index }) },
    // `roomChanges: true` adds changes of roles_list, base_room_policy and room_metadata (R22). Weight 0 leaves other runs as they were.
    {
      weight: options.roomChanges === true ? 3 : 0,
      arbitrary: fc.record({ op: fc.constantFrom("changeRoleDefinitions" as const, "changeRoomPolicy" as const, "changeMetadata" as const), actor: index, change: index }),
    },
    // `enforce: true` (rooms with a policy_enforcer role) adds the hub's enforcer's actions (R18). Weight 0 leaves other runs as they were.
    { weight: options.enforce === true ? 3 : 0, arbitrary: fc.record({ op: fc.constant("enforce" as const), actor: fc.constant(0), action: fc.constantFrom(...ENFORCE_ACTIONS), target: index }) },
  );
}

/** A run: up to `maxCommands` commands after the room's creation. */
export function commandsArbitrary(maxCommands: number, options: { attacks?: boolean; concurrency?: number } = {}): fc.Arbitrary<Command[]> {
  return fc.array(commandArbitrary(options), { minLength: 1, maxLength: maxCommands });
}
