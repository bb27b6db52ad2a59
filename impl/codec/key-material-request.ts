// KeyMaterialRequest (draft-ietf-mimi-protocol §5.2):
// struct { Protocol protocol; IdentifierUri requestingUser; IdentifierUri targetUser; IdentifierUri roomId;
//          select (protocol) { case mls10:
//            CipherSuite acceptableCiphersuites<V>; RequiredCapabilities requiredCapabilities;
//            SignaturePublicKey requesterSignatureKey; Credential requesterCredential;
//            opaque key_material_request_signature<V>; } } KeyMaterialRequest;
// KeyMaterialRequestTBS is the same struct without the signature, which is
// SignWithLabel(requesterSignatureKey, "KeyMaterialRequestTBS", KeyMaterialRequestTBS).
// The draft wants acceptableCiphersuites non-empty; that is left to the receiver to check.

import { decodeExact, encodeWith } from "./exact.js";
import { readIdentifierUri, writeIdentifierUri, type IdentifierUri } from "./identifier-uri.js";
import {
  readCredential,
  readRequiredCapabilities,
  writeCredential,
  writeRequiredCapabilities,
  type CipherSuiteId,
  type Credential,
  type RequiredCapabilities,
} from "./mls-structs.js";
import { readProtocol, writeProtocol, type ProtocolName } from "./protocol.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface KeyMaterialRequestTbs {
  protocol: ProtocolName;
  requestingUser: IdentifierUri;
  targetUser: IdentifierUri;
  /** The room the KeyPackages are for; required when adding the user to a room. */
  roomId: IdentifierUri;
  acceptableCiphersuites: CipherSuiteId[];
  requiredCapabilities: RequiredCapabilities;
  requesterSignatureKey: Uint8Array;
  requesterCredential: Credential;
}

export interface KeyMaterialRequest extends KeyMaterialRequestTbs {
  keyMaterialRequestSignature: Uint8Array;
}

export function writeKeyMaterialRequestTbs(w: Writer, tbs: KeyMaterialRequestTbs): void {
  writeProtocol(w, tbs.protocol);
  writeIdentifierUri(w, tbs.requestingUser);
  writeIdentifierUri(w, tbs.targetUser);
  writeIdentifierUri(w, tbs.roomId);
  w.vector(tbs.acceptableCiphersuites, (body, suite) => body.uint16(suite));
  writeRequiredCapabilities(w, tbs.requiredCapabilities);
  w.opaque(tbs.requesterSignatureKey);
  writeCredential(w, tbs.requesterCredential);
}

export function readKeyMaterialRequestTbs(r: Reader): KeyMaterialRequestTbs {
  const protocol = readProtocol(r);
  const requestingUser = readIdentifierUri(r);
  const targetUser = readIdentifierUri(r);
  const roomId = readIdentifierUri(r);
  const acceptableCiphersuites = r.vector((body) => body.uint16());
  const requiredCapabilities = readRequiredCapabilities(r);
  const requesterSignatureKey = r.opaque();
  const requesterCredential = readCredential(r);
  return {
    protocol,
    requestingUser,
    targetUser,
    roomId,
    acceptableCiphersuites,
    requiredCapabilities,
    requesterSignatureKey,
    requesterCredential,
  };
}

export function writeKeyMaterialRequest(w: Writer, request: KeyMaterialRequest): void {
  writeKeyMaterialRequestTbs(w, request);
  w.opaque(request.keyMaterialRequestSignature);
}

export function readKeyMaterialRequest(r: Reader): KeyMaterialRequest {
  const tbs = readKeyMaterialRequestTbs(r);
  return { ...tbs, keyMaterialRequestSignature: r.opaque() };
}

/** The content to sign or verify (the signature field of `request`, if any, is ignored). */
export function encodeKeyMaterialRequestTbs(tbs: KeyMaterialRequestTbs): Uint8Array {
  return encodeWith(writeKeyMaterialRequestTbs, tbs);
}

export function encodeKeyMaterialRequest(request: KeyMaterialRequest): Uint8Array {
  return encodeWith(writeKeyMaterialRequest, request);
}

export function decodeKeyMaterialRequest(bytes: Uint8Array): KeyMaterialRequest {
  return decodeExact(bytes, readKeyMaterialRequest, "KeyMaterialRequest");
}
