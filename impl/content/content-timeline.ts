// What a receiving client does with decoded MIMI content (draft-ietf-mimi-content §4.1, §5.11, §9), as
// pure functions over an immutable timeline:
// - §9.1 discard (and log) as malicious: a sender who is not a member; a message ID already held; a hub
//   timestamp more than a few minutes in the future (FUTURE_SKEW_MS, 5 minutes, against the receiver's
//   clock), before the first concrete syntax of the draft (EARLIEST_TIMESTAMP_MS), or before the room
//   was created; an expiry more than a year (365 days) away from the hub timestamp, past (absolute only)
//   or future (both);
// - content whose sender URI (extension 1) or room URI (extension 2) is not the authenticated sender or
//   this room (franking relies on both, protocol §5.4.1);
// - §4.1: a reply loop (following inReplyTo through held messages leads back to the new message);
// - §9.3: an edit or delete (`replaces`) of a held message by anyone but its sender, unless a concrete
//   policy allows it (the `authorizes` input); even the sender may change only the body — topicId,
//   expires and inReplyTo stay the first version's; and `replaces` must name a first version (§4.1);
// - legitimate, kept: `replaces` or `inReplyTo` naming a message not held (sent before we joined).
// Order (§5.11): hub timestamp, then the lexically lowest message ID.
import { contentFaults } from "./content-faults.js";
import { compareMessageIds, messageIdHex, type MessageId } from "./message-id.js";
import { ROOM_URI_KEY, SENDER_URI_KEY, textExtension } from "./extensions.js";
import type { MimiContent } from "./mimi-content.js";

/** A hub timestamp more than this far ahead of the receiver's clock is malicious ("a few minutes"). */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;
/**
 * No message predates this: 2024-01-01T00:00:00Z, the start of the year of draft-ietf-mimi-content-03,
 * the first revision with a concrete syntax (tagged 2024-04-23). Earlier than the tag on purpose: a
 * floor too late would discard honest messages, one a little early only lets implausible ones through.
 */
export const EARLIEST_TIMESTAMP_MS = Date.UTC(2024, 0, 1);
/** "A year" for expiry checks: 365 days. */
export const EXPIRY_WINDOW_SECONDS = 365 * 24 * 60 * 60;

/** A message as the receiver got it: its ID computed from the received bytes, the hub's timestamp. */
export interface ReceivedMessage {
  /** computeMessageId over the received content bytes (the timeline does not recompute it). */
  messageId: MessageId;
  /** The hub accepted timestamp, milliseconds since the Unix epoch. */
  hubTimestampMs: number;
  /** The user URI the MLS credential of the sending leaf names. */
  senderUri: string;
  content: MimiContent;
}

/** What a replacement does to the message it replaces. */
export type ReplaceKind = "edit" | "delete" | "changeMetadata";

/** The room-specific inputs of the rules. */
export interface TimelineRules {
  roomUri: string;
  roomCreatedMs: number;
  /** Defaults to EARLIEST_TIMESTAMP_MS. */
  earliestTimestampMs?: number;
  /** Defaults to FUTURE_SKEW_MS. */
  futureSkewMs?: number;
  /** Was `senderUri` a member of the room when the hub accepted the message? */
  isMember(senderUri: string, hubTimestampMs: number): boolean;
  /**
   * The concrete policy of §9.3: may `actorUri` make this change to `original` (held, sent by another
   * user, or by the actor when kind is changeMetadata)? E.g. a role with canDeleteOtherMessage.
   */
  authorizes(actorUri: string, original: ReceivedMessage, kind: ReplaceKind): boolean;
  /** Planted defects of this one receiver (a client's switches, impl/client/client-faults.ts), beside the
   * module-wide content faults: either turns the check off. */
  faults?: TimelineFaults;
}

