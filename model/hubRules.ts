import type { CapabilityName } from "./capabilities.js";
import {
  BANNED_ROLE,
  NO_ROLE,
  bannedRoleIsDefined,
  findRole,
  hasCapability,
  openJoinRole,
  roleAllowsClients,
  roleChangeAllowed,
  roomEndOf,
  type ModelConfig,
} from "./config.js";
import type { RoomEvent } from "./events.js";
import { userOf, type ClientId, type UserId } from "./ids.js";
import { commitIncludesPending, planCommit } from "./effects.js";
import { liveRoster, type RoomContext } from "./roomContext.js";
import {
  countActiveInRole,
  countInRole,
  entryOf,
  isActive,
  isBanned,
  isListed,
  isMember,
  listableRoles,
  type Roster,
} from "./roster.js";
import { judgeJoinCode } from "./joinCodes.js";
import { currentPreauth, firstMatch, preauthJoinRole, samePreauthList } from "./preauth.js";
import { roleSetProblem } from "./roleSetValidity.js";
import { checkEnforceRule } from "./enforcer.js";
import { basePolicyCreationProblem, basePolicyRefusesListing, r21 } from "./basePolicy.js";
import { r22 } from "./roomChanges.js";
import type { RuleId } from "./rules.js";
import type { RefusalCode } from "./verdict.js";

/**
 * The hub's enforcement rules R1–R17 of docs/rules.md as guards. Each takes the room and the event and
 * says: this rule does not apply here, it holds, or it fails (with the drafts' code and a reason).
 * Everything is authorised against the hub-live state (`liveRoster`), action by action in commit order.
 *
 * Readings of the rules where docs/rules.md leaves room (also listed in the final report):
 * - Leaving users: a user whose leave the hub accepted is "about to no longer be" listed (room-policy §3,
 *   role 0). It may not be the target of remove, kick, ban, unban or change role: R12 refuses
 *   ("targetLeaving") in both leave orders. Re-adding it before its delisting is committed is an add of a
 *   user still in the committed list: malformed (R3).
 *   Minimum constraints do not count leaving users (they are on their way out even while still listed in
 *   clients-first), so a leave plus a removal cannot together break a minimum.
 * - R13 "every role's constraints hold after the commit" is read as "no commit makes a constraint
 *   violation appear or grow": A.4's org_b_admin and org_c_admin have minima unmet from creation, and so
 *   has every policy_enforcer role in a room that does not list the hub's enforcer (hubListsEnforcer, R18).
 * - Malformed requests (unknown role, clients of another user, duplicates, an already-member client, a
 *   list update naming a user by an index the committed list does not have, an add of a user it already
 *   holds) are `invalidProposal`, checked before authorisation within each rule; the rest is `notAllowed`.
 * - What the wire cannot tell apart is judged alike: a role change into role 1 is a ban, out of role 1 an
 *   unban, and an "unban" of a user who is not banned a role change.
 */
export type RuleCheck =
  | { readonly applies: false }
  | { readonly applies: true; readonly ok: true }
  | { readonly applies: true; readonly ok: false; readonly code: RefusalCode; readonly reason: string; readonly currentEpoch?: number };

const SKIP: RuleCheck = { applies: false };
const PASS: RuleCheck = { applies: true, ok: true };
const refuse = (reason: string, code: RefusalCode = "notAllowed"): RuleCheck => ({ applies: true, ok: false, code, reason });
const malformed = (reason: string): RuleCheck => refuse(reason, "invalidProposal");

/** The first failing check of a list, or PASS. */
function firstFailure(...checks: Array<() => RuleCheck | null>): RuleCheck {
  for (const check of checks) {
    const result = check();
    if (result) return result;
  }
  return PASS;
}
const when = (condition: boolean, reason: string, code: RefusalCode = "notAllowed") => () =>
  condition ? refuse(reason, code) : null;

