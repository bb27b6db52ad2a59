// struct { opaque uri<V>; } IdentifierUri;  (draft-ietf-mimi-protocol §5.2)
// Held as the URI text. Any URI scheme may appear (handles use others), so only UTF-8 is checked
// here; impl/identity parses mimi:// URIs.

import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export type IdentifierUri = string;

export function writeIdentifierUri(w: Writer, uri: IdentifierUri): void {
  w.string(uri);
}

export function readIdentifierUri(r: Reader): IdentifierUri {
  return r.string();
}

export function encodeIdentifierUri(uri: IdentifierUri): Uint8Array {
  return encodeWith(writeIdentifierUri, uri);
}

export function decodeIdentifierUri(bytes: Uint8Array): IdentifierUri {
  return decodeExact(bytes, readIdentifierUri, "IdentifierUri");
}
