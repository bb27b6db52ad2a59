// GroupInfoResponse (draft-ietf-mimi-protocol §5.6):
// enum { reserved(0), success(1), notAuthorized(2), noSuchRoom(3), (255) } GroupInfoCode;
// struct { Protocol version; opaque room_id<V>; GroupInfoCode status;
//          select (status) { case success: select (protocol) { case mls10:
//            CipherSuite cipher_suite; ExternalSender hub_sender;
//            HPKECiphertext encrypted_groupinfo_and_tree;
//            opaque signature<V>; } ; default: struct{}; } } GroupInfoResponse;
// GroupInfoResponseTBS is the success form without the signature; the signature is
// SignWithLabel(hub_sender.signature_key, "GroupInfoResponseTBS", GroupInfoResponseTBS).
// room_id is held as text (it is the room's URI here) and must be UTF-8.

import { decodeExact, encodeWith } from "./exact.js";
import { enumeration } from "./enumeration.js";
import {
  readExternalSender,
  readHpkeCiphertext,
  writeExternalSender,
  writeHpkeCiphertext,
  type CipherSuiteId,
  type ExternalSender,
  type HPKECiphertext,
} from "./mls-structs.js";
import { readProtocol, writeProtocol, type ProtocolName } from "./protocol.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

/** reserved(0) is left out so that it fails to decode. */
export const GroupInfoCode = enumeration("GroupInfoCode", { success: 1, notAuthorized: 2, noSuchRoom: 3 });

export interface GroupInfoResponseTbs {
  version: ProtocolName;
  roomId: string;
  status: "success";
  cipherSuite: CipherSuiteId;
  hubSender: ExternalSender;
  /** EncryptWithLabel(groupInfoPublicKey, "GroupInfo and ratchet_tree encryption", room_id, GroupInfoRatchetTreeTBE). */
  encryptedGroupInfoAndTree: HPKECiphertext;
}

export interface GroupInfoResponseSuccess extends GroupInfoResponseTbs {
  signature: Uint8Array;
}

export interface GroupInfoResponseFailure {
  version: ProtocolName;
  roomId: string;
  status: "notAuthorized" | "noSuchRoom";
}

export type GroupInfoResponse = GroupInfoResponseSuccess | GroupInfoResponseFailure;

function writeSuccessFields(w: Writer, tbs: GroupInfoResponseTbs): void {
  w.uint16(tbs.cipherSuite);
  writeExternalSender(w, tbs.hubSender);
  writeHpkeCiphertext(w, tbs.encryptedGroupInfoAndTree);
}

export function writeGroupInfoResponse(w: Writer, response: GroupInfoResponse): void {
  writeProtocol(w, response.version);
  w.string(response.roomId);
  w.enum8(GroupInfoCode, response.status);
  if (response.status === "success") {
    writeSuccessFields(w, response);
    w.opaque(response.signature);
  }
}

export function readGroupInfoResponse(r: Reader): GroupInfoResponse {
  const version = readProtocol(r);
  const roomId = r.string();
  const status = r.enum8(GroupInfoCode);
  if (status !== "success") return { version, roomId, status };
  const cipherSuite = r.uint16();
  const hubSender = readExternalSender(r);
  const encryptedGroupInfoAndTree = readHpkeCiphertext(r);
  const signature = r.opaque();
  return { version, roomId, status, cipherSuite, hubSender, encryptedGroupInfoAndTree, signature };
}

export function writeGroupInfoResponseTbs(w: Writer, tbs: GroupInfoResponseTbs): void {
  writeProtocol(w, tbs.version);
  w.string(tbs.roomId);
  w.enum8(GroupInfoCode, tbs.status);
  writeSuccessFields(w, tbs);
}

/** The content the hub signs (a `signature` field on the argument is ignored). */
export function encodeGroupInfoResponseTbs(tbs: GroupInfoResponseTbs): Uint8Array {
  return encodeWith(writeGroupInfoResponseTbs, tbs);
}

export function encodeGroupInfoResponse(response: GroupInfoResponse): Uint8Array {
  return encodeWith(writeGroupInfoResponse, response);
}

export function decodeGroupInfoResponse(bytes: Uint8Array): GroupInfoResponse {
  return decodeExact(bytes, readGroupInfoResponse, "GroupInfoResponse");
}
