import { describe, expect, it } from "vitest";
import {
  abstractState,
  checkModelInvariants,
  DEFAULT_VARIANTS,
  initialModel,
  RULE_IDS,
  step,
  type AbstractState,
  type ModelConfig,
  type ModelEvent,
  type ModelFaults,
  type ModelVariants,
  type RefusalCode,
  type RuleId,
} from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import type { ModelBasePolicy } from "../../model/basePolicy.js";
import type { ModelPreauthEntry } from "../../model/preauth.js";
import {
  add,
  ADMIN,
  ban,
  BANNED,
  changeRole,
  commit,
  COOPERATIVE_ROOM,
  COOPERATIVE_ROOM_EVENTS,
  create,
  given,
  joinOwnClient,
  kick,
  leave,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  remove,
  RESTRICTED_ROOM,
  RESTRICTED_ROOM_EVENTS,
  room,
  roomSnapshot,
  send,
  staleCommit,
  unban,
} from "./helpers.js";

/**
 * One accepted and one refused case per rule R0–R22 (R17 never refuses: rules.md R17; the restricted set
 * has no policy_enforcer role, so R18 only refuses there), on both role sets, and for the rules the variants change (R10, R11, R12) in each leave order and pending-proposal
 * policy. Every expectation is written here from docs/rules.md and the drafts: an acceptance names the
 * rule credited (and the guard that held, for rules that guard other operations) and the literal next
 * state; a refusal names its code, rule and reason, and must leave the room as a snapshot taken before.
 *
 * Starting rooms (helpers.ts): cooperative — u0 group_admin (u0/d0), u1 ordinary_user (u1/d0, u1/d1),
 * u2 ordinary_user (u2/d0), epoch 2; restricted — u0 owner (u0/d0), u1 reader (u1/d0), u2 owner
 * (u2/d0), u3 observer (no client), epoch 3.
 */
type RoleSet = "cooperative" | "restricted";

type Expectation =
  | { readonly accepted: RuleId; readonly held?: RuleId; readonly next: AbstractState }
  | { readonly refused: RefusalCode; readonly reason: string };

interface RuleCase {
  readonly rule: RuleId;
  readonly roles: RoleSet;
  readonly clause: string;
  /** Events after the role set's starting room (or from no room at all with `fromNoRoom`). */
  readonly setup?: readonly ModelEvent[];
  readonly fromNoRoom?: boolean;
  readonly variants?: ModelVariants;
  readonly faults?: ModelFaults;
  /** A base room policy for the room (R21; model/basePolicy.ts). */
  readonly basePolicy?: ModelBasePolicy;
  /** The hub lists its policy enforcer at creation (R18; model/enforcer.ts). */
  readonly enforcer?: boolean;
  /** The room is created with preauth list 0 of these, any of which a holder may put in place (R20; model/preauth.ts). */
  readonly preauthLists?: readonly (readonly ModelPreauthEntry[])[];
  /** The creator's role, where the case needs another than the set's (A.1's super_admin for R20). */
  readonly creatorRole?: number;
  readonly event: ModelEvent;
  readonly expect: Expectation;
}

const SAME_COMMIT: ModelVariants = { leaveOrder: "same-commit", pendingProposals: "must-include" };
const CLIENTS_FIRST: ModelVariants = { leaveOrder: "clients-first", pendingProposals: "must-include" };
const SAME_COMMIT_MAY_OMIT: ModelVariants = { leaveOrder: "same-commit", pendingProposals: "may-omit" };
const CLIENTS_FIRST_MAY_OMIT: ModelVariants = { leaveOrder: "clients-first", pendingProposals: "may-omit" };
/** A.1's super_admin (4): the one role holding canChangePreauthorizedUserList with clients (room-policy Appendix A.1). */
const SUPER_ADMIN = 4;
/** Two preauth lists (room-policy §4): u3 joins as an ordinary_user (reader in the restricted set); nobody joins. */
const PREAUTH_LISTS: readonly (readonly ModelPreauthEntry[])[] = [[{ claims: [{ kind: "user", user: "u3" }], role: 2 }], []];
const changePreauthList = (actor: string, list: number): ModelEvent => ({ type: "changePreauthList", actor, list });
const enforce = (action: "remove" | "ban", target: string): ModelEvent => ({ type: "enforce", actor: "policy-enforcer/hub", action, target });

