// Role constraints (room-policy §3; spec digest §3.4): per role, min/max list entries and min/max active
// entries (entries whose user has ≥ 1 client). An absent maximum means no maximum; max active 0 means the
// role's users may have no clients at all.
import type { Role } from "../codec/roles.js";
import { countActiveInRole, countInRole, roleByIndex, roleIndexOfUser, type RoomState } from "./room-state.js";

/** The state the constraints are counted on. */
export interface RoomView {
  room: RoomState;
  activeUsers: ReadonlySet<string>;
  /** Leaving users: still listed (clients-first) or active until the commit, but no longer counted towards a minimum. */
  blockedUsers?: ReadonlySet<string>;
}

/** Leaving users still counted in `roleIndex` (listed in it, and active too when `activeOnly`). */
function leavingIn(view: RoomView, roleIndex: number, activeOnly: boolean): number {
  let n = 0;
  for (const user of view.blockedUsers ?? [])
    if (roleIndexOfUser(view.room, user) === roleIndex && (!activeOnly || view.activeUsers.has(user))) n += 1;
  return n;
}

function describe(role: Role): string {
  return `role ${role.roleIndex} (${role.roleName})`;
}

/** Why a user leaving `roleIndex` breaks its minimums (counting the user as active if `wasActive`), or undefined. */
export function leavingRoleBreaks(view: RoomView, roleIndex: number, wasActive: boolean): string | undefined {
  const role = roleByIndex(view.room.roles, roleIndex);
  if (role === undefined) return undefined;
  const participants = countInRole(view.room, roleIndex) - 1 - leavingIn(view, roleIndex, false);
  if (participants < role.minimumParticipantsConstraint) {
    return `${describe(role)} would have ${participants} participants, below its minimum ${role.minimumParticipantsConstraint}`;
  }
  return wasActive ? deactivatingBreaks(view, roleIndex) : undefined;
}

/** Why a user entering `roleIndex` breaks its maximums (counting it as active if `becomesActive`), or undefined. */
export function enteringRoleBreaks(view: RoomView, roleIndex: number, becomesActive: boolean): string | undefined {
  const role = roleByIndex(view.room.roles, roleIndex);
  if (role === undefined) return `role ${roleIndex} does not exist`;
  const participants = countInRole(view.room, roleIndex) + 1;
  const max = role.maximumParticipantsConstraint;
  if (max !== undefined && participants > max) {
    return `${describe(role)} would have ${participants} participants, above its maximum ${max}`;
  }
  return becomesActive ? activatingBreaks(view, roleIndex) : undefined;
}

/** Why one more active user in `roleIndex` breaks its maximum active, or undefined. */
export function activatingBreaks(view: RoomView, roleIndex: number): string | undefined {
  const role = roleByIndex(view.room.roles, roleIndex);
  if (role === undefined) return `role ${roleIndex} does not exist`;
  const max = role.maximumActiveParticipantsConstraint;
  if (max === 0) return `${describe(role)} allows no clients (maximum active 0)`;
  const active = countActiveInRole(view.room, roleIndex, view.activeUsers) + 1;
  if (max !== undefined && active > max) {
    return `${describe(role)} would have ${active} active participants, above its maximum ${max}`;
  }
  return undefined;
}

/** Why one fewer active user in `roleIndex` breaks its minimum active, or undefined. */
export function deactivatingBreaks(view: RoomView, roleIndex: number): string | undefined {
  const role = roleByIndex(view.room.roles, roleIndex);
  if (role === undefined) return undefined;
  const active = countActiveInRole(view.room, roleIndex, view.activeUsers) - 1 - leavingIn(view, roleIndex, true);
  if (active < role.minimumActiveParticipantsConstraint) {
    return `${describe(role)} would have ${active} active participants, below its minimum ${role.minimumActiveParticipantsConstraint}`;
  }
  return undefined;
}

interface Counts {
  participants: number;
  active: number;
}

function countsOf(view: RoomView, roleIndex: number): Counts {
  return { participants: countInRole(view.room, roleIndex), active: countActiveInRole(view.room, roleIndex, view.activeUsers) };
}

function violations(role: Role, c: Counts): { minParticipants: boolean; maxParticipants: boolean; minActive: boolean; maxActive: boolean } {
  const maxP = role.maximumParticipantsConstraint;
  const maxA = role.maximumActiveParticipantsConstraint;
  return {
    minParticipants: c.participants < role.minimumParticipantsConstraint,
    maxParticipants: maxP !== undefined && c.participants > maxP,
    minActive: c.active < role.minimumActiveParticipantsConstraint,
    maxActive: maxA !== undefined && c.active > maxA,
  };
}

/**
 * Why the role constraints do not hold after a change, or undefined (rules R13).
 * A constraint already broken before is tolerated unless the change made its count worse: for a room
 * whose starting state already breaks a minimum (say a policy_enforcer role nobody was put in), unrelated
 * commits stay possible; from a valid state this is the same as requiring them all. `strict` roles (all,
 * or a set of role indexes, e.g. those whose definition changed) must hold outright.
 */
export function constraintsBrokenAfter(before: RoomView, after: RoomView, strict: boolean | ReadonlySet<number>): string | undefined {
  for (const role of after.room.roles.roles) {
    const strictRole = typeof strict === "boolean" ? strict : strict.has(role.roleIndex);
    const b = countsOf(before, role.roleIndex);
    const a = countsOf(after, role.roleIndex);
    const v = violations(role, a);
    const who = describe(role);
    if (v.minParticipants && (strictRole || a.participants < b.participants)) {
      return `${who} has ${a.participants} participants, below its minimum ${role.minimumParticipantsConstraint}`;
    }
    if (v.maxParticipants && (strictRole || a.participants > b.participants)) {
      return `${who} has ${a.participants} participants, above its maximum ${role.maximumParticipantsConstraint}`;
    }
    if (v.minActive && (strictRole || a.active < b.active)) {
      return `${who} has ${a.active} active participants, below its minimum ${role.minimumActiveParticipantsConstraint}`;
    }
    if (v.maxActive && (strictRole || a.active > b.active)) {
      return `${who} has ${a.active} active participants, above its maximum ${role.maximumActiveParticipantsConstraint}`;
    }
  }
  return undefined;
}
