// Whether a roles_list can be a room's (room-policy-03 §3, §8; docs/rules.md "Generated policies"). The
// hub asks it when a room is created; a role-definition change asks it too (group-context-check.ts).
import type { RoleData } from "../codec/roles.js";
import { basePolicyCreationProblem } from "./base-policy.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { BANNED_ROLE, NOT_LISTED_ROLE, roleByIndex, type RoomState } from "./room-state.js";

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
