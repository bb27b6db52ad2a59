// Taking users or clients out: remove (R5), kick (R6), leave (R10) and removing an own client.
import { CAPABILITY } from "./capabilities.js";
import { isActive, lacksCapability, lacksRoleChange, type PolicyContext } from "./policy-context.js";
import { deactivatingBreaks, leavingRoleBreaks } from "./role-constraints.js";
import type { RoomAction } from "./room-action.js";
import { NOT_LISTED_ROLE, roleIndexOfUser } from "./room-state.js";
import { ALLOWED, notAllowed, type PolicyVerdict } from "./verdict.js";

type Targeted = { target: string };

/** R5: another, listed user whose role may go to 0, without breaking its role's minimums. */
export function authorizeRemoveParticipant(ctx: PolicyContext, { target }: Targeted): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R5", reason);
  const missing = lacksCapability(ctx, CAPABILITY.canRemoveParticipant);
  if (missing !== undefined) return refuse(missing);
  if (target === ctx.actor) return refuse(`${ctx.actor} cannot remove itself (that is a leave)`);
  const role = roleIndexOfUser(ctx.room, target);
  if (role === NOT_LISTED_ROLE) return refuse(`${target} is not listed`);
  const noEntry = lacksRoleChange(ctx, role, NOT_LISTED_ROLE);
  if (noEntry !== undefined) return refuse(noEntry);
  const breaks = leavingRoleBreaks(ctx, role, isActive(ctx, target));
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

/** R6: another, active user's clients go; the user stays listed; its role's min active holds. */
export function authorizeKick(ctx: PolicyContext, { target }: Targeted): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R6", reason);
  const missing = lacksCapability(ctx, CAPABILITY.canKick);
  if (missing !== undefined) return refuse(missing);
  if (target === ctx.actor) return refuse(`${ctx.actor} cannot kick itself`);
  const role = roleIndexOfUser(ctx.room, target);
  if (role === NOT_LISTED_ROLE) return refuse(`${target} is not listed`);
  if (!isActive(ctx, target)) return refuse(`${target} has no client to kick`);
  const breaks = deactivatingBreaks(ctx, role);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

/** R10: the actor delists itself: canRemoveSelf, an entry own role → 0, and its role's minimums hold. */
export function authorizeLeave(ctx: PolicyContext): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R10", reason);
  const missing = lacksCapability(ctx, CAPABILITY.canRemoveSelf);
  if (missing !== undefined) return refuse(missing);
  const role = roleIndexOfUser(ctx.room, ctx.actor);
  if (role === NOT_LISTED_ROLE) return refuse(`${ctx.actor} is not listed`);
  const noEntry = lacksRoleChange(ctx, role, NOT_LISTED_ROLE);
  if (noEntry !== undefined) return refuse(noEntry);
  const breaks = leavingRoleBreaks(ctx, role, isActive(ctx, ctx.actor));
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

/**
 * canRemoveOwnClient (room-policy §8.1.2): a client of the actor's own user goes, the list is unchanged.
 * Reported under R6, the rule that tells a kick from an own-client removal.
 */
export function authorizeRemoveOwnClient(
  ctx: PolicyContext,
  action: Extract<RoomAction, { kind: "removeOwnClient" }>,
): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R6", reason);
  const missing = lacksCapability(ctx, CAPABILITY.canRemoveOwnClient);
  if (missing !== undefined) return refuse(missing);
  const role = roleIndexOfUser(ctx.room, ctx.actor);
  if (action.leavesUserInactive !== true || !isActive(ctx, ctx.actor)) return ALLOWED;
  const breaks = deactivatingBreaks(ctx, role);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}
