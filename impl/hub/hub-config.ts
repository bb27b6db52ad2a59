// The hub's configuration: the spec variants it enforces (docs/rules.md R11, R12) and fault-injection
// switches. A fault switches one enforcement rule off, to ask "what happens when a hub skips rule X,
// and do honest clients still protect the room?". Faults are for tests and campaigns, never defaults.

import type { CommitCheckSkip } from "../room/commit-item.js";
import { CREDENTIAL_CHECK_FAULTS, type CredentialCheckFaults } from "../identity/credential-validation.js";
import type { DownloadProxy } from "../proxy/download-proxy.js";
import type { JoinCode } from "../room/authorize-join-code.js";

export interface HubVariants {
  /** R11: must a commit include every proposal the hub accepted in its epoch? */
  pendingProposals: "must-include" | "may-omit";
  /** R12: does a leave delist the user in the same commit as its clients' removal, or after it? */
  leaveOrder: "same-commit" | "clients-first";
}

/** The credential-validation switches (skipCredentialChain, …Expiry, …Domain, …KeyBinding, …Revocation)
 * are CredentialCheckFaults (impl/identity/credential-validation.ts): each switches one step off in the
 * hub's validation of every credential it meets. */
export interface HubFaults extends CredentialCheckFaults {
  /** Skip the epoch check on commits (R1/R16). */
  skipEpochCheck?: boolean;
  /** Accept application messages from an epoch older than the hub's (H20: `epochTooOld`). */
  skipMessageEpochCheck?: boolean;
  /** Accept a proposal bundle holding a proposal the hub already accepted in the epoch (H1, H18). */
  skipProposalReplayCheck?: boolean;
  /** Accept a commit whose GroupInfo is not of the epoch it opens (another GroupContext or confirmation tag;
   * its signature is still checked), and serve it (H13, digest §7 C38). */
  skipGroupInfoMatch?: boolean;
  /** Let blocked users' clients commit, propose and send (R2, protocol §5.3 MUST). */
  skipBlockedCheck?: boolean;
  /** Accept commits that leave out pending proposals, whatever the variant (R11). */
  skipPendingInclusion?: boolean;
  /** Skip the room policy on commits (R3–R10, R13: capabilities, role changes, constraints). */
  skipCommitPolicy?: boolean;
  /** Skip the room policy on proposal bundles (R10). */
  skipProposalPolicy?: boolean;
  /** Skip the sender checks on application messages (R14). */
  skipMessageSenderCheck?: boolean;
  /** Hand the GroupInfo to any requester and accept external commits without the room policy (H23, R4). */
  skipExternalJoinCheck?: boolean;
  /** Hand the GroupInfo to any requester without asking R4; external commits are still judged in full
   * (H23). A refused join is then refused later, by the commit's checks, often with the same code. */
  skipGroupInfoCheck?: boolean;
  /** Accept requests whose signer or sender belongs to another provider than the one that sent them (H0):
   * any follower may then speak for any participant. */
  skipSenderBinding?: boolean;
  /** Accept commits that add clients of users who may not have any, or remove or ban a user and keep
   * some of its clients (H6, H7; the per-commit check's clients part). */
  skipClientsAfterCommitCheck?: boolean;
  /** Accept proposals of unknown kinds, AppDataUpdates for unknown components among them (H10). */
  skipUnknownProposalCheck?: boolean;
  /** Accept GroupContextExtensions that change extensions other than the room dictionary, such as
   * dropping the hub from external_senders (H12). */
  skipExternalSendersCheck?: boolean;
  /** Accept a GroupContextExtensions whose dictionary is not what the commit's AppDataUpdates produce,
   * or changes roles_list beside a participant-list change (H9, DESIGN.md §3). */
  skipDictionaryCheck?: boolean;
  /** Relay KeyPackages handed out before, expired, or of another user than the one asked for, and accept
   * Adds of KeyPackages already used, expired, or of another user than the one the hub relayed them for
   * (H24; protocol §5.2 MUST NOTs, digest §7 E48–E49). */
  skipKeyPackageChecks?: boolean;
  /** Accept an external commit whose joiner is not the client, with the signature key, of a GroupInfo
   * request answered in the epoch; a resync that replaces another client's leaf or the same client under
   * another key; a member's new leaf naming another client (H14, RFC 9420 §5.3.3). */
  skipJoinBinding?: boolean;
  /** Planted defect: send a commit's Welcome to every provider of the room, not only to those that own
   * its KeyPackageRefs (protocol §5.5, digest §7 D43). */
  broadcastWelcome?: boolean;
  /** Planted defect: send a commit's Welcome before fanning out the commit itself (protocol §5.5, D43). */
  welcomeBeforeCommit?: boolean;
  /** Planted defect: /groupInfo serves the GroupInfo of the epoch before the current one (protocol §5.3,
   * digest §7 D38). */
  serveStaleGroupInfo?: boolean;
  /** Planted defect, not a rule: the /submitMessage handler throws (an internal error, answered 500). */
  throwOnSubmit?: boolean;
  /** Planted defect: an application message one epoch late whose sending user has no client left in the
   * group (the commit that ended its epoch removed or banned it) is taken as the in-flight request it was,
   * judged as if it had arrived before that commit, and fanned out (protocol §5.3, §5.4; P18). */
  acceptStaleAfterRemoval?: boolean;
  /** Planted defect: an addition in role 1 (a pre-emptive ban, R7 from role 0) is applied unjudged, as if
   * proposed by reference: nobody's canBan or entry 0 → 1 is asked for. */
  skipPreemptiveBanCheck?: boolean;
  /** Planted defect: sign each frank over the acceptance time minus one millisecond while the answer and
   * the fanout carry the real time: the frank no longer verifies at receivers (protocol §5.4.1; P33). */
  frankOverWrongTime?: boolean;
  /** Planted defect: /reportAbuse checks only the frank's integrity signature, not that server_frank is the
   * HMAC of the reported content's franking tag: an altered message is accepted as reported (§5.9; P34). */
  skipServerFrankCheck?: boolean;
  /** Planted defect: on /groupInfo from a user who is not listed, propose its listing (open join, R4,
   * room-policy §8.1.1) without asking whether role 0 has canOpenJoin, whether the user is banned or
   * leaving, or whether the target role has room. */
  skipOpenJoinCheck?: boolean;
  /** Planted defect: send an operator's enforcement (R18, Hub.enforce) as the hub's external proposal without
   * judging it with the policy enforcer's role, or in a room where the hub has none. */
  skipEnforcerRoleCheck?: boolean;
  /** Planted defect: on /groupInfo from a user who is not listed, in a room with a preauth_list, list it in
   * the first preauth entry's role whether or not its claims match (R20, room-policy §4). */
  skipPreauthCheck?: boolean;
  /** Planted defect: accept a participant's change of its own role unjudged (canChangeOwnRole, its first
   * preauth role, the constraints; R20, room-policy §8.1.3). */
  skipOwnRoleCheck?: boolean;
  /** Planted defect: on /groupInfo with a join code, list the requester whatever the code (unknown, expired,
   * used, naming no joinable role) and whoever it is (R4 join codes, room-policy §8.1.1 canUseJoinCode). */
  skipJoinCodeCheck?: boolean;
  /** Planted defect: a single-use join code is never consumed, so it lists anyone who presents it (R4). */
  reuseJoinCodes?: boolean;
  /** Planted defect: create a room whatever its roles_list and its creator's role (a role defined twice,
   * no role 0, a role change naming an undefined role or two entries from one role, a minimum above its
   * maximum, canOpenJoin off role 0, a creator's role without clients; docs/rules.md "Generated policies"). */
  skipRoleSetCheck?: boolean;
  /** Planted defect: accept commits and open joins whatever the base room policy (multi_device, max_clients,
   * max_users, fixed_membership; R21, room-policy §5). */
  skipBasePolicyCheck?: boolean;
  /** Planted defect: accept a commit's change of roles_list, base_room_policy or room_metadata whoever makes
   * it and whatever the new value leaves the room in (R22: the capabilities, room_uri, a new policy and
   * redefined roles on the room the commit makes). */
  skipRoomChangeCheck?: boolean;
  /** Planted defect: /proxyDownload fetches any http(s) URL, read by a lenient parser, instead of only the
   * asset policy's locations (protocol §5.10.2, H25): the hub becomes an open proxy. */
  openProxy?: boolean;
  /** Planted defect: /proxyDownload still reads the URL strictly, but fetches from any host, not only the
   * rooms' asset_policy locations (room-policy §6–§7, H25). */
  ignoreAssetPolicy?: boolean;
  /** Planted defect: /proxyDownload ignores the rooms' asset_policy and fetches only from the locations it was
   * configured with (none, in property runs): downloads the room allows are refused. */
  configuredAssetsOnly?: boolean;
}

