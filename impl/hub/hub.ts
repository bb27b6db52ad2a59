// The hub (protocol §5.3–5.6): orders every event of its rooms, enforces the room policy against its
// live state, keeps a public view of each MLS group, and fans out in one total order. It works on decoded
// structures; impl/hub/hub-server.ts puts it behind the byte-level endpoints.
import {
  bytesToBase64, proposeExternal, encodeMlsMessage, type CiphersuiteImpl, type ExternalSender, type GroupInfo,
  type MLSMessage, type Proposal, type RatchetTree,
} from "ts-mls";
import type { FramedContentCommit } from "ts-mls/framedContent.js";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";
import { userOfClient, domainOf } from "../identity/mimi-uri.js";
import { clientUriOfCredential, treeMembers } from "../mls/client-credential.js";
import { sealGroupInfo } from "../mls/group-info-sealing.js";
import { signGroupInfoResponse, verifyGroupInfoRequest } from "../mls/request-signatures.js";
import type { GroupInfoRequest } from "../codec/group-info-request.js";
import type { GroupInfoResponse } from "../codec/group-info-response.js";
import { committerOf, describeCommit, describeProposal } from "../mls/describe-commit.js";
import {
  applyCommitToView, proposalRef, resolveProposals, verifyPublicMessage, viewFromGroupInfo, type ResolvedProposal,
} from "../mls/public-group-view.js";
import { participantListUpdateProposal, roomComponentsOf, type RoomComponents } from "../mls/room-components.js";
import { checkCommit, checkProposalBundle, type Actor, type CommitItem } from "../room/commit-check.js";
import { liveRoom } from "../room/live-room.js";
import { enforcementUpdate, type EnforceAction } from "../room/policy-enforcer.js";
import { hubUserOfGroup } from "../mls/hub-enforcer-user.js";
import { initialRoomProblem } from "../room/role-set-validity.js";
import { authorizeOutsiderListing, outsiderListingRole } from "../room/authorize-preauth.js";
import { basePolicyRefusesListing } from "../room/base-policy.js";
import { activeUsersOf, BANNED_ROLE } from "../room/room-state.js";
import { hasCapability, CAPABILITY } from "../room/capabilities.js";
import { authorizeMessageSubmission } from "../room/authorize-message.js";
import type { CommitBundle, ProposalBundle } from "../codec/handshake-bundle.js";
import type { FanoutMessage } from "../codec/fanout-message.js";
import { encodeRatchetTree } from "ts-mls/ratchetTree.js";
import type { SubmitOutcome, UpdateOutcome } from "../transport/outcomes.js";
import { commitCheckSkips, defaultHubConfig, type HubConfig } from "./hub-config.js";
import { JoinCodeDesk } from "./join-code-desk.js";
import { authorizeJoinCodeListing } from "../room/authorize-join-code.js";
import type { HubDecision, HubEndpoint, HubRuleId } from "./hub-decision.js";
import type { HubRoom, PendingProposal } from "./hub-room.js";
import { keyPackageRefusal, MILLISECONDS_PER_SECOND } from "./key-package-validity.js";
import { AnsweredGroupInfoRequests } from "../identity/answered-group-info-requests.js";
import { identityContinuityRefusal } from "../identity/identity-continuity.js";
import type { CredentialValidator } from "../identity/credential-validation.js";
import type { AbuseReport } from "../codec/abuse-report.js";
import type { FrankingAgent } from "../franking/franking-agent.js";
import { decodeMessageAad } from "../franking/message-aad.js";

/** Deliver fanout to one provider (the server layer encodes it into a /notify request). */
export type DeliverFanout = (domain: string, roomId: string, items: FanoutMessage[]) => Promise<void>;

/** What the hub believes about a room right now, for comparison with the model and the clients. */
export interface HubRoomSnapshot {
  epoch: bigint;
  committed: RoomComponents;
  live: RoomComponents;
  members: string[];
  blocked: string[];
  pending: number;
  treeHash: Uint8Array;
}

type RefusedUpdate = Exclude<UpdateOutcome, { code: "success" | "transportError" }>;
type RefusedSubmit = Exclude<SubmitOutcome, { code: "accepted" | "transportError" }>;

export class Hub {
  private readonly rooms = new Map<string, HubRoom>();
  /** Every KeyPackageRef (base64) the hub relayed, in any room, with the user it was asked for (H24). */
  private readonly relayedKeyPackages = new Map<string, string>();
  /** Every KeyPackageRef (base64) an accepted Add used, in any room (H24: single use). */
  private readonly usedKeyPackages = new Set<string>();
  /** Each room's GroupInfo and tree of the epoch before the current one (for the planted serveStaleGroupInfo). */
  private readonly previousGroupInfos = new Map<string, { groupInfo: GroupInfo; ratchetTree: RatchetTree }>();
  /** The users the hub's own pending open-join listings name, by proposal ref (base64): re-proposed when omitted. */
  private readonly openJoinListings = new Map<string, string>();
  /** The hub's own pending listings of code joiners (a subset of openJoinListings), by ref: the code's role. */
  private readonly joinCodeListings = new Map<string, number>();
  /** The join-code table and the codes consumed (R4 join codes). */
  private readonly joinCodes: JoinCodeDesk;
  /** Per room, the users an enforcement of the current epoch blocked (R18): not leavers once it is committed or dropped. */
  private readonly enforcedTargets = new Map<string, Set<string>>();
  /** The GroupInfo requests answered in each room's current epoch (H14: the external commit that follows must match one). */
  private readonly answeredGroupInfoRequests = new AnsweredGroupInfoRequests();
  private clock: bigint;
  private decision: HubDecision | undefined;
  /** Credential validation (RFC 9420 §5.3.1) and the hub's own credential as external sender: set by
   * useCredentials; without them every credential passes and the hub's is basic. */
  private credentialValidator: CredentialValidator | undefined;
  private senderCredential: import("ts-mls").Credential | undefined;
  /** The rooms' franking agent (protocol §5.4.1): set by useFrankingAgent; without it nothing is franked. */
  private franking: FrankingAgent | undefined;
  /** Abuse reports this hub accepted (§5.9), in order. */
  readonly acceptedReports: AbuseReport[] = [];

  constructor(
    readonly domain: string,
    private readonly cs: CiphersuiteImpl,
    private readonly keys: { publicKey: Uint8Array; signKey: Uint8Array },
    private deliver: DeliverFanout,
    readonly config: HubConfig = defaultHubConfig,
    startTime = 1_700_000_000_000n,
  ) {
    this.clock = startTime;
    this.joinCodes = new JoinCodeDesk(config.joinCodes);
  }