const C = { u0: [ADMIN, "u0/d0"], u1: [ORDINARY, "u1/d0", "u1/d1"], u2: [ORDINARY, "u2/d0"] } as const;
const R = { u0: [OWNER, "u0/d0"], u1: [READER, "u1/d0"], u2: [OWNER, "u2/d0"], u3: [OBSERVER] } as const;

const CASES: readonly RuleCase[] = [
  // ── cooperative (room-policy-03 Appendix A.1) ──────────────────────────────────────────────────────
  { rule: "R0", roles: "cooperative", clause: "protocol §3.1: the hub creates the room with its creator", fromNoRoom: true, event: create("u0"), expect: { accepted: "R0", next: room(0, { u0: [ADMIN, "u0/d0"] }) } },
  { rule: "R0", roles: "cooperative", clause: "no room, nothing to act on", fromNoRoom: true, event: send("u0/d0"), expect: { refused: "notAllowed", reason: "noRoom" } },
  { rule: "R1", roles: "cooperative", clause: "protocol §5.4: a message for the current epoch", event: send("u1/d0"), expect: { accepted: "R14", held: "R1", next: COOPERATIVE_ROOM } },
  { rule: "R1", roles: "cooperative", clause: "protocol §5.4: older epoch → epochTooOld", event: send("u1/d0", -1), expect: { refused: "epochTooOld", reason: "messageFromOldEpoch" } },
  { rule: "R2", roles: "cooperative", clause: "a member client of an unblocked user", event: remove("u1/d1", "u2"), expect: { accepted: "R5", held: "R2", next: room(3, { u0: C.u0, u1: C.u1 }) } },
  { rule: "R2", roles: "cooperative", clause: "protocol §5.3: a leaver's clients may not commit", setup: [leave("u1/d0")], event: remove("u1/d1", "u2"), expect: { refused: "notAllowed", reason: "actorBlocked" } },
  { rule: "R3", roles: "cooperative", clause: "ordinary_user has canAddParticipant and (0,[2])", event: add("u1/d0", "u3", ORDINARY, ["u3/d0"]), expect: { accepted: "R3", next: room(3, { ...C, u3: [ORDINARY, "u3/d0"] }) } },
  { rule: "R3", roles: "cooperative", clause: "ordinary_user has no (0,[3])", event: add("u1/d0", "u3", ADMIN), expect: { refused: "notAllowed", reason: "roleChangeNotAuthorized" } },
  { rule: "R4", roles: "cooperative", clause: "room-policy §8.1.1 canAddOwnClient", event: joinOwnClient("u2/d1"), expect: { accepted: "R4", next: room(3, { ...C, u2: [ORDINARY, "u2/d0", "u2/d1"] }) } },
  { rule: "R4", roles: "cooperative", clause: "no open join, preauth or join code: an unlisted user cannot join", event: joinOwnClient("u3/d0"), expect: { refused: "notAllowed", reason: "userNotListed" } },
  { rule: "R5", roles: "cooperative", clause: "ordinary_user has (2,[0]); all clients go in the same commit (§8.1.2)", event: remove("u2/d0", "u1"), expect: { accepted: "R5", next: room(3, { u0: C.u0, u2: C.u2 }) } },
  { rule: "R5", roles: "cooperative", clause: "ordinary_user has no (3,[0])", event: remove("u1/d0", "u0"), expect: { refused: "notAllowed", reason: "roleChangeNotAuthorized" } },
  { rule: "R6", roles: "cooperative", clause: "kick: clients removed, user stays listed (§2.1)", event: kick("u0/d0", "u1"), expect: { accepted: "R6", next: room(3, { ...C, u1: [ORDINARY] }) } },
  { rule: "R6", roles: "cooperative", clause: "ordinary_user has no canKick", event: kick("u1/d0", "u2"), expect: { refused: "notAllowed", reason: "missingCanKick" } },
  { rule: "R7", roles: "cooperative", clause: "ban: role 1 and all clients removed (§8.1.3)", event: ban("u0/d0", "u1"), expect: { accepted: "R7", next: room(3, { ...C, u1: [BANNED] }) } },
  { rule: "R7", roles: "cooperative", clause: "ordinary_user has no canBan", event: ban("u1/d0", "u2"), expect: { refused: "notAllowed", reason: "missingCanBan" } },
  { rule: "R8", roles: "cooperative", clause: "unban gives no client back (§8.1.3)", setup: [ban("u0/d0", "u1")], event: unban("u0/d0", "u1", ORDINARY), expect: { accepted: "R8", next: room(4, { ...C, u1: [ORDINARY] }) } },
  { rule: "R8", roles: "cooperative", clause: "ordinary_user has no canUnban", setup: [ban("u0/d0", "u1")], event: unban("u2/d0", "u1", ORDINARY), expect: { refused: "notAllowed", reason: "missingCanUnban" } },
  { rule: "R9", roles: "cooperative", clause: "group_admin has (2,[0,1,3])", event: changeRole("u0/d0", "u1", ADMIN), expect: { accepted: "R9", next: room(3, { ...C, u1: [ADMIN, "u1/d0", "u1/d1"] }) } },
  { rule: "R9", roles: "cooperative", clause: "ordinary_user has no canChangeUserRole", event: changeRole("u1/d0", "u2", ADMIN), expect: { refused: "notAllowed", reason: "missingCanChangeUserRole" } },
  { rule: "R10", roles: "cooperative", clause: "same-commit: delisting + 2 Removes pending, user blocked (§5.3)", variants: SAME_COMMIT, event: leave("u1/d0"), expect: { accepted: "R10", next: { ...COOPERATIVE_ROOM, blocked: ["u1"], pending: 3 } } },
  { rule: "R10", roles: "cooperative", clause: "clients-first: the 2 Removes pending, user blocked", variants: CLIENTS_FIRST, event: leave("u1/d0"), expect: { accepted: "R10", next: { ...COOPERATIVE_ROOM, blocked: ["u1"], pending: 2 } } },
  { rule: "R10", roles: "cooperative", clause: "group_admin minimum 1: the last admin cannot leave", event: leave("u0/d0"), expect: { refused: "notAllowed", reason: "minParticipants" } },
  { rule: "R10", roles: "cooperative", clause: "group_admin minimum 1, clients-first", variants: CLIENTS_FIRST, event: leave("u0/d0"), expect: { refused: "notAllowed", reason: "minParticipants" } },
  { rule: "R11", roles: "cooperative", clause: "must-include: the commit carries the pending leave", setup: [leave("u1/d0")], event: commit("u0/d0"), expect: { accepted: "R17", held: "R11", next: room(3, { u0: C.u0, u2: C.u2 }) } },
  { rule: "R11", roles: "cooperative", clause: "may-omit: the leave is discarded, its user unblocked", variants: SAME_COMMIT_MAY_OMIT, setup: [leave("u1/d0")], event: commit("u0/d0", false), expect: { accepted: "R11", next: room(3, C) } },
  { rule: "R11", roles: "cooperative", clause: "may-omit, clients-first: the Removes are discarded", variants: CLIENTS_FIRST_MAY_OMIT, setup: [leave("u1/d0")], event: commit("u0/d0", false), expect: { accepted: "R11", next: room(3, C) } },
  { rule: "R11", roles: "cooperative", clause: "must-include (protocol §3.5): omitting the pending leave", setup: [leave("u1/d0")], event: commit("u0/d0", false), expect: { refused: "notAllowed", reason: "omitsPendingProposals" } },
  { rule: "R11", roles: "cooperative", clause: "must-include, clients-first", variants: CLIENTS_FIRST, setup: [leave("u1/d0")], event: commit("u0/d0", false), expect: { refused: "notAllowed", reason: "omitsPendingProposals" } },
  { rule: "R12", roles: "cooperative", clause: "same-commit: one commit delists and removes the clients", variants: SAME_COMMIT, setup: [leave("u1/d0")], event: commit("u2/d0"), expect: { accepted: "R17", held: "R12", next: room(3, { u0: C.u0, u2: C.u2 }) } },
  { rule: "R12", roles: "cooperative", clause: "clients-first: clients go first, the hub's delisting is pending, user still blocked", variants: CLIENTS_FIRST, setup: [leave("u1/d0")], event: commit("u2/d0"), expect: { accepted: "R17", held: "R12", next: room(3, { ...C, u1: [ORDINARY] }, { blocked: ["u1"], pending: 1 }) } },
  { rule: "R12", roles: "cooperative", clause: "clients-first: the hub's delisting committed", variants: CLIENTS_FIRST, setup: [leave("u1/d0"), commit("u2/d0")], event: commit("u0/d0"), expect: { accepted: "R17", held: "R12", next: room(4, { u0: C.u0, u2: C.u2 }) } },
  { rule: "R12", roles: "cooperative", clause: "D4, same-commit: a leaver is no target", variants: SAME_COMMIT, setup: [leave("u1/d0")], event: remove("u0/d0", "u1"), expect: { refused: "notAllowed", reason: "targetLeaving" } },
  { rule: "R12", roles: "cooperative", clause: "D4, clients-first, only the delisting pending", variants: CLIENTS_FIRST, setup: [leave("u1/d0"), commit("u2/d0")], event: changeRole("u0/d0", "u1", ADMIN), expect: { refused: "notAllowed", reason: "targetLeaving" } },
  { rule: "R13", roles: "cooperative", clause: "no user touched twice, every member listed", event: remove("u0/d0", "u1"), expect: { accepted: "R5", held: "R13", next: room(3, { u0: C.u0, u2: C.u2 }) } },
  { rule: "R13", roles: "cooperative", clause: "protocol §5.3: no client of a removed user remains (fault: removal skips clients)", faults: { skipRemoveAllClients: true }, event: remove("u0/d0", "u1"), expect: { refused: "notAllowed", reason: "clientOfUnlistedUser" } },
  { rule: "R14", roles: "cooperative", clause: "ordinary_user has canSendMessage", event: send("u2/d0"), expect: { accepted: "R14", next: COOPERATIVE_ROOM } },
  { rule: "R14", roles: "cooperative", clause: "a kicked client is no member", setup: [kick("u0/d0", "u2")], event: send("u2/d0"), expect: { refused: "notAllowed", reason: "senderNotMember" } },
  { rule: "R15", roles: "cooperative", clause: "any member client may self-update", event: commit("u2/d0"), expect: { accepted: "R15", next: room(3, C) } },
  { rule: "R15", roles: "cooperative", clause: "a kicked client is no member", setup: [kick("u0/d0", "u1")], event: commit("u1/d0"), expect: { refused: "notAllowed", reason: "committerNotMember" } },
  { rule: "R16", roles: "cooperative", clause: "the first commit of the epoch", event: commit("u1/d0"), expect: { accepted: "R15", held: "R16", next: room(3, C) } },
  { rule: "R16", roles: "cooperative", clause: "protocol §5.3: a commit for a past epoch → wrongEpoch", event: staleCommit("u1/d0"), expect: { refused: "wrongEpoch", reason: "epochAlreadyCommitted" } },
  { rule: "R17", roles: "cooperative", clause: "an ordinary user commits an admin's leave by reference", setup: [changeRole("u0/d0", "u1", ADMIN), leave("u0/d0")], event: commit("u2/d0"), expect: { accepted: "R17", next: room(4, { u1: [ADMIN, "u1/d0", "u1/d1"], u2: C.u2 }) } },

  // ── restricted (this project's own set: reader 2, owner 3, observer 4) ─────────────────────────────
  { rule: "R0", roles: "restricted", clause: "the creator becomes an owner", fromNoRoom: true, event: create("u0"), expect: { accepted: "R0", next: room(0, { u0: [OWNER, "u0/d0"] }) } },
  { rule: "R0", roles: "restricted", clause: "the creator's client must be its own", fromNoRoom: true, event: { type: "createRoom", creator: "u0", creatorClient: "u1/d0" }, expect: { refused: "invalidProposal", reason: "clientNotOfCreator" } },
  { rule: "R1", roles: "restricted", clause: "a message for the current epoch", event: send("u0/d0"), expect: { accepted: "R14", held: "R1", next: RESTRICTED_ROOM } },
  { rule: "R1", roles: "restricted", clause: "protocol §5.4: newer epoch → notAllowed", event: send("u0/d0", 1), expect: { refused: "notAllowed", reason: "messageFromFutureEpoch" } },
  { rule: "R2", roles: "restricted", clause: "a member client of an unblocked owner", event: kick("u2/d0", "u1"), expect: { accepted: "R6", held: "R2", next: room(4, { ...R, u1: [READER] }) } },
  { rule: "R2", roles: "restricted", clause: "protocol §5.3: a leaving owner may not commit", setup: [leave("u2/d0")], event: kick("u2/d0", "u1"), expect: { refused: "notAllowed", reason: "actorBlocked" } },
  { rule: "R3", roles: "restricted", clause: "owner has (0,[2,3,4])", event: add("u0/d0", "u4", READER, ["u4/d0"]), expect: { accepted: "R3", next: room(4, { ...R, u4: [READER, "u4/d0"] }) } },
  { rule: "R3", roles: "restricted", clause: "reader has no canAddParticipant", event: add("u1/d0", "u4", READER), expect: { refused: "notAllowed", reason: "missingCanAddParticipant" } },
  { rule: "R4", roles: "restricted", clause: "owner has canAddOwnClient", event: joinOwnClient("u2/d1"), expect: { accepted: "R4", next: room(4, { ...R, u2: [OWNER, "u2/d0", "u2/d1"] }) } },
  { rule: "R4", roles: "restricted", clause: "reader has no canAddOwnClient", event: joinOwnClient("u1/d1"), expect: { refused: "notAllowed", reason: "missingCanAddOwnClient" } },
  { rule: "R5", roles: "restricted", clause: "owner has (2,[0,...])", event: remove("u0/d0", "u1"), expect: { accepted: "R5", next: room(4, { u0: R.u0, u2: R.u2, u3: R.u3 }) } },
  { rule: "R5", roles: "restricted", clause: "reader has no canRemoveParticipant", event: remove("u1/d0", "u3"), expect: { refused: "notAllowed", reason: "missingCanRemoveParticipant" } },
  { rule: "R6", roles: "restricted", clause: "owner has canKick; one active owner stays", event: kick("u0/d0", "u2"), expect: { accepted: "R6", next: room(4, { ...R, u2: [OWNER] }) } },
  { rule: "R6", roles: "restricted", clause: "reader has no canKick", event: kick("u1/d0", "u0"), expect: { refused: "notAllowed", reason: "missingCanKick" } },
  { rule: "R7", roles: "restricted", clause: "owner has (2,[...,1,...])", event: ban("u2/d0", "u1"), expect: { accepted: "R7", next: room(4, { ...R, u1: [BANNED] }) } },
  { rule: "R7", roles: "restricted", clause: "owner has (4,[0,2]): no ban of an observer", event: ban("u0/d0", "u3"), expect: { refused: "notAllowed", reason: "roleChangeNotAuthorized" } },
  { rule: "R8", roles: "restricted", clause: "owner has (1,[0,2])", setup: [ban("u0/d0", "u1")], event: unban("u2/d0", "u1", READER), expect: { accepted: "R8", next: room(5, { ...R, u1: [READER] }) } },
  { rule: "R8", roles: "restricted", clause: "owner has no (1,[3])", setup: [ban("u0/d0", "u1")], event: unban("u0/d0", "u1", OWNER), expect: { refused: "notAllowed", reason: "roleChangeNotAuthorized" } },
  { rule: "R9", roles: "restricted", clause: "owner has (4,[0,2])", event: changeRole("u0/d0", "u3", READER), expect: { accepted: "R9", next: room(4, { ...R, u3: [READER] }) } },
  { rule: "R9", roles: "restricted", clause: "room-policy §3: owner maximum 2 is reached, no third owner", event: changeRole("u0/d0", "u1", OWNER), expect: { refused: "notAllowed", reason: "maxParticipants" } },
  { rule: "R10", roles: "restricted", clause: "same-commit: delisting + 1 Remove pending", variants: SAME_COMMIT, event: leave("u2/d0"), expect: { accepted: "R10", next: { ...RESTRICTED_ROOM, blocked: ["u2"], pending: 2 } } },
  { rule: "R10", roles: "restricted", clause: "clients-first: 1 Remove pending", variants: CLIENTS_FIRST, event: leave("u2/d0"), expect: { accepted: "R10", next: { ...RESTRICTED_ROOM, blocked: ["u2"], pending: 1 } } },
  { rule: "R10", roles: "restricted", clause: "reader has no canRemoveSelf", event: leave("u1/d0"), expect: { refused: "notAllowed", reason: "missingCanRemoveSelf" } },
  { rule: "R10", roles: "restricted", clause: "D5 owner minimum 1, clients-first: the first leaver does not count", variants: CLIENTS_FIRST, setup: [leave("u0/d0")], event: leave("u2/d0"), expect: { refused: "notAllowed", reason: "minParticipants" } },
  { rule: "R11", roles: "restricted", clause: "must-include: the reader's commit carries the leave", setup: [leave("u2/d0")], event: commit("u1/d0"), expect: { accepted: "R17", held: "R11", next: room(4, { u0: R.u0, u1: R.u1, u3: R.u3 }) } },
  { rule: "R11", roles: "restricted", clause: "may-omit: the leave is discarded", variants: SAME_COMMIT_MAY_OMIT, setup: [leave("u2/d0")], event: commit("u1/d0", false), expect: { accepted: "R11", next: room(4, R) } },
  { rule: "R11", roles: "restricted", clause: "must-include: omitting the leave", setup: [leave("u2/d0")], event: commit("u1/d0", false), expect: { refused: "notAllowed", reason: "omitsPendingProposals" } },
  { rule: "R12", roles: "restricted", clause: "same-commit: delisted with its clients", variants: SAME_COMMIT, setup: [leave("u2/d0")], event: commit("u0/d0"), expect: { accepted: "R17", held: "R12", next: room(4, { u0: R.u0, u1: R.u1, u3: R.u3 }) } },
  { rule: "R12", roles: "restricted", clause: "clients-first: clients first, delisting pending", variants: CLIENTS_FIRST, setup: [leave("u2/d0")], event: commit("u0/d0"), expect: { accepted: "R17", held: "R12", next: room(4, { ...R, u2: [OWNER] }, { blocked: ["u2"], pending: 1 }) } },
  { rule: "R12", roles: "restricted", clause: "D4: the leaving owner is no target", setup: [leave("u2/d0")], event: remove("u0/d0", "u2"), expect: { refused: "notAllowed", reason: "targetLeaving" } },
  { rule: "R12", roles: "restricted", clause: "D4, clients-first", variants: CLIENTS_FIRST, setup: [leave("u2/d0"), commit("u0/d0")], event: kick("u0/d0", "u2"), expect: { refused: "notAllowed", reason: "targetLeaving" } },
  { rule: "R13", roles: "restricted", clause: "every member listed in a role that allows clients", event: ban("u2/d0", "u1"), expect: { accepted: "R7", held: "R13", next: room(4, { ...R, u1: [BANNED] }) } },
  { rule: "R13", roles: "restricted", clause: "a ban keeping clients leaves them in max-active-0 role 1 (fault)", faults: { skipRemoveAllClients: true }, event: ban("u2/d0", "u1"), expect: { refused: "notAllowed", reason: "clientInRoleWithoutClients" } },
  { rule: "R14", roles: "restricted", clause: "owner has canSendMessage", event: send("u2/d0"), expect: { accepted: "R14", next: RESTRICTED_ROOM } },
  { rule: "R14", roles: "restricted", clause: "reader has no canSendMessage", event: send("u1/d0"), expect: { refused: "notAllowed", reason: "missingCanSendMessage" } },
  { rule: "R15", roles: "restricted", clause: "a reader may self-update", event: commit("u1/d0"), expect: { accepted: "R15", next: room(4, R) } },
  { rule: "R15", roles: "restricted", clause: "a banned user's client was removed", setup: [ban("u0/d0", "u1")], event: commit("u1/d0"), expect: { refused: "notAllowed", reason: "committerBanned" } },
  { rule: "R16", roles: "restricted", clause: "the first commit of the epoch", event: commit("u0/d0"), expect: { accepted: "R15", held: "R16", next: room(4, R) } },
  { rule: "R16", roles: "restricted", clause: "a commit for a past epoch → wrongEpoch", event: staleCommit("u2/d0"), expect: { refused: "wrongEpoch", reason: "epochAlreadyCommitted" } },
  { rule: "R17", roles: "restricted", clause: "a reader (no membership capability) commits an owner's leave", setup: [leave("u2/d0")], event: commit("u1/d0"), expect: { accepted: "R17", next: room(4, { u0: R.u0, u1: R.u1, u3: R.u3 }) } },
  // ── the hub's policy enforcer (R18): A.1's policy_enforcer (5) has canRemoveParticipant and (2,[0]) ──
  { rule: "R18", roles: "cooperative", clause: "the enforcer removes an ordinary user: delisting + 2 Removes pending, user blocked", enforcer: true, event: enforce("remove", "u1"), expect: { accepted: "R18", next: room(2, { ...C, "policy-enforcer": [5] }, { blocked: ["u1"], pending: 3 }) } },
  { rule: "R18", roles: "cooperative", clause: "a room that lists no enforcer gives the hub no role", event: enforce("remove", "u1"), expect: { refused: "notAllowed", reason: "noPolicyEnforcer" } },
  { rule: "R18", roles: "restricted", clause: "no policy_enforcer role: the hub has no role", enforcer: true, event: enforce("remove", "u1"), expect: { refused: "notAllowed", reason: "noPolicyEnforcer" } },
  // ── base room policy (room-policy §5), either role set ─────────────────────────────────────────────
  { rule: "R21", roles: "cooperative", clause: "max_clients 5: a fifth client joins", basePolicy: { fixedMembership: false, multiDevice: true, maxClients: 5 }, event: joinOwnClient("u2/d1"), expect: { accepted: "R4", held: "R21", next: room(3, { ...C, u2: [ORDINARY, "u2/d0", "u2/d1"] }) } },
  { rule: "R21", roles: "cooperative", clause: "max_clients 4 counts MLS leaves: no fifth", basePolicy: { fixedMembership: false, multiDevice: true, maxClients: 4 }, event: joinOwnClient("u2/d1"), expect: { refused: "notAllowed", reason: "maxClients" } },
  { rule: "R21", roles: "restricted", clause: "multi_device false: a self-update keeps one client per user", basePolicy: { fixedMembership: false, multiDevice: false }, event: commit("u0/d0"), expect: { accepted: "R15", held: "R21", next: room(4, R) } },
  { rule: "R21", roles: "restricted", clause: "multi_device false: no second client", basePolicy: { fixedMembership: false, multiDevice: false }, event: joinOwnClient("u2/d1"), expect: { refused: "notAllowed", reason: "multiDevice" } },
  // ── preauthorised users (room-policy §4, §8.1.3, §8.6): own role changes and preauth list changes ──
  { rule: "R20", roles: "cooperative", clause: "A.1's super_admin (here the creator, who makes u2 the group_admin A.1 requires) has canChangePreauthorizedUserList", creatorRole: SUPER_ADMIN, preauthLists: PREAUTH_LISTS, setup: [changeRole("u0/d0", "u2", ADMIN)], event: changePreauthList("u0/d0", 1), expect: { accepted: "R20", next: room(4, { u0: [SUPER_ADMIN, "u0/d0"], u1: C.u1, u2: [ADMIN, "u2/d0"] }) } },
  { rule: "R20", roles: "cooperative", clause: "A.1's group_admin has no canChangePreauthorizedUserList", preauthLists: PREAUTH_LISTS, event: changePreauthList("u0/d0", 1), expect: { refused: "notAllowed", reason: "missingCanChangePreauthorizedUserList" } },
  { rule: "R20", roles: "cooperative", clause: "A.1's ordinary_user has no canChangeOwnRole", event: changeRole("u1/d0", "u1", ADMIN), expect: { refused: "notAllowed", reason: "missingCanChangeOwnRole" } },
  { rule: "R20", roles: "restricted", clause: "putting the room's own preauth list in place again changes nothing and needs nothing", preauthLists: PREAUTH_LISTS, event: changePreauthList("u1/d0", 0), expect: { accepted: "R20", next: room(4, R) } },
  { rule: "R20", roles: "restricted", clause: "no restricted role holds canChangeOwnRole", event: changeRole("u0/d0", "u0", READER), expect: { refused: "notAllowed", reason: "missingCanChangeOwnRole" } },
  { rule: "R20", roles: "restricted", clause: "no restricted role holds canChangePreauthorizedUserList", preauthLists: PREAUTH_LISTS, event: changePreauthList("u0/d0", 1), expect: { refused: "notAllowed", reason: "missingCanChangePreauthorizedUserList" } },
  { rule: "R22", roles: "cooperative", clause: "room-policy §8.2: ordinary_user has canChangeRoomName", event: { type: "changeMetadata", actor: "u1/d0", change: 0 }, expect: { accepted: "R22", next: room(3, C) } },
  { rule: "R22", roles: "cooperative", clause: "room-policy §8.2: a description needs canChangeRoomDescription, group_admin's", event: { type: "changeMetadata", actor: "u1/d0", change: 2 }, expect: { refused: "notAllowed", reason: "missingCanChangeRoomDescription" } },
  { rule: "R22", roles: "restricted", clause: "putting the room's own base policy in place again changes nothing and needs nothing", basePolicy: { fixedMembership: false, multiDevice: true }, event: { type: "changeRoomPolicy", actor: "u1/d0", policy: 0 }, expect: { accepted: "R22", next: room(4, R) } },
  { rule: "R22", roles: "restricted", clause: "room-policy §8.6: no restricted role holds canChangeRoleDefinitions", event: { type: "changeRoleDefinitions", actor: "u0/d0", change: 1 }, expect: { refused: "notAllowed", reason: "missingCanChangeRoleDefinitions" } },
];

