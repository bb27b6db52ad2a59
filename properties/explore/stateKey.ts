import type { Model } from "../../model/index.js";
import { rolesKey } from "../../model/roomChanges.js";

/**
 * A canonical key for a model state, WITHOUT the epoch: no rule depends on the epoch's value (only on
 * offsets from it), so states that differ only in epoch behave alike and the reachable space is finite.
 * The participant records are part of the key: if they ever disagreed with the roster, that would be a
 * different state (and an invariant violation).
 */
export function stateKey(model: Model): string {
  const { context } = model;
  const sortedRecord = <T>(record: Readonly<Record<string, T>>) =>
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]);
  return JSON.stringify([
    model.value,
    sortedRecord(context.roster).map(([u, e]) => [u, (e as { role: number }).role, (e as { clients: readonly string[] }).clients]),
    context.pending,
    context.blocked,
    sortedRecord(context.participants),
    context.usedJoinCodes ?? [],
    // The preauth list a replacement put in place (R20); absent while the room keeps its first one.
    context.preauth ?? null,
    // What room-state changes put in place (R22): the roles_list and base policy the context's config now
    // holds, and the metadata.
    rolesKey(context.config.roles),
    context.config.basePolicy ?? null,
    context.metadata ?? null,
  ]);
}