interface Situation {
  readonly ctx: RoomContext;
  readonly config: ModelConfig;
  readonly live: Roster;
}

const situation = (ctx: RoomContext): Situation => ({ ctx, config: ctx.config, live: liveRoster(ctx) });

function roleOf(s: Situation, user: UserId): number {
  return entryOf(s.live, user).role;
}
function can(s: Situation, actor: ClientId, capability: CapabilityName): boolean {
  return hasCapability(s.config, roleOf(s, userOf(actor)), capability);
}
function minimaChecked(s: Situation): boolean {
  return !s.config.faults?.skipMinConstraints;
}
/** Listed users in `role` that are not leaving (see the reading above). */
function staying(s: Situation, role: number): number {
  return countInRole(s.live, role, s.ctx.blocked);
}
function stayingActive(s: Situation, role: number): number {
  return countActiveInRole(s.live, role, s.ctx.blocked);
}

/** Would taking `user` out of its role (delist, ban, demote) break that role's minimum constraints? */
function minimumBreaks(s: Situation, user: UserId): string | null {
  if (!minimaChecked(s)) return null;
  const role = findRole(s.config, roleOf(s, user));
  if (!role) return null;
  if (staying(s, role.index) - 1 < role.minParticipants) return "minParticipants";
  if (isActive(s.live, user) && stayingActive(s, role.index) - 1 < role.minActive) return "minActive";
  return null;
}

/** Would `role` exceed its maxima with one more user (active or not)? */
function maximumBreaks(s: Situation, roleIndex: number, active: boolean): string | null {
  const role = findRole(s.config, roleIndex);
  if (!role) return "unknownRole";
  if (role.maxParticipants !== undefined && countInRole(s.live, roleIndex) + 1 > role.maxParticipants)
    return "maxParticipants";
  if (active) {
    if (role.maxActive === 0) return "roleAllowsNoClients";
    if (role.maxActive !== undefined && countActiveInRole(s.live, roleIndex) + 1 > role.maxActive) return "maxActive";
  }
  return null;
}
const orNull = (reason: string | null) => () => (reason ? refuse(reason) : null);

/** R2 (and R15, R14 in their own words): the sender is a member client of a user who is not blocked. */
function senderCheck(s: Situation, actor: ClientId, prefix: string): RuleCheck {
  const user = userOf(actor);
  return firstFailure(
    when(s.ctx.blocked.includes(user), `${prefix}Blocked`),
    when(isBanned(s.live, user), `${prefix}Banned`),
    when(!isMember(s.live, actor, user), `${prefix}NotMember`),
  );
}

function isCommit(event: RoomEvent): boolean {
  return (
    event.type !== "leave" &&
    event.type !== "sendMessage" &&
    event.type !== "createRoom" &&
    event.type !== "staleCommit" &&
    event.type !== "destroyRoom" &&
    event.type !== "openJoin" &&
    event.type !== "enforce"
  );
}

