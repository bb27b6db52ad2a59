import { findRole, hasCapability, NO_ROLE, type ModelConfig } from "./config.js";
import type { UserId } from "./ids.js";
import type { RoomContext } from "./roomContext.js";

/**
 * Preauthorised users (room-policy §4; docs/rules.md R20), as model data. The implementation reads claims off
 * a credential; the model knows users only by id and by the provider that hosts them, so its two claims are
 * those: the user itself, or its provider (a domain name, as `ModelConfig.providerOf` says).
 */
export type ModelClaim = { readonly kind: "user"; readonly user: UserId } | { readonly kind: "provider"; readonly provider: string };

/** One preauth entry: every claim must hold; the target role by its index. */
export interface ModelPreauthEntry {
  readonly claims: readonly ModelClaim[];
  readonly role: number;
}

function holds(config: ModelConfig, claim: ModelClaim, user: UserId): boolean {
  return claim.kind === "user" ? claim.user === user : config.providerOf?.[user] === claim.provider;
}

/** The room's preauth list now: the last accepted replacement (R20), else the one it was created with. */
export function currentPreauth(ctx: Pick<RoomContext, "config" | "preauth">): readonly ModelPreauthEntry[] | undefined {
  return ctx.preauth ?? ctx.config.preauth;
}

/** Two preauth lists are the same list (absent equals only absent). */
export function samePreauthList(a: readonly ModelPreauthEntry[] | undefined, b: readonly ModelPreauthEntry[] | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first entry of `list` (default: the room's initial one) whose claims all hold for `user` (an entry
 * without claims holds for nobody), or undefined. */
export function firstMatch(config: ModelConfig, user: UserId, nonZero = false, list = config.preauth): ModelPreauthEntry | undefined {
  return list?.find((e) => (!nonZero || e.role !== NO_ROLE) && e.claims.length > 0 && e.claims.every((c) => holds(config, c, user)));
}

/** The role `user` joins by preauthorisation: its first match's, when that role holds canJoinIfPreauthorized. */
export function preauthJoinRole(config: ModelConfig, user: UserId, list = config.preauth): number | undefined {
  const match = firstMatch(config, user, false, list);
  if (match === undefined || match.role === NO_ROLE || findRole(config, match.role) === undefined) return undefined;
  return hasCapability(config, match.role, "canJoinIfPreauthorized") ? match.role : undefined;
}
