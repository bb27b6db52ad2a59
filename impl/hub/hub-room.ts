// What the hub keeps per room (protocol §4.3.1, §7.1): its public view of the group, the proposals it
// accepted in the current epoch (the hub-live state is the committed state plus these), the users it
// blocked, and where to route Welcomes.
import type { MLSMessage, ProposalWithSender } from "ts-mls";
import type { Actor, CommitItem } from "../room/commit-check.js";
import type { PublicGroupView } from "../mls/public-group-view.js";

export interface PendingProposal {
  /** ProposalRef, base64. */
  ref: string;
  message: MLSMessage;
  proposalWithSender: ProposalWithSender;
  proposer: Actor;
  item: CommitItem;
  acceptedAt: bigint;
  /** Users this proposal blocks until it is committed (a leave's proposer, the hub's delisting target). */
  blocks: string[];
}

export interface AcceptedCommit {
  epoch: bigint;
  committer: string;
  commitBytes: Uint8Array;
}

export interface HubRoom {
  roomId: string;
  view: PublicGroupView;
  pending: PendingProposal[];
  /** Users whose removal or own leave the hub accepted and which is not yet fully committed (§5.3). */
  blocked: Set<string>;
  /** KeyPackageRef (base64) → provider domain, recorded when relaying key material (§5.2). */
  keyPackageRoutes: Map<string, string>;
  /** One accepted commit per epoch, in order (P9). */
  history: AcceptedCommit[];
}
