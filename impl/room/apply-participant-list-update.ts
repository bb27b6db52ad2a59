// Applying a ParticipantListUpdate (draft-ietf-mimi-protocol §7.5): role changes by index into the current
// list, then removals by index into the same current list (the list is compacted, order kept), then
// additions appended. A malformed update is a typed failure, never an exception, because this runs inside
// ts-mls callbacks and on data from the network.
import type { ParticipantListData, ParticipantListUpdate, UserRolePair } from "../codec/participant-list.js";
import type { RoleData } from "../codec/roles.js";
import { NOT_LISTED_ROLE, roleByIndex } from "./room-state.js";

export interface RoleChange {
  user: string;
  fromRole: number;
  toRole: number;
}

export interface Removal {
  user: string;
  roleIndex: number;
}

/** What an update did, by user, in the order the draft applies it. */
export interface ListChanges {
  roleChanges: RoleChange[];
  removals: Removal[];
  additions: UserRolePair[];
}

export type ListUpdateFailureKind =
  | "notUint32" // an index or role index that is not a uint32
  | "indexOutOfRange"
  | "duplicateIndex" // the same index twice in changedRoleParticipants, or twice in removedIndices
  | "userTouchedTwice" // one user changed and removed, removed and re-added, or added twice
  | "userAlreadyListed"
  | "roleZero" // role 0 means "not listed" and never appears in the list
  | "unknownRole"; // a role index absent from roles_list (only checked when the roles are given)

export type ListUpdateResult =
  | { ok: true; list: ParticipantListData; changes: ListChanges }
  | { ok: false; failure: ListUpdateFailureKind; reason: string };

function fail(failure: ListUpdateFailureKind, reason: string): ListUpdateResult {
  return { ok: false, failure, reason };
}

function isUint32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff;
}

function checkRole(roleIndex: number, roles: RoleData | undefined, where: string): ListUpdateResult | undefined {
  if (!isUint32(roleIndex)) return fail("notUint32", `${where}: role index ${roleIndex} is not a uint32`);
  if (roleIndex === NOT_LISTED_ROLE) return fail("roleZero", `${where}: role 0 cannot be in the participant list`);
  if (roles !== undefined && roleByIndex(roles, roleIndex) === undefined) {
    return fail("unknownRole", `${where}: role ${roleIndex} is not in roles_list`);
  }
  return undefined;
}

function checkIndex(index: number, length: number, where: string): ListUpdateResult | undefined {
  if (!isUint32(index)) return fail("notUint32", `${where}: index ${index} is not a uint32`);
  if (index >= length) return fail("indexOutOfRange", `${where}: index ${index} is outside a list of ${length}`);
  return undefined;
}

/**
 * Applies `update` to `list`. With `roles`, every new role index must exist in roles_list.
 * The input is not modified.
 */
export function applyParticipantListUpdate(
  list: ParticipantListData,
  update: ParticipantListUpdate,
  roles?: RoleData,
): ListUpdateResult {
  const current = list.participants;
  const changed = new Set<number>();
  const roleChanges: RoleChange[] = [];
  for (const { userIndex, roleIndex } of update.changedRoleParticipants) {
    const bad = checkIndex(userIndex, current.length, "changed role") ?? checkRole(roleIndex, roles, "changed role");
    if (bad !== undefined) return bad;
    if (changed.has(userIndex)) return fail("duplicateIndex", `index ${userIndex} has its role changed twice`);
    changed.add(userIndex);
    roleChanges.push({ user: current[userIndex].user, fromRole: current[userIndex].roleIndex, toRole: roleIndex });
  }

  const removed = new Set<number>();
  for (const index of update.removedIndices) {
    const bad = checkIndex(index, current.length, "removed");
    if (bad !== undefined) return bad;
    if (removed.has(index)) return fail("duplicateIndex", `index ${index} is removed twice`);
    if (changed.has(index)) return fail("userTouchedTwice", `${current[index].user} has its role changed and is removed`);
    removed.add(index);
  }

  const newRoleAt = new Map(update.changedRoleParticipants.map((c) => [c.userIndex, c.roleIndex]));
  const kept: UserRolePair[] = [];
  const removals: Removal[] = [];
  current.forEach((entry, index) => {
    if (removed.has(index)) removals.push({ user: entry.user, roleIndex: entry.roleIndex });
    else kept.push({ user: entry.user, roleIndex: newRoleAt.get(index) ?? entry.roleIndex });
  });
  // Removals are reported in list order whatever order removedIndices used.

  const removedUsers = new Set(removals.map((r) => r.user));
  const keptUsers = new Set(kept.map((p) => p.user));
  const addedUsers = new Set<string>();
  const additions: UserRolePair[] = [];
  for (const { user, roleIndex } of update.addedParticipants) {
    const bad = checkRole(roleIndex, roles, `added ${user}`);
    if (bad !== undefined) return bad;
    if (addedUsers.has(user)) return fail("userTouchedTwice", `${user} is added twice`);
    if (removedUsers.has(user)) return fail("userTouchedTwice", `${user} is removed and added again`);
    if (keptUsers.has(user)) return fail("userAlreadyListed", `${user} is already in the participant list`);
    addedUsers.add(user);
    additions.push({ user, roleIndex });
  }

  return {
    ok: true,
    list: { participants: [...kept, ...additions] },
    changes: { roleChanges, removals, additions },
  };
}