/** The timeline's checks a single receiver can be made to skip (planted defects, never defaults). */
export interface TimelineFaults {
  /** Keep a message whose ID is already held (§9.1). */
  acceptDuplicateIds?: boolean;
  /** Accept an edit or delete from anyone (§9.3). */
  skipReplaceAuthorization?: boolean;
  /** Order messages with equal hub timestamps by arrival, not by the lowest message ID (§5.11). */
  orderByArrival?: boolean;
}

/** Why a message was discarded. */
export type DiscardReason =
  | "duplicateMessageId"
  | "senderNotMember"
  | "senderUriMismatch"
  | "roomUriMismatch"
  | "timestampInFuture"
  | "timestampBeforeSpecification"
  | "timestampBeforeRoom"
  | "expiryTooFarPast"
  | "expiryTooFarFuture"
  | "replyLoop"
  | "replacesNotFirstVersion"
  | "replaceNotAuthorized"
  | "replaceChangesMoreThanBody";

/**
 * The digest §7 F invariant each discard enforces, to name the rule of a receiver's refusal: F55 unique
 * message IDs, F58 reply loops, F59 edits and deletes only from the original sender, F60 replacements name
 * the first version, F61 the sender and room the content names are the authenticated ones, F62 the hub's
 * timestamp (sane against the receiver's clock, the specification and the room), F57 the content's own
 * well-formedness (its expiry).
 */
export const DISCARD_RULE = {
  duplicateMessageId: "F55",
  senderNotMember: "F61",
  senderUriMismatch: "F61",
  roomUriMismatch: "F61",
  timestampInFuture: "F62",
  timestampBeforeSpecification: "F62",
  timestampBeforeRoom: "F62",
  expiryTooFarPast: "F57",
  expiryTooFarFuture: "F57",
  replyLoop: "F58",
  replacesNotFirstVersion: "F60",
  replaceNotAuthorized: "F59",
  replaceChangesMoreThanBody: "F59",
} as const satisfies Record<DiscardReason, string>;

/** The verdict on one received message. */
export type TimelineVerdict = { accepted: true } | { accepted: false; reason: DiscardReason };

interface Held {
  message: ReceivedMessage;
  arrival: number;
}

/** The messages a receiver holds (immutable; `receive` returns a new one). */
export interface ContentTimeline {
  readonly rules: TimelineRules;
  readonly held: ReadonlyMap<string, Held>;
  readonly arrivals: number;
}

