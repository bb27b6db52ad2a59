// KeyMaterialResponse (draft-ietf-mimi-protocol §5.2):
// enum { success(0), partialSuccess(1), incompatibleProtocol(2), noCompatibleMaterial(3), userUnknown(4),
//        noConsent(5), noConsentForThisRoom(6), userDeleted(7), (255) } KeyMaterialUserCode;
// enum { success(0), keyMaterialExhausted(1), nothingCompatible(2), (255) } KeyMaterialClientCode;
// struct { KeyMaterialClientCode clientStatus; IdentifierUri clientUri;
//          select (protocol) { case mls10: select (clientStatus) {
//            case success:           KeyPackage keyPackage;
//            case nothingCompatible: optional<Capabilities> clientCapabilities; } } } ClientKeyMaterial;
// struct { Protocol protocol; KeyMaterialUserCode userStatus; IdentifierUri userUri;
//          ClientKeyMaterial clients<V>; } KeyMaterialResponse;
// Which user codes may carry clients is a rule for the receiver, not the codec.

import { decodeExact, encodeWith } from "./exact.js";
import { enumeration } from "./enumeration.js";
import { readIdentifierUri, writeIdentifierUri, type IdentifierUri } from "./identifier-uri.js";
import {
  readCapabilities,
  readKeyPackage,
  writeCapabilities,
  writeKeyPackage,
  type Capabilities,
  type KeyPackage,
} from "./mls-structs.js";
import { readProtocol, writeProtocol, type ProtocolName } from "./protocol.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const KeyMaterialUserCode = enumeration("KeyMaterialUserCode", {
  success: 0,
  partialSuccess: 1,
  incompatibleProtocol: 2,
  noCompatibleMaterial: 3,
  userUnknown: 4,
  noConsent: 5,
  noConsentForThisRoom: 6,
  userDeleted: 7,
});
export type KeyMaterialUserCodeName =
  | "success"
  | "partialSuccess"
  | "incompatibleProtocol"
  | "noCompatibleMaterial"
  | "userUnknown"
  | "noConsent"
  | "noConsentForThisRoom"
  | "userDeleted";

export const KeyMaterialClientCode = enumeration("KeyMaterialClientCode", {
  success: 0,
  keyMaterialExhausted: 1,
  nothingCompatible: 2,
});

export type ClientKeyMaterial =
  | { clientStatus: "success"; clientUri: IdentifierUri; keyPackage: KeyPackage }
  | { clientStatus: "keyMaterialExhausted"; clientUri: IdentifierUri }
  | { clientStatus: "nothingCompatible"; clientUri: IdentifierUri; clientCapabilities: Capabilities | undefined };

export interface KeyMaterialResponse {
  protocol: ProtocolName;
  userStatus: KeyMaterialUserCodeName;
  userUri: IdentifierUri;
  clients: ClientKeyMaterial[];
}

export function writeClientKeyMaterial(w: Writer, client: ClientKeyMaterial): void {
  w.enum8(KeyMaterialClientCode, client.clientStatus);
  writeIdentifierUri(w, client.clientUri);
  if (client.clientStatus === "success") writeKeyPackage(w, client.keyPackage);
  else if (client.clientStatus === "nothingCompatible") w.optional(client.clientCapabilities, writeCapabilities);
}

export function readClientKeyMaterial(r: Reader): ClientKeyMaterial {
  const clientStatus = r.enum8(KeyMaterialClientCode);
  const clientUri = readIdentifierUri(r);
  switch (clientStatus) {
    case "success":
      return { clientStatus, clientUri, keyPackage: readKeyPackage(r) };
    case "nothingCompatible":
      return { clientStatus, clientUri, clientCapabilities: r.optional(readCapabilities) };
    case "keyMaterialExhausted":
      return { clientStatus, clientUri };
  }
}

export function writeKeyMaterialResponse(w: Writer, response: KeyMaterialResponse): void {
  writeProtocol(w, response.protocol);
  w.enum8(KeyMaterialUserCode, response.userStatus);
  writeIdentifierUri(w, response.userUri);
  w.vector(response.clients, writeClientKeyMaterial);
}

export function readKeyMaterialResponse(r: Reader): KeyMaterialResponse {
  const protocol = readProtocol(r);
  const userStatus = r.enum8(KeyMaterialUserCode);
  const userUri = readIdentifierUri(r);
  const clients = r.vector(readClientKeyMaterial);
  return { protocol, userStatus, userUri, clients };
}

export function encodeKeyMaterialResponse(response: KeyMaterialResponse): Uint8Array {
  return encodeWith(writeKeyMaterialResponse, response);
}

export function decodeKeyMaterialResponse(bytes: Uint8Array): KeyMaterialResponse {
  return decodeExact(bytes, readKeyMaterialResponse, "KeyMaterialResponse");
}