function targetOf(event: RoomEvent): UserId | null {
  switch (event.type) {
    case "removeParticipant":
    case "kick":
    case "ban":
    case "unban":
    case "changeRole":
      return event.target;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// The rules.

/**
 * R0 (hub-local): the creator's role must be usable and its client must be its own. Destroying the room
 * (variant roomEnd "destroy") is hub-local too, with no MIMI flow (digest §8 q.21): the requester is a
 * member client of its user in the COMMITTED room, whose committed role holds canDestroyRoom. A pending
 * leave does not take that role away before it is committed, so a blocked leaver may still end the room
 * it cannot otherwise leave; a banned user has no client and so cannot.
 */
function r0(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type === "destroyRoom") {
    const user = userOf(event.actor);
    return firstFailure(
      when(roomEndOf(s.config.variants) !== "destroy", "roomDestructionNotOffered"),
      when(!isMember(s.ctx.roster, event.actor, user), "destroyerNotMember"),
      when(!hasCapability(s.config, entryOf(s.ctx.roster, user).role, "canDestroyRoom"), "missingCanDestroyRoom"),
    );
  }
  if (event.type !== "createRoom") return SKIP;
  const role = s.config.creatorRole;
  const problem = roleSetProblem(s.config) ?? basePolicyCreationProblem(s.config);
  return firstFailure(
    when(userOf(event.creatorClient) !== event.creator, "clientNotOfCreator", "invalidProposal"),
    () => (problem === undefined ? null : malformed(problem)),
    when(
      role === NO_ROLE || role === BANNED_ROLE || !roleAllowsClients(s.config, role) || findRole(s.config, role)?.maxParticipants === 0,
      "creatorRoleUnusable",
      "invalidProposal",
    ),
  );
}

/** R1: handshakes are for the hub's epoch; application messages: older → epochTooOld, newer → notAllowed. */
function r1(s: Situation, event: RoomEvent): RuleCheck {
  const epoch = s.ctx.epoch;
  if (event.type === "sendMessage") {
    if (event.epochOffset < 0) return { ...refuse("messageFromOldEpoch", "epochTooOld"), currentEpoch: epoch } as RuleCheck;
    if (event.epochOffset > 0) return refuse("messageFromFutureEpoch");
    return PASS;
  }
  if (event.type === "staleCommit") {
    // With no earlier epoch, the commit is simply for an epoch other than the hub's; otherwise R16 speaks.
    return epoch === 0 ? ({ ...refuse("commitForOtherEpoch", "wrongEpoch"), currentEpoch: epoch } as RuleCheck) : SKIP;
  }
  return event.type === "createRoom" ? SKIP : PASS;
}

/** R2: blocked (leaving), banned and non-member clients may not send handshakes. */
function r2(s: Situation, event: RoomEvent): RuleCheck {
  switch (event.type) {
    case "addParticipant":
    case "leave":
    case "removeParticipant":
    case "kick":
    case "ban":
    case "unban":
    case "changeRole":
    case "changePreauthList":
    case "changeRoleDefinitions":
    case "changeRoomPolicy":
    case "changeMetadata":
      return senderCheck(s, event.actor, "actor");
    case "commit":
      return s.ctx.pending.length > 0 ? senderCheck(s, event.actor, "actor") : SKIP;
    default:
      return SKIP;
  }
}

/**
 * Participant-list updates name users by their index in the committed list (rules.md "Participant-list
 * indices"), so a removal, ban, unban or role change of a user absent from that list has no valid wire
 * form: it is a malformed update, whoever sends it.
 */
function unlistedTarget(s: Situation, target: string): () => RuleCheck | null {
  return when(!isListed(s.ctx.roster, target), "targetNotInCommittedList", "invalidProposal");
}

/** R3: add another, unlisted user in an assignable role (and optionally its clients, same commit). */
function r3(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "addParticipant") return SKIP;
  const actorUser = userOf(event.actor);
  const actorRole = roleOf(s, actorUser);
  const clients = event.clients;
  return firstFailure(
    when(findRole(s.config, event.role) === undefined, "unknownRole", "invalidProposal"),
    when(clients.some((c) => userOf(c) !== event.target), "clientsNotOfTarget", "invalidProposal"),
    when(new Set(clients).size !== clients.length, "duplicateClients", "invalidProposal"),
    when(clients.some((c) => isMember(s.live, c, event.target)), "clientAlreadyMember", "invalidProposal"),
    when(isListed(s.ctx.roster, event.target), "targetAlreadyListed", "invalidProposal"),
    // Listing a user in role 1 is, on the wire, a pre-emptive ban: judged by R7's checks (which then
    // decide: PASS ends the list here too), and it can bring no client (role 1 allows none).
    () => (event.role === BANNED_ROLE ? preemptiveBan(s, event.actor, event.target, clients.length > 0) : null),
    when(!can(s, event.actor, "canAddParticipant"), "missingCanAddParticipant"),
    when(event.role === NO_ROLE || event.role === BANNED_ROLE, "roleNotAssignable"),
    when(!roleChangeAllowed(s.config, actorRole, NO_ROLE, event.role), "roleChangeNotAuthorized"),
    orNull(maximumBreaks(s, event.role, clients.length > 0)),
  );
}

