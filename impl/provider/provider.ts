// A MIMI provider (protocol §4.3, §5.2, §5.5): hosts its users' clients, answers /keyMaterial as target
// provider, delivers the hub's fanout (/notify) to its clients in hub order, and relays its clients'
// requests to the hub of each room, always as bytes. The provider that hosts a room's hub also answers
// the hub's endpoints.
import { encodeAbuseReport, type AbuseReport } from "../codec/abuse-report.js";
import type { ClientFaults } from "../client/client-faults.js";
import type { KeyPackageSource } from "../client/key-package-source.js";
import type { CiphersuiteImpl, MLSMessage } from "ts-mls";
import type { Frank } from "../codec/frank.js";
import { isCodecError } from "../codec/codec-error.js";
import { decodeFanoutMessages, type FanoutMessage } from "../codec/fanout-message.js";
import { decodeGroupInfoResponse } from "../codec/group-info-response.js";
import { encodeGroupInfoRequest } from "../codec/group-info-request.js";
import { decodeKeyMaterialRequest, encodeKeyMaterialRequest } from "../codec/key-material-request.js";
import { decodeKeyMaterialResponse, encodeKeyMaterialResponse, type ClientKeyMaterial } from "../codec/key-material-response.js";
import { encodeSubmitMessageRequest } from "../codec/submit-message-request.js";
import { decodeSubmitMessageResponse } from "../codec/submit-message-response.js";
import { encodeUpdateRequest } from "../codec/update-request.js";
import { decodeUpdateRoomResponse } from "../codec/update-room-response.js";
import type { CommitBundle, ProposalBundle } from "../codec/handshake-bundle.js";
import { MimiClient, type ClientCredentials, type ClientRules } from "../client/client.js";
import type { ClientUplink, GroupInfoOutcome, KeyMaterialOutcome, RequesterIdentity } from "../client/uplink.js";
import { handleHubRequest } from "../hub/hub-server.js";
import type { Hub } from "../hub/hub.js";
import { domainOf, userOfClient } from "../identity/mimi-uri.js";
import { credentialFor } from "../mls/client-credential.js";
import { openGroupInfo } from "../mls/group-info-sealing.js";
import { signGroupInfoRequest, signKeyMaterialRequest, verifyGroupInfoResponse, verifyKeyMaterialRequest } from "../mls/request-signatures.js";
import { describeThrown, internalErrorResponse, type InternalErrorRecord } from "../transport/internal-error.js";
import { EMPTY, type MimiRequest, type MimiResponse, type MimiServer } from "../transport/mimi-request.js";
import type { InProcessNetwork } from "../transport/in-process-network.js";
import type { SubmitOutcome, UpdateOutcome } from "../transport/outcomes.js";
import { ATTEMPTS, sendWithRetries } from "../transport/unreliable-delivery.js";
import { NO_ANSWER, RETRY_STATUSES } from "../transport/unreliable-network.js";
import { DeliveryLog, itemKey, messageKey } from "./delivery-log.js";
import type { FollowerFaults } from "./follower-faults.js";
import { encodeConsentEntry, type ConsentEntry, type ConsentScope } from "../codec/consent-entry.js";
import { decodeIdentifierRequest, encodeIdentifierRequest, type IdentifierRequest } from "../codec/identifier-query-request.js";
import { decodeIdentifierResponse, encodeIdentifierResponse, type IdentifierResponse } from "../codec/identifier-query-response.js";
import { handleRequestConsent, handleUpdateConsent, type ConsentContext } from "./consent-endpoints.js";
import type { ConsentFaults } from "./consent-faults.js";
import { ConsentStore } from "./consent-store.js";
import { IdentifierDirectory } from "./identifier-directory.js";

/** The hub's fanout of a message, as it came back to the sender's provider: its acceptance time, and for an
 * application message the frank the hub issued (protocol §5.4.1), which the answer would have carried. */
interface Echo {
  readonly echoedAt: bigint;
  readonly frank?: Frank;
  /** The order it came back in here: only an echo that came back after a request was first sent answers it
   * (an honest client's second identical request, e.g. a leave proposed again in one epoch, has the same
   * bytes as its first, whose echo says nothing about the second). */
  readonly order: number;
}

