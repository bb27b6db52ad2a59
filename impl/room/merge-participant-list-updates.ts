// Several ParticipantListUpdates in one commit (by reference and by value) all index the committed list
// of the epoch and are merged into one (docs/rules.md, decision on digest §8 q.15); applying the merged
// update then rejects any user touched twice.
import type { ParticipantListUpdate } from "../codec/participant-list.js";

export function mergeParticipantListUpdates(updates: readonly ParticipantListUpdate[]): ParticipantListUpdate {
  return {
    changedRoleParticipants: updates.flatMap((u) => u.changedRoleParticipants),
    removedIndices: updates.flatMap((u) => u.removedIndices),
    addedParticipants: updates.flatMap((u) => u.addedParticipants),
  };
}
