// Preauthorised users (room-policy §4, §8.1.1 canJoinIfPreauthorized, §8.1.3 canChangeOwnRole, §8.6
// canChangePreauthorizedUserList; docs/rules.md R20; a join by preauth is judged under R4, the join rule). The preauth list is read only for a requester that is
// not in the participant list (a join) and for a participant changing its own role; a listed user, banned
// included, never joins by it. Claims and the first-match rule: preauth-match.ts.
import type { PreAuthData } from "../codec/preauth-list.js";
import { authorizeOpenJoin, openJoinTargetRole, outsiderRefusal } from "./authorize-open-join.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { isActive, lacksCapability, type PolicyContext } from "./policy-context.js";
import { firstNonZeroPreauthMatch, firstPreauthMatch } from "./preauth-match.js";
import { enteringRoleBreaks, leavingRoleBreaks, type RoomView } from "./role-constraints.js";
import { NOT_LISTED_ROLE, roleByIndex, roleIndexOfUser, type RoomState } from "./room-state.js";
import { ALLOWED, invalidProposal, notAllowed, type PolicyVerdict, type Refusal } from "./verdict.js";

type JoinView = RoomView & { blockedUsers: ReadonlySet<string> };

/** The role the first preauth match gives `user`, if that role may be joined by preauth (holds canJoinIfPreauthorized). */
export function preauthJoinRole(room: RoomState, user: string): number | undefined {
  const match = firstPreauthMatch(room.preauth, user);
  if (match === undefined || match.targetRoleIndex === NOT_LISTED_ROLE) return undefined;
  return hasCapability(roleByIndex(room.roles, match.targetRoleIndex), CAPABILITY.canJoinIfPreauthorized) ? match.targetRoleIndex : undefined;
}

/**
 * R4, join by preauthorisation (docs/rules.md R20 "Preauthorized users"): may `user` (its validated user URI), who is no participant, be listed
 * in `role`? Its first matching entry's target role must hold canJoinIfPreauthorized (authorized_role_changes
 * is not consulted) and take one more participant; `role` must be that role. The listing brings no client.
 */