export class Provider implements MimiServer {
  private readonly clients = new Map<string, MimiClient>();
  private readonly users = new Set<string>();
  /** The FanoutMessages already handed on, by room and item (D45: each is processed once). */
  private readonly seenItems = new Set<string>();
  /** The hub's acceptance time of every MLS message it fanned out here, by message: a request whose
   * message came back this way was accepted, whether or not its answer arrived. */
  private readonly echoes = new Map<string, Echo>();
  private echoOrder = 0;
  private hub: Hub | undefined;
  /** /notify bodies that carried at least one FanoutMessage not handed on before. */
  notificationsDelivered = 0;
  /** What this follower handed to each of its clients, in order (delivery-log.ts). */
  readonly deliveries = new DeliveryLog();
  /** Planted defects of the receive path (follower-faults.ts); none unless a test or campaign sets one. */
  faults: FollowerFaults = {};
  /** Internal errors this provider (or the hub it hosts) answered 500, with their details: never sent on the wire. */
  readonly internalErrors: InternalErrorRecord[] = [];
  /** Its users' consent, requests for it, and what other providers said of theirs (consent-store.ts). */
  readonly consent = new ConsentStore();
  /** Planted defects of its consent duties (consent-faults.ts); none unless a test sets one. */
  consentFaults: ConsentFaults = {};
  /** Its users' profiles, for /identifierQuery (identifier-directory.ts). */
  readonly directory = new IdentifierDirectory();

  constructor(
    readonly domain: string,
    private readonly network: InProcessNetwork,
    private readonly cs: CiphersuiteImpl,
  ) {
    network.register(domain, this);
  }

  hostHub(hub: Hub): void {
    this.hub = hub;
  }

  get hostedHub(): Hub | undefined {
    return this.hub;
  }

  registerUser(user: string): void {
    if (domainOf(user) !== this.domain) throw new Error(`${user} does not belong to ${this.domain}`);
    this.users.add(user);
  }

  addClient(clientUri: string, rules?: ClientRules, keyPackages?: KeyPackageSource, faults?: ClientFaults, credentials?: ClientCredentials): MimiClient {
    const user = userOfClient(clientUri);
    if (user === undefined || domainOf(clientUri) !== this.domain) throw new Error(`${clientUri} is not a client of ${this.domain}`);
    this.users.add(user);
    const client = new MimiClient(clientUri, this.cs, this.uplink, rules, keyPackages, faults, credentials);
    this.clients.set(clientUri, client);
    return client;
  }

  client(clientUri: string): MimiClient | undefined {
    return this.clients.get(clientUri);
  }

