import { BANNED_ROLE, NO_ROLE, type ModelConfig } from "./config.js";
import { isCommitEvent, type RoomEvent } from "./events.js";
import { planCommit } from "./effects.js";
import type { RuleCheck } from "./hubRules.js";
import type { RoomContext } from "./roomContext.js";
import type { Roster } from "./roster.js";

/**
 * The base room policy (room-policy §5, `base_room_policy`), the fields with a protocol meaning only
 * (docs/rules.md R21 "Base room policy"); the room's configuration carries it, absent meaning none:
 * - `multiDevice` false: at most one client per user;
 * - `maxClients`: at most that many clients (MLS leaves) in the group;
 * - `maxUsers`: at most that many listed users outside role 1 (banned);
 * - `fixedMembership`: the listed users are set at creation, so no change lists anyone new, and no role
 *   other than 0 and 1 may hold canAddParticipant (a room whose role set breaks that is not created).
 */
export interface ModelBasePolicy {
  readonly fixedMembership: boolean;
  readonly multiDevice: boolean;
  readonly maxClients?: number;
  readonly maxUsers?: number;
}

function clientCount(roster: Roster): number {
  return Object.values(roster).reduce((n, entry) => n + entry.clients.length, 0);
}

function unbannedListed(roster: Roster): number {
  return Object.values(roster).filter((entry) => entry.role !== NO_ROLE && entry.role !== BANNED_ROLE).length;
}

/** Why the roster `after` (made from `before` by one commit) breaks the policy, or null. */
export function basePolicyBreach(policy: ModelBasePolicy, before: Roster, after: Roster): string | null {
  if (!policy.multiDevice && Object.values(after).some((entry) => entry.clients.length > 1)) return "multiDevice";
  if (policy.maxClients !== undefined && clientCount(after) > policy.maxClients) return "maxClients";
  if (policy.maxUsers !== undefined && unbannedListed(after) > policy.maxUsers) return "maxUsers";
  if (policy.fixedMembership && Object.entries(after).some(([user, entry]) => entry.role !== NO_ROLE && (before[user]?.role ?? NO_ROLE) === NO_ROLE))
    return "fixedMembership";
  return null;
}

/** Why listing one more user outside role 1 (an open joiner) in the hub-live `live` breaks the policy, or null. */
export function basePolicyRefusesListing(config: ModelConfig, live: Roster): string | null {
  const policy = config.basePolicy;
  if (policy === undefined) return null;
  if (policy.fixedMembership) return "fixedMembership";
  if (policy.maxUsers !== undefined && unbannedListed(live) + 1 > policy.maxUsers) return "maxUsers";
  return null;
}

/** Why a room with this configuration cannot be created under its base policy, or undefined (R0). */
export function basePolicyCreationProblem(config: ModelConfig): string | undefined {
  const policy = config.basePolicy;
  if (policy === undefined) return undefined;
  if (policy.fixedMembership && config.roles.some((r) => r.index !== NO_ROLE && r.index !== BANNED_ROLE && r.capabilities.has("canAddParticipant")))
    return "fixedMembershipAdder";
  if (policy.maxClients === 0 || policy.maxUsers === 0) return "basePolicyExcludesCreator";
  return undefined;
}

/** R21: a commit leaves the room within its base policy (judged on the room the whole commit makes). */
export function r21(ctx: RoomContext, event: RoomEvent): RuleCheck {
  const policy = ctx.config.basePolicy;
  if (policy === undefined || !isCommitEvent(event) || event.type === "staleCommit" || ctx.config.faults?.skipBasePolicy) return { applies: false };
  const breach = basePolicyBreach(policy, ctx.roster, planCommit(ctx, event).roster);
  return breach === null ? { applies: true, ok: true } : { applies: true, ok: false, code: "notAllowed", reason: breach };
}
