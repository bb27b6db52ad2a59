// The hub's identity in the room (room-policy §4 "policy_enforcer", §8 intro "external senders act with
// their role's rights"; digest §3.9, §7 B28, §8 q.23; docs/rules.md R18 "The policy enforcer"). Every
// Appendix A role set has a policy_enforcer role (max active 0: a user with no client). This project lists
// one user in it at room creation, the hub's enforcer `mimi://<hub domain>/u/policy-enforcer`, and reads
// the room's external_senders extension as mapping the hub's external-sender credential (which names the
// hub's provider, `mimi://<hub domain>`) to that user: an external proposal from the hub acts with the
// role that user holds in the participant list. A room without the user listed gives the hub no role.
import type { ParticipantListUpdate, UserRolePair } from "../codec/participant-list.js";
import type { RoleData } from "../codec/roles.js";
import { domainOf, providerUri, userUri } from "../identity/mimi-uri.js";
import { BANNED_ROLE, clientsOfUser, indexOfUser, isListed, NOT_LISTED_ROLE, roleByIndex, type Member, type RoomState } from "./room-state.js";

/** The role the drafts' examples name for the hub (room-policy Appendix A). */
export const POLICY_ENFORCER_ROLE_NAME = "policy_enforcer";
/** The user-part of the hub's enforcer user (a reading: the drafts name no such user). */
export const POLICY_ENFORCER_USER_ID = "policy-enforcer";

/** The hub's enforcer user on `hubDomain`. */
export function enforcerUserOf(hubDomain: string): string {
  return userUri(hubDomain, POLICY_ENFORCER_USER_ID);
}

/** The index of the role named policy_enforcer, if the roles_list has one. */
export function policyEnforcerRole(roles: RoleData): number | undefined {
  return roles.roles.find((r) => r.roleName === POLICY_ENFORCER_ROLE_NAME)?.roleIndex;
}

/** The participant-list entry to create a room with: the hub's enforcer in the policy_enforcer role, if the set has one. */
export function initialEnforcerEntries(roles: RoleData, hubDomain: string): UserRolePair[] {
  const role = policyEnforcerRole(roles);
  return role === undefined ? [] : [{ user: enforcerUserOf(hubDomain), roleIndex: role }];
}

/**
 * The listed user an external proposal of the hub acts as: `senderUri` is the URI the hub's external-sender
 * credential names (its provider, `mimi://<domain>`); its enforcer user, if the committed list holds it.
 * Undefined: the hub has no role in this room (it may then only do R12's and open join's housekeeping).
 */
export function hubUserIn(room: RoomState, senderUri: string | undefined): string | undefined {
  const domain = senderUri === undefined ? undefined : domainOf(senderUri);
  if (domain === undefined || senderUri !== providerUri(domain)) return undefined;
  const user = enforcerUserOf(domain);
  return isListed(room, user) ? user : undefined;
}

/**
 * What an operator asks the hub's enforcer to do (the `enforce` operation). The first three are the
 * policy_enforcer's own (room-policy Appendix A: canRemoveParticipant, canBan, canUnban); `add` and
 * `changeRole` exist so that a request outside the role's rights can be made and refused (and so that a
 * compromised hub's attempts are the same bytes).
 * - remove: delist `target` and Remove each of its clients;
 * - ban: move `target` to role 1 and Remove each of its clients (an unlisted target: listed in role 1);
 * - unban: move `target` out of role 1 to `role` (role 0: delist it, the appendix enforcer's (1,[0]));
 * - add: list the unlisted `target` in `role`, without clients;
 * - changeRole: move `target` to `role`.
 */
export type EnforceAction =
  | { readonly kind: "remove"; readonly target: string }
  | { readonly kind: "ban"; readonly target: string }
  | { readonly kind: "unban"; readonly target: string; readonly role: number }
  | { readonly kind: "add"; readonly target: string; readonly role: number }
  | { readonly kind: "changeRole"; readonly target: string; readonly role: number };

/** The role an enforcer's unban moves a banned user to: the first target of the enforcer role's entry from 1 (0 if none). */
export function enforcerUnbanRole(room: RoomState, hubUser: string | undefined): number {
  const role = hubUser === undefined ? undefined : roleByIndex(room.roles, room.participants.participants.find((p) => p.user === hubUser)?.roleIndex ?? -1);
  return role?.authorizedRoleChanges.find((e) => e.fromRoleIndex === BANNED_ROLE)?.targetRoleIndexes.find((r) => r !== BANNED_ROLE) ?? NOT_LISTED_ROLE;
}

/**
 * The wire form of an enforcement on the committed `room` and `members`: one participant-list update and
 * the clients to Remove. Undefined when it has none (a listed user added, an unlisted one removed or
 * re-roled: D1, malformed before any authorisation).
 */
export function enforcementUpdate(room: RoomState, members: readonly Member[], action: EnforceAction): { update: ParticipantListUpdate; removedClients: string[] } | undefined {
  const none: ParticipantListUpdate = { changedRoleParticipants: [], removedIndices: [], addedParticipants: [] };
  const index = indexOfUser(room, action.target);
  const clients = clientsOfUser(members, action.target);
  switch (action.kind) {
    case "add":
      return isListed(room, action.target) ? undefined : { update: { ...none, addedParticipants: [{ user: action.target, roleIndex: action.role }] }, removedClients: [] };
    case "ban":
      if (index === undefined) return { update: { ...none, addedParticipants: [{ user: action.target, roleIndex: BANNED_ROLE }] }, removedClients: [] };
      return { update: { ...none, changedRoleParticipants: [{ userIndex: index, roleIndex: BANNED_ROLE }] }, removedClients: clients };
    case "remove":
      return index === undefined ? undefined : { update: { ...none, removedIndices: [index] }, removedClients: clients };
    case "unban":
    case "changeRole":
      if (index === undefined) return undefined;
      if (action.role === NOT_LISTED_ROLE) return { update: { ...none, removedIndices: [index] }, removedClients: clients };
      return { update: { ...none, changedRoleParticipants: [{ userIndex: index, roleIndex: action.role }] }, removedClients: action.role === BANNED_ROLE ? clients : [] };
  }
}
