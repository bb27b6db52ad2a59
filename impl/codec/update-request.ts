// struct { select (room.protocol) { case mls10: HandshakeBundle bundle; } } UpdateRequest;  (§5.3)
// The protocol comes from the room, not the wire, so for mls10 the body is exactly the bundle.

import { decodeExact, encodeWith } from "./exact.js";
import { readHandshakeBundle, writeHandshakeBundle, type HandshakeBundle } from "./handshake-bundle.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface UpdateRequest {
  bundle: HandshakeBundle;
}

export function writeUpdateRequest(w: Writer, request: UpdateRequest): void {
  writeHandshakeBundle(w, request.bundle);
}

export function readUpdateRequest(r: Reader): UpdateRequest {
  return { bundle: readHandshakeBundle(r) };
}

export function encodeUpdateRequest(request: UpdateRequest): Uint8Array {
  return encodeWith(writeUpdateRequest, request);
}

export function decodeUpdateRequest(bytes: Uint8Array): UpdateRequest {
  return decodeExact(bytes, readUpdateRequest, "UpdateRequest");
}
