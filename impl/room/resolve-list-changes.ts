// First pass over a commit or bundle: its participant-list updates. Every update, by value or by reference,
// indexes the committed list of the epoch, and the commit applies them merged: all role changes, then all
// removals, then all additions (docs/rules.md, decision on digest §8 q.15). Each update is first checked on
// its own against that list (which also says, by user, what it does), then no user may be touched by two
// of them (R13).
import type { ParticipantListData } from "../codec/participant-list.js";
import { applyParticipantListUpdate, type ListChanges, type ListUpdateResult } from "./apply-participant-list-update.js";
import type { Actor, CommitItem } from "./commit-item.js";
import { mergeParticipantListUpdates } from "./merge-participant-list-updates.js";
import type { RoomState } from "./room-state.js";
import { invalidProposal, notAllowed, type Refusal } from "./verdict.js";

export interface ItemListChanges {
  itemIndex: number;
  proposer: Actor;
  byReference: boolean;
  changes: ListChanges;
}

export interface ResolvedListChanges {
  finalList: ParticipantListData;
  perItem: ItemListChanges[];
  /** Users added, delisted (removed or left) and banned by any of the updates. */
  addedUsers: Set<string>;
  delistedUsers: Set<string>;
  bannedUsers: Set<string>;
}

function refusalOf(failed: Extract<ListUpdateResult, { ok: false }>, where: string): Refusal {
  return failed.failure === "userTouchedTwice"
    ? notAllowed("R13", `${where}: ${failed.reason}`)
    : invalidProposal("R13", `${where}: ${failed.reason}`);
}

export function resolveListChanges(room: RoomState, items: readonly CommitItem[]): ResolvedListChanges | Refusal {
  const committed: ParticipantListData = room.participants;
  const touched = new Set<string>();
  const perItem: ItemListChanges[] = [];
  const addedUsers = new Set<string>();
  const delistedUsers = new Set<string>();
  const bannedUsers = new Set<string>();
  for (const [itemIndex, item] of items.entries()) {
    if (item.kind !== "participantListUpdate") continue;
    const applied = applyParticipantListUpdate(committed, item.update, room.roles);
    if (!applied.ok) return refusalOf(applied, `participant-list update #${itemIndex}`);
    const { roleChanges, removals, additions } = applied.changes;
    for (const user of [...roleChanges, ...removals, ...additions].map((c) => c.user)) {
      if (touched.has(user)) return notAllowed("R13", `${user} is touched by two participant-list updates of one commit`);
      touched.add(user);
    }
    additions.forEach((a) => addedUsers.add(a.user));
    removals.forEach((r) => delistedUsers.add(r.user));
    roleChanges.filter((c) => c.toRole === 1 && c.fromRole !== 1).forEach((c) => bannedUsers.add(c.user));
    perItem.push({ itemIndex, proposer: item.proposer, byReference: item.byReference, changes: applied.changes });
  }
  const updates = items.flatMap((i) => (i.kind === "participantListUpdate" ? [i.update] : []));
  // Disjoint users and individually valid updates always merge; the check stays for safety.
  const merged = applyParticipantListUpdate(committed, mergeParticipantListUpdates(updates), room.roles);
  if (!merged.ok) return refusalOf(merged, "the merged participant-list updates");
  return { finalList: merged.list, perItem, addedUsers, delistedUsers, bannedUsers };
}
