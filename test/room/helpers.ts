// Shared builders for the room-brick tests: users and clients on a.example, rooms from (user, role)
// pairs, policy contexts, and commit items with the GroupContextExtensions a committer would add.
// The list a GroupContextExtensions proposal carries is always written out by the test itself, as
// (user, role) pairs read off the draft's update semantics (protocol §7.5: role changes, then removals,
// both by index into the committed list, then additions appended), never computed by the code under test.
import type { ParticipantListData, ParticipantListUpdate } from "../../impl/codec/participant-list.js";
import type { RoleData } from "../../impl/codec/roles.js";
import type { Actor, CheckContext, CommitDescription, CommitItem } from "../../impl/room/commit-item.js";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import type { PolicyInput } from "../../impl/room/policy.js";
import type { RoomAction } from "../../impl/room/room-action.js";
import { membersOfClients, type Member, type RoomState } from "../../impl/room/room-state.js";

export const user = (id: string) => `mimi://a.example/u/${id}`;
export const client = (id: string, device = "1") => `mimi://a.example/d/${id}/${device}`;

export const ALICE = user("alice");
export const BOB = user("bob");
export const CAROL = user("carol");
export const DAVE = user("dave");
export const ERIN = user("erin");
export const FRANK = user("frank");
export const SAM = user("sam");
export const HUB = user("hub");

/** A participant list written as (user, role index) pairs, in list order. */
export type Entries = readonly (readonly [string, number])[];

export function listOf(entries: Entries): ParticipantListData {
  return { participants: entries.map(([u, roleIndex]) => ({ user: u, roleIndex })) };
}

export function roomOf(roles: RoleData, entries: Entries): RoomState {
  return { participants: listOf(entries), roles };
}

/**
 * The cooperative room most tests use: alice group_admin (clients 1 and 2), bob and carol ordinary_user
 * (one client each), erin ordinary_user without clients, frank banned; dave is not listed.
 */
export function cooperativeRoom(extra: readonly (readonly [string, number])[] = []): RoomState {
  return roomOf(COOPERATIVELY_ADMINISTERED_ROLES, [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1], ...extra]);
}

export const COOPERATIVE_MEMBERS: Member[] = membersOfClients([client("alice"), client("alice", "2"), client("bob"), client("carol")]);

export function policy(room: RoomState, members: readonly Member[], actor: string, action: RoomAction, blocked: readonly string[] = []): PolicyInput {
  return { room, activeUsers: new Set(members.map((m) => m.user)), blockedUsers: new Set(blocked), actor, action };
}

export function context(room: RoomState, members: readonly Member[], blocked: readonly string[] = [], more: Partial<CheckContext> = {}): CheckContext {
  return { room, members, blocked: new Set(blocked), ...more };
}

export function memberActor(clientUri: string): Actor & { kind: "member" } {
  const [m] = membersOfClients([clientUri]);
  return { kind: "member", client: m.client, user: m.user };
}

export function update(parts: Partial<ParticipantListUpdate>): ParticipantListUpdate {
  return { changedRoleParticipants: [], removedIndices: [], addedParticipants: [], ...parts };
}

export function listItem(proposer: Actor, parts: Partial<ParticipantListUpdate>, byReference = false): CommitItem {
  return { kind: "participantListUpdate", update: update(parts), proposer, byReference };
}

export function addItem(proposer: Actor, clientUri: string, byReference = false): CommitItem {
  const [m] = membersOfClients([clientUri]);
  return { kind: "add", client: m.client, user: m.user, proposer, byReference };
}

export function removeItem(proposer: Actor, clientUri: string, byReference = false): CommitItem {
  const [m] = membersOfClients([clientUri]);
  return { kind: "remove", client: m.client, user: m.user, proposer, byReference };
}

type GroupContextItem = Extract<CommitItem, { kind: "groupContextExtensions" }>;

/** A GroupContextExtensions proposal by `committer` carrying `expected` as the list and `room`'s other
 * components (roles, base policy, metadata) unchanged. */
export function gceWithList(room: RoomState, committer: Actor, expected: Entries): GroupContextItem {
  const kept = { ...(room.basePolicy === undefined ? {} : { basePolicy: room.basePolicy }), ...(room.metadata === undefined ? {} : { metadata: room.metadata }) };
  return { kind: "groupContextExtensions", participantList: listOf(expected), roles: room.roles, ...kept, otherExtensionsChanged: false, proposer: committer };
}

/**
 * A commit by `committer` holding `items`; when they change the list, plus the GCE an honest committer
 * adds, whose list is `expected` as the test writes it out.
 */
export function commitOf(room: RoomState, committer: Actor, items: readonly CommitItem[], expected?: Entries): CommitDescription {
  const changesList = items.some((i) => i.kind === "participantListUpdate");
  if (!changesList) return { committer, items: [...items] };
  if (expected === undefined) throw new Error("a commit that changes the list needs the expected list written out");
  return { committer, items: [...items, gceWithList(room, committer, expected)] };
}
