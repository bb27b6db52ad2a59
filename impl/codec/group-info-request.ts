// GroupInfoRequest (draft-ietf-mimi-protocol §5.6):
// struct { Protocol protocol;
//          select (protocol) { case mls10:
//            CipherSuite cipher_suite; SignaturePublicKey requestingSignatureKey;
//            Credential requestingCredential; HPKEPublicKey groupInfoPublicKey;
//            opaque joiningCode<V>;
//            opaque signature<V>; } } GroupInfoRequest;
// signature = SignWithLabel(requestingSignatureKey, "GroupInfoRequestTBS", GroupInfoRequestTBS).
// The draft's TBS has `optional opaque joiningCode<V>` where the request has a plain `opaque<V>`.
// We follow both as written: the TBS carries the code as optional<opaque<V>>, present exactly when
// the request's joiningCode is non-empty (an empty code means "no code").

import { decodeExact, encodeWith } from "./exact.js";
import { readCredential, writeCredential, type CipherSuiteId, type Credential } from "./mls-structs.js";
import { readProtocol, writeProtocol, type ProtocolName } from "./protocol.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface GroupInfoRequestTbs {
  protocol: ProtocolName;
  cipherSuite: CipherSuiteId;
  requestingSignatureKey: Uint8Array;
  requestingCredential: Credential;
  groupInfoPublicKey: Uint8Array;
  /** Empty when the requester has no joining code. */
  joiningCode: Uint8Array;
}

export interface GroupInfoRequest extends GroupInfoRequestTbs {
  signature: Uint8Array;
}

function writeCommonFields(w: Writer, tbs: GroupInfoRequestTbs): void {
  writeProtocol(w, tbs.protocol);
  w.uint16(tbs.cipherSuite);
  w.opaque(tbs.requestingSignatureKey);
  writeCredential(w, tbs.requestingCredential);
  w.opaque(tbs.groupInfoPublicKey);
}

export function writeGroupInfoRequest(w: Writer, request: GroupInfoRequest): void {
  writeCommonFields(w, request);
  w.opaque(request.joiningCode);
  w.opaque(request.signature);
}

export function readGroupInfoRequest(r: Reader): GroupInfoRequest {
  const protocol = readProtocol(r);
  const cipherSuite = r.uint16();
  const requestingSignatureKey = r.opaque();
  const requestingCredential = readCredential(r);
  const groupInfoPublicKey = r.opaque();
  const joiningCode = r.opaque();
  const signature = r.opaque();
  return { protocol, cipherSuite, requestingSignatureKey, requestingCredential, groupInfoPublicKey, joiningCode, signature };
}

export function writeGroupInfoRequestTbs(w: Writer, tbs: GroupInfoRequestTbs): void {
  writeCommonFields(w, tbs);
  w.optional(tbs.joiningCode.length > 0 ? tbs.joiningCode : undefined, (body, code) => body.opaque(code));
}

/** The content to sign or verify (a `signature` field on the argument is ignored). */
export function encodeGroupInfoRequestTbs(tbs: GroupInfoRequestTbs): Uint8Array {
  return encodeWith(writeGroupInfoRequestTbs, tbs);
}

export function encodeGroupInfoRequest(request: GroupInfoRequest): Uint8Array {
  return encodeWith(writeGroupInfoRequest, request);
}

export function decodeGroupInfoRequest(bytes: Uint8Array): GroupInfoRequest {
  return decodeExact(bytes, readGroupInfoRequest, "GroupInfoRequest");
}