  /** The hub as the room's first external sender (protocol §7.4). */
  externalSender(): ExternalSender {
    return { signaturePublicKey: this.keys.publicKey, credential: this.senderCredential ?? { credentialType: "basic", identity: new TextEncoder().encode(`mimi://${this.domain}`) } };
  }

  /** Validate every credential the hub meets with `validator` (its trust, clock and faults), and speak as
   * external sender with `senderCredential` (its provider's certificate for its key). */
  useCredentials(validator: CredentialValidator, senderCredential: import("ts-mls").Credential): void {
    this.credentialValidator = validator;
    this.senderCredential = senderCredential;
  }

  /** Why a credential fails the hub's validation, or undefined (always, without a validator). */
  private readonly credentialRefusal = async (credential: import("ts-mls").Credential, key: Uint8Array): Promise<string | undefined> =>
    this.credentialValidator === undefined ? undefined : this.credentialValidator.refusal(credential, key);

  /** Frank every accepted message that carries a franking tag with `agent`, named in the rooms it creates. */
  useFrankingAgent(agent: FrankingAgent): void {
    this.franking = agent;
  }

  get frankingAgent(): FrankingAgent | undefined {
    return this.franking;
  }

  get suite(): CiphersuiteImpl {
    return this.cs;
  }

  get signaturePublicKey(): Uint8Array {
    return this.keys.publicKey;
  }

  /**
   * The hub's raw material, for the adversary layer that plays it compromised
   * (properties/adversaries/compromised-hub.ts): its signing keys, and every later fanout routed through
   * `intercept`, which gets the honest delivery to call, alter, hold or skip. An honest deployment never
   * calls it.
   */
  compromise(intercept: (honest: DeliverFanout) => DeliverFanout): { readonly publicKey: Uint8Array; readonly signKey: Uint8Array } {
    this.deliver = intercept(this.deliver);
    return this.keys;
  }

  /** Deterministic acceptance time: replays give the same timestamps. */
  private now(): bigint {
    this.clock += 1n;
    return this.clock;
  }

  /** The hub's last decision on a request, with the rule that decided it (white-box: never on the wire). */
  get lastDecision(): HubDecision | undefined {
    return this.decision;
  }

  private record(roomId: string, endpoint: HubEndpoint, code: string, rule?: HubRuleId, reason?: string): void {
    this.decision = { serial: (this.decision?.serial ?? 0) + 1, roomId, endpoint, code, ...(rule === undefined ? {} : { rule, reason }) };
  }

  /** A refused /update: recorded with its rule, answered with the code and "rule: reason" as description. */
  private refuseUpdate(roomId: string, rule: HubRuleId, reason: string, code: "notAllowed" | "invalidProposal" = "notAllowed"): RefusedUpdate {
    this.record(roomId, "update", code, rule, reason);
    const description = `${rule}: ${reason}`;
    return code === "notAllowed" ? { code, description } : { code, description, invalidProposals: [] };
  }

  private wrongEpoch(roomId: string, rule: HubRuleId, reason: string, currentEpoch: bigint): RefusedUpdate {
    this.record(roomId, "update", "wrongEpoch", rule, reason);
    return { code: "wrongEpoch", currentEpoch, description: `${rule}: ${reason}` };
  }

  private refuseSubmit(roomId: string, rule: HubRuleId, reason: string, currentEpoch?: bigint): RefusedSubmit {
    if (currentEpoch !== undefined) {
      this.record(roomId, "submitMessage", "epochTooOld", rule, reason);
      return { code: "epochTooOld", currentEpoch };
    }
    this.record(roomId, "submitMessage", "notAllowed", rule, reason);
    return { code: "notAllowed", description: `${rule}: ${reason}` };
  }

