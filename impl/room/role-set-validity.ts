// Whether a roles_list can be a room's (room-policy-03 §3, §8; docs/rules.md "Generated policies"). The
// hub asks it when a room is created; a role-definition change asks it too (group-context-check.ts). And
// whether a room a client is about to join holds only members it may hold (R23).
import type { RoleData } from "../codec/roles.js";
import { basePolicyCreationProblem } from "./base-policy.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { clientsForbiddenReason } from "./completion-checks.js";
import { BANNED_ROLE, NOT_LISTED_ROLE, roleByIndex, type Member, type RoomState } from "./room-state.js";

/** Why `roles` cannot be a roles_list, or undefined. */
export function roleDataProblem(roles: RoleData): string | undefined {
  const indexes = new Set<number>();
  for (const role of roles.roles) {
    if (indexes.has(role.roleIndex)) return `roles_list has role ${role.roleIndex} twice`;
    indexes.add(role.roleIndex);
  }
  if (!indexes.has(NOT_LISTED_ROLE)) return "roles_list has no role 0 (the non-participants' role)";
  // A role 1 missing or not named "banned" is no reason: bans and unbans are refused in such a room (D11).
  for (const role of roles.roles) {
    // SingleSourceRoleChangeTargets: one entry per source role.
    const sources = new Set<number>();
    for (const entry of role.authorizedRoleChanges) {
      if (sources.has(entry.fromRoleIndex)) return `role ${role.roleIndex} has two authorized_role_changes entries from ${entry.fromRoleIndex}`;
      sources.add(entry.fromRoleIndex);
      const unknown = [entry.fromRoleIndex, ...entry.targetRoleIndexes].find((i) => !indexes.has(i));
      if (unknown !== undefined) return `role ${role.roleIndex}'s authorized_role_changes name role ${unknown}, which is not defined`;
    }
    const max = role.maximumParticipantsConstraint;
    const maxActive = role.maximumActiveParticipantsConstraint;
    if ((max !== undefined && role.minimumParticipantsConstraint > max) || (maxActive !== undefined && role.minimumActiveParticipantsConstraint > maxActive))
      return `role ${role.roleIndex} has a minimum above its maximum`;
    if (role.roleIndex !== NOT_LISTED_ROLE && hasCapability(role, CAPABILITY.canOpenJoin))
      return `role ${role.roleIndex} holds canOpenJoin, which only role 0 may (room-policy §8.1.1)`;
  }
  return undefined;
}

/** Why a room cannot be created with this initial state (its roles, its creator's role), or undefined. */
export function initialRoomProblem(room: RoomState): string | undefined {
  const problem = roleDataProblem(room.roles) ?? basePolicyCreationProblem(room);
  if (problem !== undefined) return problem;
  // The creator is listed first; its client is the group's first member.
  const creator = room.participants.participants[0];
  if (creator === undefined) return "the creator is not listed";
  const role = roleByIndex(room.roles, creator.roleIndex);
  if (creator.roleIndex === NOT_LISTED_ROLE || creator.roleIndex === BANNED_ROLE || role === undefined || role.maximumActiveParticipantsConstraint === 0 || role.maximumParticipantsConstraint === 0)
    return `the creator's role ${creator.roleIndex} cannot hold its client`;
  return undefined;
}

/**
 * R23: why the room a client is about to join, by Welcome or by external commit, is ill-formed, or
 * undefined. Every commit honest parties accept keeps it well formed (R3–R13), so only a compromised hub
 * can hand a joiner such a group; joining it would take the joiner into a room whose next commits build on
 * members or entries nobody authorised. Ill-formed: a participant-list entry in role 0 or an undefined role
 * (digest §7 A2), a user listed twice (A3, protocol §7.5), a client at two leaves, or a member whose user is
 * not listed in a role that allows clients (A1 and 16: a banned user, listed in role 1, has no client in the
 * group; room-policy §3, §8.1.3).
 */
export function joinedRoomProblem(room: RoomState, members: readonly Member[]): string | undefined {
  const listed = new Set<string>();
  for (const entry of room.participants.participants) {
    if (entry.roleIndex === NOT_LISTED_ROLE || roleByIndex(room.roles, entry.roleIndex) === undefined) return `${entry.user} is listed in role ${entry.roleIndex}`;
    if (listed.has(entry.user)) return `${entry.user} is listed twice`;
    listed.add(entry.user);
  }
  const clients = new Set<string>();
  for (const member of members) {
    if (clients.has(member.client)) return `${member.client} is at two leaves`;
    clients.add(member.client);
    const reason = clientsForbiddenReason(room, member.user);
    if (reason !== undefined) return `${member.client} is a member but ${reason}`;
  }
  return undefined;
}
