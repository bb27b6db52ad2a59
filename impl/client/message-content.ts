// What an honest client puts in an application message (draft-ietf-mimi-content): MIMI content with a
// fresh 16-octet salt (§4.1), its user and the room in extensions 1 and 2, and one of the everyday kinds —
// a text, a reply, a reaction, an edit or a delete of its own message (§5.2–5.5). Edits and deletes name
// the first version's ID (§4.1, digest F60); a reaction is its own message with disposition reaction.
import { DISPOSITIONS } from "../content/disposition.js";
import { ROOM_URI_KEY, SENDER_URI_KEY } from "../content/extensions.js";
import type { MessageId } from "../content/message-id.js";
import { encodeMimiContent, messageIdOfEncoded, SALT_LENGTH, type MimiContent } from "../content/mimi-content.js";
import type { NestedPart } from "../content/nested-part.js";
import { frankingTag } from "../franking/frank.js";
import { encodeMessageAad } from "../franking/message-aad.js";

/** The kinds of message a client sends. */
export const MESSAGE_KINDS = ["text", "reply", "reaction", "edit", "delete"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const TEXT_PLAIN = "text/plain;charset=utf-8";

/** What the sender knows of the room's messages to refer to. */
export interface ContentReferences {
  /** The latest message it holds, anyone's (replies and reactions name it). */
  latest: MessageId | undefined;
  /** The first-version ID of its own latest message that is not itself an edit or delete. */
  ownLatest: MessageId | undefined;
}

export interface BuiltContent {
  /** The kind actually sent: an edit or delete with nothing of its own to change, or a reply or reaction
   * with nothing to refer to, is sent as a text. */
  kind: MessageKind;
  content: MimiContent;
  bytes: Uint8Array;
  messageId: MessageId;
}

const utf8 = new TextEncoder();

function single(text: string, disposition: number = DISPOSITIONS.render): NestedPart {
  return { kind: "single", disposition, language: "", contentType: TEXT_PLAIN, content: utf8.encode(text) };
}

/** MIMI content of `kind` from `user` in `roomId`, with the given fresh salt. */
export function buildMessageContent(kind: MessageKind, text: string, user: string, roomId: string, salt: Uint8Array, refs: ContentReferences): BuiltContent {
  if (salt.length !== SALT_LENGTH) throw new Error("a salt is 16 octets");
  const effective: MessageKind =
    (kind === "reply" || kind === "reaction") && refs.latest === undefined ? "text" : (kind === "edit" || kind === "delete") && refs.ownLatest === undefined ? "text" : kind;
  const base = { salt, topicId: new Uint8Array(0), expires: null, extensions: new Map<number, string>([[SENDER_URI_KEY, user], [ROOM_URI_KEY, roomId]]) };
  const content: MimiContent =
    effective === "reply" ? { ...base, replaces: null, inReplyTo: refs.latest!, body: single(text) }
    : effective === "reaction" ? { ...base, replaces: null, inReplyTo: refs.latest!, body: single("\u2764", DISPOSITIONS.reaction) }
    : effective === "edit" ? { ...base, replaces: refs.ownLatest!, inReplyTo: null, body: single(`${text} (edited)`) }
    : effective === "delete" ? { ...base, replaces: refs.ownLatest!, inReplyTo: null, body: { kind: "null", disposition: DISPOSITIONS.render, language: "" } }
    : { ...base, replaces: null, inReplyTo: null, body: single(text) };
  const bytes = encodeMimiContent(content);
  return { kind: effective, content, bytes, messageId: messageIdOfEncoded(bytes) };
}

/** The text of a body, for display: a single text part's, or "" (a delete, an attachment, several parts). */
export function bodyText(body: NestedPart): string {
  return body.kind === "single" ? new TextDecoder().decode(body.content) : "";
}

/** An honest application message's plaintext and authenticated data: `text` as MIMI content from `user`
 * in `roomId`, its franking tag and the sender claim `claimed` (the user itself, unless forging). */
export function applicationPayload(text: string, user: string, roomId: string, salt: Uint8Array, claimed: string = user): { plaintext: Uint8Array; authenticatedData: Uint8Array } {
  const built = buildMessageContent("text", text, user, roomId, salt, { latest: undefined, ownLatest: undefined });
  return { plaintext: built.bytes, authenticatedData: encodeMessageAad({ senderClaim: claimed, frankingTag: frankingTag(salt, built.bytes) }) };
}
