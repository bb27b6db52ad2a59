import { BANNED_ROLE, NO_ROLE, type ModelConfig } from "./config.js";
import type { ModelEvent, RoomEvent } from "./events.js";
import { clientId, type ClientId, type UserId } from "./ids.js";
import type { ParticipantEvent } from "./participantMachine.js";
import type { PendingProposal } from "./pending.js";
import { liveRoster, type RoomContext } from "./roomContext.js";
import { entryOf, isListed, type Roster } from "./roster.js";
import type { RuleId } from "./rules.js";
import type { RefusalCode } from "./verdict.js";

/**
 * The hub's policy enforcer (docs/rules.md R18; room-policy §4, §8 intro "an external sender acts with its
 * role's rights"; digest §3.9, §7 B28). Every Appendix A set has a role named `policy_enforcer` (no
 * clients: max active 0). The room lists one user in it from creation, the hub's enforcer, and the hub's
 * external proposals act with that user's role. An operator of the hub asks the enforcer to act with an
 * `enforce` event; accepted, the hub proposes the change as external sender (pending, like an open join's
 * listing) and a member commits it. A room whose roles_list has no `policy_enforcer` lists no enforcer:
 * there the hub has no role and every enforcement is refused.
 */
export const POLICY_ENFORCER_ROLE_NAME = "policy_enforcer";
/** The enforcer's user id (the implementation's `mimi://<hub>/u/policy-enforcer` reads as this). */
export const ENFORCER_USER: UserId = "policy-enforcer";
/** The client id the enforcer's actions are judged as: it names the enforcer's user, and no client has it. */
export const ENFORCER_ACTOR: ClientId = clientId(ENFORCER_USER, "hub");

/** What an operator asks of the enforcer. remove, ban and unban are the role's own (Appendix A); add and
 * changeRole exist so that what lies outside the role can be asked and refused. An unban to role 0 is the
 * Appendix A enforcer's entry (1,[0]): the banned user is cleaned off the list. */
export type EnforceKind = "remove" | "ban" | "unban" | "add" | "changeRole";

export interface EnforceEvent {
  readonly type: "enforce";
  /** Always ENFORCER_ACTOR: the enforcer acts, through no client. */
  readonly actor: ClientId;
  readonly action: EnforceKind;
  readonly target: UserId;
  /** unban, add and changeRole: the role the target ends in. */
  readonly role?: number;
}

/** The index of the role named policy_enforcer, if any. */
export function policyEnforcerRole(config: ModelConfig): number | undefined {
  return config.roles.find((r) => r.name === POLICY_ENFORCER_ROLE_NAME)?.index;
}

/** Whether the committed list holds the hub's enforcer (its role is then the hub's). */
export function enforcerListed(ctx: RoomContext): boolean {
  return isListed(ctx.roster, ENFORCER_USER);
}

/**
 * The member operation whose checks judge an enforcement, acted by the enforcer's user (ENFORCER_ACTOR):
 * an unban to role 0 is, on the wire, the delisting of a banned user (a removal, R5).
 */
export function asMemberEvent(event: EnforceEvent): Exclude<ModelEvent, EnforceEvent> {
  const actor = ENFORCER_ACTOR;
  const role = event.role ?? NO_ROLE;
  switch (event.action) {
    case "remove":
      return { type: "removeParticipant", actor, target: event.target };
    case "ban":
      return { type: "ban", actor, target: event.target };
    case "unban":
      return role === NO_ROLE ? { type: "removeParticipant", actor, target: event.target } : { type: "unban", actor, target: event.target, role };
    case "add":
      return { type: "addParticipant", actor, target: event.target, role, clients: [] };
    case "changeRole":
      return role === NO_ROLE ? { type: "removeParticipant", actor, target: event.target } : { type: "changeRole", actor, target: event.target, role };
  }
}

