// The hub-live state (protocol §7.1; rules "Two states"): the committed room and members with the
// proposals the hub accepted this epoch applied. Their participant-list updates all index the committed
// list and apply merged, as they will in the commit that includes them (docs/rules.md, digest §8 q.15).
// They were authorised on acceptance, so no policy check is made here.
import type { ParticipantListUpdate } from "../codec/participant-list.js";
import { applyParticipantListUpdate } from "./apply-participant-list-update.js";
import type { CommitItem } from "./commit-item.js";
import { mergeParticipantListUpdates } from "./merge-participant-list-updates.js";
import type { Member, RoomState } from "./room-state.js";

export interface LiveRoom {
  room: RoomState;
  members: Member[];
}

/**
 * Applies accepted proposals to the committed state. An update that no longer merges (it cannot happen
 * for proposals this brick accepted against the same epoch) is skipped rather than thrown on.
 */
export function liveRoom(committed: { room: RoomState; members: readonly Member[] }, accepted: readonly CommitItem[]): LiveRoom {
  let merged: ParticipantListUpdate[] = [];
  let participants = committed.room.participants;
  let members = [...committed.members];
  for (const item of accepted) {
    if (item.kind === "participantListUpdate") {
      const candidate = [...merged, item.update];
      const applied = applyParticipantListUpdate(committed.room.participants, mergeParticipantListUpdates(candidate), committed.room.roles);
      if (applied.ok) {
        merged = candidate;
        participants = applied.list;
      }
    } else if (item.kind === "remove") {
      members = members.filter((m) => m.client !== item.client);
    } else if (item.kind === "add" && !members.some((m) => m.client === item.client)) {
      // A client whose Add is pending counts as present, as it will be once the proposal is committed.
      members.push({ client: item.client, user: item.user });
    }
  }
  return { room: { ...committed.room, participants }, members };
}
