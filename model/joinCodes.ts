import { BANNED_ROLE, NO_ROLE, findRole, hasCapability, type ModelConfig } from "./config.js";
import type { OpenJoinEvent } from "./events.js";
import { userOf } from "./ids.js";
import { liveRoster, type RoomContext } from "./roomContext.js";
import { countInRole, isBanned, isListed } from "./roster.js";
import type { RuleCheck } from "./hubRules.js";
import { basePolicyRefusesListing } from "./basePolicy.js";

/**
 * A join code's state in the hub's table (room-policy §8.1.1 canUseJoinCode; the drafts leave creation,
 * expiry and consumption open, digest §8 q.22):
 * - `valid`: usable by anyone, any number of times;
 * - `expired`: past its lifetime. The model has no clock, so expiry is a state the code is configured in,
 *   and a use of it is refused (`codeExpired`);
 * - `single-use`: usable once; its first ACCEPTED use consumes it (the hub's listing is then proposed,
 *   whether or not a member ever commits it), and every later use is refused (`codeUsed`).
 */
export type JoinCodeState = "valid" | "expired" | "single-use";

/** One entry of the hub's join-code table: the code, the role it lists its user in, and its state. */
export interface ModelJoinCode {
  readonly code: string;
  /** The role the code names; it may name no role, or role 0 or 1, which makes it unusable (`codeRoleInvalid`). */
  readonly role: number;
  readonly state: JoinCodeState;
}

export function findJoinCode(config: ModelConfig, code: string): ModelJoinCode | undefined {
  return config.joinCodes?.find((c) => c.code === code);
}

/** The role an accepted code join lists its user in: the code's (undefined for an unknown code). */
export function joinCodeRole(config: ModelConfig, code: string): number | undefined {
  return findJoinCode(config, code)?.role;
}

/** The codes consumed so far, after an accepted join with `code`: a single-use code is now used. */
export function consumeJoinCode(ctx: RoomContext, code: string): readonly string[] {
  const used = ctx.usedJoinCodes ?? [];
  return findJoinCode(ctx.config, code)?.state === "single-use" && !used.includes(code) ? [...used, code].sort() : used;
}

const refuse = (reason: string, code: "notAllowed" | "invalidProposal" = "notAllowed"): RuleCheck => ({ applies: true, ok: false, code, reason });
const PASS: RuleCheck = { applies: true, ok: true };

/**
 * R4, join with a code (room-policy §8.1.1 canUseJoinCode: "join externally with a valid join code that
 * names a valid target role, subject to max constraints"). Like an open join, only a non-participant may
 * (a banned or leaving user is still listed); then role 0 must hold canUseJoinCode, the code must be in
 * the hub's table, not expired and not used, and name a defined role other than 0 and 1; the listing
 * brings no client, so only that role's maximum of participants is checked (pending listings count), and
 * the base room policy's caps (max_users, fixed_membership), as for an open join.
 * Role 0's authorized_role_changes is not consulted: the code carries the role (decision, as
 * canJoinIfPreauthorized's "authorized_role_changes is not consulted").
 */
export function judgeJoinCode(ctx: RoomContext, event: OpenJoinEvent & { readonly code: string }): RuleCheck {
  const config = ctx.config;
  const live = liveRoster(ctx);
  const entry = findJoinCode(config, event.code);
  const checks: Array<[boolean, string, ("notAllowed" | "invalidProposal")?]> = [
    [userOf(event.actor) !== event.user, "clientNotOfUser", "invalidProposal"],
    [isBanned(live, event.user), "userBanned"],
    [ctx.blocked.includes(event.user), "userLeaving"],
    [isListed(live, event.user), "userAlreadyListed"],
    [!hasCapability(config, NO_ROLE, "canUseJoinCode"), "missingCanUseJoinCode"],
    [entry === undefined, "codeUnknown"],
    [entry?.state === "expired", "codeExpired"],
    [(ctx.usedJoinCodes ?? []).includes(event.code), "codeUsed"],
  ];
  for (const [failed, reason, code] of checks) if (failed) return refuse(reason, code);
  const role = findRole(config, entry!.role);
  if (role === undefined || role.index === NO_ROLE || role.index === BANNED_ROLE) return refuse("codeRoleInvalid");
  if (role.maxParticipants !== undefined && countInRole(live, role.index) + 1 > role.maxParticipants) return refuse("maxParticipants");
  // The base room policy lets the list grow (R21's caps, reported under R4 as for an open join).
  const basePolicy = config.faults?.skipBasePolicy ? null : basePolicyRefusesListing(config, live);
  return basePolicy === null ? PASS : refuse(basePolicy);
}
