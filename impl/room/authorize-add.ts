// Adding: another user to the list (R3, canAddParticipant) or a client of one's own user (R4, canAddOwnClient).
import { CAPABILITY } from "./capabilities.js";
import { isActive, lacksCapability, lacksRoleChange, type PolicyContext } from "./policy-context.js";
import { activatingBreaks, enteringRoleBreaks } from "./role-constraints.js";
import type { RoomAction } from "./room-action.js";
import { BANNED_ROLE, isListed, NOT_LISTED_ROLE, roleByIndex, roleIndexOfUser } from "./room-state.js";
import { ALLOWED, notAllowed, type PolicyVerdict } from "./verdict.js";

type AddParticipant = Extract<RoomAction, { kind: "addParticipant" }>;

/** R3: the target is not listed, is not the actor, goes to an authorised role other than 0 and 1, and fits. */
export function authorizeAddParticipant(ctx: PolicyContext, action: AddParticipant): PolicyVerdict {
  const { target, role } = action;
  const refuse = (reason: string) => notAllowed("R3", reason);
  const missing = lacksCapability(ctx, CAPABILITY.canAddParticipant);
  if (missing !== undefined) return refuse(missing);
  if (target === ctx.actor) return refuse(`${ctx.actor} cannot add itself`);
  if (isListed(ctx.room, target)) return refuse(`${target} is already listed`);
  if (role === NOT_LISTED_ROLE || role === BANNED_ROLE) return refuse(`a participant cannot be added in role ${role}`);
  if (roleByIndex(ctx.room.roles, role) === undefined) return refuse(`role ${role} does not exist`);
  const noEntry = lacksRoleChange(ctx, NOT_LISTED_ROLE, role);
  if (noEntry !== undefined) return refuse(noEntry);
  // Adding the user's clients in the same commit makes it active at once: the role's max active applies.
  const breaks = enteringRoleBreaks(ctx, role, action.withClients);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}

/** R4: the actor's own user is listed, not banned, not blocked, holds canAddOwnClient, and fits if it was inactive. */
export function authorizeAddOwnClient(ctx: PolicyContext): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R4", reason);
  if (ctx.blockedUsers.has(ctx.actor)) return refuse(`${ctx.actor} is blocked (its leave or removal is pending)`);
  const role = roleIndexOfUser(ctx.room, ctx.actor);
  // Open join, preauthorisation and join codes are not modelled: a non-listed user cannot join.
  if (role === NOT_LISTED_ROLE) return refuse(`${ctx.actor} is not listed`);
  if (role === BANNED_ROLE) return refuse(`${ctx.actor} is banned`);
  const missing = lacksCapability(ctx, CAPABILITY.canAddOwnClient);
  if (missing !== undefined) return refuse(missing);
  if (isActive(ctx, ctx.actor)) return ALLOWED;
  const breaks = activatingBreaks(ctx, role);
  return breaks === undefined ? ALLOWED : refuse(breaks);
}
