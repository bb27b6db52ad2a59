// The MIMI content container (draft-ietf-mimi-content §4.1), a CBOR array of 7:
//   [salt: bstr .size 16, replaces: null / MessageId, topicId: bstr, expires: null / Expiration,
//    inReplyTo: null / MessageId, mimiExtensions: extensions, nestedPart: NestedPart]
// Decoding accepts only deterministic CBOR (§6.1) that passes the data-model, depth and size rules of
// §6.2–6.3 and §9.1, and that re-encodes to the very bytes it came from; anything else is a ContentError.
import { checkUint, isNull, readArray, readBytes } from "./cbor-fields.js";
import { ContentError } from "./content-error.js";
import { contentFaults } from "./content-faults.js";
import { decodeDeterministic, encodeDeterministic } from "./deterministic-cbor.js";
import { decodeExpiration, expirationToCbor, type Expiration } from "./expiration.js";
import { decodeExtensions, extensionsToCbor, ROOM_URI_KEY, SENDER_URI_KEY, textExtension, type ContentExtensions } from "./extensions.js";
import { checkMessageId, computeMessageId, type MessageId } from "./message-id.js";
import { decodeNestedPart, nestedPartToCbor, type NestedPart } from "./nested-part.js";

/** The salt is 16 octets (§4.1). */
export const SALT_LENGTH = 16;
/** A topicId longer than this many octets is malicious (§9.1). */
export const MAX_TOPIC_ID_LENGTH = 4096;

/** One MIMI content message. */
export interface MimiContent {
  /** 16 random octets, fresh per message. */
  salt: Uint8Array;
  /** The first version's ID of the message this one edits, deletes or unlikes; null otherwise. */
  replaces: MessageId | null;
  /** Empty: no topic. */
  topicId: Uint8Array;
  expires: Expiration | null;
  /** The ID of the specific message version this one replies to; null otherwise. */
  inReplyTo: MessageId | null;
  extensions: ContentExtensions;
  body: NestedPart;
}

function readOptionalId(value: unknown, field: string): MessageId | null {
  if (isNull(value)) return null;
  const id = readBytes(value, field);
  checkMessageId(id, field);
  return id;
}

function toCbor(content: MimiContent): unknown {
  if (content.salt.length !== SALT_LENGTH) throw new ContentError("invalidField", "salt is not 16 octets");
  if (content.replaces !== null) checkMessageId(content.replaces, "replaces");
  if (content.inReplyTo !== null) checkMessageId(content.inReplyTo, "inReplyTo");
  if (content.topicId.length > MAX_TOPIC_ID_LENGTH) throw new ContentError("topicIdTooLong", `${content.topicId.length} octets`);
  if (content.expires !== null) checkUint(content.expires.time, "expires.time", 32);
  return [
    content.salt,
    content.replaces,
    content.topicId,
    content.expires === null ? null : expirationToCbor(content.expires),
    content.inReplyTo,
    extensionsToCbor(content.extensions),
    nestedPartToCbor(content.body),
  ];
}

/** Encodes content deterministically (RFC 8949 §4.2.1), checking what decoding checks. */
export function encodeMimiContent(content: MimiContent): Uint8Array {
  return encodeDeterministic(toCbor(content));
}

/**
 * Decodes MIMI content, or throws a ContentError with the reason (see content-error.ts). Never throws
 * anything else.
 */
export function decodeMimiContent(bytes: Uint8Array): MimiContent {
  let content: MimiContent;
  try {
    const a = readArray(decodeDeterministic(bytes), "mimiContent");
    if (a.length !== 7) throw new ContentError("invalidField", `mimiContent has ${a.length} elements, not 7`);
    const salt = readBytes(a[0], "salt");
    if (salt.length !== SALT_LENGTH) throw new ContentError("invalidField", "salt is not 16 octets");
    const topicId = readBytes(a[2], "topicId");
    if (topicId.length > MAX_TOPIC_ID_LENGTH) throw new ContentError("topicIdTooLong", `${topicId.length} octets`);
    content = {
      salt,
      replaces: readOptionalId(a[1], "replaces"),
      topicId,
      expires: isNull(a[3]) ? null : decodeExpiration(a[3]),
      inReplyTo: readOptionalId(a[4], "inReplyTo"),
      extensions: decodeExtensions(a[5]),
      body: decodeNestedPart(a[6]),
    };
    if (!contentFaults.skipReencodeCheck && !sameBytes(encodeMimiContent(content), bytes)) {
      throw new ContentError("nonDeterministicEncoding", "the content does not re-encode to its own bytes");
    }
  } catch (e) {
    if (e instanceof ContentError) throw e;
    // A library or runtime error on hostile input (deep recursion, say) is still a refusal, typed.
    throw new ContentError("malformedCbor", "content refused");
  }
  return content;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The sender URI (extension 1) and room URI (extension 2) of the content, when both are present. */
export function contentUris(content: MimiContent): { senderUri: string; roomUri: string } | undefined {
  const senderUri = textExtension(content.extensions, SENDER_URI_KEY);
  const roomUri = textExtension(content.extensions, ROOM_URI_KEY);
  return senderUri === undefined || roomUri === undefined ? undefined : { senderUri, roomUri };
}

/**
 * The message ID (§3.3) of encoded content, with the sender and room URIs read from its extensions 1
 * and 2 (the drafts do not say which URIs are hashed when these are absent: `missingUri`).
 */
export function messageIdOfEncoded(bytes: Uint8Array): MessageId {
  const content = decodeMimiContent(bytes);
  const uris = contentUris(content);
  if (uris === undefined) throw new ContentError("missingUri", "extensions 1 (sender) and 2 (room) are needed");
  return computeMessageId(uris.senderUri, uris.roomUri, bytes, content.salt);
}

/** The message ID of content (encoded deterministically), URIs from its extensions 1 and 2. */
export function messageIdOfContent(content: MimiContent): MessageId {
  const uris = contentUris(content);
  if (uris === undefined) throw new ContentError("missingUri", "extensions 1 (sender) and 2 (room) are needed");
  return computeMessageId(uris.senderUri, uris.roomUri, encodeMimiContent(content), content.salt);
}
