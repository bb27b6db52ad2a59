// From an index-based command to the model event it stands for in the current room. Indexes wrap
// around the candidates, so any number is valid. A command that cannot be built in this room (no
// member to act, no earlier epoch to be late from) resolves to undefined and the run skips it.
import { currentPreauth, firstMatch } from "../../model/preauth.js";
import { METADATA_CHANGES, POLICY_CHANGES, ROLE_CHANGE_COUNT } from "../../model/roomChanges.js";
import { abstractState, hasCapability, liveUsers, resolveContent, userOf, type ClientId, type MessageLog, type Model, type ModelEvent } from "../../model/index.js";
import type { RoomWorld } from "../world/room-world.js";
import { presentableJoinCodes } from "../world/join-code-table.js";
import type { ActorScope, SimpleCommand, TargetScope } from "./command.js";
import { resolveEnforce } from "./enforce-command.js";

export interface ResolutionContext {
  readonly world: RoomWorld;
  readonly model: Model;
  /** Clients that were members in the epoch before this one too (they hold that epoch's state). */
  readonly previousMembers: ReadonlySet<ClientId>;
  /** The messages the hub accepted so far and who holds them (model/messageRules.ts): what a message's
   * content may name. Without it, every message is a plain text. */
  readonly messages?: MessageLog;
}

const pick = <T>(items: readonly T[], i: number): T | undefined => (items.length === 0 ? undefined : items[i % items.length]);

export function memberClients(model: Model): ClientId[] {
  return Object.values(abstractState(model).users).flatMap((u) => u.clients).sort();
}

/** The users a target index ranges over (falls back to every user when no user fits). */
function targets(ctx: ResolutionContext, actor: ClientId, scope: TargetScope, wanted: "listed" | "unlisted" | "banned"): readonly string[] {
  if (scope === "any") return ctx.world.users;
  const users = abstractState(ctx.model).users;
  const fitting = ctx.world.users.filter((u) => {
    if (u === userOf(actor)) return false;
    const role = users[u]?.role ?? 0;
    return wanted === "unlisted" ? role === 0 : wanted === "banned" ? role === 1 : role !== 0;
  });
  return fitting.length > 0 ? fitting : ctx.world.users;
}

/** The member clients an actor index ranges over: all, or those whose user has no leave pending. */
function actors(ctx: ResolutionContext, members: readonly ClientId[], scope: ActorScope | undefined): readonly ClientId[] {
  if (scope !== "staying") return members;
  const blocked = abstractState(ctx.model).blocked;
  return members.filter((c) => !blocked.includes(userOf(c)));
}

/**
 * In a room whose role 0 has canOpenJoin, a join by a client whose user is no participant (not listed in
 * the hub-live room, not leaving) is an open join: its /groupInfo request is the same bytes, and the hub
 * answers it by listing the user (docs/rules.md "Open join"). Any other event is returned as it is.
 */
export function asOpenJoin(event: ModelEvent, model: Model): ModelEvent {
  // A room with a preauth list answers an outsider's request the same way, by its preauth entry (R4, R20).
  const byItself = hasCapability(model.context.config, 0, "canOpenJoin") || model.context.config.preauth !== undefined;
  if (event.type !== "addOwnClient" || !byItself) return event;
  const outsider = (liveUsers(model)[event.user]?.role ?? 0) === 0 && !abstractState(model).blocked.includes(event.user);
  return outsider ? { type: "openJoin", actor: event.client, user: event.user } : event;
}

/** A message's content resolved against what the sending client holds (absent: a plain text). */
function contentOf(command: Extract<SimpleCommand, { op: "sendMessage" }>, actor: ClientId, ctx: ResolutionContext) {
  return command.content === undefined || ctx.messages === undefined ? {} : { content: resolveContent(ctx.messages, actor, command.content) };
}