/** An add into role 1: the ban of an unlisted user (R7), reported under R3; PASS when allowed. */
function preemptiveBan(s: Situation, actor: ClientId, target: UserId, withClients: boolean): RuleCheck {
  const asBan = r7(s, { type: "ban", actor, target });
  if (asBan !== PASS) return asBan;
  return firstFailure(when(withClients, "roleAllowsNoClients"));
}

/**
 * R4, open join (room-policy §8.1.1 canOpenJoin): "any non-participant" may join by itself when role 0
 * has canOpenJoin, into the role role 0's entry from 0 names (config.ts openJoinRole), "subject to max
 * constraints". A listed user, banned or leaving included, is a participant: it may not (a banned user
 * cannot open-join its way back; a leaving one, blocked, is still listed until its delisting is committed). The
 * listing brings no client, so only the target role's maximum of participants is checked here; the
 * client's own external commit is judged later as an addOwnClient.
 */
function openJoin(s: Situation, event: Extract<RoomEvent, { type: "openJoin" }>): RuleCheck {
  const target = openJoinRole(s.config);
  return firstFailure(
    when(userOf(event.actor) !== event.user, "clientNotOfUser", "invalidProposal"),
    when(isBanned(s.live, event.user), "userBanned"),
    when(s.ctx.blocked.includes(event.user), "userLeaving"),
    when(isListed(s.live, event.user), "userAlreadyListed"),
    when(!hasCapability(s.config, NO_ROLE, "canOpenJoin"), "missingCanOpenJoin"),
    when(target === undefined, "noOpenJoinRole"),
    orNull(target === undefined ? null : maximumBreaks(s, target, false)),
    // The base room policy lets the list grow (R21's caps, reported under R4 like the role's maximum).
    orNull(s.config.faults?.skipBasePolicy ? null : basePolicyRefusesListing(s.config, s.live)),
  );
}

/**
 * R4 by preauthorisation (room-policy §4, canJoinIfPreauthorized; docs/rules.md R20): a user who is no
 * participant, whose first matching preauth entry names a role holding canJoinIfPreauthorized, is listed
 * in that role, subject to its maximum; authorized_role_changes is not consulted.
 */
function preauthJoin(s: Situation, event: Extract<RoomEvent, { type: "openJoin" }>): RuleCheck {
  const list = currentPreauth(s.ctx);
  const match = firstMatch(s.config, event.user, false, list);
  return firstFailure(
    when(userOf(event.actor) !== event.user, "clientNotOfUser", "invalidProposal"),
    when(isBanned(s.live, event.user), "userBanned"),
    when(s.ctx.blocked.includes(event.user), "userLeaving"),
    when(isListed(s.live, event.user), "userAlreadyListed"),
    when(match === undefined, "noPreauthMatch"),
    when(match !== undefined && preauthJoinRole(s.config, event.user, list) === undefined, "missingCanJoinIfPreauthorized"),
    orNull(match === undefined ? null : maximumBreaks(s, match.role, false)),
  );
}

/** An outsider's join in a room with a preauth list: by preauth, or else by open join where role 0 offers it. */
function outsiderJoin(s: Situation, event: Extract<RoomEvent, { type: "openJoin" }>): RuleCheck {
  if (currentPreauth(s.ctx) === undefined) return openJoin(s, event);
  const byPreauth = preauthJoin(s, event);
  if (byPreauth === PASS || !hasCapability(s.config, NO_ROLE, "canOpenJoin")) return byPreauth;
  return openJoin(s, event);
}

