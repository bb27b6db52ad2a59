// One client's membership of one room: its ts-mls state plus what it has seen in the current epoch.
import type { ClientState } from "ts-mls";

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
  /** Users whose own leave (or removal) proposal this client accepted in the current epoch. */
  blockedUsers: Set<string>;
  /** The proposals this client accepted in the current epoch, described, in acceptance order. */
  pendingItems: import("../room/commit-check.js").CommitItem[];
  received: ReceivedMessage[];
  /** Encoded application messages this client sent and has not yet seen echoed by the hub. */
  sent: Set<string>;
  refusals: Refusal[];
}
