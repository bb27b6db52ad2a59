// The abstract description of a commit (or of a proposal bundle) that the MLS layer builds from real MLS
// messages (impl/mls/describe-commit.ts), and the context both the hub and every honest client judge it in.
import type { ParticipantListData, ParticipantListUpdate } from "../codec/participant-list.js";
import type { PreAuthData } from "../codec/preauth-list.js";
import type { BaseRoomPolicy } from "../codec/base-room-policy.js";
import type { RoomMetaData } from "../codec/room-metadata.js";
import type { RoleData } from "../codec/roles.js";
import type { RoleChange } from "./apply-participant-list-update.js";
import type { RoomAction } from "./room-action.js";
import type { Member, RoomState } from "./room-state.js";

/** Who sent a proposal or a commit: a member client, the hub as external sender, or the joiner of an external commit. */
export type Actor =
  | { kind: "member"; client: string; user: string }
  | { kind: "hub" }
  | { kind: "newMember"; client: string; user: string };

/** One proposal of a commit, in commit order. By-value proposals have the committer as proposer. */
export type CommitItem =
  | { kind: "participantListUpdate"; update: ParticipantListUpdate; proposer: Actor; byReference: boolean }
  /** An AppDataUpdate replacing preauth_list (R20; authorize-preauth.ts). */
  | { kind: "preauthListUpdate"; preauth: PreAuthData; proposer: Actor; byReference: boolean }
  /** AppDataUpdates replacing room_metadata or base_room_policy (R22; room-state-change.ts). */
  | { kind: "metadataUpdate"; metadata: RoomMetaData; proposer: Actor; byReference: boolean }
  | { kind: "basePolicyUpdate"; basePolicy: BaseRoomPolicy; proposer: Actor; byReference: boolean }
  | { kind: "add"; client: string; user: string; proposer: Actor; byReference: boolean }
  | { kind: "remove"; client: string; user: string; proposer: Actor; byReference: boolean }
  /** The joiner of an external commit. */
  | { kind: "externalInit"; client: string; user: string }
  /** A leaf Update proposal. */
  | { kind: "update"; proposer: Actor }
  /**
   * A GroupContextExtensions proposal: the room components it sets (undefined when it drops them) and
   * whether it changes any other extension. `byReference` absent means by value.
   */
  | {
      kind: "groupContextExtensions";
      participantList: ParticipantListData | undefined;
      roles: RoleData | undefined;
      /** The preauth_list it sets (undefined: none). */
      preauth?: PreAuthData;
      /** The room_metadata and base_room_policy it sets (undefined: none). */
      metadata?: RoomMetaData;
      basePolicy?: BaseRoomPolicy;
      otherExtensionsChanged: boolean;
      proposer: Actor;
      byReference?: boolean;
    }
  | { kind: "unknown"; proposalType: number; proposer: Actor };

export interface CommitDescription {
  committer: Actor;
  items: CommitItem[];
}

export type LeaveOrder = "same-commit" | "clients-first";

/** What a commit or a bundle is judged against. */
/**
 * Planted defects only (HubFaults, ClientFaults): parts of the per-commit check a faulty hub or client
 * skips. "clientsAfterCommit": added, kept and removed users' clients (H6, H7, A1); "unknownProposals":
 * proposals of no known kind, AppDataUpdates for unknown components among them (H10); "otherExtensions":
 * GroupContext extensions other than the room dictionary, external_senders among them (H12);
 * "dictionary": the GCE's dictionary against what the commit's AppDataUpdates produce, roles_list beside a
 * participant-list change included (H9, DESIGN.md §3); "preemptiveBan": the authorisation of a listing in
 * role 1 (R7 from role 0); "basePolicy": the base room policy's caps and fixed membership (R21); "ownRole":
 * a participant's change of its own role (R20); "roomChange": who may change roles_list, base_room_policy and
 * room_metadata, and whether the new value holds for the room (R22).
 */
export type CommitCheckSkip = "clientsAfterCommit" | "unknownProposals" | "otherExtensions" | "dictionary" | "preemptiveBan" | "basePolicy" | "ownRole" | "roomChange";

export interface CheckContext {
  /** Parts of the check skipped (planted defects; never set by default). */
  skip?: ReadonlySet<CommitCheckSkip>;
  /**
   * The committed room state of the epoch (the GroupContext), which every participant-list update of the
   * epoch indexes. For a proposal bundle without `pending`, this is taken as the hub-live state too.
   */
  room: RoomState;
  /** The MLS members matching `room` (the tree before the commit). */
  members: readonly Member[];
  /**
   * Proposal bundles only: the proposals already accepted this epoch, in acceptance order. The new bundle
   * is then authorised against the hub-live state they make, and may not touch a user they touch (R13).
   * (A commit carries them itself, by reference.)
   */
  pending?: readonly CommitItem[];
  /** Users blocked because their leave or removal was accepted and not yet committed (rules R2). */
  blocked: ReadonlySet<string>;
  /** Rules R12 variant; default "same-commit". Only proposal bundles depend on it. */
  leaveOrder?: LeaveOrder;
  /**
   * The listed user whose role the hub acts with when it proposes (the policy enforcer). Absent: the hub
   * may only propose the delisting of an inactive user, the second step of a clients-first leave (R12).
   */
  hubUser?: string;
  /** Whom the judge takes for a leaver the hub may delist without a role (R12); default "leavers". */
  hubDelisting?: HubDelisting;
}

/**
 * Whose delisting the hub may propose without a role, as the second step of a clients-first leave (R12).
 * "leavers": a listed user without clients whom the judge holds blocked (its leave accepted, its clients'
 * removal committed: a client keeps such a leaver blocked across that commit, as the hub does). "unbanned":
 * also any listed user without clients not in role 1 (banned): all that a client that joined in this epoch,
 * and never saw the leave, can tell. "any": any listed user without clients (planted defect
 * `ClientFaults.looseHubDelisting`; a ban could be undone).
 */
export type HubDelisting = "leavers" | "unbanned" | "any";

/** One action found in a commit or bundle, with who did it and whether it was authorised here. */
export interface AttributedAction {
  action: RoomAction;
  actor: Actor;
  /** The user the action is about (its target, or the acting user). */
  subject: string;
  byReference: boolean;
  /** false for by-reference proposals in a commit: the hub authorised them on acceptance (R17). */
  authorised: boolean;
  itemIndex: number;
}

/** What a commit or bundle does to the room, for the hub's and the clients' bookkeeping. */
export interface RoomEffects {
  actions: AttributedAction[];
  addedClients: Member[];
  removedClients: Member[];
  addedUsers: string[];
  /** Delisted by another user (or by the hub). */
  removedUsers: string[];
  /** Delisted by themselves (R10), or whose clients-first leave bundle this is. */
  leftUsers: string[];
  bannedUsers: string[];
  unbannedUsers: string[];
  kickedUsers: string[];
  roleChanges: RoleChange[];
  rolesChanged: boolean;
}
