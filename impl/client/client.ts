// A MIMI client: one ts-mls state per room. It never trusts the hub with the room: every commit and
// proposal bundle it receives is checked with the room rules before ts-mls processes it, and a refusal is
// recorded, so a hub that lets a bad change through shows up as a split, never silently.
import {
  bytesToBase64, createApplicationMessage, createCommit, createGroup, createGroupInfoWithExternalPub, createProposal,
  emptyPskIndex, encodeMlsMessage, joinGroup, joinGroupExternal, processMessage,
  type CiphersuiteImpl, type ClientState, type ExternalSender, type KeyPackage, type MLSMessage,
  type GroupInfo, type Proposal, type RatchetTree, type Welcome,
} from "ts-mls";
import type { CommitBundle } from "../codec/handshake-bundle.js";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";
import type { FramedContentCommit } from "ts-mls/framedContent.js";
import { decryptSenderData, type PrivateMessage } from "ts-mls/privateMessage.js";
import { leafToNodeIndex, toLeafIndex } from "ts-mls/treemath.js";
import { userOfClient } from "../identity/mimi-uri.js";
import type { ParticipantListData, ParticipantListUpdate } from "../codec/participant-list.js";
import type { PreAuthData } from "../codec/preauth-list.js";
import { PROPOSAL_APP_DATA_UPDATE } from "../codec/code-points.js";
import { mergeParticipantListUpdates } from "../room/merge-participant-list-updates.js";
import { basicCredentials, treeMembers, type CredentialIssuer } from "../mls/client-credential.js";
import { defaultClientConfig, type ClientConfig } from "ts-mls/clientConfig.js";
import type { CredentialValidator } from "../identity/credential-validation.js";
import { newLeavesOfCommit } from "../mls/public-group-view.js";
import {
  decodeRoomUpdate, groupContextExtensionsProposal, initialRoomExtensions, participantListUpdateProposal, preauthListUpdateProposal, roomComponentsOf,
  roomMetadataUpdateProposal, basePolicyUpdateProposal,
  withRoomComponents, type RoomComponents,
} from "../mls/room-components.js";
import { applyParticipantListUpdate } from "../room/apply-participant-list-update.js";
import { initialRoomProblem, joinedRoomProblem, roleDataProblem } from "../room/role-set-validity.js";
import type { ClientFaults } from "./client-faults.js";
import { createCommitLeakingPathSecret } from "./commit-leaking-path-secret.js";
import { deriveEpochAfterRemoval, type RemovedClientDerivation } from "./derive-epoch-after-removal.js";
import { blockedAfterCommit, judgeIncomingCommit, judgeIncomingProposals, judgeMessageSender, recordsRefusal, type IncomingRules } from "./incoming-checks.js";
import { freshKeyPackages, type KeyPackageSource, type OwnKeyPackage } from "./key-package-source.js";
import type { RoomSession, Refusal } from "./room-session.js";
import type { Frank } from "../codec/frank.js";
import { ContentError } from "../content/content-error.js";
import { ROOM_URI_KEY, SENDER_URI_KEY, textExtension } from "../content/extensions.js";
import { contentUris, decodeMimiContent, messageIdOfEncoded, SALT_LENGTH } from "../content/mimi-content.js";
import { frankingTag } from "../franking/frank.js";
import { decodeMessageAad, encodeMessageAad } from "../franking/message-aad.js";
import { frankingRefusal } from "../franking/receive-frank.js";
import type { AssetPolicy } from "../proxy/asset-location.js";
import { attachmentOriginRefusal } from "../proxy/attachment-origin.js";
import { roomAttachmentRefusal } from "../proxy/room-asset-policy.js";
import { encodeMimiContent } from "../content/mimi-content.js";
import type { NestedPart } from "../content/nested-part.js";
import { domainOf } from "../identity/mimi-uri.js";
import { bodyText, buildMessageContent, type BuiltContent, type ContentReferences, type MessageKind } from "./message-content.js";
import { emptyTimeline, receive as receiveIntoTimeline, type ReceivedMessage as TimelineMessage } from "../content/content-timeline.js";
import { messageIdHex, type MessageId } from "../content/message-id.js";
import { discardRefusal, timelineRulesOf, type ContentClock } from "./received-timeline.js";
import type { ClientUplink, SubmitOutcome, UpdateOutcome } from "./uplink.js";

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export interface ClientRoomView {
  epoch: bigint;
  participants: { user: string; roleIndex: number }[];
  members: string[];
  epochAuthenticator: Uint8Array;
}

/** What an honest client enforces beyond the room rules (mirrors the hub's variants). */
export interface ClientRules {
  pendingProposals: "must-include" | "may-omit";
  leaveOrder?: "same-commit" | "clients-first";
  /** The clock hub timestamps are judged by (content §9.1); without one, each message's own timestamp is
   * taken as the time it arrived, and the content code's floor applies. */
  contentClock?: ContentClock;
}

/** Participant-list changes in user terms; the client turns them into indices of the committed list. */
export interface ListChanges {
  add?: { user: string; roleIndex: number }[];
  remove?: string[];
  changeRole?: { user: string; roleIndex: number }[];
}

/** How a client gets and checks credentials: its provider's issuer for its own signature keys, and its
 * validator (trust anchors, revocation lists, clock), which ts-mls runs on every credential the client
 * meets (RFC 9420 §5.3.1). Without one, basic credentials and ts-mls's accept-all default. */
export interface ClientCredentials {
  readonly issuer: CredentialIssuer;
  readonly validator: CredentialValidator;
}

/** A commit the client is asked to make. */
export interface CommitPlan {
  list?: ListChanges;
  adds?: KeyPackage[];
  removeClients?: string[];
  /** false: leave out the proposals received in this epoch (an adversarial or may-omit committer). */
  includePending?: boolean;
  /** A new preauth_list (R20, a full replacement): its AppDataUpdate, and the GCE carries it. */
  preauth?: PreAuthData;
  /** New room components (R22, full replacements): room_metadata and base_room_policy each with its
   * AppDataUpdate, roles_list in the GCE alone (DESIGN.md §3); the GCE carries them all. */
  components?: Partial<Pick<RoomComponents, "roles" | "metadata" | "basePolicy">>;
}


/** Index-based update for user-level changes; a user not in the list is named by an out-of-range index,
 * which every honest party refuses (so a misguided request still reaches the hub and is judged there). */
function listUpdateFor(list: ParticipantListData, changes: ListChanges): ParticipantListUpdate {
  const indexOf = (user: string) => {
    const i = list.participants.findIndex((p) => p.user === user);
    return i < 0 ? list.participants.length : i;
  };
  return {
    changedRoleParticipants: (changes.changeRole ?? []).map((c) => ({ userIndex: indexOf(c.user), roleIndex: c.roleIndex })),
    removedIndices: (changes.remove ?? []).map(indexOf),
    addedParticipants: (changes.add ?? []).map((a) => ({ user: a.user, roleIndex: a.roleIndex })),
  };
}

