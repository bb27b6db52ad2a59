// P15: no client becomes a member unless an authorised, signed operation added it (digest §7 A1, A5,
// B12–B14, B16). Judged on the hub's group and on every honest client's group after each step, from the
// state before it: every client new in the group belongs to a user listed afterwards in a role that allows
// clients, and was named by the step's own operation — an Add by a committer whose role may add
// participants (or, for a user already listed, whose user's role may add own clients), or its own external
// commit for a user already listed in a role that may add own clients. An attack's operation is the honest
// one it mutates, so a client an attack slipped in is named by no operation (and the attacker's own view is
// not judged, nor an actor's on an operation the model refuses). Once the hub is compromised its
// own group is the adversary's and only the clients' groups are judged: a client the hub proposed itself
// ("the server adds a member") is named by no operation either.
import type { RoleData } from "../../impl/codec/roles.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";
import { userOf, type AbstractUser, type ModelEvent, type UserId } from "../../model/index.js";
import type { RoomComponents } from "../../impl/mls/room-components.js";
import { modelClientOf, modelUserOf } from "../world/room-world.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";
import { inModelRoom } from "../adversaries/compromised-hub-judgement.js";

/** One view of the room at one moment: who is listed in which role, the roles, and the group's clients. */
interface RoomView {
  readonly roleOf: (user: UserId) => RoleData["roles"][number] | undefined;
  readonly members: readonly string[];
}

function hubView(room: RoomComponents, members: readonly string[]): RoomView {
  return {
    roleOf: (user) => {
      const entry = room.participants.participants.find((p) => modelUserOf(p.user) === user);
      return entry === undefined ? undefined : room.roles.roles.find((r) => r.roleIndex === entry.roleIndex);
    },
    members: members.map(modelClientOf),
  };
}

function clientView(users: Readonly<Record<UserId, AbstractUser>>, roles: RoleData): RoomView {
  return {
    roleOf: (user) => {
      const role = users[user]?.role ?? 0;
      return role === 0 ? undefined : roles.roles.find((r) => r.roleIndex === role);
    },
    members: Object.values(users).flatMap((u) => u.clients),
  };
}

const actorOf = (event: ModelEvent): string | undefined => ("actor" in event ? event.actor : event.type === "addOwnClient" ? event.client : undefined);
const may = (view: RoomView, user: string, capability: number) => view.roleOf(user)?.roleCapabilities.includes(capability) === true;

/** Why a client new in `after` (the view named `who`) is not there by an authorised operation, or undefined. */
function unauthorisedJoin(who: string, before: RoomView, after: RoomView, event: ModelEvent, code: string): string | undefined {
  const where = who === "hub" ? "" : ` of ${who}'s group`;
  for (const client of after.members.filter((m) => !before.members.includes(m))) {
    const user = userOf(client);
    const role = after.roleOf(user);
    if (role === undefined) return `${client} became a member${where} while ${user} is not listed`;
    if (role.maximumActiveParticipantsConstraint === 0) return `${client} became a member${where} while ${user}'s role ${role.roleName} allows no clients`;
    if (code !== "accepted") return `${client} became a member${where} in a step the hub refused (${code})`;
    if (event.type === "addOwnClient" && event.client === client) {
      if (before.roleOf(user) === undefined || !may(before, user, CAPABILITY.canAddOwnClient)) return `${client} joined${where} by external commit though ${user} may not add its own clients`;
      continue;
    }
    if (event.type === "addParticipant" && event.target === user && event.clients.includes(client)) {
      if (!may(before, userOf(event.actor), CAPABILITY.canAddParticipant)) return `${event.actor} added ${client}${where} without canAddParticipant`;
      continue;
    }
    return `${client} became a member${where}, but the step (${event.type}${"actor" in event ? ` by ${event.actor}` : ""}) added no client of ${user}`;
  }
  return undefined;
}

export const AUTHORISED_MEMBERSHIP: ImplementationInvariant = {
  id: "P15",
  name: "no member without an authorised operation",
  rule: "digest §7 A1, A5, B12–B14, B16 (protocol §5.3 MUST; room-policy §8.1.1): each new member was added by an authorised, signed operation for a user that may have clients, in the hub's group and in every honest client's",
  check: ({ event, code, before, after, hubCompromised, authorised }) => {
    if (hubCompromised !== true) {
      const broken = unauthorisedJoin("hub", hubView(before.hub.live, before.hub.members), hubView(after.hub.committed, after.hub.members), event, code);
      if (broken !== undefined) return broken;
    }
    // Under a compromised hub, an actor outside the model's room when the step began (on a fork its own refused
    // commit made with the hub's help) signs the change on that fork itself, as in the step judgement (inModelRoom).
    const inRoom = hubCompromised === true && authorised !== undefined ? inModelRoom(before, authorised.before) : undefined;
    const onFork = (b: (typeof before.clients)[number]) => inRoom !== undefined && !inRoom.has(b.client);
    for (const c of after.clients) {
      const b = before.clients.find((x) => x.client === c.client);
      // A client that acted on an operation the model refuses signed that change itself; the others are judged.
      if (b === undefined || (c.client === actorOf(event) && (authorised?.accepted === false || onFork(b)))) continue;
      const broken = unauthorisedJoin(c.client, clientView(b.users, b.roles), clientView(c.users, c.roles), event, code);
      if (broken !== undefined) return broken;
    }
    return undefined;
  },
};