/**
 * R20, canChangeOwnRole (room-policy §8.1.3): a change of one's own role, to the first non-zero role one's
 * preauth entries match; authorized_role_changes is not consulted; min of the old role, max of the new.
 * (A change of one's own role to 1 is a self-ban on the wire, R7; R9 leaves the rest here.)
 */
function r20(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type === "changePreauthList") return preauthListChange(s, event);
  // An "unban" of oneself, not banned, is the same bytes as a change of one's own role (D3).
  if ((event.type !== "changeRole" && event.type !== "unban") || event.target !== userOf(event.actor) || event.role === BANNED_ROLE || isBanned(s.live, event.target) || !isListed(s.ctx.roster, event.target)) return SKIP;
  const match = firstMatch(s.config, event.target, true, currentPreauth(s.ctx));
  return firstFailure(
    when(!can(s, event.actor, "canChangeOwnRole"), "missingCanChangeOwnRole"),
    when(match === undefined, "noPreauthMatch"),
    when(match !== undefined && match.role !== event.role, "notPreauthRole"),
    when(event.role === roleOf(s, event.target), "sameRole"),
    orNull(minimumBreaks(s, event.target)),
    orNull(maximumBreaks(s, event.role, isActive(s.live, event.target))),
  );
}

/**
 * R20, canChangePreauthorizedUserList (room-policy §4, §8.6): a commit replacing preauth_list, by a holder,
 * whose only participant-list changes are removals; the commit carries the epoch's pending proposals, so
 * a pending listing (an addition) forbids it. Putting the same list in place again changes nothing and
 * needs nothing.
 */
function preauthListChange(s: Situation, event: Extract<RoomEvent, { type: "changePreauthList" }>): RuleCheck {
  const next = s.config.preauthLists?.[event.list];
  if (next === undefined) return malformed("unknownPreauthList");
  if (samePreauthList(next, currentPreauth(s.ctx))) return PASS;
  return firstFailure(
    when(!can(s, event.actor, "canChangePreauthorizedUserList"), "missingCanChangePreauthorizedUserList"),
    // Pending listings add users; an enforcement other than a delisting (role 0) is an addition or a role change.
    when(s.ctx.pending.some((p) => p.kind === "list" || (p.kind === "enforce" && p.role !== NO_ROLE)), "preauthWithListChange"),
  );
}

/** R4: a listed, unbanned, not-leaving user with canAddOwnClient joins a client by external commit. */
function r4(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type === "openJoin") {
    if (event.code !== undefined) return judgeJoinCode(s.ctx, { ...event, code: event.code });
    // However the outsider is listed (open join, preauth), the base room policy must let the list grow (R21's caps).
    const byPath = outsiderJoin(s, event);
    return byPath.applies && !byPath.ok ? byPath : firstFailure(orNull(s.config.faults?.skipBasePolicy ? null : basePolicyRefusesListing(s.config, s.live)));
  }
  if (event.type !== "addOwnClient") return SKIP;
  const { user, client } = event;
  const role = findRole(s.config, roleOf(s, user));
  return firstFailure(
    when(userOf(client) !== user, "clientNotOfUser", "invalidProposal"),
    when(isMember(s.live, client, user) || isMember(s.ctx.roster, client, user), "clientAlreadyMember", "invalidProposal"),
    when(!isListed(s.live, user), "userNotListed"),
    // Listed only by the hub's pending open-join listing: the client joins once that is committed (its
    // external commit cannot carry it), so the hub refuses the GroupInfo until then.
    when(!isListed(s.ctx.roster, user), "listingNotCommitted"),
    when(isBanned(s.live, user), "userBanned"),
    when(s.ctx.blocked.includes(user), "userLeaving"),
    when(!role?.capabilities.has("canAddOwnClient"), "missingCanAddOwnClient"),
    when(role?.maxActive === 0, "roleAllowsNoClients"),
    when(
      !isActive(s.live, user) && role?.maxActive !== undefined && countActiveInRole(s.live, role.index) + 1 > role.maxActive,
      "maxActive",
    ),
  );
}

