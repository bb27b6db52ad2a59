// participant_list component (0x0022), draft-ietf-mimi-protocol §7.5.
// Types are the contract used by impl/room; the encoder/decoder pair lives beside them.

import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

/** One entry of the participant list: a user URI and the index of its role. */
export interface UserRolePair {
  user: string;
  roleIndex: number;
}

/** The component's data in the GroupContext app_data_dictionary. */
export interface ParticipantListData {
  participants: UserRolePair[];
}

export interface UserIndexRolePair {
  userIndex: number;
  roleIndex: number;
}

/** The AppDataUpdate payload for participant_list: role changes, then removals, then additions. */
export interface ParticipantListUpdate {
  changedRoleParticipants: UserIndexRolePair[];
  removedIndices: number[];
  addedParticipants: UserRolePair[];
}

// ---- wire format ----------------------------------------------------------------------------------
// struct { opaque user<V>; uint32 role_index; } UserRolePair;          (user: a UTF-8 URI)
// struct { UserRolePair participants<V>; } ParticipantListData;
// struct { uint32 user_index; uint32 role_index; } UserindexRolePair;
// struct { UserindexRolePair changedRoleParticipants<V>; uint32 removedIndices<V>;
//          UserRolePair addedParticipants<V>; } ParticipantListUpdate;

export function writeUserRolePair(w: Writer, pair: UserRolePair): void {
  w.string(pair.user);
  w.uint32(pair.roleIndex);
}

export function readUserRolePair(r: Reader): UserRolePair {
  const user = r.string();
  const roleIndex = r.uint32();
  return { user, roleIndex };
}

export function writeUserIndexRolePair(w: Writer, pair: UserIndexRolePair): void {
  w.uint32(pair.userIndex);
  w.uint32(pair.roleIndex);
}

export function readUserIndexRolePair(r: Reader): UserIndexRolePair {
  const userIndex = r.uint32();
  const roleIndex = r.uint32();
  return { userIndex, roleIndex };
}

export function writeParticipantListData(w: Writer, data: ParticipantListData): void {
  w.vector(data.participants, writeUserRolePair);
}

export function readParticipantListData(r: Reader): ParticipantListData {
  return { participants: r.vector(readUserRolePair) };
}

export function writeParticipantListUpdate(w: Writer, update: ParticipantListUpdate): void {
  w.vector(update.changedRoleParticipants, writeUserIndexRolePair);
  w.vector(update.removedIndices, (body, index) => body.uint32(index));
  w.vector(update.addedParticipants, writeUserRolePair);
}

export function readParticipantListUpdate(r: Reader): ParticipantListUpdate {
  const changedRoleParticipants = r.vector(readUserIndexRolePair);
  const removedIndices = r.vector((body) => body.uint32());
  const addedParticipants = r.vector(readUserRolePair);
  return { changedRoleParticipants, removedIndices, addedParticipants };
}

export function encodeParticipantListData(data: ParticipantListData): Uint8Array {
  return encodeWith(writeParticipantListData, data);
}

export function decodeParticipantListData(bytes: Uint8Array): ParticipantListData {
  return decodeExact(bytes, readParticipantListData, "ParticipantListData");
}

export function encodeParticipantListUpdate(update: ParticipantListUpdate): Uint8Array {
  return encodeWith(writeParticipantListUpdate, update);
}

export function decodeParticipantListUpdate(bytes: Uint8Array): ParticipantListUpdate {
  return decodeExact(bytes, readParticipantListUpdate, "ParticipantListUpdate");
}