  hasRoom(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  /** Every room's committed components: the download proxy reads their asset_policy (impl/proxy). */
  committedRooms(): { roomId: string; committed: RoomComponents }[] {
    return [...this.rooms.values()].map((r) => ({ roomId: r.roomId, committed: roomComponentsOf(r.view.groupContext.extensions)! }));
  }

  room(roomId: string): HubRoom | undefined {
    return this.rooms.get(roomId);
  }

  /** Room creation is hub-local (protocol §3.1): the creator's client hands over its first GroupInfo and
   * tree. A room whose roles_list or creator's role is unusable is refused (R0, `invalidProposal`). */
  async createRoom(roomId: string, groupInfo: GroupInfo, tree: RatchetTree): Promise<{ code: "invalidProposal"; description: string } | undefined> {
    if (this.rooms.has(roomId)) throw new Error(`room ${roomId} exists`);
    const view = await viewFromGroupInfo(groupInfo, tree, this.cs, this.credentialRefusal);
    const components = roomComponentsOf(view.groupContext.extensions);
    if (components === undefined) throw new Error("room state missing from the GroupContext");
    const problem = this.config.faults.skipRoleSetCheck === true ? undefined : initialRoomProblem(components);
    if (problem !== undefined) return { code: "invalidProposal", description: `R0: ${problem}` };
    this.rooms.set(roomId, { roomId, view, pending: [], blocked: new Set(), keyPackageRoutes: new Map(), history: [] });
  }

  snapshot(roomId: string): HubRoomSnapshot | undefined {
    const r = this.rooms.get(roomId);
    if (r === undefined) return undefined;
    const committed = roomComponentsOf(r.view.groupContext.extensions)!;
    return {
      epoch: r.view.groupContext.epoch,
      committed,
      live: this.live(r).room,
      members: treeMembers(r.view.tree).map((m) => m.client),
      blocked: [...r.blocked].sort(),
      pending: r.pending.length,
      treeHash: r.view.groupContext.treeHash,
    };
  }

  private committedContext(r: HubRoom) {
    const room = roomComponentsOf(r.view.groupContext.extensions)!;
    const members = treeMembers(r.view.tree).map((m) => ({ client: m.client, user: userOfClient(m.client) ?? "" }));
    // The hub's own proposals act with its enforcer user's role, where the room lists it (R18).
    const hubUser = hubUserOfGroup(r.view.groupContext.extensions, room);
    return { room, members, blocked: r.blocked, ...(hubUser === undefined ? {} : { hubUser }) };
  }

  /** Hub-live state: committed state with the accepted pending proposals applied (protocol §7.1). */
  private live(r: HubRoom) {
    const ctx = this.committedContext(r);
    return liveRoom(ctx, r.pending.map((p) => p.item));
  }

  /** Record a relayed KeyPackage: its route for the Welcome (§5.5) and the user it was asked for (H24). */
  recordKeyPackageRoute(roomId: string, keyPackageRef: Uint8Array, domain: string, user: string): void {
    const ref = bytesToBase64(keyPackageRef);
    this.rooms.get(roomId)?.keyPackageRoutes.set(ref, domain);
    this.relayedKeyPackages.set(ref, user);
  }

  /** The hub's time for KeyPackage lifetimes, in seconds: its deterministic clock (milliseconds), not
   * wall-clock time, so replays judge lifetimes the same way. */
  get keyPackageTime(): bigint {
    return this.clock / MILLISECONDS_PER_SECOND;
  }

  /**
   * H24 at relay time (protocol §5.2 MUST NOTs): why the hub will not pass on a key-material answer for
   * `user` handing out these KeyPackages — one handed out before (by any answer it relayed, this one
   * included), one expired at the hub's time, or one whose credential is not the listed client of `user`.
   * Undefined when it may (or when the planted fault `skipKeyPackageChecks` is on). Its credential is
   * validated first (RFC 9420 §5.3.1), whatever that fault.
   */
  async keyMaterialRefusal(roomId: string, user: string, offered: readonly { client: string; keyPackage: import("ts-mls").KeyPackage; ref: Uint8Array }[]): Promise<string | undefined> {
    for (const o of offered) {
      const invalid = await this.credentialRefusal(o.keyPackage.leafNode.credential, o.keyPackage.leafNode.signaturePublicKey);
      if (invalid !== undefined) {
        this.record(roomId, "keyMaterial", "HTTP 424", "H24", `${o.client}: credential invalid: ${invalid}`);
        return invalid;
      }
    }
    if (this.config.faults.skipKeyPackageChecks) return undefined;
    const seen = new Set<string>();
    for (const o of offered) {
      const ref = bytesToBase64(o.ref);
      const why = keyPackageRefusal(o.keyPackage, { user, client: o.client, nowSeconds: this.keyPackageTime, seenBefore: seen.has(ref) || this.relayedKeyPackages.has(ref) });
      seen.add(ref);
      if (why !== undefined) {
        this.record(roomId, "keyMaterial", "HTTP 424", "H24", `${o.client}: ${why}`);
        return why;
      }
    }
    return undefined;
  }

  async keyPackageRef(keyPackage: import("ts-mls").KeyPackage): Promise<Uint8Array> {
    return makeKeyPackageRef(keyPackage, this.cs.hash);
  }

  /** Providers that get a room's fanout: every provider with a member client, and the hub's own. */
  private followers(r: HubRoom, extraClients: string[] = []): string[] {
    const domains = new Set<string>([this.domain]);
    for (const m of treeMembers(r.view.tree)) domains.add(domainOf(m.client) ?? this.domain);
    for (const c of extraClients) domains.add(domainOf(c) ?? this.domain);
    return [...domains].sort();
  }

  private async fanout(r: HubRoom, items: FanoutMessage[], extraClients: string[] = []): Promise<void> {
    for (const domain of this.followers(r, extraClients)) await this.deliver(domain, r.roomId, items);
  }

  // ---------------------------------------------------------------- /update with a commit

  /**
   * H0, sender binding: the client that signed a request (or the sender it names) belongs to `from`, the
   * provider that sent it (protocol §4.1: `From` names the source provider, which mutually authenticated
   * TLS vouches for). Without it any follower could speak for any participant. Answers why not, or
   * undefined when bound (or when the planted fault `skipSenderBinding` is on).
   */
  senderBindingRefusal(from: string, uri: string, role: string): string | undefined {
    if (this.config.faults.skipSenderBinding) return undefined;
    const domain = domainOf(uri);
    return domain === from ? undefined : `${role} ${uri} is not hosted by the requesting provider ${from}`;
  }

  /**
   * H14, binding across steps: an external joiner is the client, with the signature key, of a GroupInfo
   * request this hub answered in the epoch (digest §2.6 H14, protocol §5.6), and no leaf the commit
   * replaces changes identity (impl/identity/identity-continuity.ts). Without it a listed user's device
   * could fetch the GroupInfo under its own name and join as another client, removing that client as a
   * "resync". Answers why not, or undefined (also with the planted faults `skipJoinBinding`, and
   * `skipExternalJoinCheck` for the request binding of external commits, which that fault waives whole).
   */
  private joinBindingRefusal(roomId: string, framed: FramedContentCommit, resolved: readonly ResolvedProposal[], tree: RatchetTree, epoch: bigint): string | undefined {
    const { skipJoinBinding, skipExternalJoinCheck } = this.config.faults;
    if (skipJoinBinding) return undefined;
    const joiner = framed.sender.senderType === "new_member_commit" ? framed.commit.path?.leafNode : undefined;
    const client = joiner === undefined ? undefined : clientUriOfCredential(joiner.credential);
    if (joiner !== undefined && !skipExternalJoinCheck) {
      const unbound = this.answeredGroupInfoRequests.refusal(roomId, epoch, client ?? "(unnamed)", joiner.signaturePublicKey);
      if (unbound !== undefined) return unbound;
    }
    return identityContinuityRefusal(framed, resolved, tree);
  }

  /** /update with a commit from provider `from` (the request's authenticated source). */
  async handleCommit(roomId: string, bundle: CommitBundle, from: string): Promise<UpdateOutcome> {
    const r = this.rooms.get(roomId);
    if (r === undefined) return this.refuseUpdate(roomId, "R0", "no such room");
    const { faults, variants } = this.config;
    const m = bundle.proposalOrCommit;
    if (bundle.groupInfoOption.representation !== "full") return this.refuseUpdate(roomId, "H13", "only a full GroupInfo is supported");
    if (bundle.ratchetTreeOption.representation !== "full") return this.refuseUpdate(roomId, "H13", "only a full ratchet tree is supported");
    const groupInfo = bundle.groupInfoOption.groupInfo;
    if (m.wireformat !== "mls_public_message") return this.refuseUpdate(roomId, "H1", "handshakes must be PublicMessages");
    const framed = m.publicMessage.content;
    if (framed.contentType !== "commit") return this.refuseUpdate(roomId, "H1", "not a commit");
    const epoch = r.view.groupContext.epoch;
    // An older epoch already has its commit (R16: the first one won); any other epoch is simply not the hub's (R1).
    if (framed.epoch !== epoch && !faults.skipEpochCheck)
      return this.wrongEpoch(roomId, framed.epoch < epoch ? "R16" : "R1", `commit for epoch ${framed.epoch}`, epoch);

    let content;
    try {
      content = await verifyPublicMessage(r.view, m.publicMessage, this.cs);
    } catch (e) {
      return this.refuseUpdate(roomId, "H1", `MLS: ${(e as Error).message}`);
    }
    const commitFramed = framed as FramedContentCommit;
    let committer: Actor;
    let resolved: ResolvedProposal[];
    const known = Object.fromEntries(r.pending.map((p) => [p.ref, p.proposalWithSender]));
    try {
      committer = committerOf(commitFramed, r.view.tree);
      resolved = resolveProposals(commitFramed, (ref) => known[ref]);
    } catch (e) {
      return this.refuseUpdate(roomId, "H1", `MLS: ${(e as Error).message}`, "invalidProposal");
    }
    // The committer is authenticated by its signature, so it can be bound to the sending provider now.
    const unbound = committer.kind === "hub" ? `the hub's own key signs no commit from ${from}` : this.senderBindingRefusal(from, committer.client, "committer");
    if (unbound !== undefined) return this.refuseUpdate(roomId, "H0", unbound);
    if (committer.kind === "member" && r.blocked.has(committer.user) && !faults.skipBlockedCheck)
      return this.refuseUpdate(roomId, "R2", `${committer.user} is blocked`);

    const included = new Set(resolved.filter((p) => p.byReference).map((p) => bytesToBase64(p.reference!)));
    const omitted = r.pending.filter((p) => !included.has(p.ref));
    if (omitted.length > 0 && variants.pendingProposals === "must-include" && !faults.skipPendingInclusion)
      return this.refuseUpdate(roomId, "R11", `${omitted.length} pending proposal(s) left out`);

    let description;
    try {
      description = describeCommit(commitFramed, resolved, r.view.tree, r.view.groupContext.extensions);
    } catch (e) {
      return this.refuseUpdate(roomId, "H1", `MLS: ${(e as Error).message}`, "invalidProposal");
    }
    // Omitted proposals are discarded (may-omit): their blocks go with them.
    const stillBlocked = new Set(r.pending.filter((p) => included.has(p.ref)).flatMap((p) => p.blocks));
    if (!faults.skipCommitPolicy && !(faults.skipExternalJoinCheck && committer.kind === "newMember")) {
      const verdict = checkCommit({ ...this.committedContext(r), blocked: faults.skipBlockedCheck ? new Set() : stillBlocked, skip: commitCheckSkips(faults) }, description);
      if (!verdict.ok) return this.refuseUpdate(roomId, verdict.rule, verdict.reason, verdict.code);
    }
    const unboundJoin = this.joinBindingRefusal(roomId, commitFramed, resolved, r.view.tree, epoch);
    if (unboundJoin !== undefined) return this.refuseUpdate(roomId, "H14", unboundJoin);

    let applied;
    try {
      applied = await applyCommitToView(r.view, content as never, known, groupInfo, this.cs, this.credentialRefusal, faults.skipGroupInfoMatch === true);
    } catch (e) {
      return this.refuseUpdate(roomId, "H1", `MLS: ${(e as Error).message}`);
    }
    if (!sameBytes(encodeRatchetTree(applied.view.tree), encodeRatchetTree(bundle.ratchetTreeOption.ratchetTree)))
      return this.refuseUpdate(roomId, "H13", "ratchet tree differs from the one the commit produces");
    // Welcomes must go to providers the hub relayed key material from (§5.3, §5.5).
    const added = resolved.flatMap((p) => (p.proposal.proposalType === "add" ? [p.proposal.add.keyPackage] : []));
    const addedRefs = await Promise.all(added.map(async (kp) => bytesToBase64(await this.keyPackageRef(kp))));
    // H24 at commit time: each Add's KeyPackage unused, unexpired, and of the user the hub relayed it for.
    if (!faults.skipKeyPackageChecks)
      for (const [i, kp] of added.entries()) {
        const ref = addedRefs[i]!;
        const why = keyPackageRefusal(kp, { user: this.relayedKeyPackages.get(ref), nowSeconds: this.keyPackageTime, seenBefore: this.usedKeyPackages.has(ref) || addedRefs.indexOf(ref) !== i });
        if (why !== undefined) return this.refuseUpdate(roomId, "H24", why);
      }
    const adds = added.length;
    if (adds > 0) {
      if (bundle.welcome === undefined) return this.refuseUpdate(roomId, "H13", "Adds without a Welcome");
      for (const s of bundle.welcome.secrets)
        if (!r.keyPackageRoutes.has(bytesToBase64(s.newMember))) return this.refuseUpdate(roomId, "H13", "Welcome for a KeyPackage the hub did not relay");
    }

    // Accept: the new epoch begins.
    const removedClients = description.items.filter((i) => i.kind === "remove").map((i) => (i as { client: string }).client);
    // The users its enforcer's removals or bans blocked are no leavers: R12's delisting is not theirs (R18).
    const leaversBefore = [...r.blocked].filter((u) => !this.enforcedTargets.get(r.roomId)?.has(u));
    this.enforcedTargets.delete(r.roomId);
    for (const ref of addedRefs) this.usedKeyPackages.add(ref);
    this.previousGroupInfos.set(roomId, { groupInfo: r.view.groupInfo, ratchetTree: r.view.tree });
    r.view = applied.view;
    r.pending = [];
    r.blocked = new Set();
    r.history.push({ epoch, committer: committer.kind === "hub" ? "hub" : committer.client, commitBytes: encodeMlsMessage(m) });
    const timestamp = this.now();
    this.record(roomId, "update", "accepted");
    // The Welcome goes after the commit (D43: a Welcome only once its commit is accepted and fanned out),
    // to the providers the hub relayed its KeyPackages from, and to no other.
    const sendWelcome = async () => {
      if (bundle.welcome === undefined) return;
      const domains = new Set(bundle.welcome.secrets.map((s) => r.keyPackageRoutes.get(bytesToBase64(s.newMember))!));
      if (faults.broadcastWelcome) for (const d of this.followers(r)) domains.add(d);
      for (const s of bundle.welcome.secrets) r.keyPackageRoutes.delete(bytesToBase64(s.newMember));
      const welcome: MLSMessage = { version: "mls10", wireformat: "mls_welcome", welcome: bundle.welcome };
      for (const d of [...domains].sort()) await this.deliver(d, roomId, [{ kind: "welcome", timestamp, message: welcome, ratchetTreeOption: { representation: "full", ratchetTree: r.view.tree } }]);
    };
    if (faults.welcomeBeforeCommit) await sendWelcome();
    await this.fanout(r, [{ kind: "commit", timestamp, message: m, externalProposals: [] }], removedClients);
    if (!faults.welcomeBeforeCommit) await sendWelcome();
    if (variants.leaveOrder === "clients-first") await this.delistLeaversWithoutClients(r, leaversBefore);
    // Its own listings of open joiners that the commit left out (may-omit), the hub proposes again while
    // the join is still allowed (protocol §5.5: the hub regenerates its own proposals).
    for (const p of omitted) {
      const user = this.openJoinListings.get(p.ref);
      const codeRole = this.joinCodeListings.get(p.ref);
      if (user !== undefined && codeRole !== undefined) await this.relistCodeJoiner(r, user, codeRole);
      else if (user !== undefined && this.isOpenJoiner(r, user)) await this.openJoin(r, user);
    }
    for (const ref of [...omitted.map((p) => p.ref), ...included]) this.openJoinListings.delete(ref);
    for (const ref of [...omitted.map((p) => p.ref), ...included]) this.joinCodeListings.delete(ref);
    return { code: "success", acceptedTimestamp: timestamp };
  }

  /** clients-first (R12): once a leaver's clients are gone, the hub itself proposes its delisting. */
  private async delistLeaversWithoutClients(r: HubRoom, leavers: string[]): Promise<void> {
    const room = roomComponentsOf(r.view.groupContext.extensions)!;
    const members = treeMembers(r.view.tree);
    for (const user of leavers) {
      const index = room.participants.participants.findIndex((p) => p.user === user);
      if (index < 0 || members.some((m) => userOfClient(m.client) === user)) continue;
      const proposal = participantListUpdateProposal({ changedRoleParticipants: [], removedIndices: [index], addedParticipants: [] });
      const message = await proposeExternal(r.view.groupInfo, proposal, this.keys.publicKey, this.keys.signKey, this.cs);
      if (message.wireformat !== "mls_public_message") continue;
      const content = await verifyPublicMessage(r.view, message.publicMessage, this.cs);
      const { item } = describeProposal(message.publicMessage.content, r.view.tree, r.view.groupContext.extensions);
      const ref = bytesToBase64(await proposalRef(content, this.cs));
      const timestamp = this.now();
      r.pending.push({ ref, message, proposalWithSender: { proposal, senderLeafIndex: undefined }, proposer: { kind: "hub" }, item, acceptedAt: timestamp, blocks: [user] });
      r.blocked.add(user);
      await this.fanout(r, [{ kind: "proposal", timestamp, message, moreProposals: [] }]);
    }
  }

  /**
   * An operator of the hub asks its policy enforcer to act (R18, docs/rules.md "The policy enforcer"): the
   * hub judges the enforcement with its enforcer user's role, as every client will, and sends it as its own
   * external proposal bundle (the participant-list update, then a Remove of each client it takes), which a
   * member commits by reference. Refused (`notAllowed`) where the room lists no enforcer, or beyond the role.
   * Recorded as an /update decision; the answer is the /update outcome the operator sees.
   */
  async enforce(roomId: string, action: EnforceAction): Promise<UpdateOutcome> {
    const r = this.rooms.get(roomId);
    if (r === undefined) return this.refuseUpdate(roomId, "R0", "no such room");
    const skip = this.config.faults.skipEnforcerRoleCheck === true;
    const context = { ...this.committedContext(r), pending: r.pending.map((p) => p.item) };
    if (context.hubUser === undefined && !skip) return this.refuseUpdate(roomId, "R18", "the room lists no policy enforcer: the hub has no role");
    // Indexes name the committed list; the Removes take the clients still live (none already pending removal).
    const wire = enforcementUpdate(context.room, liveRoom(context, context.pending).members, action);
    if (wire === undefined) return this.refuseUpdate(roomId, "R18", `${action.kind} of ${action.target} has no wire form in this list`, "invalidProposal");
    const members = treeMembers(r.view.tree);
    // A client only proposed for addition (pending, not in the tree) has no leaf a Remove could name.
    const unremovable = wire.removedClients.find((c) => !members.some((m) => m.client === c));
    if (unremovable !== undefined) return this.refuseUpdate(roomId, "R18", `${unremovable} is pending addition, not in the tree: no Remove can name it`, "invalidProposal");
    const proposals: Proposal[] = [
      participantListUpdateProposal(wire.update),
      ...wire.removedClients.map((c): Proposal => ({ proposalType: "remove", remove: { removed: members.find((m) => m.client === c)!.leafIndex } })),
    ];
    const prepared: { message: MLSMessage; ref: string; proposal: Proposal; item: CommitItem }[] = [];
    for (const proposal of proposals) {
      const message = await proposeExternal(r.view.groupInfo, proposal, this.keys.publicKey, this.keys.signKey, this.cs);
      if (message.wireformat !== "mls_public_message") return this.refuseUpdate(roomId, "H1", "the hub's proposal is not a PublicMessage");
      const content = await verifyPublicMessage(r.view, message.publicMessage, this.cs);
      const { item } = describeProposal(message.publicMessage.content, r.view.tree, r.view.groupContext.extensions);
      prepared.push({ message, ref: bytesToBase64(await proposalRef(content, this.cs)), proposal, item });
    }
    const verdict = checkProposalBundle(context, { kind: "hub" }, prepared.map((p) => p.item), { leaveOrder: this.config.variants.leaveOrder });
    if (!verdict.ok && !skip) return this.refuseUpdate(roomId, verdict.rule, verdict.reason, verdict.code);
    // Blocked: a listed target it delists or bans; a pre-emptively banned outsider has nothing to block.
    const blocks = verdict.ok ? verdict.blocks.filter((u) => context.room.participants.participants.some((p) => p.user === u)) : [];
    const timestamp = this.now();
    this.record(roomId, "update", "accepted");
    for (const [i, p] of prepared.entries())
      r.pending.push({ ref: p.ref, message: p.message, proposalWithSender: { proposal: p.proposal, senderLeafIndex: undefined }, proposer: { kind: "hub" }, item: p.item, acceptedAt: timestamp, blocks: i === 0 ? blocks : [] });
    for (const u of blocks) r.blocked.add(u);
    for (const u of blocks) this.enforcedTargets.set(r.roomId, (this.enforcedTargets.get(r.roomId) ?? new Set()).add(u));
    await this.fanout(r, [{ kind: "proposal", timestamp, message: prepared[0]!.message, moreProposals: prepared.slice(1).map((p) => p.message) }]);
    return { code: "success", acceptedTimestamp: timestamp };
  }

  // ---------------------------------------------------------------- /update with proposals

  /** /update with a proposal bundle from provider `from` (the request's authenticated source). */
  async handleProposals(roomId: string, bundle: ProposalBundle, from: string): Promise<UpdateOutcome> {
    const r = this.rooms.get(roomId);
    if (r === undefined) return this.refuseUpdate(roomId, "R0", "no such room");
    const { faults } = this.config;
    const messages = [bundle.proposalOrCommit, ...bundle.moreProposals];
    const epoch = r.view.groupContext.epoch;
    const accepted: { message: MLSMessage; ref: string; proposer: Actor; item: CommitItem }[] = [];
    for (const m of messages) {
      if (m.wireformat !== "mls_public_message") return this.refuseUpdate(roomId, "H1", "handshakes must be PublicMessages");
      const framed = m.publicMessage.content;
      if (framed.contentType !== "proposal") return this.refuseUpdate(roomId, "H1", "not a proposal");
      if (framed.epoch !== epoch && !faults.skipEpochCheck) return this.wrongEpoch(roomId, "R1", `proposal for epoch ${framed.epoch}`, epoch);
      let content;
      let described;
      try {
        content = await verifyPublicMessage(r.view, m.publicMessage, this.cs);
        described = describeProposal(framed, r.view.tree, r.view.groupContext.extensions);
      } catch (e) {
        return this.refuseUpdate(roomId, "H1", `MLS: ${(e as Error).message}`);
      }
      if (described.proposer.kind !== "member") return this.refuseUpdate(roomId, "R2", "only members propose through /update");
      const unbound = this.senderBindingRefusal(from, described.proposer.client, "proposer");
      if (unbound !== undefined) return this.refuseUpdate(roomId, "H0", unbound);
      accepted.push({ message: m, ref: bytesToBase64(await proposalRef(content, this.cs)), proposer: described.proposer, item: described.item });
    }
    const proposer = accepted[0]!.proposer;
    if (accepted.some((a) => a.proposer.kind !== "member" || (a.proposer as { client: string }).client !== (proposer as { client: string }).client))
      return this.refuseUpdate(roomId, "R13", "a bundle comes from one client");
    if (proposer.kind === "member" && r.blocked.has(proposer.user) && !faults.skipBlockedCheck)
      return this.refuseUpdate(roomId, "R2", `${proposer.user} is blocked`);
    if (!faults.skipProposalReplayCheck && r.pending.some((p) => accepted.some((a) => a.ref === p.ref))) return this.refuseUpdate(roomId, "H1", "proposal already accepted");
    // Every update of the epoch indexes the committed list; the pending proposals come first (docs/rules.md).
    const verdict = checkProposalBundle(
      { ...this.committedContext(r), pending: r.pending.map((p) => p.item), blocked: faults.skipBlockedCheck ? new Set<string>() : r.blocked },
      proposer,
      accepted.map((a) => a.item),
      { leaveOrder: this.config.variants.leaveOrder },
    );
    if (!verdict.ok && !faults.skipProposalPolicy) return this.refuseUpdate(roomId, verdict.rule, verdict.reason, verdict.code);
    const blocks = verdict.ok ? verdict.blocks : [];
    const timestamp = this.now();
    this.record(roomId, "update", "accepted");
    for (const [i, a] of accepted.entries()) {
      const pws = { proposal: (a.message as { publicMessage: { content: { proposal: import("ts-mls").Proposal } } }).publicMessage.content.proposal, senderLeafIndex: (a.message as { publicMessage: { content: { sender: { leafIndex?: number } } } }).publicMessage.content.sender.leafIndex };
      r.pending.push({ ref: a.ref, message: a.message, proposalWithSender: pws, proposer: a.proposer, item: a.item, acceptedAt: timestamp, blocks: i === 0 ? blocks : [] });
    }
    for (const u of blocks) r.blocked.add(u);
    await this.fanout(r, [{ kind: "proposal", timestamp, message: bundle.proposalOrCommit, moreProposals: bundle.moreProposals }]);
    return { code: "success", acceptedTimestamp: timestamp };
  }

  // ---------------------------------------------------------------- /submitMessage

  /** /submitMessage from provider `from`: `sendingUri` must be one of its users (H0) before anything else. */
  async handleSubmit(roomId: string, message: MLSMessage, sendingUri: string, from: string): Promise<SubmitOutcome> {
    const r = this.rooms.get(roomId);
    if (r === undefined) return this.refuseSubmit(roomId, "R0", "no such room");
    const unbound = this.senderBindingRefusal(from, sendingUri, "sendingUri");
    if (unbound !== undefined) return this.refuseSubmit(roomId, "H0", unbound);
    if (message.wireformat !== "mls_private_message" || message.privateMessage.contentType !== "application")
      return this.refuseSubmit(roomId, "H19", "not an application PrivateMessage");
    const epoch = r.view.groupContext.epoch;
    const { faults } = this.config;
    // The planted defect: a request in flight across the commit that removed its sender slips through.
    const lateFromRemoved = faults.acceptStaleAfterRemoval === true && message.privateMessage.epoch + 1n === epoch && !treeMembers(r.view.tree).some((m) => userOfClient(m.client) === sendingUri);
    if (message.privateMessage.epoch < epoch && !lateFromRemoved && !faults.skipMessageEpochCheck) return this.refuseSubmit(roomId, "R1", `message from epoch ${message.privateMessage.epoch}`, epoch);
    if (message.privateMessage.epoch > epoch) return this.refuseSubmit(roomId, "R1", "message from a future epoch");
    if (!faults.skipMessageSenderCheck && !lateFromRemoved) {
      // The live room (roles changed by pending proposals count) and the committed group: a client whose
      // Remove is pending is still a member until the commit.
      const verdict = authorizeMessageSubmission({
        room: this.live(r).room,
        members: this.committedContext(r).members,
        blockedUsers: faults.skipBlockedCheck ? new Set() : r.blocked,
        sendingUri,
      });
      if (!verdict.ok) return this.refuseSubmit(roomId, verdict.rule, verdict.reason);
    }
    // The sender's signed claim (the message's authenticated data) must name sendingUri too: receivers
    // then check it against the MLS sender they decrypt, which the hub cannot see (H0).
    const aad = decodeMessageAad(message.privateMessage.authenticatedData);
    const claimed = aad?.senderClaim ?? "";
    if (!faults.skipSenderBinding && claimed !== sendingUri)
      return this.refuseSubmit(roomId, "H0", `the message claims ${claimed === "" ? "no sender" : claimed}, sendingUri is ${sendingUri}`);
    // A coarse clock stamps several messages alike (HubConfig.messageTimestampGranularityMs, content §5.11).
    const granularity = BigInt(this.config.messageTimestampGranularityMs ?? 1);
    const timestamp = (this.now() / granularity) * granularity;
    this.record(roomId, "submitMessage", "accepted");
    // H22: a message with frank_aad in a room with a franking agent is franked (protocol §5.4.1). The hub
    // cannot see the content, so it cannot check the tag: receivers do.
    const tag = aad?.frankingTag;
    const frank = tag === undefined || this.franking === undefined
      ? undefined
      : await this.franking.frank(tag, { senderUri: sendingUri, roomUri: roomId, acceptedTimestamp: faults.frankOverWrongTime ? timestamp - 1n : timestamp });
    await this.fanout(r, [{ kind: "application", timestamp, message, frank }]);
    return { code: "accepted", acceptedTimestamp: timestamp, ...(frank === undefined ? {} : { frank }) };
  }

  // ---------------------------------------------------------------- /reportAbuse

  /**
   * Why the hub refuses an abuse report about `roomId` (§5.9), or undefined when it accepts it: every
   * reported message carries a frank this hub issued, in this room, for the accused sender, at that time
   * and for exactly that content. A pure check: it records nothing.
   */
  async abuseReportRefusal(roomId: string, report: AbuseReport): Promise<string | undefined> {
    if (!this.rooms.has(roomId)) return "no such room";
    if (this.franking === undefined) return "this hub franks nothing";
    if (report.messages.length === 0) return "the report names no message";
    for (const [i, m] of report.messages.entries()) {
      const why = await this.franking.reportRefusal(
        { roomUri: roomId, senderUri: report.allegedAbuserUri, messageContent: m.messageContent, frank: m.frank, acceptedTimestamp: m.acceptedTimestamp },
        { skipServerFrankCheck: this.config.faults.skipServerFrankCheck },
      );
      if (why !== undefined) return `message ${i}: ${why}`;
    }
    return undefined;
  }

  /** /reportAbuse from provider `from`: the reporting user must be one of its users (H0), then H26. */
  async handleReportAbuse(roomId: string, report: AbuseReport, from: string): Promise<"accepted" | "unbound" | "refused"> {
    const unbound = this.senderBindingRefusal(from, report.reportingUser, "reportingUser");
    if (unbound !== undefined) {
      this.record(roomId, "reportAbuse", "notAllowed", "H0", unbound);
      return "unbound";
    }
    const why = await this.abuseReportRefusal(roomId, report);
    if (why !== undefined) {
      this.record(roomId, "reportAbuse", "notAllowed", "H26", why);
      return "refused";
    }
    this.record(roomId, "reportAbuse", "accepted");
    this.acceptedReports.push(report);
    return "accepted";
  }

  // ---------------------------------------------------------------- /groupInfo

  /** Who may fetch the GroupInfo (H23, by R4's reading): a listed, unblocked user whose role has
   * canAddOwnClient. Answers why `requesterClient` may not, or undefined when it may. */
  private groupInfoRefusal(roomId: string, requesterClient: string): string | undefined {
    const r = this.rooms.get(roomId);
    const user = userOfClient(requesterClient);
    const { skipExternalJoinCheck, skipGroupInfoCheck } = this.config.faults;
    if (r !== undefined && (skipExternalJoinCheck || skipGroupInfoCheck)) return undefined;
    if (r === undefined) return "no such room";
    if (user === undefined) return `${requesterClient} names no user`;
    if (r.blocked.has(user)) return `${user} is blocked (its leave or removal is pending)`;
    const live = this.live(r);
    const entry = live.room.participants.participants.find((p) => p.user === user);
    const role = entry === undefined ? undefined : live.room.roles.roles.find((x) => x.roleIndex === entry.roleIndex);
    if (role === undefined) return `${user} is not listed`;
    // Listed only by the hub's own pending open-join listing: its client's external commit could not carry
    // that proposal, so the client joins once a member has committed it.
    if (!this.committedContext(r!).room.participants.participants.some((p) => p.user === user)) return `${user}'s listing is not committed yet`;
    if (entry!.roleIndex === BANNED_ROLE) return `${user} is banned`;
    return hasCapability(role, CAPABILITY.canAddOwnClient) ? undefined : `${user}'s role lacks canAddOwnClient`;
  }

  /** A requester whose user is neither listed nor leaving, in the hub-live state: it can only join by itself. */
  private isOpenJoiner(r: HubRoom, user: string | undefined): boolean {
    return user !== undefined && !r.blocked.has(user) && !this.live(r).room.participants.participants.some((p) => p.user === user);
  }

  /**
   * Open join (R4, room-policy §8.1.1; docs/rules.md "Open join"): ts-mls external commits carry no
   * AppDataUpdate, so the joiner cannot list itself. The hub judges the join (authorize-open-join.ts) and
   * lists the user, without clients, by its own external proposal, fanned out like the clients-first
   * delisting; once a member commits it, the user's client joins by external commit (R4) on a fresh
   * GroupInfo. Listed before its client joins, as protocol §5.3 wants. Answers why not, if refused.
   */
  private async openJoin(r: HubRoom, user: string): Promise<{ refusal?: string; rule?: HubRuleId }> {
    const live = this.live(r);
    // An outsider is listed by its preauth entry (R20) or by open join (R4): impl/room/authorize-preauth.ts.
    // Planted defect skipPreauthCheck: in a room with a preauth list, the first entry's role, unjudged.
    const unmatched = this.config.faults.skipPreauthCheck === true ? live.room.preauth?.preauthorizedEntries[0]?.targetRoleIndex : undefined;
    const target = outsiderListingRole(live.room, user) ?? unmatched ?? live.room.roles.roles.find((x) => x.roleIndex > 1)?.roleIndex;
    if (!this.config.faults.skipOpenJoinCheck && unmatched === undefined) {
      const verdict = authorizeOutsiderListing({ room: live.room, activeUsers: activeUsersOf(live.members), blockedUsers: r.blocked }, user, target, { skipBasePolicy: this.config.faults.skipBasePolicyCheck === true });
      if (!verdict.ok) return { refusal: verdict.reason, rule: verdict.rule };
    }
    if (target === undefined) return { refusal: "no role to join" };
    // However the outsider is listed (open join, preauth), the base room policy must let the list grow (R21).
    const capped = this.config.faults.skipBasePolicyCheck === true ? undefined : basePolicyRefusesListing(live.room);
    if (capped !== undefined) return { refusal: capped, rule: "R4" };
    return this.proposeOutsiderListing(r, user, target, false);
  }

  /**
   * Join with a code (R4, room-policy §8.1.1 canUseJoinCode; docs/rules.md "Join codes"): the hub alone
   * holds the code table, judges the request (join-code-desk.ts) and lists the user, without clients, in
   * the code's role by its own external proposal, exactly as for an open joiner; every client judges that
   * proposal by what it can see (authorize-join-code.ts joinCodeListing). Answers why not, if refused.
   */
  private async joinWithCode(r: HubRoom, user: string | undefined, joiningCode: Uint8Array): Promise<{ refusal?: string; rule?: "R4" }> {
    if (user === undefined) return { refusal: "the requester names no user" };
    const live = this.live(r);
    const decision = this.joinCodes.decide(r.roomId, { room: live.room, activeUsers: activeUsersOf(live.members), blockedUsers: r.blocked }, user, joiningCode, this.config.faults);
    if (!decision.ok) return { refusal: decision.reason };
    return this.proposeOutsiderListing(r, user, decision.roleIndex, true);
  }

  /** A code joiner's listing a commit left out (may-omit), proposed again while it still fits (protocol §5.5):
   * the code was spent on the first acceptance, so only what a client can check is judged again. */
  private async relistCodeJoiner(r: HubRoom, user: string, roleIndex: number): Promise<void> {
    const live = this.live(r);
    if (authorizeJoinCodeListing({ room: live.room, activeUsers: activeUsersOf(live.members), blockedUsers: r.blocked }, user, roleIndex).ok) await this.proposeOutsiderListing(r, user, roleIndex, true);
  }

  /** The hub's external proposal listing an outsider (open join, preauthorisation or, `byCode`, a join code),
   * fanned out and pending until a member commits it. */
  private async proposeOutsiderListing(r: HubRoom, user: string, roleIndex: number, byCode: boolean): Promise<{ refusal?: string }> {
    const proposal = participantListUpdateProposal({ changedRoleParticipants: [], removedIndices: [], addedParticipants: [{ user, roleIndex }] });
    const message = await proposeExternal(r.view.groupInfo, proposal, this.keys.publicKey, this.keys.signKey, this.cs);
    if (message.wireformat !== "mls_public_message") return { refusal: "the hub's proposal is not a PublicMessage" };
    const content = await verifyPublicMessage(r.view, message.publicMessage, this.cs);
    const { item } = describeProposal(message.publicMessage.content, r.view.tree, r.view.groupContext.extensions);
    const ref = bytesToBase64(await proposalRef(content, this.cs));
    const timestamp = this.now();
    r.pending.push({ ref, message, proposalWithSender: { proposal, senderLeafIndex: undefined }, proposer: { kind: "hub" }, item, acceptedAt: timestamp, blocks: [] });
    this.openJoinListings.set(ref, user);
    if (byCode) this.joinCodeListings.set(ref, roleIndex);
    await this.fanout(r, [{ kind: "proposal", timestamp, message, moreProposals: [] }]);
    return {};
  }

  /** /groupInfo (H23): a verified, authorised request gets the GroupInfo, tree and pending proposals, sealed to it. */
  async handleGroupInfo(roomId: string, request: GroupInfoRequest, from: string): Promise<GroupInfoResponse> {
    const r = this.rooms.get(roomId);
    if (r === undefined) {
      this.record(roomId, "groupInfo", "noSuchRoom", "R0", "no such room");
      return { version: "mls10", roomId, status: "noSuchRoom" };
    }
    const client = clientUriOfCredential(request.requestingCredential);
    const invalidCredential = await this.credentialRefusal(request.requestingCredential, request.requestingSignatureKey);
    const unverified = !(await verifyGroupInfoRequest(request, this.cs)) || client === undefined || invalidCredential !== undefined;
    // The requester must be the sending provider's client (H0), then entitled to join (R4).
    const unbound = unverified ? undefined : this.senderBindingRefusal(from, client, "requester");
    // An unlisted requester asks to join by itself (open join, R4): the hub lists it by its own proposal.
    // With a join code (R4, join-code-desk.ts), every requester is judged as a code joiner, listed or not.
    const withCode = request.joiningCode.length > 0;
    const openJoin = unverified || unbound !== undefined || (!withCode && !this.isOpenJoiner(r, client === undefined ? undefined : userOfClient(client)))
      ? undefined
      : withCode ? await this.joinWithCode(r, userOfClient(client!), request.joiningCode) : await this.openJoin(r, userOfClient(client!)!);
    // The planted faults that hand the GroupInfo to anyone waive an open join's refusal too (an allowed one still lists).
    const handToAnyone = this.config.faults.skipExternalJoinCheck === true || this.config.faults.skipGroupInfoCheck === true;
    const refusal = unverified || unbound !== undefined ? undefined : openJoin !== undefined && !handToAnyone ? openJoin.refusal : this.groupInfoRefusal(roomId, client);
    if (unverified || unbound !== undefined || refusal !== undefined) {
      // A join is authorised by R4 (the requester's user may add its own client); the request itself by H23.
      const rule = unverified ? "H23" : unbound !== undefined ? "H0" : openJoin?.refusal !== undefined && !handToAnyone ? (openJoin.rule ?? "R4") : "R4";
      this.record(roomId, "groupInfo", "notAuthorized", rule, unbound ?? refusal ?? (invalidCredential === undefined ? "request signature or credential invalid" : `credential invalid: ${invalidCredential}`));
      return { version: "mls10", roomId, status: "notAuthorized" };
    }
    this.record(roomId, "groupInfo", "accepted");
    this.answeredGroupInfoRequests.record(roomId, r.view.groupContext.epoch, client!, request.requestingSignatureKey);
    const served = this.servedGroupInfo(roomId)!;
    const sealed = await sealGroupInfo(
      {
        groupInfo: served.groupInfo,
        ratchetTreeOption: { representation: "full", ratchetTree: served.ratchetTree },
        pendingProposals: r.pending.map((p) => ({ proposal: p.message, hubAcceptedTime: p.acceptedAt })),
      },
      request.groupInfoPublicKey,
      roomId,
      this.cs,
    );
    return signGroupInfoResponse(
      { version: "mls10", roomId, status: "success", cipherSuite: 1, hubSender: this.externalSender(), encryptedGroupInfoAndTree: sealed },
      this.keys.signKey,
      this.cs,
    );
  }

  /** The GroupInfo and tree /groupInfo serves now: the current epoch's (D38), or with the planted fault
   * `serveStaleGroupInfo` the previous epoch's once there is one. */
  servedGroupInfo(roomId: string): { groupInfo: GroupInfo; ratchetTree: RatchetTree } | undefined {
    const r = this.rooms.get(roomId);
    if (r === undefined) return undefined;
    const previous = this.previousGroupInfos.get(roomId);
    if (this.config.faults.serveStaleGroupInfo && previous !== undefined) return previous;
    return { groupInfo: r.view.groupInfo, ratchetTree: r.view.tree };
  }

  groupInfoOf(roomId: string): { groupInfo: GroupInfo; ratchetTree: RatchetTree; pending: PendingProposal[] } | undefined {
    const r = this.rooms.get(roomId);
    return r === undefined ? undefined : { groupInfo: r.view.groupInfo, ratchetTree: r.view.tree, pending: r.pending };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