/** The role the target ends in once the enforcement is committed. */
function endRole(event: EnforceEvent): number {
  if (event.action === "remove") return NO_ROLE;
  if (event.action === "ban") return BANNED_ROLE;
  return event.role ?? NO_ROLE;
}

/** An enforcement that takes the target out of the list or into role 1 blocks it until committed (P3). */
function blocks(ctx: RoomContext, event: EnforceEvent): boolean {
  const end = endRole(event);
  return (end === NO_ROLE || end === BANNED_ROLE) && isListed(ctx.roster, event.target);
}

type Check = { readonly applies: false } | { readonly applies: true; readonly ok: true } | { readonly applies: true; readonly ok: false; readonly code: RefusalCode; readonly reason: string };
const SKIP: Check = { applies: false };
const PASS: Check = { applies: true, ok: true };

/**
 * An enforcement's checks, rule by rule (decide.ts RULE_CHAINS.enforce): R18 the enforcer is listed and the
 * change has a wire form on the committed list (D1); R13 the target is not touched by a pending
 * participant-list change; the rest are the member operation's own (R12 leaving target, R3, R5, R7–R9,
 * R20), judged by `memberRule` on asMemberEvent with the enforcer's role.
 */
export function checkEnforceRule(rule: RuleId, ctx: RoomContext, event: EnforceEvent, memberRule: (rule: RuleId, event: RoomEvent) => Check): Check {
  if (rule === "R18") {
    if (!enforcerListed(ctx)) return { applies: true, ok: false, code: "notAllowed", reason: "noPolicyEnforcer" };
    const listed = isListed(ctx.roster, event.target);
    if (event.action === "add" && listed) return { applies: true, ok: false, code: "invalidProposal", reason: "targetAlreadyListed" };
    if (event.action !== "add" && event.action !== "ban" && !listed) return { applies: true, ok: false, code: "invalidProposal", reason: "targetNotInCommittedList" };
    return PASS;
  }
  if (rule === "R13") {
    const touched = ctx.pending.some((p) => p.kind !== "removeClient" && p.user === event.target);
    return touched ? { applies: true, ok: false, code: "notAllowed", reason: "userTouchedTwice" } : SKIP;
  }
  return memberRule(rule, asMemberEvent(event));
}

/** The hub's proposals for an accepted enforcement: the list change, then a Remove of each client it takes. */
export function enforcementProposals(ctx: RoomContext, event: EnforceEvent): PendingProposal[] {
  const end = endRole(event);
  const user = event.target;
  const takesClients = end === NO_ROLE || end === BANNED_ROLE;
  const clients = takesClients ? entryOf(liveRoster(ctx), user).clients : [];
  return [{ kind: "enforce", user, role: end, blocks: blocks(ctx, event) }, ...clients.map((client) => ({ kind: "removeClient", user, client }) as const)];
}

/** Whom an accepted enforcement blocks at once (its target, when it is delisted or banned). */
export function enforcementBlocks(ctx: RoomContext, event: EnforceEvent): UserId[] {
  return blocks(ctx, event) ? [event.target] : [];
}

/** The lifecycle step of an enforcement's target once the commit including it lands. */
export function committedEnforcementEvent(before: Roster, p: Extract<PendingProposal, { kind: "enforce" }>): ParticipantEvent {
  if (p.role === NO_ROLE) return { type: "LEAVE_COMMITTED" };
  if (p.role === BANNED_ROLE) return { type: "BANNED" };
  const from = entryOf(before, p.user).role;
  if (from === NO_ROLE) return { type: "ADDED", role: p.role, clients: 0 };
  return from === BANNED_ROLE ? { type: "UNBANNED", role: p.role } : { type: "ROLE_CHANGED", role: p.role };
}

/** The enforcer's entry at room creation, in a set that has the role. */
export function enforcerAtCreation(config: ModelConfig): { user: UserId; role: number } | undefined {
  const role = config.hubListsEnforcer === true ? policyEnforcerRole(config) : undefined;
  return role === undefined ? undefined : { user: ENFORCER_USER, role };
}