  localClients(): MimiClient[] {
    return [...this.clients.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  }

  // ---------------------------------------------------------------- incoming requests

  async handle(request: MimiRequest): Promise<MimiResponse> {
    try {
      if (request.endpoint === "notify") return await this.handleNotify(request);
      if (request.endpoint === "keyMaterial" && request.via !== undefined) return await this.handleKeyMaterial(request);
      // Provider to provider (§5.7, §5.8): answered by this provider, whether or not it hosts a hub.
      if (request.endpoint === "requestConsent") return handleRequestConsent(this.consentContext, request);
      if (request.endpoint === "updateConsent") return handleUpdateConsent(this.consentContext, request);
      if (request.endpoint === "identifierQuery")
        return request.target === this.domain ? { status: 200, body: encodeIdentifierResponse(this.directory.query(decodeIdentifierRequest(request.body))) } : { status: 404, body: EMPTY };
      if (this.hub !== undefined)
        return await handleHubRequest(this.hub, request, (domain, req) => this.network.send(domain, req), (req, error) => this.recordInternalError(req, error));
      return { status: 404, body: EMPTY };
    } catch (e) {
      if (isCodecError(e)) return { status: 400, body: EMPTY };
      this.recordInternalError(request, describeThrown(e));
      return internalErrorResponse();
    }
  }

  private recordInternalError(request: MimiRequest, error: string): void {
    this.internalErrors.push({ domain: this.domain, endpoint: request.endpoint, target: request.target, error });
  }

  /**
   * /notify (§5.5): every body that decodes gets 201. Each FanoutMessage in it is handed to the clients
   * once (D45), however often it comes: alone again (a retry whose first answer was lost, or a late copy),
   * or inside a larger body (the hub's backlog after an outage). They are handed in the body's order,
   * which is the hub's (D41: the hub sends a follower's notifications one after the other), a proposal
   * with its bundle's other proposals as they came (D44).
   */
  private async handleNotify(request: MimiRequest): Promise<MimiResponse> {
    const messages = decodeFanoutMessages(request.body);
    const fresh = messages.filter((m) => {
      const key = `${request.target} ${itemKey(m)}`;
      if (this.seenItems.has(key) && this.faults.processNotifyTwice !== true) return false;
      this.seenItems.add(key);
      return true;
    });
    if (fresh.length > 0) this.notificationsDelivered++;
    for (const m of this.faults.deliverOutOfOrder === true ? [...fresh].reverse() : fresh) {
      if (m.kind !== "welcome") this.echoes.set(messageKey(m.message), { echoedAt: m.timestamp, order: ++this.echoOrder, ...(m.kind === "application" && m.frank !== undefined ? { frank: m.frank } : {}) });
      for (const client of this.localClients()) await this.hand(client, request.target, m);
    }
    return { status: 201, body: EMPTY };
  }

  /** One FanoutMessage to one client: a Welcome to whichever client it is for, anything else to a client
   * holding the room (the others have nothing to do with it). Logged when the client took it. */
  private async hand(client: MimiClient, roomId: string, m: FanoutMessage): Promise<void> {
    if (m.kind === "welcome") {
      if (m.message.wireformat !== "mls_welcome" || m.ratchetTreeOption.representation !== "full") return;
      if (await client.receiveWelcome(m.message.welcome, m.ratchetTreeOption.ratchetTree)) this.deliveries.record(client.uri, roomId, m, []);
      return;
    }
    if (client.session(roomId) === undefined) return;
    const more: MLSMessage[] = m.kind === "proposal" && this.faults.dropMoreProposals !== true ? m.moreProposals : [];
    this.deliveries.record(client.uri, roomId, m, more);
    await client.receive(roomId, m.message, m.timestamp, more, m.kind === "application" ? m.frank : undefined);
  }

  /** /keyMaterial as target provider (§5.2): one fresh KeyPackage per client, never handed out twice. */
  private async handleKeyMaterial(request: MimiRequest): Promise<MimiResponse> {
    const req = decodeKeyMaterialRequest(request.body);
    if (!(await verifyKeyMaterialRequest(req, this.cs))) return { status: 400, body: EMPTY };
    if (!this.users.has(req.targetUser)) {
      return { status: 200, body: encodeKeyMaterialResponse({ protocol: "mls10", userStatus: "userUnknown", userUri: req.targetUser, clients: [] }) };
    }
    // §5.2: KeyPackages for a room "MUST be sent via the hub provider of whatever room they will be used
    // in": a request not relayed by that room's hub gets 403 (the draft has no code for it) and nothing.
    if (request.via !== domainOf(req.roomId) && this.consentFaults.skipRelayCheck !== true) return { status: 403, body: EMPTY };
    // §5.2, §5.7 (H24): the target's consent for this requester and room, unless planted away.
    const consent = this.consent.decide(req.requestingUser, req.targetUser, req.roomId);
    if (consent !== "consented" && this.consentFaults.ignoreConsent !== true) {
      // Planted listClientsWhenRefusing: the refusal names the user's clients (§5.2 MUST NOT populate them).
      const named: ClientKeyMaterial[] = this.consentFaults.listClientsWhenRefusing === true
        ? this.localClients().filter((c) => c.user === req.targetUser).map((c) => ({ clientStatus: "keyMaterialExhausted", clientUri: c.uri }))
        : [];
      return { status: 200, body: encodeKeyMaterialResponse({ protocol: "mls10", userStatus: consent, userUri: req.targetUser, clients: named }) };
    }
    const clients: ClientKeyMaterial[] = [];
    for (const c of this.localClients().filter((c) => c.user === req.targetUser))
      clients.push({ clientStatus: "success", clientUri: c.uri, keyPackage: await c.newKeyPackage() });
    return { status: 200, body: encodeKeyMaterialResponse({ protocol: "mls10", userStatus: "success", userUri: req.targetUser, clients }) };
  }

  private get consentContext(): ConsentContext {
    return { domain: this.domain, knowsUser: (uri) => this.users.has(uri), store: this.consent, faults: this.consentFaults };
  }

  // ---------------------------------------------------------------- consent and identifier queries (§5.7, §5.8)

  /** Sends a ConsentEntry directly to the other provider: `request`/`cancel` to the target's, `grant`/`revoke`
   * to the requester's. Answers the HTTP status. */
  async sendConsent(entry: ConsentEntry): Promise<number> {
    const toTarget = entry.consentOperation === "request" || entry.consentOperation === "cancel";
    const to = domainOf(toTarget ? entry.targetUri : entry.requesterUri);
    if (to === undefined) return 404;
    const endpoint = toTarget ? "requestConsent" : "updateConsent";
    return (await this.network.send(to, { endpoint, from: this.domain, target: to, body: encodeConsentEntry(entry) })).status;
  }

  /** One of its users grants or withdraws consent for a scope; the requester's provider is told (§5.7). */
  async giveConsent(scope: ConsentScope, granted: boolean): Promise<number> {
    this.consent.setGiven(scope, granted);
    const base = { ...scope, consentExtensions: { componentData: [] } };
    return this.sendConsent(granted ? { ...base, consentOperation: "grant", clientKeyPackages: [] } : { ...base, consentOperation: "revoke" });
  }

  /** /identifierQuery to `domain`'s provider: its answer, or the HTTP status when there is none. */
  async queryIdentifier(domain: string, query: IdentifierRequest): Promise<IdentifierResponse | number> {
    const res = await this.network.send(domain, { endpoint: "identifierQuery", from: this.domain, target: domain, body: encodeIdentifierRequest(query) });
    return res.status === 200 ? decodeIdentifierResponse(res.body) : res.status;
  }

  // ---------------------------------------------------------------- clients' requests to hubs

  /** /reportAbuse to the room's hub (§5.9), for one of this provider's users: the HTTP status of the answer. */
  async reportAbuse(roomId: string, report: AbuseReport): Promise<number> {
    return (await this.call(roomId, "reportAbuse", roomId, encodeAbuseReport(report))).status;
  }

  /** /proxyDownload to the room's hub (§5.10.2): the asset at `url` fetched by the hub, or its refusal. */
  async proxyDownload(roomId: string, url: string): Promise<MimiResponse> {
    return this.call(roomId, "proxyDownload", url, EMPTY);
  }

  private hubOf(roomId: string): string {
    const d = domainOf(roomId);
    if (d === undefined) throw new Error(`not a room URI: ${roomId}`);
    return d;
  }

  /** A request to the room's hub, sent again while no answer comes back (the links may lose it or its answer). */
  private async call(roomId: string, endpoint: MimiRequest["endpoint"], target: string, body: Uint8Array): Promise<MimiResponse> {
    return sendWithRetries((to, request) => this.network.send(to, request), this.hubOf(roomId), { endpoint, from: this.domain, target, body });
  }

  /**
   * A request carrying `message` (a commit, a proposal bundle's first proposal, an application message),
   * sent again while no answer comes back — unless the hub's fanout of `message` has come back here in the
   * meantime: then the request was accepted (the hub fans out before it answers), and a second copy would
   * only be refused (a commit for a closed epoch: wrongEpoch; a proposal already accepted) or, for a
   * message, fanned out twice. Answers the hub's answer, or the acceptance time the fanout carried.
   */
  private async callUnlessEchoed(roomId: string, endpoint: "update" | "submitMessage", body: Uint8Array, message: MLSMessage): Promise<MimiResponse | Echo> {
    const key = messageKey(message);
    const sentAfter = this.echoOrder;
    const echoOfThis = (): Echo | undefined => {
      const echo = this.echoes.get(key);
      return echo !== undefined && echo.order > sentAfter ? echo : undefined;
    };
    let answer: MimiResponse = { status: NO_ANSWER, body: EMPTY };
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const echo = attempt === 0 ? undefined : echoOfThis();
      if (echo !== undefined) return echo;
      answer = await this.network.send(this.hubOf(roomId), { endpoint, from: this.domain, target: roomId, body: body.slice() });
      if (!RETRY_STATUSES.has(answer.status)) return answer;
    }
    return echoOfThis() ?? answer;
  }