function commitBundle(commit: MLSMessage, welcome: Welcome | undefined, groupInfo: GroupInfo, ratchetTree: RatchetTree): CommitBundle {
  return { kind: "commit", proposalOrCommit: commit, welcome, groupInfoOption: { representation: "full", groupInfo }, ratchetTreeOption: { representation: "full", ratchetTree } };
}

/** The epoch a fanned-out handshake or application message names (undefined for a Welcome or a GroupInfo). */
function epochOfMessage(m: MLSMessage): bigint | undefined {
  if (m.wireformat === "mls_private_message") return m.privateMessage.epoch;
  if (m.wireformat === "mls_public_message") return m.publicMessage.content.epoch;
  return undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class MimiClient {
  readonly user: string;
  private readonly sessions = new Map<string, RoomSession>();
  private readonly keyPackages = new Map<string, OwnKeyPackage>();
  private signatureKeys: { publicKey: Uint8Array; signKey: Uint8Array; credential: import("ts-mls").Credential } | undefined;
  /** Refusals of rooms this client is no longer in are kept here too. */
  readonly refusals: Refusal[] = [];
  /** Each provider's asset location (room-policy asset_policy): set by useAssetPolicy; without it
   * attachments are not checked. */
  private assetPolicy: AssetPolicy | undefined;

  constructor(
    readonly uri: string,
    private readonly cs: CiphersuiteImpl,
    private readonly uplink: ClientUplink,
    private readonly rules: ClientRules = { pendingProposals: "must-include" },
    keyPackageSource?: KeyPackageSource,
    /** Planted defects, for tests and campaigns only (client-faults.ts). */
    readonly faults: ClientFaults = {},
    private readonly credentials?: ClientCredentials,
  ) {
    const user = userOfClient(uri);
    if (user === undefined) throw new Error(`not a client URI: ${uri}`);
    this.user = user;
    this.keyPackageSource = keyPackageSource ?? freshKeyPackages(cs, credentials?.issuer);
    this.clientConfig = credentials === undefined ? defaultClientConfig : { ...defaultClientConfig, authService: credentials.validator.authService() };
  }

  private readonly keyPackageSource: KeyPackageSource;

  /** Check every received attachment (ExternalPart) against its sender's provider's asset location. */
  useAssetPolicy(policy: AssetPolicy): void {
    this.assetPolicy = policy;
  }

  /** ts-mls's configuration for this client's groups: its credential validator as authentication service. */
  readonly clientConfig: ClientConfig;

  private get issuer(): CredentialIssuer {
    return this.credentials?.issuer ?? basicCredentials;
  }

  // ---- key material ----

  /** A fresh KeyPackage; its private part stays here, keyed by KeyPackageRef for the Welcome. */
  async newKeyPackage(): Promise<KeyPackage> {
    const kp = await this.keyPackageSource(this.uri);
    const ref = bytesToBase64(await makeKeyPackageRef(kp.publicPackage, this.cs.hash));
    this.keyPackages.set(ref, kp);
    return kp.publicPackage;
  }

  /** A KeyPackage for this client's own use (creating a room, an external join): never offered to others. */
  private async takeOwnKeyPackage(): Promise<OwnKeyPackage> {
    const kp = await this.keyPackageSource(this.uri);
    this.heldSignatureKeys.add(bytesToBase64(kp.publicPackage.leafNode.signaturePublicKey));
    return kp;
  }

  /** The signature public keys (base64) this client generated: its KeyPackages' and its request key. */
  private readonly heldSignatureKeys = new Set<string>();

  /** The signature public keys (base64) whose private halves this client holds (it generated them): the
   * deployment's ground truth of who a leaf really is, for the identity invariant (P19). */
  signatureKeysHeld(): ReadonlySet<string> {
    return this.heldSignatureKeys;
  }

  // ---- views ----

  rooms(): string[] {
    return [...this.sessions.keys()];
  }

  session(roomId: string): RoomSession | undefined {
    return this.sessions.get(roomId);
  }

  roomView(roomId: string): ClientRoomView | undefined {
    const s = this.sessions.get(roomId);
    if (s === undefined) return undefined;
    const room = roomComponentsOf(s.state.groupContext.extensions);
    return {
      epoch: s.state.groupContext.epoch,
      participants: room?.participants.participants ?? [],
      members: treeMembers(s.state.ratchetTree).map((m) => m.client),
      epochAuthenticator: s.state.keySchedule.epochAuthenticator,
    };
  }

  private requireSession(roomId: string): RoomSession {
    const s = this.sessions.get(roomId);
    if (s === undefined) throw new Error(`${this.uri} is not in ${roomId}`);
    return s;
  }

  private newSession(roomId: string, state: ClientState, joinedThisEpoch = true): RoomSession {
    const session: RoomSession = {
      state, previousState: undefined, pendingCommit: undefined, blockedUsers: new Set(), joinedThisEpoch, pendingItems: [], received: [], refusals: [], sent: new Set(), ownMessages: [],
      timeline: emptyTimeline(timelineRulesOf(roomId, () => session, this.rules.contentClock, this.faults)),
    };
    return session;
  }

  /**
   * Passes one decoded message through the room's timeline (content §9): kept, or discarded and recorded
   * as a refusal under its digest §7 F rule. Whether it was kept.
   */
  private intoTimeline(s: RoomSession, message: TimelineMessage): boolean {
    const nowMs = this.rules.contentClock?.nowMs() ?? message.hubTimestampMs;
    const { timeline, verdict } = receiveIntoTimeline(s.timeline, message, nowMs);
    s.timeline = timeline;
    if (!verdict.accepted) this.refuse(s, discardRefusal(verdict.reason, messageIdHex(message.messageId)));
    return verdict.accepted;
  }

  // ---- room creation (hub-local, outside MIMI) ----

  async createRoom(roomId: string, hub: ExternalSender, room: RoomComponents): Promise<{ groupInfo: GroupInfo; ratchetTree: RatchetTree } | { refusal: { code: "invalidProposal"; description: string } }> {
    // An honest client builds no room whose roles_list or creator's role is unusable (R0); the hub checks again.
    const problem = this.faults.skipRoleSetCheck === true ? undefined : initialRoomProblem(room);
    if (problem !== undefined) return { refusal: { code: "invalidProposal", description: `client: ${problem}` } };
    const kp = await this.takeOwnKeyPackage();
    const state = await createGroup(utf8.encode(roomId), kp.publicPackage, kp.privatePackage, initialRoomExtensions(hub, room), this.cs, this.clientConfig);
    this.sessions.set(roomId, this.newSession(roomId, state, false));
    return { groupInfo: await createGroupInfoWithExternalPub(state, [], this.cs), ratchetTree: state.ratchetTree };
  }

  /** The hub refused to create the room this client made (R0): the group exists nowhere else, drop it. */
  abandonRoom(roomId: string): void {
    this.sessions.delete(roomId);
  }

  // ---- commits ----

  /** Build a commit from a plan, send it to the hub, and adopt the new epoch once the hub accepts it. */
  async commit(roomId: string, plan: CommitPlan): Promise<UpdateOutcome> {
    const s = this.requireSession(roomId);
    const includePending = plan.includePending !== false;
    const base = includePending ? s.state : { ...s.state, unappliedProposals: {} };
    const ownLeaf = s.state.privatePath.leafIndex;
    if (Object.values(base.unappliedProposals).some((p) => p.proposal.proposalType === "remove" && p.proposal.remove.removed === ownLeaf))
      return { code: "notAllowed", description: "client: the pending proposals remove this client, which cannot commit its own removal" };
    const room = roomComponentsOf(s.state.groupContext.extensions);
    if (room === undefined) throw new Error("room state missing from the GroupContext");
    const proposals: Proposal[] = [];
    const own = plan.list === undefined ? undefined : listUpdateFor(room.participants, plan.list);
    const pendingUpdates = Object.values(base.unappliedProposals).flatMap((p) => {
      if (p.proposal.proposalType !== PROPOSAL_APP_DATA_UPDATE) return [];
      const d = decodeRoomUpdate((p.proposal as { proposalData: Uint8Array }).proposalData);
      return d.kind === "participantList" ? [d.update] : [];
    });
    const updates = own === undefined ? pendingUpdates : [...pendingUpdates, own];
    if (own !== undefined) proposals.push(participantListUpdateProposal(own));
    if (plan.preauth !== undefined) proposals.push(preauthListUpdateProposal(plan.preauth));
    const components: NonNullable<CommitPlan["components"]> = plan.components ?? {};
    if (components.metadata !== undefined) proposals.push(roomMetadataUpdateProposal(components.metadata));
    if (components.basePolicy !== undefined) proposals.push(basePolicyUpdateProposal(components.basePolicy));
    if (updates.length > 0 || plan.preauth !== undefined || plan.components !== undefined) {
      // One GroupContextExtensions carries the dictionary all the commit's updates produce (DESIGN.md §3).
      const next = applyParticipantListUpdate(room.participants, mergeParticipantListUpdates(updates));
      const participants = next.ok ? next.list : room.participants;
      proposals.push(groupContextExtensionsProposal(withRoomComponents(s.state.groupContext.extensions, { ...room, participants, ...(plan.preauth === undefined ? {} : { preauth: plan.preauth }), ...components })));
    }
    const removed = plan.removeClients ?? [];
    const members = treeMembers(s.state.ratchetTree);
    const missing = removed.find((client) => !members.some((m) => m.client === client));
    if (missing !== undefined) throw new Error(`${missing} is not a member`);
    // Every leaf of each client, once: a room whose rules were skipped may hold one client at two leaves.
    for (const m of members) if (removed.includes(m.client)) proposals.push({ proposalType: "remove", remove: { removed: m.leafIndex } });
    for (const keyPackage of plan.adds ?? []) proposals.push({ proposalType: "add", add: { keyPackage } });
    const result = this.faults.leakPathSecretToRemoved === true
      ? await createCommitLeakingPathSecret(base, proposals, this.cs)
      : await createCommit({ state: base, cipherSuite: this.cs }, { wireAsPublicMessage: true, extraProposals: proposals, ratchetTreeExtension: false });
    const groupInfo = await createGroupInfoWithExternalPub(result.newState, [], this.cs);
    s.pendingCommit = { commitBytes: encodeMlsMessage(result.commit), newState: result.newState };
    const outcome = await this.uplink.sendCommit(roomId, commitBundle(result.commit, result.welcome, groupInfo, result.newState.ratchetTree));
    this.settlePendingCommit(roomId, outcome);
    return outcome;
  }

  /** A commit built for the previous epoch again (a stale or replayed commit): the hub must refuse it.
   * Without `previous`, the state this client kept from the epoch before. */
  async staleCommit(roomId: string, previous?: ClientState): Promise<UpdateOutcome> {
    previous ??= this.requireSession(roomId).previousState;
    if (previous === undefined) throw new Error(`${this.uri} has no earlier epoch of ${roomId}`);
    // An empty commit: what that epoch's proposals were does not matter, the epoch is gone.
    const result = await createCommit({ state: { ...previous, unappliedProposals: {} }, cipherSuite: this.cs }, { wireAsPublicMessage: true });
    const groupInfo = await createGroupInfoWithExternalPub(result.newState, [], this.cs);
    return this.uplink.sendCommit(roomId, commitBundle(result.commit, result.welcome, groupInfo, result.newState.ratchetTree));
  }

  private settlePendingCommit(roomId: string, outcome: UpdateOutcome): void {
    const s = this.sessions.get(roomId);
    if (s === undefined || s.pendingCommit === undefined) return;
    // The echo of our own commit may already have adopted it; otherwise adopt on success, drop on failure.
    if (outcome.code === "success") this.adoptOwnCommit(s);
    s.pendingCommit = undefined;
  }

  private adoptOwnCommit(s: RoomSession): void {
    if (s.pendingCommit === undefined) return;
    // An external joiner's own join commit is where its first epoch begins; any other commit ends it.
    s.joinedThisEpoch = s.joinedThisEpoch && s.pendingCommit.newState === s.state;
    s.blockedUsers = blockedAfterCommit(s.blockedUsers, s.pendingCommit.newState, this.incomingRules().leaveOrder, s.enforcedUsers);
    s.enforcedUsers = undefined;
    s.previousState = s.state;
    s.state = s.pendingCommit.newState;
    s.pendingCommit = undefined;
    s.pendingItems = [];
  }

  /**
   * Renew this client's credential in a room (RFC 9420 §5.3.1: a member updates its credential with an
   * Update or an UpdatePath): a self-update whose new leaf carries a fresh credential from this client's
   * provider for the same signature key, e.g. once its certificate is about to expire (docs/identity.md).
   */
  async renewCredential(roomId: string): Promise<UpdateOutcome> {
    const s = this.requireSession(roomId);
    const at = leafToNodeIndex(toLeafIndex(s.state.privatePath.leafIndex));
    const node = s.state.ratchetTree[at];
    if (node?.nodeType !== "leaf") throw new Error(`${this.uri} has no leaf in ${roomId}`);
    const credential = await this.issuer(this.uri, node.leaf.signaturePublicKey);
    const tree = [...s.state.ratchetTree];
    tree[at] = { ...node, leaf: { ...node.leaf, credential } };
    const result = await createCommit({ state: { ...s.state, ratchetTree: tree }, cipherSuite: this.cs }, { wireAsPublicMessage: true, ratchetTreeExtension: false });
    const groupInfo = await createGroupInfoWithExternalPub(result.newState, [], this.cs);
    s.pendingCommit = { commitBytes: encodeMlsMessage(result.commit), newState: result.newState };
    const outcome = await this.uplink.sendCommit(roomId, commitBundle(result.commit, result.welcome, groupInfo, result.newState.ratchetTree));
    this.settlePendingCommit(roomId, outcome);
    return outcome;
  }

  // ---- room operations of an honest client (room-policy §8.1) ----

  private clientsOf(roomId: string, user: string): string[] {
    return treeMembers(this.requireSession(roomId).state.ratchetTree).map((m) => m.client).filter((c) => userOfClient(c) === user);
  }

  /** Add a user (canAddParticipant): list add and, with its clients' KeyPackages fetched through the hub, their Adds.
   * `withClients`: all the clients the target's provider offers, none, or only those named. */
  async addParticipant(roomId: string, user: string, roleIndex: number, withClients: boolean | readonly string[]): Promise<UpdateOutcome> {
    let adds: KeyPackage[] = [];
    if (withClients === true || (Array.isArray(withClients) && withClients.length > 0)) {
      const material = await this.uplink.fetchKeyPackages(roomId, await this.requesterIdentity(), user);
      const wanted = (client: string) => withClients === true || (withClients as readonly string[]).includes(client);
      adds = material.keyPackages.filter((k) => wanted(k.client)).map((k) => k.keyPackage);
    }
    return this.commit(roomId, { list: { add: [{ user, roleIndex }] }, adds });
  }

  /** Remove a user (canRemoveParticipant): delisting and all its clients in one commit. */
  async removeParticipant(roomId: string, user: string): Promise<UpdateOutcome> {
    const clients = this.clientsOf(roomId, user);
    return this.refuseUnsendable(roomId, clients) ?? this.commit(roomId, { list: { remove: [user] }, removeClients: clients });
  }

  /** Kick (canKick): all the user's clients, the list unchanged. */
  async kick(roomId: string, user: string): Promise<UpdateOutcome> {
    const clients = this.clientsOf(roomId, user);
    // Without Removes a kick would be an empty commit, which means a self-update on the wire.
    if (clients.length === 0) return { code: "notAllowed", description: `client: ${user} has no client to kick` };
    return this.refuseUnsendable(roomId, clients) ?? this.commit(roomId, { removeClients: clients });
  }

  /** Ban (canBan): role 1 and all the user's clients in one commit; a user not in the list is banned
   * pre-emptively, added straight into role 1 (room-policy §8.1.3, the entry 0 → 1). */
  async ban(roomId: string, user: string): Promise<UpdateOutcome> {
    const clients = this.clientsOf(roomId, user);
    const listed = roomComponentsOf(this.requireSession(roomId).state.groupContext.extensions)?.participants.participants.some((p) => p.user === user) ?? true;
    const list = listed ? { changeRole: [{ user, roleIndex: 1 }] } : { add: [{ user, roleIndex: 1 }] };
    return this.refuseUnsendable(roomId, clients) ?? this.commit(roomId, { list, removeClients: clients });
  }

  /** Removals ts-mls cannot build, which an honest client refuses before sending: of its own committer
   * (RFC 9420 §12.2), or of a client whose removal is already pending (a leaving user's, rules R12). */
  private refuseUnsendable(roomId: string, removed: readonly string[]): UpdateOutcome | undefined {
    if (removed.includes(this.uri)) return { code: "notAllowed", description: "client: a commit cannot remove its own committer" };
    const s = this.requireSession(roomId);
    const pendingRemovals = new Set(s.pendingItems.flatMap((i) => (i.kind === "remove" ? [i.client] : [])));
    const again = removed.filter((c) => pendingRemovals.has(c));
    return again.length > 0 ? { code: "notAllowed", description: `client: the removal of ${again.join(", ")} is already pending` } : undefined;
  }

  unban(roomId: string, user: string, roleIndex: number): Promise<UpdateOutcome> {
    return this.commit(roomId, { list: { changeRole: [{ user, roleIndex }] } });
  }

  /** Replace roles_list, base_room_policy or room_metadata (R22): a commit of their updates and the GCE. */
  changeRoomComponents(roomId: string, components: NonNullable<CommitPlan["components"]>): Promise<UpdateOutcome> {
    return this.commit(roomId, { components });
  }

  /** Replace the room's preauth_list (R20, canChangePreauthorizedUserList): a commit of its AppDataUpdate and the GCE. */
  changePreauthList(roomId: string, preauth: PreAuthData): Promise<UpdateOutcome> {
    return this.commit(roomId, { preauth });
  }

  changeRole(roomId: string, user: string, roleIndex: number): Promise<UpdateOutcome> {
    return this.commit(roomId, { list: { changeRole: [{ user, roleIndex }] } });
  }

  /** An empty commit (UpdatePath only), which also commits the pending proposals unless told not to. */
  selfUpdate(roomId: string, includePending = true): Promise<UpdateOutcome> {
    return this.commit(roomId, { includePending });
  }

  // ---- proposals ----

  /** Leave (canRemoveSelf): propose delisting self and the Remove of every own client, as one bundle.
   * With `delist: false` only the clients are removed (the clients-first leave order). */
  async proposeLeave(roomId: string, delist = true): Promise<UpdateOutcome> {
    const s = this.requireSession(roomId);
    const room = roomComponentsOf(s.state.groupContext.extensions);
    const index = room?.participants.participants.findIndex((p) => p.user === this.user) ?? -1;
    const proposals: Proposal[] = [];
    if (delist) proposals.push(participantListUpdateProposal({ changedRoleParticipants: [], removedIndices: [index], addedParticipants: [] }));
    for (const m of treeMembers(s.state.ratchetTree)) {
      if (userOfClient(m.client) === this.user) proposals.push({ proposalType: "remove", remove: { removed: m.leafIndex } });
    }
    let state = s.state;
    const messages: MLSMessage[] = [];
    for (const p of proposals) {
      const r = await createProposal(state, true, p, this.cs);
      state = r.newState;
      messages.push(r.message);
    }
    const outcome = await this.uplink.sendProposals(roomId, { kind: "proposal", proposalOrCommit: messages[0]!, moreProposals: messages.slice(1) });
    return outcome;
  }

  // ---- joining ----

  /** Join by external commit from the hub's GroupInfo (a new device of a listed user: canAddOwnClient). */
  /**
   * Open join (R4, room-policy §8.1.1), first step: ask the hub for the GroupInfo as a user not in the
   * participant list. Allowed, the hub lists the user by its own proposal and answers the GroupInfo; the
   * client joins with joinByExternalCommit once a member has committed that listing (docs/rules.md
   * "Open join": ts-mls external commits cannot list the joiner themselves). With `joiningCode` it asks to
   * join with that join code (R4 join codes, room-policy §8.1.1 canUseJoinCode), the same way.
   */
  async askToOpenJoin(roomId: string, joiningCode?: string): Promise<UpdateOutcome> {
    const hpke = await this.cs.hpke.generateKeyPair();
    const keys = await this.signing();
    const info = await this.uplink.fetchGroupInfo(
      roomId,
      { clientUri: this.uri, userUri: this.user, signaturePublicKey: keys.publicKey, signaturePrivateKey: keys.signKey, credential: keys.credential },
      await this.cs.hpke.exportPublicKey(hpke.publicKey),
      await this.cs.hpke.exportPrivateKey(hpke.privateKey),
      joiningCode === undefined ? undefined : new TextEncoder().encode(joiningCode),
    );
    // A /groupInfo answer carries no acceptance time: 0 stands for "none".
    return info.code === "success" ? { code: "success", acceptedTimestamp: 0n } : { code: "notAllowed", description: `groupInfo: ${info.code}` };
  }

  async joinByExternalCommit(roomId: string): Promise<UpdateOutcome> {
    const hpke = await this.cs.hpke.generateKeyPair();
    // The request is signed with the key the joining leaf will carry: the hub binds the external commit
    // to the request it answered (H14: same client, same signature key).
    const kp = await this.takeOwnKeyPackage();
    const info = await this.uplink.fetchGroupInfo(
      roomId,
      { clientUri: this.uri, userUri: this.user, signaturePublicKey: kp.publicPackage.leafNode.signaturePublicKey, signaturePrivateKey: kp.privatePackage.signaturePrivateKey, credential: kp.publicPackage.leafNode.credential },
      await this.cs.hpke.exportPublicKey(hpke.publicKey),
      await this.cs.hpke.exportPrivateKey(hpke.privateKey),
    );
    if (info.code !== "success") return { code: "notAllowed", description: `groupInfo: ${info.code}` };
    let joined;
    try {
      joined = await joinGroupExternal(info.groupInfo, kp.publicPackage, kp.privatePackage, false, this.cs, info.ratchetTree, this.clientConfig);
    } catch (e) {
      // The GroupInfo's signer or a leaf of its tree fails this client's validation (credentials included).
      return { code: "notAllowed", description: `client: the GroupInfo does not validate: ${(e as Error).message}` };
    }
    const invalidRoles = this.invalidRoles(joined.newState);
    if (invalidRoles !== undefined) return { code: "notAllowed", description: `client: the room's roles_list is unusable: ${invalidRoles}` };
    const illFormed = this.illFormedRoom(joined.newState);
    if (illFormed !== undefined) return { code: "notAllowed", description: `client: the room is ill-formed (R23): ${illFormed}` };
    const commit: MLSMessage = { version: "mls10", wireformat: "mls_public_message", publicMessage: joined.publicMessage };
    const groupInfo = await createGroupInfoWithExternalPub(joined.newState, [], this.cs);
    // The session exists before the hub answers: the hub fans out the commit, and whatever it proposes in
    // the new epoch, before its answer comes back, and the joiner must not miss them.
    const session = this.newSession(roomId, joined.newState);
    session.pendingCommit = { commitBytes: encodeMlsMessage(commit), newState: joined.newState };
    this.sessions.set(roomId, session);
    const outcome = await this.uplink.sendCommit(roomId, commitBundle(commit, undefined, groupInfo, joined.newState.ratchetTree));
    if (outcome.code === "success") session.pendingCommit = undefined;
    else if (this.sessions.get(roomId) === session) this.sessions.delete(roomId);
    return outcome;
  }

  private async signing(): Promise<{ publicKey: Uint8Array; signKey: Uint8Array; credential: import("ts-mls").Credential }> {
    if (this.signatureKeys === undefined) {
      // The request key comes with its provider's credential like any of this client's keys: a KeyPackage of
      // its own lends both (never offered to others), so pooled runs issue no certificate here.
      const own = await this.takeOwnKeyPackage();
      const leaf = own.publicPackage.leafNode;
      this.signatureKeys = { publicKey: leaf.signaturePublicKey, signKey: own.privatePackage.signaturePrivateKey, credential: leaf.credential };
    }
    this.heldSignatureKeys.add(bytesToBase64(this.signatureKeys.publicKey));
    return this.signatureKeys;
  }

  requesterIdentity = async () => {
    const k = await this.signing();
    return { clientUri: this.uri, userUri: this.user, signaturePublicKey: k.publicKey, signaturePrivateKey: k.signKey, credential: k.credential };
  };

  // ---- messages ----

  /**
   * An application message for the current epoch: MIMI content of `kind` carrying `text` (message-content.ts),
   * its franking tag in the SafeAAD beside the sending user (protocol §5.4.1). `epochOffset` -1 sends it
   * late, from the state of the epoch before, and +1 claims the next epoch in its (unencrypted) epoch field:
   * both for the hub to refuse.
   */
  async sendMessage(roomId: string, text: string, epochOffset: -1 | 0 | 1 = 0, kind: MessageKind | "duplicate" = "text", target?: MessageId): Promise<SubmitOutcome> {
    const s = this.requireSession(roomId);
    const from = epochOffset === -1 ? s.previousState : s.state;
    if (from === undefined) throw new Error(`${this.uri} has no earlier epoch of ${roomId}`);
    const built = kind === "duplicate" ? this.repeated(s, target) : buildMessageContent(kind, text, this.user, roomId, this.cs.rng.randomBytes(SALT_LENGTH), target === undefined ? this.contentReferences(s) : this.namedReferences(s, target));
    // The sending user travels in the authenticated data, signed by this client, checked by the hub against
    // sendingUri and by every receiver against the MLS sender (H0, docs/rules.md "Sender binding"); the
    // franking tag beside it, for the hub to frank (impl/franking/message-aad.ts).
    const aad = encodeMessageAad({ senderClaim: this.user, frankingTag: frankingTag(built.content.salt, built.bytes) });
    // ts-mls will not encrypt while proposals are unapplied; in MIMI a pending leave waits for the next commit
    // and the others keep talking, so the proposals are set aside for the message and kept.
    const r = await createApplicationMessage({ ...from, unappliedProposals: {} }, built.bytes, this.cs, aad);
    if (epochOffset === 0) s.state = { ...r.newState, unappliedProposals: s.state.unappliedProposals };
    const privateMessage = epochOffset === 1 ? { ...r.privateMessage, epoch: r.privateMessage.epoch + 1n } : r.privateMessage;
    const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage };
    // MLS senders cannot decrypt their own messages; remember it to recognise the hub's echo.
    s.sent.add(Buffer.from(encodeMlsMessage(message)).toString("hex"));
    const outcome = await this.uplink.submitMessage(roomId, message, this.user);
    if (outcome.code === "accepted") {
      s.ownMessages.push({ kind: built.kind, messageId: built.messageId, content: built.bytes, acceptedTimestamp: outcome.acceptedTimestamp, frank: outcome.frank });
      // The sender's own timeline holds its message at the hub's time, as every receiver's does.
      if (epochOffset === 0) this.intoTimeline(s, { messageId: built.messageId, hubTimestampMs: Number(outcome.acceptedTimestamp), senderUri: this.user, content: built.content });
    }
    return outcome;
  }

  /** References naming `target`, a message this client holds: what a reply or reaction answers, and what an
   * edit, delete or unlike replaces, keeping its metadata (§9.3). Whether the sender may replace it is the
   * receivers' call. */
  private namedReferences(s: RoomSession, target: MessageId): ContentReferences {
    const original = s.timeline.held.get(messageIdHex(target))?.message.content;
    return { latest: target, ownLatest: target, ...(original === undefined ? {} : { original }) };
  }

  /** One of this client's accepted messages again, byte for byte in a fresh MLS message: the same message ID
   * (content §9.1 has receivers discard it). The latest one unless `target` names another. */
  private repeated(s: RoomSession, target: MessageId | undefined): BuiltContent {
    const own = (target === undefined ? undefined : s.ownMessages.find((m) => sameBytes(m.messageId, target))) ?? s.ownMessages.at(-1);
    if (own === undefined) throw new Error(`${this.uri} has sent nothing to repeat`);
    return { kind: own.kind, content: decodeMimiContent(own.content), bytes: own.content, messageId: own.messageId };
  }

  /** What a new message of this client may refer to: the latest message it holds, and its own latest text
   * not since deleted (an edit keeps everything but the body, so only a plain text is edited). */
  private contentReferences(s: RoomSession): ContentReferences {
    const latestReceived = s.received.at(-1);
    const latestOwn = s.ownMessages.at(-1);
    const latest = latestOwn !== undefined && (latestReceived === undefined || latestOwn.acceptedTimestamp > latestReceived.timestamp) ? latestOwn.messageId : latestReceived?.messageId;
    const deleted = new Set(s.ownMessages.filter((m) => m.kind === "delete").map((m) => Buffer.from(decodeMimiContent(m.content).replaces!).toString("hex")));
    const ownLatest = [...s.ownMessages].reverse().find((m) => m.kind === "text" && !deleted.has(Buffer.from(m.messageId).toString("hex")))?.messageId;
    return { latest, ownLatest };
  }

  /**
   * Sends `part`, an attachment (ExternalPart, content §4.5) whose bytes this client stored at its provider's
   * asset location, as the whole body of a new message in the current epoch: like sendMessage's text.
   */
  async sendAttachment(roomId: string, part: NestedPart): Promise<SubmitOutcome> {
    const s = this.requireSession(roomId);
    const salt = this.cs.rng.randomBytes(SALT_LENGTH);
    const content = { salt, replaces: null, topicId: new Uint8Array(0), expires: null, inReplyTo: null, extensions: new Map<number, string>([[SENDER_URI_KEY, this.user], [ROOM_URI_KEY, roomId]]), body: part };
    const bytes = encodeMimiContent(content);
    const aad = encodeMessageAad({ senderClaim: this.user, frankingTag: frankingTag(salt, bytes) });
    const r = await createApplicationMessage({ ...s.state, unappliedProposals: {} }, bytes, this.cs, aad);
    s.state = { ...r.newState, unappliedProposals: s.state.unappliedProposals };
    const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: r.privateMessage };
    s.sent.add(Buffer.from(encodeMlsMessage(message)).toString("hex"));
    const outcome = await this.uplink.submitMessage(roomId, message, this.user);
    if (outcome.code === "accepted") {
      const messageId = messageIdOfEncoded(bytes);
      s.ownMessages.push({ kind: "attachment", messageId, content: bytes, acceptedTimestamp: outcome.acceptedTimestamp, frank: outcome.frank });
      this.intoTimeline(s, { messageId, hubTimestampMs: Number(outcome.acceptedTimestamp), senderUri: this.user, content });
    }
    return outcome;
  }

  // ---- receiving (fanout from the hub, through this client's provider) ----

  async receiveWelcome(welcome: Welcome, ratchetTree: RatchetTree): Promise<boolean> {
    for (const secret of welcome.secrets) {
      const ref = bytesToBase64(secret.newMember);
      const kp = this.keyPackages.get(ref);
      if (kp === undefined) continue;
      this.keyPackages.delete(ref);
      try {
        const state = await joinGroup(welcome, kp.publicPackage, kp.privatePackage, emptyPskIndex, this.cs, ratchetTree, undefined, this.clientConfig);
        const invalidRoles = this.invalidRoles(state);
        if (invalidRoles !== undefined) {
          this.refusals.push({ epoch: -1n, what: "welcome", code: "invalidProposal", rule: "R0", reason: `the room's roles_list is unusable: ${invalidRoles}` });
          return false;
        }
        const illFormed = this.illFormedRoom(state);
        if (illFormed !== undefined) {
          this.refusals.push({ epoch: -1n, what: "welcome", code: "notAllowed", rule: "R23", reason: `the room is ill-formed: ${illFormed}` });
          return false;
        }
        const roomId = fromUtf8.decode(state.groupContext.groupId);
        this.sessions.set(roomId, this.newSession(roomId, state));
        return true;
      } catch (e) {
        this.refusals.push({ epoch: -1n, what: "welcome", code: "invalid", rule: "MLS", reason: (e as Error).message });
        return false;
      }
    }
    return false;
  }

  /** Why the roles_list of a room this client is about to join is unusable (R0), or undefined. */
  private invalidRoles(state: ClientState): string | undefined {
    const room = roomComponentsOf(state.groupContext.extensions);
    return this.faults.skipRoleSetCheck === true || room === undefined ? undefined : roleDataProblem(room.roles);
  }

  /** Why the room this client is about to join is ill-formed (R23), or undefined. */
  private illFormedRoom(state: ClientState): string | undefined {
    const room = roomComponentsOf(state.groupContext.extensions);
    if (this.faults.skipJoinedRoomCheck === true || room === undefined) return undefined;
    return joinedRoomProblem(room, treeMembers(state.ratchetTree).map((m) => ({ client: m.client, user: userOfClient(m.client) ?? "" })));
  }

  /** A handshake or application message fanned out by the hub, with the proposals bundled with it. */
  async receive(roomId: string, message: MLSMessage, timestamp: bigint, moreProposals: MLSMessage[] = [], frank?: Frank): Promise<void> {
    const s = this.sessions.get(roomId);
    if (s === undefined) return;
    if (this.overtookOwnJoin(s, message)) return;
    if (this.faults.ignoreOtherEpochs === true && epochOfMessage(message) !== s.state.groupContext.epoch) return;
    if (message.wireformat === "mls_private_message") return this.receiveApplication(roomId, s, message, timestamp, frank);
    if (message.wireformat !== "mls_public_message") return;
    const content = message.publicMessage.content;
    if (content.contentType === "commit") return this.receiveCommit(roomId, s, message, content as FramedContentCommit);
    if (content.contentType === "proposal") return this.receiveProposals(s, [message, ...moreProposals]);
  }

  /**
   * A joiner whose external commit is still in flight holds only the epoch that commit would open. What the
   * hub fans out for the epoch it joined from, other than its own commit, was accepted before that commit
   * reached the hub: it overtook the join, which the hub will refuse (wrongEpoch) and the joiner can try
   * again. Nothing to process, nothing to refuse.
   */
  private overtookOwnJoin(s: RoomSession, message: MLSMessage): boolean {
    const joining = s.pendingCommit !== undefined && s.previousState === undefined && s.state === s.pendingCommit.newState;
    if (!joining) return false;
    const epoch = message.wireformat === "mls_private_message" ? message.privateMessage.epoch : message.wireformat === "mls_public_message" ? message.publicMessage.content.epoch : undefined;
    if (epoch === undefined || epoch === s.state.groupContext.epoch) return false;
    return !sameBytes(s.pendingCommit!.commitBytes, encodeMlsMessage(message));
  }

  private refuse(s: RoomSession, r: Omit<Refusal, "epoch">): void {
    if (!recordsRefusal(r, this.faults)) return;
    const refusal = { epoch: s.state.groupContext.epoch, ...r };
    s.refusals.push(refusal);
    this.refusals.push(refusal);
  }

  private async receiveApplication(roomId: string, s: RoomSession, message: MLSMessage & { wireformat: "mls_private_message" }, timestamp: bigint, frank: Frank | undefined): Promise<void> {
    if (s.sent.size > 0 && s.sent.delete(Buffer.from(encodeMlsMessage(message)).toString("hex"))) return;
    const sender = await this.senderOf(s, message.privateMessage);
    const unbound = judgeMessageSender(message.privateMessage.authenticatedData, sender, this.incomingRules());
    if (unbound !== undefined) {
      this.refuse(s, unbound);
      return;
    }
    let r;
    try {
      r = await processMessage(message, s.state, emptyPskIndex, () => "reject", this.cs);
    } catch (e) {
      this.refuse(s, { what: "message", code: "undecryptable", rule: "MLS", reason: (e as Error).message });
      return;
    }
    // The ratchet moved on whatever the content: the generation is used up either way.
    s.state = r.newState;
    if (r.kind !== "applicationMessage") return;
    let content;
    let messageId;
    try {
      content = decodeMimiContent(r.message);
      messageId = contentUris(content) === undefined ? undefined : messageIdOfEncoded(r.message);
    } catch (e) {
      this.refuse(s, { what: "message", code: "invalidContent", rule: "F57", reason: e instanceof ContentError ? `${e.reason}: ${e.message}` : String(e) });
      return;
    }
    const uris = contentUris(content);
    const senderUser = sender === undefined ? undefined : userOfClient(sender);
    const unfranked = await frankingRefusal(
      {
        agent: roomComponentsOf(s.state.groupContext.extensions)?.frankingAgent,
        roomUri: roomId,
        hubDomain: domainOf(roomId) ?? "",
        frank,
        tag: decodeMessageAad(message.privateMessage.authenticatedData)?.frankingTag,
        content: r.message,
        salt: content.salt,
        contentSenderUri: uris?.senderUri ?? textExtension(content.extensions, SENDER_URI_KEY),
        contentRoomUri: uris?.roomUri ?? textExtension(content.extensions, ROOM_URI_KEY),
        leafUser: senderUser,
        acceptedTimestamp: timestamp,
      },
      this.cs,
      { skipFrankingTagCheck: this.faults.skipFrankingTagCheck, skipSenderCheck: this.faults.skipSenderCheck },
    );
    if (unfranked !== undefined) {
      this.refuse(s, { what: "message", code: "invalidFrank", rule: "F61", reason: unfranked });
      return;
    }
    // Attachments only from the sender's provider's asset location (asset_policy, digest §3.7, §7 D46): the
    // room's component when it has one, else the policy this client was given.
    const roomPolicy = roomComponentsOf(s.state.groupContext.extensions)?.assetPolicy;
    const foreign = this.faults.skipAttachmentOriginCheck ? undefined
      : roomPolicy !== undefined ? roomAttachmentRefusal(content.body, senderUser, roomPolicy)
      : this.assetPolicy === undefined ? undefined : attachmentOriginRefusal(content.body, senderUser, this.assetPolicy);
    if (foreign !== undefined) {
      this.refuse(s, { what: "message", code: "foreignAttachment", rule: "F46", reason: foreign });
      return;
    }
    // The receivers' rules (content §9): a duplicate ID, an edit by another than the sender, an insane
    // timestamp… are discarded here, recorded under their rule. A message with no ID (its content names no
    // sender or room) was already refused by the franking check above.
    // The sender binding is judged once, above: a receiver that skips it takes the content's word for the sender.
    const believed = this.faults.skipSenderCheck === true ? (uris?.senderUri ?? senderUser) : senderUser;
    if (messageId !== undefined && believed !== undefined && !this.intoTimeline(s, { messageId, hubTimestampMs: Number(timestamp), senderUri: believed, content })) return;
    s.received.push({
      epoch: message.privateMessage.epoch,
      sender,
      text: bodyText(content.body),
      timestamp,
      content: r.message,
      ...(messageId === undefined ? {} : { messageId }),
      ...(senderUser === undefined ? {} : { senderUser }),
      ...(frank === undefined ? {} : { frank }),
    });
  }

  /** The client at the message's MLS sender leaf (RFC 9420 §6.3.2 sender data), or undefined when this
   * client cannot tell (an epoch it holds no secrets for: decryption then refuses the message anyway). */
  private async senderOf(s: RoomSession, pm: PrivateMessage): Promise<string | undefined> {
    const current = pm.epoch === s.state.groupContext.epoch;
    const epochData = current ? { senderDataSecret: s.state.keySchedule.senderDataSecret, ratchetTree: s.state.ratchetTree } : s.state.historicalReceiverData.get(pm.epoch);
    if (epochData === undefined) return undefined;
    try {
      const senderData = await decryptSenderData(pm, epochData.senderDataSecret, this.cs);
      return senderData === undefined ? undefined : treeMembers(epochData.ratchetTree).find((m) => m.leafIndex === senderData.leafIndex)?.client;
    } catch {
      return undefined;
    }
  }

  private incomingRules(): IncomingRules {
    return { pendingProposals: this.rules.pendingProposals, leaveOrder: this.rules.leaveOrder ?? "same-commit", faults: this.faults };
  }

  private async receiveProposals(s: RoomSession, messages: MLSMessage[]): Promise<void> {
    // A bundle is atomic: judge it whole, then let ts-mls record each proposal for a later commit.
    const verdict = judgeIncomingProposals(s, messages, this.incomingRules());
    if (!verdict.ok) {
      this.refuse(s, verdict.refusal);
      return;
    }
    let state = s.state;
    try {
      for (const m of messages) state = (await processMessage(m as never, state, emptyPskIndex, () => "accept", this.cs)).newState;
    } catch (e) {
      this.refuse(s, { what: "proposal", code: "invalidProposal", rule: "MLS", reason: (e as Error).message });
      return;
    }
    s.state = state;
    s.pendingItems.push(...verdict.items);
    // Whom the hub's enforcer blocks (R18) is no leaver; a hub delisting blocks a leaver already blocked.
    const first = verdict.items[0];
    if (first !== undefined && "proposer" in first && first.proposer.kind === "hub") for (const u of verdict.blocks) if (!s.blockedUsers.has(u)) (s.enforcedUsers ??= new Set()).add(u);
    for (const u of verdict.blocks) s.blockedUsers.add(u);
  }

  private async receiveCommit(roomId: string, s: RoomSession, message: MLSMessage, framed: FramedContentCommit): Promise<void> {
    if (s.pendingCommit !== undefined && sameBytes(s.pendingCommit.commitBytes, encodeMlsMessage(message))) {
      this.adoptOwnCommit(s);
      return;
    }
    // The room rules first, on the same facts the hub judged.
    const verdict = judgeIncomingCommit(s, framed, this.uri, this.incomingRules());
    if (!verdict.ok) {
      this.refuse(s, verdict.refusal);
      return;
    }
    // A removed member cannot follow the group into the next epoch; it stops here rather than ask ts-mls,
    // which misses the removal when an Add of the same commit reuses the freed leaf. ts-mls then never
    // validates the commit's new leaves, so this client does it itself first: an impostor's commit whose
    // credential fails does not remove anyone (RFC 9420 §5.3.1).
    if (verdict.removesSelf) {
      const invalid = await this.invalidNewLeaf(s, framed);
      if (invalid !== undefined) return this.refuse(s, { what: "commit", code: "invalid", rule: "MLS", reason: `Could not validate credential: ${invalid}` });
      return this.leaveAfterRemoval(roomId, s, message);
    }
    try {
      const r = await processMessage(message as never, s.state, emptyPskIndex, () => "accept", this.cs);
      if (r.newState.groupActiveState.kind === "removedFromGroup") return this.leaveAfterRemoval(roomId, s, message);
      s.blockedUsers = blockedAfterCommit(s.blockedUsers, r.newState, this.incomingRules().leaveOrder, s.enforcedUsers);
      s.enforcedUsers = undefined;
      s.joinedThisEpoch = false;
      s.previousState = s.state;
      s.state = r.newState;
      s.pendingItems = [];
    } catch (e) {
      this.refuse(s, { what: "commit", code: "invalid", rule: "MLS", reason: (e as Error).message });
    }
  }

  /** Why one of the leaves a commit brings in fails this client's credential validation, or undefined. */
  private async invalidNewLeaf(s: RoomSession, framed: FramedContentCommit): Promise<string | undefined> {
    if (this.credentials === undefined) return undefined;
    for (const { what, leaf } of newLeavesOfCommit(framed, s.state.unappliedProposals)) {
      const why = await this.credentials.validator.refusal(leaf.credential, leaf.signaturePublicKey);
      if (why !== undefined) return `${what}: ${why}`;
    }
    return undefined;
  }

  /** Drop the room, keeping what a holder of this client's keys could still derive from the removing commit. */
  private async leaveAfterRemoval(roomId: string, s: RoomSession, commit: MLSMessage): Promise<void> {
    this.sessions.delete(roomId);
    this.formerStates.set(roomId, { lastState: s.state, afterRemoval: await deriveEpochAfterRemoval(s.state, commit, this.cs) });
  }

  /**
   * This client's raw material, for the adversary layer that plays it compromised (properties/adversaries):
   * its session and former states, its suite and the uplink to its provider. An honest deployment never
   * calls it; with it, any bytes this client could sign can be sent.
   */
  compromisedAccess(): CompromisedClientAccess {
    return {
      suite: this.cs,
      uplink: this.uplink,
      session: (roomId) => this.sessions.get(roomId),
      formerState: (roomId) => this.formerStates.get(roomId)?.lastState,
      requesterIdentity: this.requesterIdentity,
      sendOwnCommit: async (roomId, bundle, newState) => {
        const s = this.sessions.get(roomId);
        // Adopted like any own commit once the hub accepts it, so the compromised client stays in step with the room.
        if (s !== undefined) s.pendingCommit = { commitBytes: encodeMlsMessage(bundle.proposalOrCommit), newState };
        const outcome = await this.uplink.sendCommit(roomId, bundle);
        this.settlePendingCommit(roomId, outcome);
        return outcome;
      },
    };
  }

  /** Rooms this client was removed from: its last state, and what it derived from the commit that removed
   * it. Kept to show it cannot read what follows (RFC 9420 §16.4; the P12 invariant tries both). */
  readonly formerStates = new Map<string, FormerMembership>();
}

/** What a client keeps of a room it was removed from. */
export interface FormerMembership {
  /** Its state in the epoch the removing commit was made in. */
  readonly lastState: ClientState;
  /** Its best-effort derivation of the epoch the removing commit opened. */
  readonly afterRemoval: RemovedClientDerivation;
}

/** What the adversary layer gets of a compromised client (MimiClient.compromisedAccess). */
export interface CompromisedClientAccess {
  readonly suite: CiphersuiteImpl;
  readonly uplink: ClientUplink;
  session(roomId: string): RoomSession | undefined;
  /** The last state of a room this client was removed from. */
  formerState(roomId: string): ClientState | undefined;
  requesterIdentity(): Promise<import("./uplink.js").RequesterIdentity>;
  /** Sends a commit bundle as this client's own, adopting `newState` once the hub accepts it. */
  sendOwnCommit(roomId: string, bundle: CommitBundle, newState: ClientState): Promise<UpdateOutcome>;
}
