// What a receiving client keeps of an accepted message, and what it discards (draft-ietf-mimi-content §9,
// digest §5.4 and §7 F55–F60), over abstract messages: an ID, the sending user and client, a kind, and the
// message a reply, reaction or replacement names. The hub sees none of this (the content is encrypted), so
// the room machine's verdict on a `sendMessage` (R14) is unchanged; this record sits beside the room model
// and says, per receiver, what it must do with each message the hub accepted.
//
// The draft's text, rule by rule (in the order a receiver applies them; the first that speaks decides):
// - §9.1 "a message ID that is a duplicate of another message ID already received": discard (F55).
// - §4.1 `replaces` names the first version of the message; a replacement naming a replacement is not a
//   valid edit, delete or unlike (F60).
// - §9.3 "MUST NOT accept an edit or delete from anyone except the original sender unless a concrete
//   policy allows it". Room-policy's registry (digest §3.3) has canDeleteOtherMessage (0x010b) and
//   canDeleteOtherReaction (0x0108), so a delete of another's message, or an unlike of another's reaction,
//   is kept when the sender's role holds the matching one. It has no capability to edit another's body
//   (canEditOtherTopic changes only a topic), so an edit of another's message is discarded (F59).
// - §9.1 "inReplyTo or replaces pointing to an unknown message" is legitimate: kept, unjudged.
// - A reply or reaction names any message: kept (a loop cannot be built, a message ID hashes its content).
// - An expiring text (a relative expiry within a year) and an attachment are kept.
import type { CapabilityName } from "./capabilities.js";
import type { ClientId, UserId } from "./ids.js";