export function authorizePreauthJoin(view: JoinView, user: string, role: number | undefined): PolicyVerdict {
  // A join, like an open join or a join code: R4 (H14 names the three ways in side by side).
  const refuse = (reason: string) => notAllowed("R4", reason);
  // Preauth is not read for listed users, banned ones included.
  const participant = outsiderRefusal(view, user);
  if (participant !== undefined) return refuse(participant);
  const match = firstPreauthMatch(view.room.preauth, user);
  if (match === undefined) return refuse(`no preauth entry matches ${user}`);
  const target = match.targetRoleIndex;
  if (target === NOT_LISTED_ROLE || !hasCapability(roleByIndex(view.room.roles, target), CAPABILITY.canJoinIfPreauthorized))
    return refuse(`${user}'s first preauth match, role ${target}, lacks canJoinIfPreauthorized`);
  if (role !== target) return refuse(`${user} is preauthorised for role ${target}, not ${role}`);
  const breaks = enteringRoleBreaks(view, target, false);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

/**
 * The role the hub lists an outsider in when it asks for the GroupInfo: its preauth role when its first
 * match allows a join, else the open-join role (undefined when neither is offered).
 */
export function outsiderListingRole(room: RoomState, user: string): number | undefined {
  return preauthJoinRole(room, user) ?? (hasCapability(roleByIndex(room.roles, NOT_LISTED_ROLE), CAPABILITY.canOpenJoin) ? openJoinTargetRole(room) : undefined);
}

/**
 * An outsider listing itself (through the hub's proposal): by preauthorisation (R20) in a room with a
 * preauth list, or by open join (R4). When both are offered, either suffices; refused by both, the open
 * join's reason is given where role 0 holds canOpenJoin, the preauth one otherwise.
 */
export function authorizeOutsiderListing(view: JoinView, user: string, role: number | undefined, options: Parameters<typeof authorizeOpenJoin>[3] = {}): PolicyVerdict {
  const openJoinOffered = hasCapability(roleByIndex(view.room.roles, NOT_LISTED_ROLE), CAPABILITY.canOpenJoin);
  if (view.room.preauth === undefined) return authorizeOpenJoin(view, user, role, options);
  const byPreauth = authorizePreauthJoin(view, user, role);
  if (byPreauth.ok || !openJoinOffered) return byPreauth;
  return authorizeOpenJoin(view, user, role, options);
}

/**
 * R20, canChangeOwnRole (room-policy §8.1.3): a participant changes its own role to the first non-zero
 * role its preauth entries match; authorized_role_changes is not consulted; the old role's minimums and
 * the new role's maximums hold.
 */
export function authorizeChangeOwnRole(ctx: PolicyContext, role: number): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R20", reason);
  const missing = lacksCapability(ctx, CAPABILITY.canChangeOwnRole);
  if (missing !== undefined) return refuse(missing);
  const match = firstNonZeroPreauthMatch(ctx.room.preauth, ctx.actor);
  if (match === undefined) return refuse(`no preauth entry names a role for ${ctx.actor}`);
  if (role !== match.targetRoleIndex) return refuse(`${ctx.actor}'s first preauth role is ${match.targetRoleIndex}, not ${role}`);
  const current = roleIndexOfUser(ctx.room, ctx.actor);
  if (role === current) return refuse(`${ctx.actor} is already in role ${role}`);
  const active = isActive(ctx, ctx.actor);
  const breaks = leavingRoleBreaks(ctx, current, active) ?? enteringRoleBreaks(ctx, role, active);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

const sameEntries = (a: PreAuthData | undefined, b: PreAuthData | undefined): boolean =>
  JSON.stringify(a?.preauthorizedEntries.map((e) => [e.targetRoleIndex, e.claimset.map((c) => [c.claimId.credentialType, [...c.claimId.id], [...c.claimValue]])])) ===
  JSON.stringify(b?.preauthorizedEntries.map((e) => [e.targetRoleIndex, e.claimset.map((c) => [c.claimId.credentialType, [...c.claimId.id], [...c.claimValue]])]));

/** Whether two preauth lists are the same (absent equals only absent). */
export function samePreauth(a: PreAuthData | undefined, b: PreAuthData | undefined): boolean {
  return (a === undefined) === (b === undefined) && sameEntries(a, b);
}

/**
 * R20, a preauth_list change (a full replacement, room-policy §4 and §8.6): by a holder of
 * canChangePreauthorizedUserList (`proposer` is its user; undefined for a proposal committed by reference,
 * authorised on acceptance, R17), in a commit whose only participant-list changes are removals, and
 * naming only roles of roles_list. `listChanges` tells what the commit's list updates do.
 */
export function authorizePreauthChange(
  room: RoomState,
  next: PreAuthData | undefined,
  proposer: string | undefined | "byReference",
  listChanges: { additions: number; roleChanges: number },
): Refusal | undefined {
  if (samePreauth(room.preauth, next)) return undefined;
  const unknown = next?.preauthorizedEntries.find((e) => roleByIndex(room.roles, e.targetRoleIndex) === undefined);
  if (unknown !== undefined) return invalidProposal("R20", `a preauth entry names role ${unknown.targetRoleIndex}, which roles_list does not define`);
  if (listChanges.additions > 0 || listChanges.roleChanges > 0)
    return notAllowed("R20", "a preauth_list change shares its commit only with participant removals");
  if (proposer === "byReference") return undefined;
  if (proposer === undefined) return notAllowed("R20", "the hub holds no role with canChangePreauthorizedUserList");
  const role = roleByIndex(room.roles, roleIndexOfUser(room, proposer));
  if (!hasCapability(role, CAPABILITY.canChangePreauthorizedUserList)) return notAllowed("R20", `${proposer} lacks canChangePreauthorizedUserList`);
  return undefined;
}
