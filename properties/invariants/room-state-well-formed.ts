// P5: the room state every party holds is well formed (digest §7 A2–A3): no participant-list entry has
// role 0, every entry's role exists in roles_list, a user is listed at most once, and roles_list names
// each role index once. Read from the raw lists (the abstract views merge duplicates away): the hub's
// committed and live state, and every client's GroupContext.
import type { RoleData } from "../../impl/codec/roles.js";
import type { ParticipantListData } from "../../impl/codec/participant-list.js";
import { roomComponentsOf } from "../../impl/mls/room-components.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

const NO_ROLE = 0;

/** What is wrong with a participant list and roles_list, or undefined. */
export function malformedRoomState(participants: ParticipantListData, roles: RoleData): string | undefined {
  const roleIndexes = new Set<number>();
  for (const role of roles.roles) {
    if (roleIndexes.has(role.roleIndex)) return `roles_list names role ${role.roleIndex} twice`;
    roleIndexes.add(role.roleIndex);
  }
  const users = new Set<string>();
  for (const entry of participants.participants) {
    if (users.has(entry.user)) return `${entry.user} is listed twice`;
    users.add(entry.user);
    if (entry.roleIndex === NO_ROLE) return `${entry.user} is listed with role 0`;
    if (!roleIndexes.has(entry.roleIndex)) return `${entry.user} is listed with role ${entry.roleIndex}, which roles_list does not define`;
  }
  return undefined;
}

export const ROOM_STATE_WELL_FORMED: ImplementationInvariant = {
  id: "P5",
  name: "room state well formed",
  rule: "digest §7 A2–A3 (room-policy §3, protocol §7.5): no entry in role 0, every role defined, each user listed once",
  check: ({ after, impl }) => {
    for (const [which, room] of [["committed", after.hub.committed], ["live", after.hub.live]] as const) {
      const wrong = malformedRoomState(room.participants, room.roles);
      if (wrong !== undefined) return `the hub's ${which} state: ${wrong}`;
    }
    for (const client of impl.system.allClients()) {
      const session = client.session(impl.roomId);
      if (session === undefined) continue;
      const room = roomComponentsOf(session.state.groupContext.extensions);
      if (room === undefined) return `${client.uri} holds no readable room state`;
      const wrong = malformedRoomState(room.participants, room.roles);
      if (wrong !== undefined) return `${client.uri}: ${wrong}`;
    }
    return undefined;
  },
};
