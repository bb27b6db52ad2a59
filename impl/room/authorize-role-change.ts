// Moving a listed user between non-zero roles: ban (R7, → 1), unban (R8, 1 →), change role (R9).
import { authorizeChangeOwnRole } from "./authorize-preauth.js";
import { CAPABILITY } from "./capabilities.js";
import { isActive, lacksCapability, lacksRoleChange, type PolicyContext } from "./policy-context.js";
import { enteringRoleBreaks, leavingRoleBreaks } from "./role-constraints.js";
import { BANNED_ROLE, hasBannedRole, NOT_LISTED_ROLE, roleByIndex, roleIndexOfUser } from "./room-state.js";
import { ALLOWED, notAllowed, type PolicyVerdict } from "./verdict.js";

/**
 * Who may ban: a holder of canBan, or of both canChangeUserRole and canKick, which room-policy §8.1.3
 * notes "would allow the same action" (the role change to 1 and the Removes of every client). The other
 * checks (role 1 "banned", the entry current → 1, the minimums) are the same for both.
 */
function lacksBanRight(ctx: PolicyContext): string | undefined {
  const missing = lacksCapability(ctx, CAPABILITY.canBan);
  if (missing === undefined) return undefined;
  const viaRoleChangeAndKick = lacksCapability(ctx, CAPABILITY.canChangeUserRole) ?? lacksCapability(ctx, CAPABILITY.canKick);
  return viaRoleChangeAndKick === undefined ? undefined : missing;
}

/**
 * R7: another unbanned user goes to role 1 "banned"; minimums of its role hold. A user not in the list
 * (role 0) is banned pre-emptively, listed straight into role 1: the entry 0 → 1 authorises it.
 */
export function authorizeBan(ctx: PolicyContext, { target }: { target: string }): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R7", reason);
  const missing = lacksBanRight(ctx);
  if (missing !== undefined) return refuse(missing);
  if (target === ctx.actor) return refuse(`${ctx.actor} cannot ban itself`);
  const role = roleIndexOfUser(ctx.room, target);
  if (role === BANNED_ROLE) return refuse(`${target} is already banned`);
  if (!hasBannedRole(ctx.room.roles)) return refuse(`role 1 is missing or not named "banned"`);
  const noEntry = lacksRoleChange(ctx, role, BANNED_ROLE);
  if (noEntry !== undefined) return refuse(noEntry);
  // The ban removes all the target's clients in the same commit, so it leaves its role as an active user.
  // A listed user leaves its role; an unlisted one leaves no role (0 is nobody's to count).
  const leaving = role === NOT_LISTED_ROLE ? undefined : leavingRoleBreaks(ctx, role, isActive(ctx, target));
  const breaks = leaving ?? enteringRoleBreaks(ctx, BANNED_ROLE, false);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

/** R8: a banned user goes to an authorised role other than 0 and 1; no client comes back with it. */
export function authorizeUnban(ctx: PolicyContext, { target, role }: { target: string; role: number }): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R8", reason);
  const missing = lacksCapability(ctx, CAPABILITY.canUnban);
  if (missing !== undefined) return refuse(missing);
  if (roleIndexOfUser(ctx.room, target) !== BANNED_ROLE) return refuse(`${target} is not banned`);
  // §8.1.3: "the role_name of role 1 MUST be "banned"" for an unban, as for a ban.
  if (!hasBannedRole(ctx.room.roles)) return refuse(`role 1 is not named "banned"`);
  if (role === NOT_LISTED_ROLE || role === BANNED_ROLE) return refuse(`an unban cannot lead to role ${role}`);
  if (roleByIndex(ctx.room.roles, role) === undefined) return refuse(`role ${role} does not exist`);
  const noEntry = lacksRoleChange(ctx, BANNED_ROLE, role);
  if (noEntry !== undefined) return refuse(noEntry);
  const breaks = enteringRoleBreaks(ctx, role, false);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

/** R9: another listed, unbanned user goes to a new authorised role other than 0, 1 and its own (its own: R20). */
export function authorizeChangeRole(ctx: PolicyContext, { target, role }: { target: string; role: number }): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R9", reason);
  // One's own role changes only by canChangeOwnRole, to one's preauth role (R20).
  if (target === ctx.actor) return authorizeChangeOwnRole(ctx, role);
  const missing = lacksCapability(ctx, CAPABILITY.canChangeUserRole);
  if (missing !== undefined) return refuse(missing);
  const current = roleIndexOfUser(ctx.room, target);
  if (current === NOT_LISTED_ROLE) return refuse(`${target} is not listed`);
  if (current === BANNED_ROLE) return refuse(`${target} is banned (that is an unban)`);
  if (role === NOT_LISTED_ROLE || role === BANNED_ROLE) return refuse(`a role change cannot lead to role ${role}`);
  if (role === current) return refuse(`${target} is already in role ${role}`);
  if (roleByIndex(ctx.room.roles, role) === undefined) return refuse(`role ${role} does not exist`);
  const noEntry = lacksRoleChange(ctx, current, role);
  if (noEntry !== undefined) return refuse(noEntry);
  const active = isActive(ctx, target);
  const breaks = leavingRoleBreaks(ctx, current, active) ?? enteringRoleBreaks(ctx, role, active);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}
