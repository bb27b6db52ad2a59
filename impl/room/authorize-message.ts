// Sending an application message (R14, canSendMessage).
import { CAPABILITY } from "./capabilities.js";
import { isActive, lacksCapability, type PolicyContext } from "./policy-context.js";
import { activeUsersOf, BANNED_ROLE, NOT_LISTED_ROLE, roleIndexOfUser, type Member, type RoomState } from "./room-state.js";
import { ALLOWED, notAllowed, type PolicyVerdict } from "./verdict.js";

/** R14 for a user: active, listed and not banned, not blocked, and its role holds canSendMessage. */
export function authorizeSendMessage(ctx: PolicyContext): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R14", reason);
  if (ctx.blockedUsers.has(ctx.actor)) return refuse(`${ctx.actor} is blocked (its leave or removal is pending)`);
  const role = roleIndexOfUser(ctx.room, ctx.actor);
  if (role === NOT_LISTED_ROLE) return refuse(`${ctx.actor} is not listed`);
  if (role === BANNED_ROLE) return refuse(`${ctx.actor} is banned`);
  if (!isActive(ctx, ctx.actor)) return refuse(`${ctx.actor} has no client in the group`);
  const missing = lacksCapability(ctx, CAPABILITY.canSendMessage);
  return missing === undefined ? ALLOWED : refuse(missing);
}

/**
 * R14 at /submitMessage (protocol §5.4): the hub cannot read a PrivateMessage's sender, so it judges the
 * request's `sendingUri`, the sending user, which must be an active participant (a user with a member
 * client) allowed to send. A URI naming no user with a client in the group (a client URI, a stranger) is
 * refused like any sender without a client.
 */
export function authorizeMessageSubmission(input: {
  room: RoomState;
  members: readonly Member[];
  blockedUsers: ReadonlySet<string>;
  sendingUri: string;
}): PolicyVerdict {
  return authorizeSendMessage({
    room: input.room,
    activeUsers: activeUsersOf(input.members),
    blockedUsers: input.blockedUsers,
    actor: input.sendingUri,
  });
}
