// What the network shows of KeyPackages, Welcomes and GroupInfos (for the invariants P10, P22, P23): the
// key-material answers the hub relayed, the Adds of the commits it accepted, each Welcome's deliveries
// with the commit that made it, and each GroupInfo it served with the requester's standing when it asked.
// Read off the request and answer bytes, never from the hub's own bookkeeping (the requester's standing
// is the hub's live room at the time of the request: what the draft's entitlement is judged against).
import { encodeMlsMessage, type KeyPackage, type Welcome } from "ts-mls";
import type { CommitBundle } from "../../impl/codec/handshake-bundle.js";
import type { RoomComponents } from "../../impl/mls/room-components.js";

/** A key-material answer the hub passed on (200, userStatus success or partialSuccess). */
export interface RelayedKeyMaterial {
  /** The user asked for (the request's target) and the provider that answered (that user's). */
  readonly targetUser: string;
  readonly answeredBy: string;
  readonly offered: readonly { readonly client: string; readonly keyPackage: KeyPackage }[];
}

/** The Adds (by value) of a commit the hub accepted, and the time it gave. */
export interface AcceptedAdds {
  readonly keyPackages: readonly KeyPackage[];
  readonly acceptedTimestamp: bigint;
}

/** A /notify carrying a Welcome, to one provider. */
export interface WelcomeDelivery {
  readonly to: string;
  /** Hex of the Welcome's bytes: one Welcome, several deliveries. */
  readonly key: string;
  readonly welcome: Welcome;
  /** The /update that carried it, if any did; its commit's hex; whether that commit had reached `to` (or
   * any provider) in a /notify before this delivery. */
  readonly origin?: { readonly commitKey: string; accepted?: boolean };
  readonly afterCommit: boolean;
}

/** A GroupInfo the hub served (200, status success), with who asked and where it stood then. */
export interface ServedGroupInfo {
  readonly from: string;
  readonly requester: string | undefined;
  /** The hub's live room and blocked users when the request arrived. */
  readonly live: RoomComponents | undefined;
  readonly blocked: readonly string[];
  /** The request carried a join code (GroupInfoRequest.joiningCode not empty; R4 join codes). */
  readonly withCode?: boolean;
}

/** Everything above, in the order the wire showed it. */
export interface KeyMaterialWire {
  readonly relayed: RelayedKeyMaterial[];
  readonly acceptedAdds: AcceptedAdds[];
  readonly welcomes: WelcomeDelivery[];
  readonly groupInfos: ServedGroupInfo[];
  /** Welcome (hex) → the /update carrying it. */
  readonly welcomeOrigins: Map<string, { readonly commitKey: string; accepted?: boolean }>;
}

export const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

export function emptyKeyMaterialWire(): KeyMaterialWire {
  return { relayed: [], acceptedAdds: [], welcomes: [], groupInfos: [], welcomeOrigins: new Map() };
}

/** The hex of a Welcome as an MLSMessage (how a /notify carries it). */
export function welcomeKey(welcome: Welcome): string {
  return hexOf(encodeMlsMessage({ version: "mls10", wireformat: "mls_welcome", welcome }));
}

/** The Adds by value of a commit bundle (empty for anything else). */
export function addsOf(bundle: CommitBundle): KeyPackage[] {
  const m = bundle.proposalOrCommit;
  if (m.wireformat !== "mls_public_message" || m.publicMessage.content.contentType !== "commit") return [];
  return m.publicMessage.content.commit.proposals.flatMap((p) => (p.proposalOrRefType === "proposal" && p.proposal.proposalType === "add" ? [p.proposal.add.keyPackage] : []));
}
