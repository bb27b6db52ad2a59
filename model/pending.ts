import type { ClientId, UserId } from "./ids.js";
import { NO_ROLE } from "./config.js";
import { entryOf, withEntry, type Roster } from "./roster.js";

/**
 * A proposal the hub accepted in the current epoch and that no commit has included yet.
 * Every pending proposal but one kind belongs to a leave (R10, R12):
 * - `removeClient`: the Remove of one of the leaver's clients, from its leave bundle;
 * - `delist`: the participant-list removal of the leaver, `by: "leaver"` inside its bundle
 *   (same-commit), or `by: "hub"` proposed by the hub as external sender once the clients are gone
 *   (clients-first).
 * `abstractState().pending` counts these proposals one by one.
 */
export type PendingProposal =
  | { readonly kind: "removeClient"; readonly user: UserId; readonly client: ClientId }
  | { readonly kind: "delist"; readonly user: UserId; readonly by: "leaver" | "hub" }
  /**
   * The hub's own listing of an open joiner in `role` (R4 open join, room-policy §8.1.1): the joiner's
   * external commit cannot carry it (docs/rules.md, "Open join"), so the hub proposes it as external
   * sender and a member commits it before the joiner's client comes in. It blocks nobody, and, being the
   * hub's own, survives a commit that omits it (the hub proposes it again, protocol §5.5).
   */
  | { readonly kind: "list"; readonly user: UserId; readonly role: number }
  /**
   * The hub's policy enforcer's change of `user`'s entry to `role` (0: delisted; R18, model/enforcer.ts),
   * with a `removeClient` for each client it takes. `blocks`: it delists or bans a listed user, who is
   * blocked until the commit. Omitted by a commit, it is discarded like a member's proposal.
   */
  | { readonly kind: "enforce"; readonly user: UserId; readonly role: number; readonly blocks: boolean };

/** Applies pending proposals to a roster in acceptance order (the hub-live state, protocol §7.1). */
export function applyPending(roster: Roster, pending: readonly PendingProposal[]): Roster {
  let next = roster;
  for (const proposal of pending) {
    const entry = entryOf(next, proposal.user);
    next =
      proposal.kind === "removeClient"
        ? withEntry(next, proposal.user, { role: entry.role, clients: entry.clients.filter((c) => c !== proposal.client) })
        : withEntry(next, proposal.user, { role: proposal.kind === "list" || proposal.kind === "enforce" ? proposal.role : NO_ROLE, clients: entry.clients });
  }
  return next;
}

/** The users whose participant-list entry these proposals change (for R13's "touched once"). */
export function delistedUsers(pending: readonly PendingProposal[]): UserId[] {
  return pending.filter((p) => p.kind === "delist").map((p) => p.user);
}

/** Users named by the leave proposals among these (every kind but the hub's listings and the enforcer's changes that
 * block nobody), in first-appearance order: the users these proposals block. */
export function usersNamed(pending: readonly PendingProposal[]): UserId[] {
  return [...new Set(pending.filter((p) => p.kind !== "list" && (p.kind !== "enforce" || p.blocks)).map((p) => p.user))];
}

/** The open joiners these proposals list, with their roles, in acceptance order. */
export function listings(pending: readonly PendingProposal[]): Array<{ user: UserId; role: number }> {
  return pending.flatMap((p) => (p.kind === "list" ? [{ user: p.user, role: p.role }] : []));
}
