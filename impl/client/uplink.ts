// What a client needs from its own provider. Client ↔ own provider is provider-internal (outside MIMI);
// the provider turns each call into a MIMI request to the hub, encoded to bytes.
import type { Credential, GroupInfo, KeyPackage, MLSMessage, RatchetTree } from "ts-mls";

import type { CommitBundle, ProposalBundle } from "../codec/handshake-bundle.js";
import type { SubmitOutcome, UpdateOutcome } from "../transport/outcomes.js";
export type { SubmitOutcome, UpdateOutcome };

export interface KeyMaterialOutcome {
  code: string;
  keyPackages: { client: string; keyPackage: KeyPackage }[];
}

export type GroupInfoOutcome =
  | { code: "success"; groupInfo: GroupInfo; ratchetTree: RatchetTree; pendingProposals: MLSMessage[] }
  | { code: "notAuthorized" | "noSuchRoom" | "transportError"; description: string };

/** Signing material a client lends to requests that must be signed (KeyMaterialRequest, GroupInfoRequest). */
export interface RequesterIdentity {
  clientUri: string;
  userUri: string;
  signaturePublicKey: Uint8Array;
  signaturePrivateKey: Uint8Array;
  /** The credential for this key (its provider's certificate under x509); a basic one naming clientUri when absent. */
  credential?: Credential;
}

export interface ClientUplink {
  sendCommit(roomId: string, bundle: CommitBundle): Promise<UpdateOutcome>;
  sendProposals(roomId: string, bundle: ProposalBundle): Promise<UpdateOutcome>;
  submitMessage(roomId: string, message: MLSMessage, sendingUri: string): Promise<SubmitOutcome>;
  fetchKeyPackages(roomId: string, requester: RequesterIdentity, targetUser: string): Promise<KeyMaterialOutcome>;
  /** `joiningCode`: a join code (GroupInfoRequest.joiningCode, R4 join codes); none when absent. */
  fetchGroupInfo(roomId: string, requester: RequesterIdentity, hpkePublicKey: Uint8Array, hpkePrivateKey: Uint8Array, joiningCode?: Uint8Array): Promise<GroupInfoOutcome>;
}
