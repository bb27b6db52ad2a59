import { basePolicyBreach } from "./basePolicy.js";
import { BANNED_ROLE, NO_ROLE, findRole, roleAllowsClients } from "./config.js";
import { userOf } from "./ids.js";
import type { ParticipantStateName } from "./participantMachine.js";
import { usersNamed } from "./pending.js";
import { liveRoster, type RoomContext, type RoomStateValue } from "./roomContext.js";
import { countActiveInRole, countInRole, entryOf, listableRoles, type Roster } from "./roster.js";

/**
 * Model-level invariants: properties every reachable model state must have, whatever the operations.
 * They restate the drafts' invariants (spec/mimi-digest.md §7 A, C) on the abstract room, in both the
 * committed and the hub-live state, plus the model's own consistency (participant machines vs. room).
 */
export const MODEL_INVARIANTS = {
  membershipWithinParticipation: "every client's user is listed (role ≠ 0), committed and live (§7 A1, A5; P1)",
  noClientsWhereRoleForbidsThem: "no client belongs to a user whose role has max active 0 or does not exist (§7 A1)",
  bannedUsersHaveNoClients: "a banned user has no client (§7 A6, B16; P2)",
  clientsBelongToTheirUser: "every client listed under a user is that user's own client (§7 A3)",
  listedRolesExist: "every listed user's role exists in roles_list (§7 A2)",
  maximaHold: "no role has more participants or active participants than its maxima (§7 A4)",
  minimaHold:
    "no role that met its minima at creation has fewer participants or active participants than them, committed or live without leaving users (§7 A4)",
  creatorRoleMinimumHolds: "the creator's (admin) role keeps its minimum (the last admin cannot go)",
  blockedUsersAreListed: "a blocked (leaving) user is still listed in the committed state (protocol §5.3)",
  blockedExactlyWhileLeavePending: "a user is blocked exactly while proposals of its leave are pending",
  pendingFollowsLeaveOrder: "pending delistings come from the leaver in same-commit and from the hub in clients-first (R12)",
  leaversHaveNoLiveClients: "a leave proposes the removal of all the leaver's clients (§7 A7)",
  participantMachinesAgree: "each user's participant machine agrees with the room's data",
  noRoomIsEmpty: "before creation there is no user, no proposal and epoch 0",
  basePolicyHolds:
    "the committed room keeps its base policy's caps: one client per user without multi_device, max_clients, max_users (§7 A8)",
} as const;

export type ModelInvariantName = keyof typeof MODEL_INVARIANTS;

type Check = (value: RoomStateValue, ctx: RoomContext) => boolean;

const everyEntry = (roster: Roster, ok: (user: string, role: number, clients: readonly string[]) => boolean) =>
  Object.entries(roster).every(([user, entry]) => ok(user, entry.role, entry.clients));

/** Roles that met their minima when the room was created (only the creator was listed, with 1 client). */
function minimumMetAtCreation(ctx: RoomContext, role: number): { participants: boolean; active: boolean } {
  const def = findRole(ctx.config, role);
  const initial = role === ctx.config.creatorRole ? 1 : 0;
  return { participants: (def?.minParticipants ?? 0) <= initial, active: (def?.minActive ?? 0) <= initial };
}

function minimaHoldIn(ctx: RoomContext, roster: Roster, excluded: readonly string[]): boolean {
  return listableRoles(ctx.config).every((index) => {
    const role = findRole(ctx.config, index)!;
    const met = minimumMetAtCreation(ctx, index);
    return (
      (!met.participants || countInRole(roster, index, excluded) >= role.minParticipants) &&
      (!met.active || countActiveInRole(roster, index, excluded) >= role.minActive)
    );
  });
}

function expectedParticipantState(ctx: RoomContext, user: string): ParticipantStateName {
  const entry = entryOf(ctx.roster, user);
  if (ctx.blocked.includes(user)) return "leaving";
  if (entry.role === NO_ROLE && entry.clients.length === 0) return "outside";
  if (entry.role === BANNED_ROLE) return "banned";
  return entry.clients.length > 0 ? "active" : "inactive";
}

