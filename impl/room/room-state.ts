// The room state the rules read: the participant list and the roles (GroupContext app_data_dictionary),
// plus the MLS members the checker knows (client URI → user URI). Role index 0 means "not listed".
import type { RoomMetaData } from "../codec/room-metadata.js";
import type { ParticipantListData } from "../codec/participant-list.js";
import type { PreAuthData } from "../codec/preauth-list.js";
import type { Role, RoleData } from "../codec/roles.js";
import type { BaseRoomPolicy } from "../codec/base-room-policy.js";
import { userOfClient } from "../identity/mimi-uri.js";

export interface RoomState {
  participants: ParticipantListData;
  roles: RoleData;
  /** preauth_list (room-policy §4), absent in a room without one (impl/room/preauth-match.ts). */
  preauth?: PreAuthData;
  /** base_room_policy, when the room has one (set at creation; R21, base-policy.ts). */
  basePolicy?: BaseRoomPolicy;
  /** room_metadata, when the room has one (protocol §7.6; changed under R22, room-state-change.ts). */
  metadata?: RoomMetaData;
}

/** One MLS member: a client URI and the user URI it belongs to. */
export interface Member {
  client: string;
  user: string;
}

export const NOT_LISTED_ROLE = 0;
export const BANNED_ROLE = 1;
export const BANNED_ROLE_NAME = "banned";

/** Position of the user in the participant list, or undefined if not listed. */
export function indexOfUser(room: RoomState, user: string): number | undefined {
  const index = room.participants.participants.findIndex((p) => p.user === user);
  return index < 0 ? undefined : index;
}

/** The user's role index; 0 when the user is not listed. */
export function roleIndexOfUser(room: RoomState, user: string): number {
  return room.participants.participants.find((p) => p.user === user)?.roleIndex ?? NOT_LISTED_ROLE;
}

export function isListed(room: RoomState, user: string): boolean {
  return indexOfUser(room, user) !== undefined;
}

/** The role with this index (indexes need not be contiguous), or undefined. */
export function roleByIndex(roles: RoleData, roleIndex: number): Role | undefined {
  return roles.roles.find((r) => r.roleIndex === roleIndex);
}

/** The role a user acts with: its listed role, or role 0 (the non-participant role) when not listed. */
export function roleOfUser(room: RoomState, user: string): Role | undefined {
  return roleByIndex(room.roles, roleIndexOfUser(room, user));
}

/** Role 1 is the banned role only if it exists and is named exactly "banned" (room-policy §3). */
export function hasBannedRole(roles: RoleData): boolean {
  return roleByIndex(roles, BANNED_ROLE)?.roleName === BANNED_ROLE_NAME;
}

/** Users with at least one member client. */
export function activeUsersOf(members: readonly Member[]): Set<string> {
  return new Set(members.map((m) => m.user));
}

export function clientsOfUser(members: readonly Member[], user: string): string[] {
  return members.filter((m) => m.user === user).map((m) => m.client);
}

/** Number of list entries in a role. */
export function countInRole(room: RoomState, roleIndex: number): number {
  return room.participants.participants.filter((p) => p.roleIndex === roleIndex).length;
}

/** Number of list entries in a role whose user is active. */
export function countActiveInRole(room: RoomState, roleIndex: number, activeUsers: ReadonlySet<string>): number {
  return room.participants.participants.filter((p) => p.roleIndex === roleIndex && activeUsers.has(p.user)).length;
}

/** Members from client URIs, each mapped to its user by the mimi:// client URI form; throws on a non-client URI. */
export function membersOfClients(clients: readonly string[]): Member[] {
  return clients.map((client) => {
    const user = userOfClient(client);
    if (user === undefined) throw new RangeError(`not a mimi client URI: ${client}`);
    return { client, user };
  });
}