/**
 * Every fault switch by name, with one line on what it does: the command line's `--fault` accepts these
 * names and no other. Typed against HubFaults, so a switch added there without a line here does not compile.
 */
export const HUB_FAULTS = {
  skipEpochCheck: "skip the epoch check on commits (R1/R16)",
  skipMessageEpochCheck: "accept application messages from an older epoch than the hub's (H20)",
  skipProposalReplayCheck: "accept a proposal the hub already accepted in the epoch, again (H1, H18)",
  skipGroupInfoMatch: "accept a commit whose GroupInfo is not of the epoch it opens, and serve it (H13, C38)",
  skipBlockedCheck: "let blocked users' clients commit, propose and send (R2)",
  skipPendingInclusion: "accept commits that leave out pending proposals (R11)",
  skipCommitPolicy: "skip the room policy on commits (R3–R10, R13)",
  skipProposalPolicy: "skip the room policy on proposal bundles (R10)",
  skipMessageSenderCheck: "skip the sender checks on application messages (R14)",
  skipExternalJoinCheck: "hand the GroupInfo to anyone, accept external commits without the policy (H23, R4)",
  skipGroupInfoCheck: "hand the GroupInfo to anyone; external commits still judged (H23)",
  skipSenderBinding: "accept requests signed or sent for another provider's clients (H0)",
  skipClientsAfterCommitCheck: "accept commits that add clients a user may not have, or keep a removed user's clients (H6, H7)",
  skipUnknownProposalCheck: "accept unknown proposals and AppDataUpdates for unknown components (H10)",
  skipExternalSendersCheck: "accept GroupContextExtensions that change other extensions, external_senders included (H12)",
  skipDictionaryCheck: "accept a GCE dictionary the AppDataUpdates do not produce, roles_list beside list changes (H9)",
  skipKeyPackageChecks: "relay and accept KeyPackages reused, expired or of another user (H24, E48–E49)",
  skipJoinBinding: "accept external joiners not bound to their GroupInfo request, resyncs of others' leaves, leaves changing identity (H14)",
  broadcastWelcome: "send each Welcome to every provider of the room (D43)",
  welcomeBeforeCommit: "send each Welcome before fanning out its commit (D43)",
  serveStaleGroupInfo: "serve the previous epoch's GroupInfo on /groupInfo (D38)",
  throwOnSubmit: "the /submitMessage handler throws (an internal error)",
  acceptStaleAfterRemoval: "accept a message one epoch late from a user the last commit removed or banned (P18)",
  skipPreemptiveBanCheck: "accept a listing in role 1 (a pre-emptive ban) without judging it (R7)",
  frankOverWrongTime: "sign each frank over the wrong acceptance time: it no longer verifies at receivers (§5.4.1, P33)",
  skipServerFrankCheck: "accept an abuse report whose frank's signature verifies, whatever content it reports (§5.9, P34)",
  skipOpenJoinCheck: "list any unlisted GroupInfo requester by the hub's own proposal, unjudged (open join, R4)",
  skipEnforcerRoleCheck: "send any enforcement an operator asks for as the hub's proposal, without the policy enforcer's role (R18)",
  skipPreauthCheck: "list an unlisted GroupInfo requester in the first preauth entry's role, its claims unmatched (R20)",
  skipOwnRoleCheck: "accept a participant's change of its own role unjudged (canChangeOwnRole, preauth role; R20)",
  skipJoinCodeCheck: "list a GroupInfo requester with any join code, unjudged (join codes, R4)",
  reuseJoinCodes: "never consume a single-use join code (join codes, R4)",
  skipRoleSetCheck: "create a room whatever its roles_list and creator's role (R0, generated policies)",
  skipBasePolicyCheck: "accept commits and open joins whatever the base room policy's caps and fixed membership (R21)",
  skipRoomChangeCheck: "accept changes of roles_list, base_room_policy and room_metadata by anyone, whatever they leave the room in (R22)",
  openProxy: "/proxyDownload fetches any http(s) URL, not only the asset policy's locations (§5.10.2, H25)",
  ignoreAssetPolicy: "/proxyDownload reads the URL strictly but fetches from any host, the rooms' asset_policy unasked (H25)",
  configuredAssetsOnly: "/proxyDownload ignores the rooms' asset_policy, fetching only from its configured locations (P47)",
  ...CREDENTIAL_CHECK_FAULTS,
} as const satisfies Record<keyof HubFaults, string>;

