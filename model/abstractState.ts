import type { ClientId, UserId } from "./ids.js";
import type { RoomContext, RoomStateValue } from "./roomContext.js";

/**
 * The one state shape the runner compares between model and implementation:
 * - `epoch`: the hub's current epoch (0 before the room exists and right after creation);
 * - `users`: the COMMITTED room (GroupContext participant list + MLS tree), users → role and sorted
 *   clients; users with role 0 and no client are omitted; keys are in sorted order;
 * - `blocked`: users the hub blocks because their leave was accepted and is not fully committed (sorted);
 * - `pending`: how many proposals the hub accepted in this epoch and no commit has included yet,
 *   counted one MLS/AppDataUpdate proposal at a time (a same-commit leave of a user with 2 clients is 3).
 */
export interface AbstractUser {
  readonly role: number;
  readonly clients: readonly ClientId[];
}

export interface AbstractState {
  readonly epoch: number;
  readonly users: Readonly<Record<UserId, AbstractUser>>;
  readonly blocked: readonly UserId[];
  readonly pending: number;
}

export function abstractStateOf(_value: RoomStateValue, ctx: RoomContext): AbstractState {
  const users: Record<UserId, AbstractUser> = {};
  for (const user of Object.keys(ctx.roster).sort()) {
    const entry = ctx.roster[user]!;
    users[user] = { role: entry.role, clients: [...entry.clients].sort() };
  }
  return { epoch: ctx.epoch, users, blocked: [...ctx.blocked].sort(), pending: ctx.pending.length };
}
