// Where the model and the hub legitimately name a different rule for the same refusal. Each pairing is
// an explicit, documented equivalence (docs/rules.md, "Rule pairings"); any other difference between the
// model's verdict rule and the hub's deciding rule is a discrepancy, reported as such.
import { abstractState, asMemberEvent, type Model, type ModelEvent, type RuleId } from "../../model/index.js";

export interface RulePairing {
  /** The rule the model's verdict names. */
  readonly model: RuleId;
  /** The rule the hub's decision names (a room rule R#, or one of the hub's own checks H#). */
  readonly hub: string;
  /** The model's refusal reasons it holds for (all when absent). */
  readonly modelReasons?: readonly string[];
  /** What the hub's reason says (any when absent). */
  readonly hubReason?: RegExp;
  /** A further condition on the event and the model's room before it (the reason says what it is). */
  readonly onlyWhen?: (event: ModelEvent, model: Model) => boolean;
  /** Why the two names mean the same refusal. */
  readonly reason: string;
}

const D1_MALFORMED_TARGET =
  "D1: an update naming a user by an index the committed list does not have, or adding a user it already holds, is malformed. The model files it under the operation (R3, R5, R7, R8, R9); the hub reads only the update, which fails to apply to the committed list before any operation can be told from it, a per-commit well-formedness failure (R13). Both answer invalidProposal.";

const D2_CHANGE_TO_BANNED =
  "D2: a role change to role 1 is, on the wire, the role-change half of a ban, so both sides judge it by R7's checks. The model reports it under the operation it was asked for (an unban R8, a change role R9, as docs/rules.md R7 says); the hub sees only a role change to 1 and names R7.";
const D3_ROLE_CHANGE_OR_UNBAN =
  "D3: an unban of a listed user who is not banned and a role change are the same bytes, as are a role change of a banned user and an unban. The model reports the operation it was asked for; the hub names the one the bytes are (R9 for a change from a role other than 1, R8 for a change out of role 1).";
const roleOf = (model: Model, user: string) => abstractState(model).users[user]?.role ?? 0;
const targetListed = (event: ModelEvent, model: Model) => "target" in event && roleOf(model, event.target) !== 0;
const targetBanned = (event: ModelEvent, model: Model) => "target" in event && roleOf(model, event.target) === 1;
const toRoleOne = (event: ModelEvent) => (event.type === "unban" || event.type === "changeRole") && event.role === 1;
/** A ban, or a change to role 1, of a user already banned. */
const bansTheBanned = (event: ModelEvent, model: Model) => (event.type === "ban" || toRoleOne(event)) && targetBanned(event, model);
/** An unban or change role into role 1 of a listed user who is not banned: a ban's role change on the wire. */
const changeToBanned = (event: ModelEvent, model: Model) => toRoleOne(event) && targetListed(event, model) && !targetBanned(event, model);
/** An "unban" of a listed user who is not banned, to a role other than 1: a role change on the wire. */
const unbanOfUnbanned = (event: ModelEvent, model: Model) => event.type === "unban" && !toRoleOne(event) && targetListed(event, model) && !targetBanned(event, model);
/** A role change of a banned user to a role other than 1: an unban on the wire. */
const changeOfBanned = (event: ModelEvent, model: Model) => event.type === "changeRole" && !toRoleOne(event) && targetBanned(event, model);
const targetLeaving = (event: ModelEvent, model: Model) => "target" in event && abstractState(model).blocked.includes(event.target);

/** The target's listing is the hub's pending open-join proposal (R4): listed live, not yet committed. */
const targetJoining = (event: ModelEvent, model: Model) => "target" in event && model.context.pending.some((p) => p.kind === "list" && p.user === event.target);

/** An add of a user into role 1: a pre-emptive ban on the wire. */
const addIntoRoleOne = (event: ModelEvent) => event.type === "addParticipant" && event.role === 1;