  private async sendUpdate(roomId: string, bundle: CommitBundle | ProposalBundle): Promise<UpdateOutcome> {
    const res = await this.callUnlessEchoed(roomId, "update", encodeUpdateRequest({ bundle }), bundle.proposalOrCommit);
    if ("echoedAt" in res) return { code: "success", acceptedTimestamp: res.echoedAt };
    if (res.status !== 200) return { code: "transportError", description: `HTTP ${res.status}` };
    const r = decodeUpdateRoomResponse(res.body);
    switch (r.responseCode) {
      case "success":
        return { code: "success", acceptedTimestamp: r.acceptedTimestamp };
      case "wrongEpoch":
        return { code: "wrongEpoch", currentEpoch: r.currentEpoch, description: r.errorDescription };
      case "invalidProposal":
        return { code: "invalidProposal", description: r.errorDescription, invalidProposals: r.invalidProposals };
      case "notAllowed":
        return { code: "notAllowed", description: r.errorDescription };
    }
  }

  readonly uplink: ClientUplink = {
    sendCommit: (roomId, bundle) => this.sendUpdate(roomId, bundle),
    sendProposals: (roomId, bundle) => this.sendUpdate(roomId, bundle),
    submitMessage: async (roomId, appMessage, sendingUri): Promise<SubmitOutcome> => {
      const res = await this.callUnlessEchoed(roomId, "submitMessage", encodeSubmitMessageRequest({ protocol: "mls10", appMessage, sendingUri }), appMessage);
      if ("echoedAt" in res) return { code: "accepted", acceptedTimestamp: res.echoedAt, ...(res.frank === undefined ? {} : { frank: res.frank }) };
      if (res.status !== 200) return { code: "transportError", description: `HTTP ${res.status}` };
      const r = decodeSubmitMessageResponse(res.body);
      if (r.statusCode === "accepted") return { code: "accepted", acceptedTimestamp: r.acceptedTimestamp, ...(r.frank === undefined ? {} : { frank: r.frank }) };
      if (r.statusCode === "epochTooOld") return { code: "epochTooOld", currentEpoch: r.currentEpoch };
      return { code: "notAllowed", description: "" };
    },
    fetchKeyPackages: async (roomId, requester: RequesterIdentity, targetUser): Promise<KeyMaterialOutcome> => {
      const request = await signKeyMaterialRequest(
        {
          protocol: "mls10",
          requestingUser: requester.userUri,
          targetUser,
          roomId,
          acceptableCiphersuites: [1],
          requiredCapabilities: { extensionTypes: [], proposalTypes: [], credentialTypes: [] },
          requesterSignatureKey: requester.signaturePublicKey,
          requesterCredential: requester.credential ?? credentialFor(requester.clientUri),
        },
        requester.signaturePrivateKey,
        this.cs,
      );
      const res = await this.call(roomId, "keyMaterial", targetUser, encodeKeyMaterialRequest(request));
      if (res.status !== 200) return { code: `HTTP ${res.status}`, keyPackages: [] };
      const r = decodeKeyMaterialResponse(res.body);
      return {
        code: r.userStatus,
        keyPackages: r.clients.flatMap((c) => (c.clientStatus === "success" ? [{ client: c.clientUri, keyPackage: c.keyPackage }] : [])),
      };
    },
    fetchGroupInfo: async (roomId, requester, hpkePublicKey, hpkePrivateKey, joiningCode): Promise<GroupInfoOutcome> => {
      const request = await signGroupInfoRequest(
        {
          protocol: "mls10",
          cipherSuite: 1,
          requestingSignatureKey: requester.signaturePublicKey,
          requestingCredential: requester.credential ?? credentialFor(requester.clientUri),
          groupInfoPublicKey: hpkePublicKey,
          joiningCode: joiningCode ?? EMPTY,
        },
        requester.signaturePrivateKey,
        this.cs,
      );
      const res = await this.call(roomId, "groupInfo", roomId, encodeGroupInfoRequest(request));
      if (res.status !== 200) return { code: "transportError", description: `HTTP ${res.status}` };
      const r = decodeGroupInfoResponse(res.body);
      if (r.status !== "success") return { code: r.status, description: "" };
      if (!(await verifyGroupInfoResponse(r, r.hubSender.signaturePublicKey, this.cs))) return { code: "transportError", description: "bad hub signature" };
      const tbe = await openGroupInfo(r.encryptedGroupInfoAndTree, hpkePrivateKey, roomId, this.cs);
      if (tbe.ratchetTreeOption.representation !== "full") return { code: "transportError", description: "no tree" };
      return { code: "success", groupInfo: tbe.groupInfo, ratchetTree: tbe.ratchetTreeOption.ratchetTree, pendingProposals: tbe.pendingProposals.map((p) => p.proposal) };
    },
  };
}