const CHECKS: Readonly<Record<ModelInvariantName, Check>> = {
  membershipWithinParticipation: (_v, ctx) =>
    [ctx.roster, liveRoster(ctx)].every((roster) => everyEntry(roster, (_u, role, clients) => clients.length === 0 || role !== NO_ROLE)),
  noClientsWhereRoleForbidsThem: (_v, ctx) =>
    [ctx.roster, liveRoster(ctx)].every((roster) =>
      everyEntry(roster, (_u, role, clients) => clients.length === 0 || role === NO_ROLE || roleAllowsClients(ctx.config, role)),
    ),
  bannedUsersHaveNoClients: (_v, ctx) =>
    [ctx.roster, liveRoster(ctx)].every((roster) => everyEntry(roster, (_u, role, clients) => role !== BANNED_ROLE || clients.length === 0)),
  clientsBelongToTheirUser: (_v, ctx) => everyEntry(ctx.roster, (user, _r, clients) => clients.every((c) => userOf(c) === user)),
  listedRolesExist: (_v, ctx) => everyEntry(ctx.roster, (_u, role) => role === NO_ROLE || findRole(ctx.config, role) !== undefined),
  maximaHold: (_v, ctx) =>
    listableRoles(ctx.config).every((index) => {
      const role = findRole(ctx.config, index)!;
      return (
        (role.maxParticipants === undefined || countInRole(ctx.roster, index) <= role.maxParticipants) &&
        (role.maxActive === undefined || countActiveInRole(ctx.roster, index) <= role.maxActive)
      );
    }),
  minimaHold: (value, ctx) =>
    value === "noRoom" || (minimaHoldIn(ctx, ctx.roster, []) && minimaHoldIn(ctx, liveRoster(ctx), ctx.blocked)),
  creatorRoleMinimumHolds: (value, ctx) =>
    value === "noRoom" ||
    !minimumMetAtCreation(ctx, ctx.config.creatorRole).participants ||
    countInRole(liveRoster(ctx), ctx.config.creatorRole, ctx.blocked) >= (findRole(ctx.config, ctx.config.creatorRole)?.minParticipants ?? 0),
  blockedUsersAreListed: (_v, ctx) => ctx.blocked.every((user) => entryOf(ctx.roster, user).role !== NO_ROLE),
  blockedExactlyWhileLeavePending: (_v, ctx) => {
    const named = usersNamed(ctx.pending).sort();
    return named.length === ctx.blocked.length && named.every((user, i) => user === ctx.blocked[i]);
  },
  pendingFollowsLeaveOrder: (_v, ctx) =>
    ctx.pending.every(
      (p) => p.kind !== "delist" || p.by === (ctx.config.variants.leaveOrder === "same-commit" ? "leaver" : "hub"),
    ),
  leaversHaveNoLiveClients: (_v, ctx) => ctx.blocked.every((user) => entryOf(liveRoster(ctx), user).clients.length === 0),
  participantMachinesAgree: (_v, ctx) => {
    const users = new Set([...Object.keys(ctx.roster), ...Object.keys(ctx.participants), ...ctx.blocked]);
    for (const user of users) {
      const expected = expectedParticipantState(ctx, user);
      const record = ctx.participants[user];
      if (expected === "outside") {
        if (record) return false;
        continue;
      }
      const entry = entryOf(ctx.roster, user);
      if (!record || record.state !== expected || record.role !== entry.role || record.clients !== entry.clients.length) return false;
    }
    return true;
  },
  noRoomIsEmpty: (value, ctx) =>
    value !== "noRoom" || (Object.keys(ctx.roster).length === 0 && ctx.pending.length === 0 && ctx.epoch === 0),
  // Fixed membership (§7 A9) compares a commit with the room before it: R21 judges it, and the property
  // runner's invariant P40 checks it across epochs; here only the caps, which need no history.
  basePolicyHolds: (_v, ctx) =>
    ctx.config.basePolicy === undefined || basePolicyBreach({ ...ctx.config.basePolicy, fixedMembership: false }, ctx.roster, ctx.roster) === null,
};

/** Names of the invariants this model state violates (empty when all hold). */
export function violatedInvariants(value: RoomStateValue, ctx: RoomContext): ModelInvariantName[] {
  return (Object.keys(CHECKS) as ModelInvariantName[]).filter((name) => !CHECKS[name](value, ctx));
}
