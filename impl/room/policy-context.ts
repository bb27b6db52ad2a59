// What every authorisation reads: the live room, who is active and blocked, and who acts.
import type { Role } from "../codec/roles.js";
import { CAPABILITY, capabilityName, hasCapability } from "./capabilities.js";
import type { RoomView } from "./role-constraints.js";
import { roleIndexOfUser, roleOfUser } from "./room-state.js";

export interface PolicyContext extends RoomView {
  /** Users whose leave or removal the hub has accepted but not yet seen committed (rules "blocked"). */
  blockedUsers: ReadonlySet<string>;
  /** The acting user (a non-listed actor acts with role 0, the non-participant role). */
  actor: string;
}

export function actorRole(ctx: PolicyContext): Role | undefined {
  return roleOfUser(ctx.room, ctx.actor);
}

export function actorRoleIndex(ctx: PolicyContext): number {
  return roleIndexOfUser(ctx.room, ctx.actor);
}

/** Why the actor's role lacks `capability`, or undefined. */
export function lacksCapability(ctx: PolicyContext, capability: number): string | undefined {
  if (hasCapability(actorRole(ctx), capability)) return undefined;
  return `${ctx.actor} (role ${actorRoleIndex(ctx)}) lacks ${capabilityName(capability)}`;
}

/** Whether the role's authorized_role_changes has an entry `from` whose targets include `to`. */
export function roleChangeAuthorized(role: Role | undefined, from: number, to: number): boolean {
  return role?.authorizedRoleChanges.some((e) => e.fromRoleIndex === from && e.targetRoleIndexes.includes(to)) ?? false;
}

/** Why the actor's role may not move a user from role `from` to role `to`, or undefined. */
export function lacksRoleChange(ctx: PolicyContext, from: number, to: number): string | undefined {
  if (roleChangeAuthorized(actorRole(ctx), from, to)) return undefined;
  return `role ${actorRoleIndex(ctx)} of ${ctx.actor} has no authorized_role_changes entry ${from} → ${to}`;
}

export function isActive(ctx: PolicyContext, user: string): boolean {
  return ctx.activeUsers.has(user);
}
