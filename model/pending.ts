import type { ClientId, UserId } from "./ids.js";
import { NO_ROLE } from "./config.js";
import { entryOf, withEntry, type Roster } from "./roster.js";

/**
 * A proposal the hub accepted in the current epoch and that no commit has included yet.
 * In this model every pending proposal belongs to a leave (R10, R12):
 * - `removeClient`: the Remove of one of the leaver's clients, from its leave bundle;
 * - `delist`: the participant-list removal of the leaver, `by: "leaver"` inside its bundle
 *   (same-commit), or `by: "hub"` proposed by the hub as external sender once the clients are gone
 *   (clients-first).
 * `abstractState().pending` counts these proposals one by one.
 */
export type PendingProposal =
  | { readonly kind: "removeClient"; readonly user: UserId; readonly client: ClientId }
  | { readonly kind: "delist"; readonly user: UserId; readonly by: "leaver" | "hub" };

/** Applies pending proposals to a roster in acceptance order (the hub-live state, protocol §7.1). */
export function applyPending(roster: Roster, pending: readonly PendingProposal[]): Roster {
  let next = roster;
  for (const proposal of pending) {
    const entry = entryOf(next, proposal.user);
    next =
      proposal.kind === "removeClient"
        ? withEntry(next, proposal.user, { role: entry.role, clients: entry.clients.filter((c) => c !== proposal.client) })
        : withEntry(next, proposal.user, { role: NO_ROLE, clients: entry.clients });
  }
  return next;
}

/** The users whose participant-list entry these proposals change (for R13's "touched once"). */
export function delistedUsers(pending: readonly PendingProposal[]): UserId[] {
  return pending.filter((p) => p.kind === "delist").map((p) => p.user);
}

/** Users named by any of these proposals, in first-appearance order. */
export function usersNamed(pending: readonly PendingProposal[]): UserId[] {
  return [...new Set(pending.map((p) => p.user))];
}
