// The base room policy's rules (room-policy §5; docs/rules.md R21 "Base room policy"), one implementation
// for the hub and every honest client. Of BaseRoomPolicy's fields only these have a protocol meaning here:
// - multi_device = false: at most one client (MLS leaf) per user;
// - max_clients: at most that many MLS leaves;
// - max_users: at most that many listed users outside role 1 (banned);
// - fixed_membership: the listed users are set at creation, so no change lists a user the room did not
//   list before it; and no role other than 0 and 1 may hold canAddParticipant (checked at creation).
// The others are carried and documented only: parent_dependant / parent_room (no parent rooms here),
// pseudonyms_allowed (credentials always name the user), persistent_room (its only effect is that an
// authorised user may re-create the MLS group, which this project does not do), discoverable (no
// directory), policy_component_ids (the components a room has are the dictionary's).
import type { BaseRoomPolicy } from "../codec/base-room-policy.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { BANNED_ROLE, NOT_LISTED_ROLE, type Member, type RoomState } from "./room-state.js";

/** Listed users outside role 1 (what max_users counts). */
export function unbannedListedCount(room: RoomState): number {
  return room.participants.participants.filter((p) => p.roleIndex !== BANNED_ROLE).length;
}

/**
 * Why the room and members after a change break the base policy, or undefined. `before` is the room the
 * change starts from: fixed membership compares the listed users with it. The reasons start with the
 * names the model gives them (multiDevice, maxClients, maxUsers, fixedMembership).
 */
export function basePolicyBreach(
  policy: BaseRoomPolicy | undefined,
  before: RoomState,
  after: { room: RoomState; members: readonly Member[] },
): string | undefined {
  if (policy === undefined) return undefined;
  if (!policy.multiDevice) {
    const seen = new Set<string>();
    for (const m of after.members) {
      if (seen.has(m.user)) return `multiDevice: multi_device is false and ${m.user} would have more than one client`;
      seen.add(m.user);
    }
  }
  if (policy.maxClients !== undefined && after.members.length > policy.maxClients)
    return `maxClients: ${after.members.length} clients, max_clients is ${policy.maxClients}`;
  const users = unbannedListedCount(after.room);
  if (policy.maxUsers !== undefined && users > policy.maxUsers) return `maxUsers: ${users} users outside role 1, max_users is ${policy.maxUsers}`;
  if (policy.fixedMembership) {
    const listed = new Set(before.participants.participants.map((p) => p.user));
    const newcomer = after.room.participants.participants.find((p) => !listed.has(p.user));
    if (newcomer !== undefined) return `fixedMembership: the membership is fixed; ${newcomer.user} cannot be listed`;
  }
  return undefined;
}

/** Why listing one more user outside role 1 (an open join) breaks the base policy of `room`, or undefined. */
export function basePolicyRefusesListing(room: RoomState): string | undefined {
  const policy = room.basePolicy;
  if (policy === undefined) return undefined;
  if (policy.fixedMembership) return "fixedMembership: the membership is fixed";
  const users = unbannedListedCount(room);
  if (policy.maxUsers !== undefined && users + 1 > policy.maxUsers) return `maxUsers: max_users is ${policy.maxUsers}`;
  return undefined;
}

/** Why a room cannot be created with this base policy and roles_list, or undefined (R0). */
export function basePolicyCreationProblem(room: RoomState): string | undefined {
  const policy = room.basePolicy;
  if (policy === undefined) return undefined;
  if (policy.fixedMembership) {
    const adder = room.roles.roles.find((r) => r.roleIndex !== NOT_LISTED_ROLE && r.roleIndex !== BANNED_ROLE && hasCapability(r, CAPABILITY.canAddParticipant));
    if (adder !== undefined) return `fixedMembershipAdder: the membership is fixed but role ${adder.roleIndex} holds canAddParticipant`;
  }
  // The creator (listed, with its one client) must fit the caps.
  if (policy.maxClients === 0 || policy.maxUsers === 0) return "basePolicyExcludesCreator: max_clients or max_users is 0";
  return undefined;
}
