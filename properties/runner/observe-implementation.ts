// Reads the implementation's state in the model's vocabulary: the hub's view of the room, and what
// each client that holds the room believes (its GroupContext and tree).
import type { RoleData } from "../../impl/codec/roles.js";
import type { HubRoomSnapshot } from "../../impl/hub/hub.js";
import { treeMembers } from "../../impl/mls/client-credential.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { roomComponentsOf } from "../../impl/mls/room-components.js";
import { sortedUnique, userOf, type AbstractState, type AbstractUser, type ClientId, type UserId } from "../../model/index.js";
import { modelClientOf, modelUserOf } from "../world/room-world.js";
import type { ImplementationUnderTest } from "./implementation-under-test.js";

export interface ClientObservation {
  readonly client: ClientId;
  readonly epoch: number;
  readonly users: Readonly<Record<UserId, AbstractUser>>;
  readonly epochAuthenticator: string;
  readonly treeHash: string;
  readonly roles: RoleData;
}

export interface ImplementationObservation {
  readonly hub: HubRoomSnapshot;
  /** The hub's view as the model's abstract state. */
  readonly hubState: AbstractState;
  /** Every client holding a session for the room, sorted by client id, but those on an unreachable
   * follower (properties/network): they cannot be asked, and are listed in `offline`. */
  readonly clients: readonly ClientObservation[];
  readonly offline?: readonly ClientId[];
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** Users → role and sorted clients, in the model's canonical form (role-0 users without clients omitted). */
export function usersOf(participants: readonly { user: string; roleIndex: number }[], members: readonly string[]): Record<UserId, AbstractUser> {
  const draft: Record<UserId, { role: number; clients: ClientId[] }> = {};
  for (const p of participants) draft[modelUserOf(p.user)] = { role: p.roleIndex, clients: [] };
  for (const m of members) {
    const client = modelClientOf(m);
    (draft[userOf(client)] ??= { role: 0, clients: [] }).clients.push(client);
  }
  const users: Record<UserId, AbstractUser> = {};
  for (const user of Object.keys(draft).sort()) {
    const entry = draft[user]!;
    if (entry.role === 0 && entry.clients.length === 0) continue;
    users[user] = { role: entry.role, clients: [...entry.clients].sort() };
  }
  return users;
}

// A GroupContext is immutable in ts-mls: decode each one's room dictionary once, however often it is observed.
const decodedRooms = new WeakMap<object, ReturnType<typeof roomComponentsOf>>();
function roomOf(context: { extensions: Parameters<typeof roomComponentsOf>[0] }) {
  if (!decodedRooms.has(context)) decodedRooms.set(context, roomComponentsOf(context.extensions));
  return decodedRooms.get(context);
}

export function observeImplementation(impl: ImplementationUnderTest): ImplementationObservation {
  const hub = impl.system.hub.snapshot(impl.roomId);
  if (hub === undefined) throw new Error("the hub has no room");
  const hubState: AbstractState = {
    epoch: Number(hub.epoch),
    users: usersOf(hub.committed.participants.participants, hub.members),
    blocked: sortedUnique(hub.blocked.map(modelUserOf)),
    pending: hub.pending,
  };
  const clients: ClientObservation[] = [];
  const offline: ClientId[] = [];
  for (const c of impl.system.allClients()) {
    const session = c.session(impl.roomId);
    if (session === undefined) continue;
    if (impl.system.network.links?.isDown(domainOf(c.uri) ?? "") === true) {
      offline.push(modelClientOf(c.uri));
      continue;
    }
    const { groupContext: context, ratchetTree, keySchedule } = session.state;
    const room = roomOf(context);
    clients.push({
      client: modelClientOf(c.uri),
      epoch: Number(context.epoch),
      users: usersOf(room?.participants.participants ?? [], treeMembers(ratchetTree).map((m) => m.client)),
      epochAuthenticator: hex(keySchedule.epochAuthenticator),
      treeHash: hex(context.treeHash),
      roles: room?.roles ?? { roles: [] },
    });
  }
  clients.sort((a, b) => (a.client < b.client ? -1 : 1));
  return { hub, hubState, clients, ...(offline.length > 0 ? { offline } : {}) };
}
