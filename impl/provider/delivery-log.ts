// What a follower handed to each of its clients, item by item, in the order it handed them: the facts
// the invariants on the follower's duties read (processed once, in hub order, moreProposals unchanged).
// A record of the provider's own actions, like a server's access log; it decides nothing.
import { encodeMlsMessage, type MLSMessage } from "ts-mls";
import { encodeFanoutMessage, type FanoutMessage } from "../codec/fanout-message.js";

/** One FanoutMessage handed to one client that took it (held the room, or joined by the Welcome). */
export interface HandedItem {
  readonly client: string;
  readonly roomId: string;
  readonly kind: FanoutMessage["kind"];
  /** The hub's acceptance time the FanoutMessage carries (its place in the hub's order). */
  readonly timestamp: bigint;
  /** Hex of the FanoutMessage as the hub encoded it: the item's identity. */
  readonly item: string;
  /** Hex of the MLS message it carries. */
  readonly message: string;
  /** For a proposal: hex of each of the bundle's other proposals, as the FanoutMessage carried them and
   * as the client was handed them. */
  readonly moreProposalsReceived: readonly string[];
  readonly moreProposalsHanded: readonly string[];
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

export const messageKey = (message: MLSMessage): string => hex(encodeMlsMessage(message));

export const itemKey = (item: FanoutMessage): string => hex(encodeFanoutMessage(item));

export class DeliveryLog {
  readonly handed: HandedItem[] = [];

  record(client: string, roomId: string, item: FanoutMessage, handedMore: readonly MLSMessage[]): void {
    this.handed.push({
      client,
      roomId,
      kind: item.kind,
      timestamp: item.timestamp,
      item: itemKey(item),
      message: messageKey(item.message),
      moreProposalsReceived: item.kind === "proposal" ? item.moreProposals.map(messageKey) : [],
      moreProposalsHanded: handedMore.map(messageKey),
    });
  }
}