/** R5: remove another listed user (and, in the same commit, all its clients). */
function r5(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "removeParticipant") return SKIP;
  const actorUser = userOf(event.actor);
  return firstFailure(
    unlistedTarget(s, event.target),
    when(!can(s, event.actor, "canRemoveParticipant"), "missingCanRemoveParticipant"),
    when(event.target === actorUser, "cannotRemoveSelf"),
    when(!roleChangeAllowed(s.config, roleOf(s, actorUser), roleOf(s, event.target), NO_ROLE), "roleChangeNotAuthorized"),
    orNull(minimumBreaks(s, event.target)),
  );
}

/** R6: kick (all) clients of another active user; it stays listed. */
function r6(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "kick") return SKIP;
  const role = findRole(s.config, roleOf(s, event.target));
  return firstFailure(
    when(!can(s, event.actor, "canKick"), "missingCanKick"),
    when(event.target === userOf(event.actor), "cannotKickSelf"),
    when(!isActive(s.live, event.target), "targetNotActive"),
    when(
      minimaChecked(s) && role !== undefined && stayingActive(s, role.index) - 1 < role.minActive,
      "minActive",
    ),
  );
}

/**
 * canBan, or canChangeUserRole together with canKick: room-policy §8.1.3 notes that these two "would
 * allow the same action" (the change to role 1, and the removal of every client); the rest of R7 is the same.
 */
function mayBan(s: Situation, actor: ClientId): boolean {
  return can(s, actor, "canBan") || (can(s, actor, "canChangeUserRole") && can(s, actor, "canKick"));
}

/**
 * R7: ban another unbanned user: role 1 "banned", all clients removed in the same commit. A user not in
 * the committed list (role 0) is banned pre-emptively: listed straight into role 1, on the wire an
 * addition in role 1, authorised by the entry 0 → 1 that every appendix admin holds (room-policy §8.1.3
 * reads the entry "from the target user's current role", which for an unlisted user is 0).
 */
function r7(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "ban") return SKIP;
  const actorUser = userOf(event.actor);
  const listed = isListed(s.ctx.roster, event.target);
  return firstFailure(
    when(!mayBan(s, event.actor), "missingCanBan"),
    when(event.target === actorUser, "cannotBanSelf"),
    when(!bannedRoleIsDefined(s.config), "noBannedRole"),
    when(isBanned(s.live, event.target), "targetAlreadyBanned"),
    when(!roleChangeAllowed(s.config, roleOf(s, actorUser), roleOf(s, event.target), BANNED_ROLE), "roleChangeNotAuthorized"),
    orNull(listed ? minimumBreaks(s, event.target) : maximumBreaks(s, BANNED_ROLE, false)),
  );
}

/** R8: unban a banned user into an assignable role; no client comes back with it. */
function r8(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "unban") return SKIP;
  // "Unbanning" a user who is not banned into role 1 is the same role change as a ban on the wire.
  if (event.role === BANNED_ROLE && isListed(s.ctx.roster, event.target) && !isBanned(s.live, event.target))
    return changeToBanned(s, { type: "changeRole", actor: event.actor, target: event.target, role: event.role });
  // Likewise "unbanning" a listed user who is not banned is a plain role change (R9); of oneself, R20.
  if (isListed(s.ctx.roster, event.target) && !isBanned(s.live, event.target) && event.target === userOf(event.actor)) return SKIP;
  if (isListed(s.ctx.roster, event.target) && !isBanned(s.live, event.target))
    return r9(s, { type: "changeRole", actor: event.actor, target: event.target, role: event.role });
  const actorUser = userOf(event.actor);
  return firstFailure(
    when(findRole(s.config, event.role) === undefined, "unknownRole", "invalidProposal"),
    unlistedTarget(s, event.target),
    when(!can(s, event.actor, "canUnban"), "missingCanUnban"),
    when(!bannedRoleIsDefined(s.config), "noBannedRole"),
    when(!isBanned(s.live, event.target), "targetNotBanned"),
    when(event.role === NO_ROLE || event.role === BANNED_ROLE, "roleNotAssignable"),
    when(!roleChangeAllowed(s.config, roleOf(s, actorUser), BANNED_ROLE, event.role), "roleChangeNotAuthorized"),
    orNull(maximumBreaks(s, event.role, false)),
  );
}

