// One client's membership of one room: its ts-mls state plus what it has seen in the current epoch.
import type { ClientState } from "ts-mls";
import type { Frank } from "../codec/frank.js";

export interface PendingOwnCommit {
  /** Encoded commit, to recognise it when the hub fans it back. */
  commitBytes: Uint8Array;
  newState: ClientState;
}

export interface ReceivedMessage {
  epoch: bigint;
  sender: string | undefined;
  text: string;
  timestamp: bigint;
  /** The MIMI content as received (the message's plaintext), its message ID, and the user its MLS
   * sender leaf belongs to. */
  content?: Uint8Array;
  messageId?: Uint8Array;
  senderUser?: string;
  /** The hub's frank, kept with the message for an abuse report (protocol §5.4.1). */
  frank?: Frank;
}

/** A message this client sent and the hub accepted: what it would need to refer to it, or to prove it. */
export interface SentMessage {
  kind: import("./message-content.js").MessageKind;
  messageId: Uint8Array;
  content: Uint8Array;
  acceptedTimestamp: bigint;
  frank: Frank | undefined;
}

/** Why this client refused something the hub fanned out: a finding, never silently dropped. */
export interface Refusal {
  epoch: bigint;
  what: "commit" | "proposal" | "message" | "welcome";
  code: string;
  rule: string;
  reason: string;
}

export interface RoomSession {
  state: ClientState;
  /** The state of the epoch before this one (absent for a client that joined in this epoch): what a
   * late or stale sender still holds, kept to build such messages on purpose. */
  previousState: ClientState | undefined;
  pendingCommit: PendingOwnCommit | undefined;
  /** Users whose own leave (or removal) proposal this client accepted in the current epoch, and, in the
   * clients-first order, leavers whose clients are gone until their delisting is committed (R12). */
  blockedUsers: Set<string>;
  /** Users the hub's enforcer's removal or ban blocked in the current epoch (R18): no leavers, so a commit
   * that leaves them listed without clients (it omitted the enforcement) does not keep them blocked. */
  enforcedUsers?: Set<string>;
  /** This client joined in the current epoch (by Welcome or its own external commit): it saw no leave of the
   * epoch before (incoming-checks.ts: whom it takes for a leaver the hub delists). */
  joinedThisEpoch: boolean;
  /** The proposals this client accepted in the current epoch, described, in acceptance order. */
  pendingItems: import("../room/commit-check.js").CommitItem[];
  received: ReceivedMessage[];
  /** The messages this client sent in the room that the hub accepted, in order. */
  ownMessages: SentMessage[];
  /** Encoded application messages this client sent and has not yet seen echoed by the hub. */
  sent: Set<string>;
  refusals: Refusal[];
  /** The room's messages under the receivers' rules (content §9, §5.11): every message this client kept,
   * its own included, in the order every receiver shows. */
  timeline: import("../content/content-timeline.js").ContentTimeline;
}
