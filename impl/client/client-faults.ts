// Planted defects in a client, for tests and campaigns: never defaults. Each switch makes a client break
// one rule, to ask what happens when clients skip X (alone, or together with a hub that skips X too), and
// to show that the check meant to catch it does. The hub's counterpart is HubFaults (impl/hub/hub-config.ts).

import { CREDENTIAL_CHECK_FAULTS, type CredentialCheckFaults } from "../identity/credential-validation.js";

/** Fault switches of one client; all off unless a test or campaign turns one on. The credential-validation
 * switches (CredentialCheckFaults) each switch one step off in the client's validation of every credential
 * it meets, as the hub's switches of the same names do. */
export interface ClientFaults extends CredentialCheckFaults {
  /** As a committer, also encrypt the UpdatePath's root path secret to every leaf the commit removes
   * (RFC 9420 §7.4 excludes them): the removed clients can derive the new epoch. */
  leakPathSecretToRemoved?: boolean;
  /** Accept fanned-out commits without checking them against the room rules (R1–R10, R13). */
  skipCommitPolicy?: boolean;
  /** Create a room, and join one by Welcome or external commit, whatever its roles_list (R0; docs/rules.md
   * "Generated policies"). */
  skipRoleSetCheck?: boolean;
  /** Join, by Welcome or external commit, a room however ill-formed: a client of a user not listed in a role
   * that allows clients (a banned user's included), a user listed twice or in role 0, a client at two leaves
   * (R23; digest §7 A1–A3, 16). */
  skipJoinedRoomCheck?: boolean;
  /** Accept fanned-out commits that leave out proposals accepted in the epoch, whatever the variant (R11). */
  skipPendingInclusionCheck?: boolean;
  /** Accept fanned-out proposal bundles without checking them against the room rules (R10, R12). */
  skipProposalPolicy?: boolean;
  /** Accept application messages whose MLS sender is not the user they claim to be sent by (H0 at the
   * receiver: the sendingUri the hub bound to the sending provider, carried as the message's authenticated data). */
  skipSenderCheck?: boolean;
  /** Accept a fanned-out commit whose resync replaces another client's leaf or the same client under
   * another signature key, or whose new leaf for a member names another client (H14, RFC 9420 §5.3.3). */
  skipResyncCheck?: boolean;
  /** The hub's switches of the same names, in every honest client's own check of fanned-out commits
   * (impl/hub/hub-config.ts): H6–H7, H10, H12, H9. */
  skipClientsAfterCommitCheck?: boolean;
  skipUnknownProposalCheck?: boolean;
  skipExternalSendersCheck?: boolean;
  skipDictionaryCheck?: boolean;
  /** Accept fanned-out commits whatever the base room policy's caps and fixed membership (R21). */
  skipBasePolicyCheck?: boolean;
  /** Accept commits' changes of roles_list, base_room_policy and room_metadata unjudged (R22). */
  skipRoomChangeCheck?: boolean;
  /** Planted defect: drop, without recording a refusal, anything fanned out for an epoch other than its own (a
   * commit, a proposal bundle, a message): a client left behind never says so, and diverges silently. */
  ignoreOtherEpochs?: boolean;
  /** Accept the hub's own external proposals whatever they change, as if the hub held every right: the
   * room gives the hub no role (room-policy §4, §8 intro; digest §7 B28), so with the check on it may only
   * delist a user whose clients are gone (R12) — a compromised hub can then list, add, re-role or remove
   * anyone. */
  trustHubProposals?: boolean;
  /** Planted defect: accept the hub's external proposals unjudged wherever the room lists the hub's policy
   * enforcer user (R18), as if the enforcer held every right: a compromised hub can then add users, promote
   * itself, or remove and ban beyond the role (docs/attacks.md M14). */
  trustEnforcerProposals?: boolean;
  /** Planted defect: take the hub's delisting of any listed user without clients for the end of a clients-first
   * leave (R12), not only of a leaver this client holds blocked: a compromised hub can then delist an inactive
   * participant, or a banned user (undoing the ban) (docs/attacks.md M13). */
  looseHubDelisting?: boolean;
  /** Planted defect: in a room with a preauth_list, accept the hub's listing of an outsider (without clients)
   * unjudged, as if its preauth entry matched (R4 by preauth, R20): a hub that lists anyone is then trusted. */
  trustPreauthListing?: boolean;
  /** Planted defect: drop, without recording a refusal, traffic of its own epoch that it cannot process (a
   * commit or message from the other side of a split: MLS fails): a split stays silent (P16). */
  dropUnreadableSilently?: boolean;
  /** Keep a franked message whose frank_aad tag is not the HMAC of its content (protocol §5.4.1): a sender
   * that submits one message with the tag of another is no longer caught by anyone (the hub cannot see it). */
  skipFrankingTagCheck?: boolean;
  /** Keep a message whose attachment (ExternalPart) is not at its sender's provider's asset location
   * (room-policy asset_policy): readers then fetch from wherever the sender points. */
  skipAttachmentOriginCheck?: boolean;
  /** Keep a message whose message ID the client's timeline already holds (content §9.1: discard it as malicious). */
  keepDuplicateIds?: boolean;
  /** Apply an edit or delete of a message from anyone, not only its original sender (content §9.3 MUST NOT,
   * unless the room's policy grants it, e.g. canDeleteOtherMessage). */
  acceptEditFromAnyone?: boolean;
  /** Order the timeline's messages with equal hub timestamps by arrival, not by the lowest message ID (content
   * §5.11): receivers that got them in different orders then show different timelines. */
  orderByArrival?: boolean;
}

