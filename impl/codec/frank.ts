// struct { uint8 server_frank[32]; uint16 franking_signature_ciphersuite;
//          opaque franking_integrity_signature<V>; } Frank;   (draft-ietf-mimi-protocol §5.4)

import { decodeExact, encodeWith } from "./exact.js";
import type { CipherSuiteId } from "./mls-structs.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const SERVER_FRANK_LENGTH = 32;

export interface Frank {
  /** Exactly 32 bytes. */
  serverFrank: Uint8Array;
  frankingSignatureCiphersuite: CipherSuiteId;
  frankingIntegritySignature: Uint8Array;
}

export function writeFrank(w: Writer, frank: Frank): void {
  w.fixedOpaque(frank.serverFrank, SERVER_FRANK_LENGTH);
  w.uint16(frank.frankingSignatureCiphersuite);
  w.opaque(frank.frankingIntegritySignature);
}

export function readFrank(r: Reader): Frank {
  const serverFrank = r.fixedOpaque(SERVER_FRANK_LENGTH);
  const frankingSignatureCiphersuite = r.uint16();
  const frankingIntegritySignature = r.opaque();
  return { serverFrank, frankingSignatureCiphersuite, frankingIntegritySignature };
}

export function encodeFrank(frank: Frank): Uint8Array {
  return encodeWith(writeFrank, frank);
}

export function decodeFrank(bytes: Uint8Array): Frank {
  return decodeExact(bytes, readFrank, "Frank");
}