/**
 * A role change to role 1 is a ban on the wire (a ban is exactly that change plus the Removes of the
 * user's clients), so it is judged as one (R7); with clients left in the group it is a ban that keeps
 * them, which R7 forbids.
 */
function changeToBanned(s: Situation, event: Extract<RoomEvent, { type: "changeRole" }>): RuleCheck {
  // A role change names its target by its committed-list index: an unlisted user has none (D1).
  if (!isListed(s.ctx.roster, event.target)) return malformed("targetNotInCommittedList");
  const asBan = r7(s, { type: "ban", actor: event.actor, target: event.target });
  if (asBan !== PASS) return asBan;
  return firstFailure(when(isActive(s.live, event.target), "banKeepsClients"));
}

/** R9: change another listed, unbanned user's role. */
function r9(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "changeRole") return SKIP;
  if (event.role === BANNED_ROLE) return changeToBanned(s, event);
  // A role change out of role 1 is an unban on the wire (R8).
  if (isBanned(s.live, event.target)) return r8(s, { type: "unban", actor: event.actor, target: event.target, role: event.role });
  const actorUser = userOf(event.actor);
  const current = roleOf(s, event.target);
  return firstFailure(
    when(findRole(s.config, event.role) === undefined, "unknownRole", "invalidProposal"),
    unlistedTarget(s, event.target),
    // One's own role: R20 (canChangeOwnRole, the preauth role).
    () => (event.target === actorUser ? SKIP : null),
    when(!can(s, event.actor, "canChangeUserRole"), "missingCanChangeUserRole"),

    when(event.role === NO_ROLE || event.role === BANNED_ROLE, "roleNotAssignable"),
    when(event.role === current, "sameRole"),
    when(!roleChangeAllowed(s.config, roleOf(s, actorUser), current, event.role), "roleChangeNotAuthorized"),
    orNull(minimumBreaks(s, event.target)),
    orNull(maximumBreaks(s, event.role, isActive(s.live, event.target))),
  );
}

/** R10: leave — delisting plus the Remove of every own client, as one proposal bundle. */
function r10(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "leave") return SKIP;
  const user = userOf(event.actor);
  const role = roleOf(s, user);
  return firstFailure(
    when(!can(s, event.actor, "canRemoveSelf"), "missingCanRemoveSelf"),
    when(!roleChangeAllowed(s.config, role, role, NO_ROLE), "roleChangeNotAuthorized"),
    orNull(minimumBreaks(s, user)),
  );
}

/** R11: a commit must carry the epoch's pending proposals, unless the variant lets it omit them. */
function r11(s: Situation, event: RoomEvent): RuleCheck {
  if (!isCommit(event) || s.ctx.pending.length === 0) return SKIP;
  if (commitIncludesPending(event) || s.config.variants.pendingProposals === "may-omit") return PASS;
  return refuse("omitsPendingProposals");
}

/** R12: the leave order. Leaving users are not targets; commits that carry a leave complete it. */
function r12(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type === "leave") return PASS;
  if (s.config.faults?.refuseLeaveCommits && isCommit(event) && s.ctx.pending.length > 0 && commitIncludesPending(event))
    return refuse("leaveCommitRefused");
  const target = targetOf(event);
  if (target !== null && s.ctx.blocked.includes(target)) return refuse("targetLeaving");
  return isCommit(event) && s.ctx.pending.length > 0 && commitIncludesPending(event) ? PASS : SKIP;
}