function configFor(c: RuleCase): ModelConfig {
  const variants = c.variants ?? DEFAULT_VARIANTS;
  const config = c.roles === "cooperative" ? cooperativeConfig(variants, c.faults) : restrictedConfig(variants, c.faults);
  const withEnforcer = c.enforcer === true ? { ...config, hubListsEnforcer: true } : config;
  const withPreauth = c.preauthLists === undefined ? withEnforcer : { ...withEnforcer, preauth: c.preauthLists[0]!, preauthLists: c.preauthLists };
  const withCreator = c.creatorRole === undefined ? withPreauth : { ...withPreauth, creatorRole: c.creatorRole };
  return c.basePolicy === undefined ? withCreator : { ...withCreator, basePolicy: c.basePolicy };
}

function startOf(c: RuleCase) {
  const config = configFor(c);
  if (c.fromNoRoom) return initialModel(config);
  return given(config, [...(c.roles === "cooperative" ? COOPERATIVE_ROOM_EVENTS : RESTRICTED_ROOM_EVENTS), ...(c.setup ?? [])]);
}

const outcome = (c: RuleCase) => ("accepted" in c.expect ? "accepted" : "refused");
const label = (c: RuleCase) =>
  `${c.rule} ${outcome(c)} · ${c.roles}${c.variants ? ` ${c.variants.leaveOrder}/${c.variants.pendingProposals}` : ""} · ${c.clause}`;