/** The event a simple command stands for in the current room (compound ones are expanded first, expand-command.ts). */
export function resolveCommand(command: SimpleCommand, ctx: ResolutionContext): ModelEvent | undefined {
  const members = memberClients(ctx.model);
  const { world } = ctx;
  if (command.op === "addOwnClient") {
    const client = pick(world.clients.filter((c) => !members.includes(c)), command.client);
    return client === undefined ? undefined : asOpenJoin({ type: "addOwnClient", client, user: userOf(client) }, ctx.model);
  }
  if (command.op === "openJoin") {
    // Clients of users who are no participant in the hub-live room: unlisted, banned or leaving. A listed
    // user's /groupInfo request is an ordinary join (addOwnClient), the same bytes.
    const live = liveUsers(ctx.model);
    const blocked = abstractState(ctx.model).blocked;
    const outsiders = world.clients.filter((c) => !members.includes(c) && ((live[userOf(c)]?.role ?? 0) <= 1 || blocked.includes(userOf(c))));
    const client = pick(outsiders, command.actor);
    // With a code: one of the world's join codes, or one no table holds (R4 join codes).
    const codes = presentableJoinCodes(world.config);
    const code = command.code === undefined ? {} : { code: pick(codes, command.code)! };
    return client === undefined ? undefined : { type: "openJoin", actor: client, user: userOf(client), ...code };
  }
  if (command.op === "enforce") return resolveEnforce(command, world, ctx.model);
  if (command.op === "sendMessage" && command.epochOffset === -1) {
    const actor = pick(members.filter((c) => ctx.previousMembers.has(c)), command.actor);
    return actor === undefined ? undefined : { type: "sendMessage", actor, epochOffset: -1, ...contentOf(command, actor, ctx) };
  }
  if (command.op === "staleCommit") {
    const actor = pick(members.filter((c) => ctx.previousMembers.has(c)), command.actor);
    return actor === undefined ? undefined : { type: "staleCommit", actor };
  }
  const actor = pick(actors(ctx, members, "actorScope" in command ? command.actorScope : undefined), command.actor);
  if (actor === undefined) return undefined;
  switch (command.op) {
    case "addParticipant": {
      const target = pick(targets(ctx, actor, command.scope, "unlisted"), command.target)!;
      const own = world.clientsOf[target]!;
      const clients = command.clients === "none" ? [] : command.clients === "first" ? own.slice(0, 1) : [...own];
      return { type: "addParticipant", actor, target, role: pick(world.assignableRoles, command.role)!, clients };
    }
    case "leave":
      return { type: "leave", actor };
    case "commit":
      return { type: "commit", actor, includePending: command.includePending };
    case "removeParticipant":
    case "kick":
    case "ban":
      return { type: command.op, actor, target: pick(targets(ctx, actor, command.scope, "listed"), command.target)! };
    case "unban":
    case "changeRole":
      return {
        type: command.op,
        actor,
        target: pick(targets(ctx, actor, command.scope, command.op === "unban" ? "banned" : "listed"), command.target)!,
        role: pick(world.assignableRoles, command.role)!,
      };
    case "download":
      // An attachment in a message of the current epoch (properties/assets): the model reads it as any message.
      return { type: "sendMessage", actor, epochOffset: 0 };
    case "sendMessage":
      return { type: "sendMessage", actor, epochOffset: command.epochOffset, ...contentOf(command, actor, ctx) };
    case "changeOwnRole": {
      // On the wire a change of one's own role is a role change naming oneself (R20).
      const preauthRole = firstMatch(world.config, userOf(actor), true, currentPreauth(ctx.model.context))?.role;
      const role = command.role === 0 && preauthRole !== undefined ? preauthRole : pick(world.assignableRoles, command.role)!;
      return { type: "changeRole", actor, target: userOf(actor), role };
    }
    case "changeRoleDefinitions":
      return { type: "changeRoleDefinitions", actor, change: command.change % ROLE_CHANGE_COUNT };
    case "changeRoomPolicy":
      return { type: "changeRoomPolicy", actor, policy: command.change % POLICY_CHANGES.length };
    case "changeMetadata":
      return { type: "changeMetadata", actor, change: command.change % METADATA_CHANGES.length };
    case "changePreauthList": {
      const lists = world.config.preauthLists ?? [];
      return lists.length === 0 ? undefined : { type: "changePreauthList", actor, list: command.list % lists.length };
    }
  }
}