/** An empty timeline for a room. */
export function emptyTimeline(rules: TimelineRules): ContentTimeline {
  return { rules, held: new Map(), arrivals: 0 };
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function replyLoop(held: ReadonlyMap<string, Held>, message: ReceivedMessage): boolean {
  const seen = new Set<string>([messageIdHex(message.messageId)]);
  let next = message.content.inReplyTo;
  while (next !== null) {
    const key = messageIdHex(next);
    if (seen.has(key)) return true;
    seen.add(key);
    const parent = held.get(key);
    if (parent === undefined) return false; // an unknown message: legitimate (§9.1)
    next = parent.message.content.inReplyTo;
  }
  return false;
}

function judge(timeline: ContentTimeline, message: ReceivedMessage, nowMs: number): DiscardReason | undefined {
  const { rules, held } = timeline;
  const content = message.content;
  const faults = rules.faults ?? {};
  if (held.has(messageIdHex(message.messageId)) && !contentFaults.acceptDuplicateIds && faults.acceptDuplicateIds !== true) return "duplicateMessageId";
  if (!rules.isMember(message.senderUri, message.hubTimestampMs)) return "senderNotMember";
  const senderUri = textExtension(content.extensions, SENDER_URI_KEY);
  if (senderUri !== undefined && senderUri !== message.senderUri) return "senderUriMismatch";
  const roomUri = textExtension(content.extensions, ROOM_URI_KEY);
  if (roomUri !== undefined && roomUri !== rules.roomUri) return "roomUriMismatch";
  const ts = message.hubTimestampMs;
  if (ts > nowMs + (rules.futureSkewMs ?? FUTURE_SKEW_MS)) return "timestampInFuture";
  if (ts < (rules.earliestTimestampMs ?? EARLIEST_TIMESTAMP_MS)) return "timestampBeforeSpecification";
  if (ts < rules.roomCreatedMs) return "timestampBeforeRoom";
  if (content.expires !== null) {
    const windowMs = EXPIRY_WINDOW_SECONDS * 1000;
    if (content.expires.relative) {
      if (content.expires.time > EXPIRY_WINDOW_SECONDS) return "expiryTooFarFuture";
    } else {
      const atMs = content.expires.time * 1000;
      if (atMs < ts - windowMs) return "expiryTooFarPast";
      if (atMs > ts + windowMs) return "expiryTooFarFuture";
    }
  }
  if (!contentFaults.skipReplyLoopCheck && replyLoop(held, message)) return "replyLoop";
  if (content.replaces !== null) {
    const target = held.get(messageIdHex(content.replaces));
    if (target !== undefined) {
      const original = target.message;
      if (original.content.replaces !== null) return "replacesNotFirstVersion";
      if (!contentFaults.skipReplaceAuthorization && faults.skipReplaceAuthorization !== true) {
        const kind: ReplaceKind = content.body.kind === "null" ? "delete" : "edit";
        if (original.senderUri !== message.senderUri && !rules.authorizes(message.senderUri, original, kind)) {
          return "replaceNotAuthorized";
        }
        const sameMetadata =
          sameBytes(content.topicId, original.content.topicId) &&
          sameBytes(content.inReplyTo, original.content.inReplyTo) &&
          JSON.stringify(content.expires) === JSON.stringify(original.content.expires);
        if (!sameMetadata && !rules.authorizes(message.senderUri, original, "changeMetadata")) {
          return "replaceChangesMoreThanBody";
        }
      }
    }
  }
  return undefined;
}

/**
 * Receives one message at the receiver's clock `nowMs`: the verdict, and the timeline holding the
 * message when accepted (the same timeline when discarded).
 */
export function receive(
  timeline: ContentTimeline,
  message: ReceivedMessage,
  nowMs: number,
): { timeline: ContentTimeline; verdict: TimelineVerdict } {
  const reason = judge(timeline, message, nowMs);
  if (reason !== undefined) return { timeline, verdict: { accepted: false, reason } };
  const held = new Map(timeline.held);
  const key = messageIdHex(message.messageId);
  // With the duplicate fault on, a second copy is kept beside the first instead of being dropped.
  held.set(held.has(key) ? `${key}#${timeline.arrivals}` : key, { message, arrival: timeline.arrivals });
  return { timeline: { ...timeline, held, arrivals: timeline.arrivals + 1 }, verdict: { accepted: true } };
}

/** The held messages in the order of §5.11 (hub timestamp, then lowest message ID), optionally one topic's. */
export function orderedMessages(timeline: ContentTimeline, topicId?: Uint8Array): ReceivedMessage[] {
  const entries = [...timeline.held.values()].filter(
    (h) => topicId === undefined || sameBytes(h.message.content.topicId, topicId),
  );
  entries.sort((a, b) => {
    const byTime = a.message.hubTimestampMs - b.message.hubTimestampMs;
    if (byTime !== 0) return byTime;
    if (contentFaults.tieBreakByArrival || timeline.rules.faults?.orderByArrival === true) return a.arrival - b.arrival;
    return compareMessageIds(a.message.messageId, b.message.messageId);
  });
  return entries.map((h) => h.message);
}

/**
 * The version of message `id` to show: the last held replacement of it in timeline order, or the
 * message itself; undefined when neither is held.
 */
export function currentVersion(timeline: ContentTimeline, id: MessageId): ReceivedMessage | undefined {
  let current = timeline.held.get(messageIdHex(id))?.message;
  for (const m of orderedMessages(timeline)) {
    if (m.content.replaces !== null && sameBytes(m.content.replaces, id)) current = m;
  }
  return current;
}
