// The values a receiver derives for a message (draft-ietf-mimi-content §4.6, implied.cddl), as the
// draft's `implied-original` example encodes them: a CBOR array of 7
//   [messageId, hubAcceptedTimestamp, mlsGroupId, senderLeafIndex (uint32), senderClientUrl,
//    senderUserUrl, roomUrl]
// The timestamp is milliseconds since the Unix epoch (uint64); the draft's alternative, an RFC 9581
// extended time (tag 1001), is refused here as `invalidField` (no example or peer uses it yet).
import { checkUint, readArray, readBytes, readText, readUint } from "./cbor-fields.js";
import { ContentError } from "./content-error.js";
import { decodeDeterministic, encodeDeterministic } from "./deterministic-cbor.js";
import { checkMessageId, type MessageId } from "./message-id.js";

/** What a receiver knows about a message beyond its content. */
export interface MessageDerivedValues {
  messageId: MessageId;
  /** Milliseconds since the Unix epoch, as the hub accepted the message. */
  hubAcceptedTimestamp: number;
  mlsGroupId: Uint8Array;
  senderLeafIndex: number;
  senderClientUrl: string;
  senderUserUrl: string;
  roomUrl: string;
}

/** Decodes derived values (deterministic CBOR, as for content), or throws a ContentError. */
export function decodeDerivedValues(bytes: Uint8Array): MessageDerivedValues {
  try {
    const a = readArray(decodeDeterministic(bytes), "MessageDerivedValues");
    if (a.length !== 7) throw new ContentError("invalidField", `MessageDerivedValues has ${a.length} elements`);
    const messageId = readBytes(a[0], "messageId");
    checkMessageId(messageId, "messageId");
    const values: MessageDerivedValues = {
      messageId,
      hubAcceptedTimestamp: readUint(a[1], "hubAcceptedTimestamp", 53),
      mlsGroupId: readBytes(a[2], "mlsGroupId"),
      senderLeafIndex: readUint(a[3], "senderLeafIndex", 32),
      senderClientUrl: readText(a[4], "senderClientUrl"),
      senderUserUrl: readText(a[5], "senderUserUrl"),
      roomUrl: readText(a[6], "roomUrl"),
    };
    const again = encodeDerivedValues(values);
    if (again.length !== bytes.length || again.some((x, i) => x !== bytes[i])) {
      throw new ContentError("nonDeterministicEncoding", "derived values do not re-encode to their own bytes");
    }
    return values;
  } catch (e) {
    if (e instanceof ContentError) throw e;
    throw new ContentError("malformedCbor", "derived values refused");
  }
}

/** Encodes derived values deterministically. */
export function encodeDerivedValues(values: MessageDerivedValues): Uint8Array {
  checkMessageId(values.messageId, "messageId");
  checkUint(values.hubAcceptedTimestamp, "hubAcceptedTimestamp", 64);
  checkUint(values.senderLeafIndex, "senderLeafIndex", 32);
  return encodeDeterministic([
    values.messageId,
    values.hubAcceptedTimestamp,
    values.mlsGroupId,
    values.senderLeafIndex,
    values.senderClientUrl,
    values.senderUserUrl,
    values.roomUrl,
  ]);
}