/** The names of HUB_FAULTS, in declaration order. */
export const HUB_FAULT_NAMES = Object.keys(HUB_FAULTS) as (keyof HubFaults)[];

export interface HubConfig {
  variants: HubVariants;
  faults: HubFaults;
  /** The download proxy of /proxyDownload with its asset policy (protocol §5.10.2); without one the
   * endpoint answers 404. */
  downloadProxy?: DownloadProxy;
  /** Each room's join codes (room-policy §8.1.1 canUseJoinCode), by room id: issued out of band, as no
   * draft has a flow for them (join-code-desk.ts). None when absent. */
  joinCodes?: Readonly<Record<string, readonly JoinCode[]>>;
  /** The hub stamps each accepted message with its clock rounded down to this many milliseconds (default 1:
   * every message its own millisecond). Coarse stamps are honest (content §5.11 breaks ties by the lowest
   * message ID) and let two messages share a timestamp. */
  messageTimestampGranularityMs?: number;
}

export const defaultHubConfig: HubConfig = {
  variants: { pendingProposals: "must-include", leaveOrder: "same-commit" },
  faults: {},
};

/** The parts of the per-commit check a hub with these faults skips (impl/room/commit-item.ts). */
export function commitCheckSkips(faults: HubFaults): ReadonlySet<CommitCheckSkip> {
  const skips = new Set<CommitCheckSkip>();
  if (faults.skipClientsAfterCommitCheck) skips.add("clientsAfterCommit");
  if (faults.skipPreemptiveBanCheck) skips.add("preemptiveBan");
  if (faults.skipUnknownProposalCheck) skips.add("unknownProposals");
  if (faults.skipExternalSendersCheck) skips.add("otherExtensions");
  if (faults.skipDictionaryCheck) skips.add("dictionary");
  if (faults.skipBasePolicyCheck) skips.add("basePolicy");
  if (faults.skipOwnRoleCheck) skips.add("ownRole");
  if (faults.skipRoomChangeCheck) skips.add("roomChange");
  return skips;
}