/** The kinds of content a sender puts in a message. */
export const CONTENT_KINDS = ["text", "reply", "reaction", "edit", "delete", "unlike", "expiring", "attachment", "duplicate"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** Kinds that name another message (`replaces` or `inReplyTo`), or repeat one (duplicate). */
export type TargetedKind = "reply" | "reaction" | "edit" | "delete" | "unlike" | "duplicate";
const REPLACEMENTS: ReadonlySet<ContentKind> = new Set(["edit", "delete", "unlike"]);

/** The content a sender chose, by index, before it is resolved against what its client holds. */
export interface ContentChoice {
  readonly kind: ContentKind;
  /** Which candidate to name: 0 the latest, counting back, wrapping around. */
  readonly target: number;
}

/** Content resolved against the sending client's holdings: a kind and, for a targeted kind, the message it names. */
export type MessageContent =
  | { readonly kind: Exclude<ContentKind, TargetedKind> }
  | { readonly kind: TargetedKind; readonly target: string };

/** One message the hub accepted, as the record keeps it. */
export interface LoggedMessage {
  /** Abstract message ID ("m1", "m2", …); a duplicate carries the ID of the message it repeats. */
  readonly id: string;
  readonly sender: UserId;
  readonly senderClient: ClientId;
  /** The content (for a duplicate: the repeated message's content, which is what the bytes are). */
  readonly content: MessageContent;
}

/** The record of accepted messages: each distinct message ID once, and which clients hold it. */
export interface MessageLog {
  /** Distinct messages in acceptance order (a duplicate adds no entry). */
  readonly messages: readonly LoggedMessage[];
  /** Message ID → the clients whose timeline holds it. */
  readonly holders: Readonly<Record<string, readonly ClientId[]>>;
}

export type DiscardReason = "duplicateMessageId" | "replacesNotFirstVersion" | "replaceNotAuthorized";

/** The digest §7 F invariant each discard enforces (the same names a client records). */
export const MESSAGE_DISCARD_RULE: Readonly<Record<DiscardReason, string>> = {
  duplicateMessageId: "F55",
  replacesNotFirstVersion: "F60",
  replaceNotAuthorized: "F59",
};

/** What one receiver must do with one message. */
export type ReceiverDecision = { readonly keep: true } | { readonly keep: false; readonly reason: DiscardReason; readonly rule: string };

export const emptyMessageLog: MessageLog = { messages: [], holders: {} };

const holds = (log: MessageLog, client: ClientId, id: string) => (log.holders[id] ?? []).includes(client);
const byId = (log: MessageLog, id: string) => log.messages.find((m) => m.id === id);

/**
 * The messages a client may name with `kind`, latest first: only what its own timeline holds (a sender
 * knows no other ID). A reply or reaction names any held message; an edit or delete any held message (its
 * own or another's, a first version or not: the receivers judge); an unlike a held reaction; a duplicate
 * repeats a message this very client sent (it alone has the bytes).
 */
export function candidates(log: MessageLog, client: ClientId, kind: TargetedKind): string[] {
  const held = log.messages.filter((m) => holds(log, client, m.id));
  const fitting =
    kind === "unlike" ? held.filter((m) => m.content.kind === "reaction")
    : kind === "duplicate" ? log.messages.filter((m) => m.senderClient === client)
    : held;
  return fitting.map((m) => m.id).reverse();
}

/** The content `choice` stands for when `client` sends: a targeted kind with no candidate is sent as a text. */
export function resolveContent(log: MessageLog, client: ClientId, choice: ContentChoice): MessageContent {
  const { kind } = choice;
  if (kind === "text" || kind === "expiring" || kind === "attachment") return { kind };
  const ids = candidates(log, client, kind);
  if (ids.length === 0) return { kind: "text" };
  return { kind, target: ids[choice.target % ids.length]! };
}

/** The message a send makes: a fresh ID, or for a duplicate the repeated message with its own content. */
export function messageOf(log: MessageLog, sender: UserId, senderClient: ClientId, content: MessageContent): LoggedMessage {
  if (content.kind === "duplicate") return byId(log, content.target)!;
  return { id: `m${log.messages.length + 1}`, sender, senderClient, content };
}

/** Whether a role holds a capability, as the receiver reads the sender's current role. */
export type SenderCan = (capability: CapabilityName) => boolean;

/**
 * The decision of `receiver` on `message` (built by messageOf), given what it holds now and what the
 * sender's current role holds (`senderCan`). The sender's own client judges its message too: its
 * timeline takes it at the hub's time. A duplicate is judged as the message it repeats, by a receiver
 * that does not hold that one.
 */
export function receiverDecision(log: MessageLog, receiver: ClientId, message: LoggedMessage, senderCan: SenderCan): ReceiverDecision {
  const discard = (reason: DiscardReason): ReceiverDecision => ({ keep: false, reason, rule: MESSAGE_DISCARD_RULE[reason] });
  if (holds(log, receiver, message.id)) return discard("duplicateMessageId");
  const content = message.content;
  if (!REPLACEMENTS.has(content.kind) || !("target" in content)) return { keep: true };
  // A replacement of a message this receiver does not hold is legitimate (§9.1) and cannot be judged.
  if (!holds(log, receiver, content.target)) return { keep: true };
  const original = byId(log, content.target)!;
  if (REPLACEMENTS.has(original.content.kind)) return discard("replacesNotFirstVersion");
  if (original.sender === message.sender) return { keep: true };
  if (content.kind === "edit") return discard("replaceNotAuthorized");
  const needed: CapabilityName = original.content.kind === "reaction" ? "canDeleteOtherReaction" : "canDeleteOtherMessage";
  return senderCan(needed) ? { keep: true } : discard("replaceNotAuthorized");
}

/** The record after `message` was accepted and each of `decisions` made (clients not named did not get it). */
export function recordMessage(log: MessageLog, message: LoggedMessage, decisions: ReadonlyMap<ClientId, ReceiverDecision>): MessageLog {
  const known = byId(log, message.id) !== undefined;
  const keepers = [...decisions].filter(([, d]) => d.keep).map(([c]) => c);
  const holders = [...new Set([...(log.holders[message.id] ?? []), ...keepers])].sort();
  return { messages: known ? log.messages : [...log.messages, message], holders: { ...log.holders, [message.id]: holders } };
}

/** The record without the holdings of clients no longer in the room (a client that comes back starts empty). */
export function forgetClients(log: MessageLog, members: ReadonlySet<ClientId>): MessageLog {
  let changed = false;
  const holders: Record<string, readonly ClientId[]> = {};
  for (const [id, clients] of Object.entries(log.holders)) {
    const kept = clients.filter((c) => members.has(c));
    if (kept.length !== clients.length) changed = true;
    holders[id] = kept;
  }
  return changed ? { ...log, holders } : log;
}

/** A message's content in words, for a step's text. */
export function describeContent(content: MessageContent): string {
  return "target" in content ? `${content.kind} of ${content.target}` : content.kind;
}