describe("every rule, accepted and refused, on both role sets", () => {
  it.each(CASES.map((c) => [label(c), c] as const))("%s", (_label, c) => {
    const model = startOf(c);
    const before = roomSnapshot(model);
    const { model: after, verdict } = step(model, c.event);
    if ("accepted" in c.expect) {
      expect(verdict).toMatchObject({ accepted: true, rule: c.expect.accepted });
      if (c.expect.held) expect(verdict.passed).toContain(c.expect.held);
      expect(abstractState(after)).toEqual(c.expect.next);
      expect(checkModelInvariants(after)).toEqual([]);
    } else {
      expect(verdict).toMatchObject({ accepted: false, code: c.expect.refused, rule: c.rule, reason: c.expect.reason });
      expect(roomSnapshot(after)).toBe(before);
      expect(roomSnapshot(model)).toBe(before);
    }
  });

  it("the table has an accepted and a refused case for every rule on each role set (R17 never refuses), and the variant rules in each variant", () => {
    for (const roles of ["cooperative", "restricted"] as const)
      for (const rule of RULE_IDS)
        for (const wanted of ["accepted", "refused"] as const) {
          if (rule === "R17" && wanted === "refused") continue;
          // The restricted set has no policy_enforcer role: every enforcement there is refused (R18).
          if (rule === "R18" && roles === "restricted" && wanted === "accepted") continue;
          expect(CASES.some((c) => c.roles === roles && c.rule === rule && outcome(c) === wanted), `${roles} ${rule} ${wanted}`).toBe(true);
        }
    const inVariant = (rule: RuleId, wanted: "accepted" | "refused", pick: (v: ModelVariants) => boolean) =>
      CASES.some((c) => c.rule === rule && outcome(c) === wanted && pick(c.variants ?? DEFAULT_VARIANTS));
    for (const order of ["same-commit", "clients-first"] as const)
      for (const rule of ["R10", "R12"] as const)
        for (const wanted of ["accepted", "refused"] as const)
          expect(inVariant(rule, wanted, (v) => v.leaveOrder === order), `${rule} ${wanted} ${order}`).toBe(true);
    for (const policy of ["must-include", "may-omit"] as const)
      expect(inVariant("R11", "accepted", (v) => v.pendingProposals === policy), `R11 accepted ${policy}`).toBe(true);
    expect(inVariant("R11", "refused", (v) => v.pendingProposals === "must-include")).toBe(true);
  });
});
