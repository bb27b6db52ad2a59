// What an honest client puts in an application message (draft-ietf-mimi-content): MIMI content with a
// fresh 16-octet salt (§4.1), its user and the room in extensions 1 and 2, and one of the everyday kinds —
// a text, a reply, a reaction, an edit, a delete or an unlike, an expiring text, an attachment (§5.2–5.8).
// Edits, deletes and unlikes name a first version's ID (§4.1, digest F60) and keep its topicId, inReplyTo
// and expires (§9.3); a reaction is its own message with disposition reaction, an unlike a NullPart
// replacing it.
import { DISPOSITIONS } from "../content/disposition.js";
import { ROOM_URI_KEY, SENDER_URI_KEY } from "../content/extensions.js";
import type { MessageId } from "../content/message-id.js";
import { encodeMimiContent, messageIdOfEncoded, SALT_LENGTH, type MimiContent } from "../content/mimi-content.js";
import type { NestedPart } from "../content/nested-part.js";
import { AEAD_NONE, HASH_NONE } from "../content/external-part.js";
import { frankingTag } from "../franking/frank.js";
import { encodeMessageAad } from "../franking/message-aad.js";

/** The kinds of message a client sends. */
export const MESSAGE_KINDS = ["text", "reply", "reaction", "edit", "delete", "unlike", "expiring", "attachment"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const TEXT_PLAIN = "text/plain;charset=utf-8";

/** What the sender knows of the room's messages to refer to. */
export interface ContentReferences {
  /** The latest message it holds, anyone's (replies and reactions name it). */
  latest: MessageId | undefined;
  /** The first-version ID of its own latest message that is not itself an edit or delete: what an edit,
   * delete or unlike replaces. */
  ownLatest: MessageId | undefined;
  /** The content of the message `ownLatest` names, when held: a replacement keeps its metadata (§9.3). */
  original?: MimiContent;
}

/** A relative expiry of one hour, well within the year receivers allow (§9.1). */
export const EXPIRING_SECONDS = 3600;

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
    (kind === "reply" || kind === "reaction") && refs.latest === undefined ? "text" : (kind === "edit" || kind === "delete" || kind === "unlike") && refs.ownLatest === undefined ? "text" : kind;
  const base = { salt, topicId: new Uint8Array(0), expires: null, extensions: new Map<number, string>([[SENDER_URI_KEY, user], [ROOM_URI_KEY, roomId]]) };
  // A replacement changes the body only: the original's topic, expiry and reply target stay (§9.3).
  const replacing = { ...base, replaces: refs.ownLatest!, topicId: refs.original?.topicId ?? base.topicId, expires: refs.original?.expires ?? null, inReplyTo: refs.original?.inReplyTo ?? null };
  const content: MimiContent =
    effective === "reply" ? { ...base, replaces: null, inReplyTo: refs.latest!, body: single(text) }
    : effective === "reaction" ? { ...base, replaces: null, inReplyTo: refs.latest!, body: single("\u2764", DISPOSITIONS.reaction) }
    : effective === "edit" ? { ...replacing, body: single(`${text} (edited)`) }
    : effective === "delete" ? { ...replacing, body: { kind: "null", disposition: DISPOSITIONS.render, language: "" } }
    : effective === "unlike" ? { ...replacing, body: { kind: "null", disposition: DISPOSITIONS.reaction, language: "" } }
    : effective === "expiring" ? { ...base, replaces: null, inReplyTo: null, expires: { relative: true, time: EXPIRING_SECONDS }, body: single(text) }
    : effective === "attachment" ? { ...base, replaces: null, inReplyTo: null, body: attachmentAt(user, text) }
    : { ...base, replaces: null, inReplyTo: null, body: single(text) };
  const bytes = encodeMimiContent(content);
  return { kind: effective, content, bytes, messageId: messageIdOfEncoded(bytes) };
}

/** An unencrypted attachment stored at the sender's provider's asset host (`https://assets.<its domain>`,
 * the origin the asset policies of this project's deployments give each provider). */
function attachmentAt(user: string, text: string): NestedPart {
  const domain = /^mimi:\/\/([^/]+)\//.exec(user)?.[1] ?? "invalid";
  const name = text.replace(/[^a-z0-9]+/gi, "-");
  return {
    kind: "external", disposition: DISPOSITIONS.attachment, language: "", contentType: "text/plain;charset=utf-8", url: `https://assets.${domain}/files/${name}.txt`,
    expires: 0, size: 0n, encAlg: AEAD_NONE, key: new Uint8Array(0), nonce: new Uint8Array(0), aad: new Uint8Array(0), hashAlg: HASH_NONE, contentHash: new Uint8Array(0),
    description: text, filename: `${name}.txt`,
  };
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
