// P15: no client becomes a member unless an authorised, signed operation added it (digest §7 A1, A5,
// B12–B14, B16). Judged on the hub's group after each step, from the state before it: every client new in
// the group belongs to a user listed afterwards in a role that allows clients, and was named by the step's
// own operation — an Add by a committer whose role may add participants (or, for a user already
// listed, whose user's role may add own clients), or its own external commit for a user already listed
// in a role that may add own clients. An attack's operation is the honest one it mutates, so a client an
// attack slipped in is named by no operation.
import { CAPABILITY } from "../../impl/room/capabilities.js";
import { userOf } from "../../model/index.js";
import type { RoomComponents } from "../../impl/mls/room-components.js";
import { modelClientOf, modelUserOf } from "../world/room-world.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

function roleOf(room: RoomComponents, user: string) {
  const entry = room.participants.participants.find((p) => modelUserOf(p.user) === user);
  return entry === undefined ? undefined : room.roles.roles.find((r) => r.roleIndex === entry.roleIndex);
}

const may = (room: RoomComponents, user: string, capability: number) => roleOf(room, user)?.roleCapabilities.includes(capability) === true;

export const AUTHORISED_MEMBERSHIP: ImplementationInvariant = {
  id: "P15",
  name: "no member without an authorised operation",
  rule: "digest §7 A1, A5, B12–B14, B16 (protocol §5.3 MUST; room-policy §8.1.1): each new member was added by an authorised, signed operation for a user that may have clients",
  check: ({ event, code, before, after }) => {
    const joined = after.hub.members.filter((m) => !before.hub.members.includes(m)).map(modelClientOf);
    for (const client of joined) {
      const user = userOf(client);
      const role = roleOf(after.hub.committed, user);
      if (role === undefined) return `${client} became a member while ${user} is not listed`;
      if (role.maximumActiveParticipantsConstraint === 0) return `${client} became a member while ${user}'s role ${role.roleName} allows no clients`;
      const room = before.hub.live;
      const listedBefore = roleOf(room, user) !== undefined;
      if (code !== "accepted") return `${client} became a member in a step the hub refused (${code})`;
      if (event.type === "addOwnClient" && event.client === client) {
        if (!listedBefore || !may(room, user, CAPABILITY.canAddOwnClient)) return `${client} joined by external commit though ${user} may not add its own clients`;
        continue;
      }
      if (event.type === "addParticipant" && event.target === user && event.clients.includes(client)) {
        if (!may(room, userOf(event.actor), CAPABILITY.canAddParticipant)) return `${event.actor} added ${client} without canAddParticipant`;
        continue;
      }
      return `${client} became a member, but the step (${event.type}${"actor" in event ? ` by ${event.actor}` : ""}) added no client of ${user}`;
    }
    return undefined;
  },
};