/**
 * Every client fault switch by name, with one line on what it does. Typed against ClientFaults, so a
 * switch added there without a line here does not compile.
 */
export const CLIENT_FAULT_NAMES = {
  leakPathSecretToRemoved: "a committer also encrypts its path secret to the clients its commit removes (RFC 9420 §7.4)",
  skipCommitPolicy: "clients accept commits without the room rules (R1–R10, R13)",
  skipPendingInclusionCheck: "clients accept commits that leave out pending proposals (R11)",
  skipProposalPolicy: "clients accept proposal bundles without the room rules (R10, R12)",
  skipSenderCheck: "clients accept messages whose MLS sender is not the user they claim (H0)",
  skipResyncCheck: "clients accept resyncs of another client's leaf or key, and leaves changing identity (H14)",
  skipClientsAfterCommitCheck: "clients accept commits that add clients a user may not have, or keep a removed user's clients (H6, H7)",
  skipUnknownProposalCheck: "clients accept unknown proposals and AppDataUpdates for unknown components (H10)",
  skipExternalSendersCheck: "clients accept GCEs that change other extensions, external_senders included (H12)",
  skipDictionaryCheck: "clients accept a GCE dictionary the AppDataUpdates do not produce (H9)",
  skipBasePolicyCheck: "clients accept commits whatever the base room policy's caps and fixed membership (R21)",
  skipRoomChangeCheck: "clients accept changes of roles_list, base_room_policy and room_metadata by anyone, whatever they leave the room in (R22)",
  skipRoleSetCheck: "clients create, and join by Welcome or external commit, rooms whatever their roles_list (R0)",
  skipJoinedRoomCheck: "clients join, by Welcome or external commit, ill-formed rooms: a client of a user whose role allows none or of no listed user, a user listed twice (R23)",
  ignoreOtherEpochs: "clients drop what is for another epoch than theirs without recording a refusal (a lag goes unsaid)",
  trustHubProposals: "clients accept the hub's external proposals whatever they change, as if the hub held every right (B28)",
  trustEnforcerProposals: "clients accept the hub's proposals unjudged where the room lists its policy enforcer, as if the role held every right (R18)",
  looseHubDelisting: "clients accept the hub's delisting of any listed user without clients, not only of a leaver they hold blocked (R12)",
  trustPreauthListing: "clients accept the hub's listing of an outsider in a preauth room unjudged, its claims unmatched (R4 by preauth, R20)",
  dropUnreadableSilently: "clients drop a commit or message of their epoch that fails MLS without recording a refusal: a split stays silent (P16)",
  skipFrankingTagCheck: "clients keep a message whose franking tag is not the HMAC of its content (§5.4.1)",
  skipAttachmentOriginCheck: "clients keep a message whose attachment is not at its sender's provider's asset location (asset_policy)",
  keepDuplicateIds: "clients keep a second message with a message ID their timeline already holds (content §9.1)",
  acceptEditFromAnyone: "clients apply edits and deletes of a message from anyone, not only its sender (content §9.3)",
  orderByArrival: "clients order messages with equal hub timestamps by arrival, not by the lowest message ID (content §5.11)",
  ...CREDENTIAL_CHECK_FAULTS,
} as const satisfies Record<keyof ClientFaults, string>;
