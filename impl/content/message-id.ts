// The MIMI message ID (draft-ietf-mimi-content §3.3; -09 counts the URI lengths in octets):
//   hash_output = SHA-256( u16be(len(senderUri)) || senderUri || u16be(len(roomUri)) || roomUri
//                          || content || salt )
//   messageId   = 0x01 || hash_output[0..30]
// SHA-256 (0x01 in the IANA named-information registry) whatever the MLS cipher suite. The salt is the
// content's first field; it is hashed a second time against length extension.
import { createHash } from "node:crypto";
import { ContentError } from "./content-error.js";
import { contentFaults } from "./content-faults.js";

/** A message ID: 32 octets, the first naming the hash algorithm. */
export type MessageId = Uint8Array;

/** The hash-algorithm octet of SHA-256 in the IANA named-information registry. */
export const SHA256_HASH_ALGORITHM = 0x01;

/** The hash algorithms this implementation knows (the first octet of a message ID). */
export const KNOWN_MESSAGE_ID_ALGORITHMS: ReadonlySet<number> = new Set([SHA256_HASH_ALGORITHM]);

/** Checks a message ID read from content: 32 octets, a known hash algorithm (§9.1). */
export function checkMessageId(id: Uint8Array, field: string): void {
  if (id.length !== 32) throw new ContentError("invalidField", `${field} is not 32 octets`);
  if (!KNOWN_MESSAGE_ID_ALGORITHMS.has(id[0])) {
    throw new ContentError("unknownHashAlgorithm", `${field} names hash algorithm ${id[0]}`);
  }
}

function lengthPrefixed(uri: string, which: string): Uint8Array[] {
  const bytes = new TextEncoder().encode(uri);
  const length = contentFaults.uriLengthInCodeUnits ? uri.length : bytes.length;
  if (bytes.length > 0xffff) throw new ContentError("uriTooLong", `${which} URI is ${bytes.length} octets`);
  const prefix = new Uint8Array([(length >> 8) & 0xff, length & 0xff]);
  return [prefix, bytes];
}

/**
 * The message ID of encoded content `contentBytes` (the whole CBOR item, salt included), sent by
 * `senderUri` in `roomUri`, with `salt` the content's salt.
 */
export function computeMessageId(senderUri: string, roomUri: string, contentBytes: Uint8Array, salt: Uint8Array): MessageId {
  const hash = createHash("sha256");
  for (const part of [...lengthPrefixed(senderUri, "sender"), ...lengthPrefixed(roomUri, "room"), contentBytes, salt]) {
    hash.update(part);
  }
  const output = hash.digest();
  const id = new Uint8Array(32);
  id[0] = SHA256_HASH_ALGORITHM;
  id.set(output.subarray(0, 31), 1);
  return id;
}

/** Bytewise comparison of two message IDs (the "lexically lowest" of §5.11 sorts first). */
export function compareMessageIds(a: MessageId, b: MessageId): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Lower-case hex of a message ID, for maps and messages. */
export function messageIdHex(id: MessageId): string {
  return Buffer.from(id).toString("hex");
}
