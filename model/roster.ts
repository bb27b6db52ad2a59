import type { ModelConfig } from "./config.js";
import { BANNED_ROLE, NO_ROLE } from "./config.js";
import { sortedUnique, type ClientId, type UserId } from "./ids.js";

/** A user's place in the room: its role (participant list) and its clients (MLS members), sorted. */
export interface UserEntry {
  readonly role: number;
  readonly clients: readonly ClientId[];
}

/**
 * The participant list and the membership together: user → entry. Users with role 0 and no client are
 * absent, so equal rooms are equal records.
 */
export type Roster = Readonly<Record<UserId, UserEntry>>;

const ABSENT: UserEntry = { role: NO_ROLE, clients: [] };

export function entryOf(roster: Roster, user: UserId): UserEntry {
  return roster[user] ?? ABSENT;
}

export function withEntry(roster: Roster, user: UserId, entry: UserEntry): Roster {
  const next: Record<UserId, UserEntry> = { ...roster };
  if (entry.role === NO_ROLE && entry.clients.length === 0) delete next[user];
  else next[user] = { role: entry.role, clients: sortedUnique(entry.clients) };
  return next;
}

export function isListed(roster: Roster, user: UserId): boolean {
  return entryOf(roster, user).role !== NO_ROLE;
}

export function isBanned(roster: Roster, user: UserId): boolean {
  return entryOf(roster, user).role === BANNED_ROLE;
}

export function isActive(roster: Roster, user: UserId): boolean {
  return entryOf(roster, user).clients.length > 0;
}

export function isMember(roster: Roster, client: ClientId, user: UserId): boolean {
  return entryOf(roster, user).clients.includes(client);
}

export function usersOf(roster: Roster): UserId[] {
  return Object.keys(roster).sort();
}

/** Listed users in `role`, not counting `excluded` (users about to leave, see hubRules.ts). */
export function countInRole(roster: Roster, role: number, excluded: readonly UserId[] = []): number {
  let n = 0;
  for (const [user, entry] of Object.entries(roster)) if (entry.role === role && !excluded.includes(user)) n++;
  return n;
}

/** Active users (≥ 1 client) in `role`, not counting `excluded`. */
export function countActiveInRole(roster: Roster, role: number, excluded: readonly UserId[] = []): number {
  let n = 0;
  for (const [user, entry] of Object.entries(roster))
    if (entry.role === role && entry.clients.length > 0 && !excluded.includes(user)) n++;
  return n;
}

/** The roles whose counts a role-list invariant must look at: every configured role except 0. */
export function listableRoles(config: ModelConfig): number[] {
  return config.roles.map((r) => r.index).filter((i) => i !== NO_ROLE);
}