export const RULE_PAIRINGS: readonly RulePairing[] = [
  {
    model: "R3",
    hub: "R7",
    onlyWhen: addIntoRoleOne,
    reason:
      "D9: listing an unlisted user in role 1 is, on the wire, a pre-emptive ban (room-policy §8.1.3, the entry 0 → 1), so both sides judge it by R7's checks. The model reports it under the operation asked for (an add, R3); the hub sees an addition in role 1 and names R7.",
  },
  { model: "R8", hub: "R7", onlyWhen: changeToBanned, reason: D2_CHANGE_TO_BANNED },
  { model: "R9", hub: "R7", onlyWhen: changeToBanned, reason: D2_CHANGE_TO_BANNED },
  { model: "R8", hub: "R9", onlyWhen: unbanOfUnbanned, reason: D3_ROLE_CHANGE_OR_UNBAN },
  { model: "R9", hub: "R8", onlyWhen: changeOfBanned, reason: D3_ROLE_CHANGE_OR_UNBAN },
  {
    model: "R12",
    hub: "R13",
    modelReasons: ["targetLeaving"],
    hubReason: /touched by two participant-list updates/,
    onlyWhen: targetLeaving,
    reason:
      "D4: a user whose leave is pending is no one else's target. The model checks that first (R12 targetLeaving); the hub first merges the commit's participant-list updates, where the pending delisting and the new change touch the same user twice (R13). Both answer notAllowed.",
  },
  ...(["R7", "R9"] as const).map((model) => ({
    model,
    hub: "R8",
    onlyWhen: bansTheBanned,
    reason:
      "A ban (or a change to role 1) of a user already banned is, on the wire, a role change of a banned user from 1 to 1: a ban by D2 and an unban by D3. The model judges it as the ban first (R7's checks: the actor's canBan, then targetAlreadyBanned; under R9 for a change role), the hub as the unban first (R8: the actor's canUnban, then no unban into role 1). Both answer notAllowed.",
  })),
  ...(["R3", "R7"] as const).map((model) => ({
    model,
    hub: "R13",
    hubReason: /touched by two participant-list updates/,
    onlyWhen: targetJoining,
    reason:
      "Open join (by the role's canOpenJoin, a join code or preauthorisation): a user whose listing is the hub's pending proposal is listed by the commit that includes it, so any add or ban of it in that commit touches it twice. The model judges the operation first (R3, here as a pre-emptive ban that brings clients; R7, e.g. a ban whose (0,[1]) change the actor's role may not make); the hub first merges the commit's participant-list updates (R13). Both answer notAllowed.",
  })),
  { model: "R3", hub: "R13", modelReasons: ["targetAlreadyListed"], reason: D1_MALFORMED_TARGET },
  {
    model: "R3",
    hub: "R13",
    modelReasons: ["clientAlreadyMember"],
    reason:
      "An add of a user already listed, with clients already in the group, is malformed twice over. The model checks the clients first (R3 clientAlreadyMember), the hub the list update first (R13, as in D1); both answer invalidProposal.",
  },
  ...(["R5", "R7", "R8", "R9"] as const).map((model) => ({ model, hub: "R13", modelReasons: ["targetNotInCommittedList"], reason: D1_MALFORMED_TARGET })),
];

/** The pairing that lets the model's refusal and the hub's rule name the same refusal of `event`, if any. */
export function pairingFor(model: { rule: RuleId; reason: string }, hub: { rule: string; reason: string }, event: ModelEvent, room: Model): RulePairing | undefined {
  // The policy enforcer's request is judged as the member operation it stands for (R18): so are its pairings.
  if (event.type === "enforce") event = asMemberEvent(event);
  return RULE_PAIRINGS.find(
    (p) =>
      p.model === model.rule &&
      p.hub === hub.rule &&
      (p.hubReason === undefined || p.hubReason.test(hub.reason)) &&
      (p.modelReasons === undefined || p.modelReasons.includes(model.reason)) &&
      (p.onlyWhen === undefined || p.onlyWhen(event, room)),
  );
}

/** Whether the model's refusal and the hub's rule name the same refusal: the same rule, or paired. */
export function rulesAgree(model: { rule: RuleId; reason: string }, hub: { rule: string; reason: string }, event: ModelEvent, room: Model): boolean {
  return model.rule === hub.rule || pairingFor(model, hub, event, room) !== undefined;
}
