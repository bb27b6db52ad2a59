// Open join (room-policy §8.1.1 canOpenJoin; docs/rules.md R4 "Open join"): a user who is not a
// participant joins by itself. The draft puts canOpenJoin on role 0 only and takes the joiner's role
// from role 0's authorized_role_changes entry from 0, "subject to max constraints". The joiner's
// external commit cannot list it on ts-mls 1.6.4, so the hub lists it by its own external proposal,
// judged here by the hub before it proposes and by every client that receives the proposal.
import { basePolicyRefusesListing } from "./base-policy.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { enteringRoleBreaks, type RoomView } from "./role-constraints.js";
import { BANNED_ROLE, isListed, NOT_LISTED_ROLE, roleByIndex, roleIndexOfUser, type RoomState } from "./room-state.js";
import { ALLOWED, notAllowed, type PolicyVerdict } from "./verdict.js";

/**
 * The role an open joiner is listed in: the first target, other than 0 and the banned role 1, of role
 * 0's entry from 0 (the draft names no order; the first, as preauthorisation's "first match wins").
 */
export function openJoinTargetRole(room: RoomState): number | undefined {
  const entry = roleByIndex(room.roles, NOT_LISTED_ROLE)?.authorizedRoleChanges.find((e) => e.fromRoleIndex === NOT_LISTED_ROLE);
  return entry?.targetRoleIndexes.find((r) => r !== NOT_LISTED_ROLE && r !== BANNED_ROLE);
}

/**
 * R4, whichever way an outsider joins (open join, join code, preauthorisation): the user is no participant —
 * not banned (role 1), not leaving, not listed. Undefined when it is none of these, else why.
 */
export function outsiderRefusal(view: { room: RoomState; blockedUsers: ReadonlySet<string> }, user: string): string | undefined {
  if (roleIndexOfUser(view.room, user) === BANNED_ROLE) return `${user} is banned`;
  if (view.blockedUsers.has(user)) return `${user} is leaving`;
  if (isListed(view.room, user)) return `${user} is already listed`;
  return undefined;
}

/**
 * R4, open join: may `user` be listed in `role` (the open-join role) of the hub-live `view`? The user is
 * no participant (not listed, not banned, not leaving), role 0 holds canOpenJoin, `role` is role 0's
 * target, and it takes one more participant; the base room policy lets the list grow (not fixed, under
 * max_users: R21's caps, reported under R4 like the role's maximum). The listing brings no client: max
 * active is the client's own external commit's business (R4 add own client).
 */
export function authorizeOpenJoin(view: RoomView & { blockedUsers: ReadonlySet<string> }, user: string, role: number | undefined, options: { skipBasePolicy?: boolean } = {}): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R4", reason);
  const participant = outsiderRefusal(view, user);
  if (participant !== undefined) return refuse(participant);
  if (!hasCapability(roleByIndex(view.room.roles, NOT_LISTED_ROLE), CAPABILITY.canOpenJoin)) return refuse("role 0 lacks canOpenJoin");
  const target = openJoinTargetRole(view.room);
  if (target === undefined) return refuse("role 0's entry from 0 names no role to join");
  if (role !== target) return refuse(`an open joiner is listed in role ${target}, not ${role}`);
  const breaks = enteringRoleBreaks(view, target, false) ?? (options.skipBasePolicy === true ? undefined : basePolicyRefusesListing(view.room));
  return breaks === undefined ? ALLOWED : refuse(breaks);
}