/** R13: per-commit checks on the commit as a whole and on the room after it. */
function r13(s: Situation, event: RoomEvent): RuleCheck {
  if (!isCommit(event) || s.config.faults?.skipPostCommitCheck) return SKIP;
  const plan = planCommit(s.ctx, event);
  if (new Set(plan.touched).size !== plan.touched.length) return refuse("userTouchedTwice");
  for (const [user, entry] of Object.entries(plan.roster))
    if (entry.clients.length > 0 && !roleAllowsClients(s.config, entry.role))
      return refuse(entry.role === NO_ROLE ? "clientOfUnlistedUser" : "clientInRoleWithoutClients");
  for (const index of listableRoles(s.config)) {
    const role = findRole(s.config, index)!;
    const [before, after] = [countInRole(s.ctx.roster, index), countInRole(plan.roster, index)];
    const [activeBefore, activeAfter] = [countActiveInRole(s.ctx.roster, index), countActiveInRole(plan.roster, index)];
    if (role.maxParticipants !== undefined && after > role.maxParticipants && after > before) return refuse("maxParticipantsAfterCommit");
    if (role.maxActive !== undefined && activeAfter > role.maxActive && activeAfter > activeBefore) return refuse("maxActiveAfterCommit");
    if (minimaChecked(s) && after < role.minParticipants && after < before) return refuse("minParticipantsAfterCommit");
    if (minimaChecked(s) && activeAfter < role.minActive && activeAfter < activeBefore) return refuse("minActiveAfterCommit");
  }
  return PASS;
}

/** R14: application messages from active, unblocked members whose role has canSendMessage. */
function r14(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "sendMessage") return SKIP;
  return firstFailure(
    () => {
      const sender = senderCheck(s, event.actor, "sender");
      return sender.applies && !sender.ok ? sender : null;
    },
    when(!can(s, event.actor, "canSendMessage"), "missingCanSendMessage"),
  );
}

/** R15: an empty commit (self-update) from any member client whose user is not blocked. */
function r15(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type !== "commit" || s.ctx.pending.length > 0) return SKIP;
  return senderCheck(s, event.actor, "committer");
}

/** R16: the first commit for an epoch wins; a commit built for an epoch that already has one is late. */
function r16(s: Situation, event: RoomEvent): RuleCheck {
  if (event.type === "staleCommit") return { ...refuse("epochAlreadyCommitted", "wrongEpoch"), currentEpoch: s.ctx.epoch } as RuleCheck;
  return isCommit(event) ? PASS : SKIP;
}

/** R17: proposals committed by reference were authorised on acceptance; the committer needs no capability. */
function r17(s: Situation, event: RoomEvent): RuleCheck {
  return isCommit(event) && s.ctx.pending.length > 0 && commitIncludesPending(event) ? PASS : SKIP;
}

const RULES: Readonly<Record<RuleId, (s: Situation, event: RoomEvent) => RuleCheck>> = {
  R0: r0,
  R1: r1,
  R2: r2,
  R3: r3,
  R4: r4,
  R5: r5,
  R6: r6,
  R7: r7,
  R8: r8,
  R9: r9,
  R10: r10,
  R11: r11,
  R12: r12,
  R13: r13,
  R14: r14,
  R15: r15,
  R16: r16,
  R17: r17,
  R21: (s, event) => r21(s.ctx, event),
  R20: r20,
  R22: (s, event) => r22(s.ctx, event),
  // The policy enforcer's own checks (model/enforcer.ts): only an enforcement has them.
  R18: () => SKIP,
};

/** Evaluates one rule's guard for `event` in room `ctx`. */
export function checkRule(rule: RuleId, ctx: RoomContext, event: RoomEvent): RuleCheck {
  // An enforcement is judged by its own checks and the member operation's, with the enforcer's role (R18).
  if (event.type === "enforce") return checkEnforceRule(rule, ctx, event, (r, e) => RULES[r](situation(ctx), e));
  return RULES[rule](situation(ctx), event);
}
