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

/** R14 for a sending client: the client must itself be a member; then its user is judged as above. */
export function authorizeMessageFromClient(input: {
  room: RoomState;
  members: readonly Member[];
  blockedUsers: ReadonlySet<string>;
  client: string;
}): PolicyVerdict {
  const member = input.members.find((m) => m.client === input.client);
  if (member === undefined) return notAllowed("R14", `${input.client} is not a member of the group`);
  return authorizeSendMessage({
    room: input.room,
    activeUsers: activeUsersOf(input.members),
    blockedUsers: input.blockedUsers,
    actor: member.user,
  });
}
