// The implementation side of a property run: a whole MIMI deployment (hub, two followers, every
// world client) on real MLS, driven by model events translated into the clients' high-level
// operations. It watches the hub's /notify traffic on the wire (decoded from the bytes, like any
// follower would) so that invariants can reason about what the hub actually fanned out.
import { encodeMlsMessage, type CiphersuiteImpl, type MLSMessage } from "ts-mls";
import type { CommitPlan, MimiClient } from "../../impl/client/client.js";
import { roomComponentsOf } from "../../impl/mls/room-components.js";
import { changedBasePolicy, changedRoleData, changedRoomMetadata } from "../../impl/room/fixtures/room-changes.js";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { Refusal } from "../../impl/client/room-session.js";
import { KeyPackagePool } from "../../impl/client/key-package-source.js";
import type { DeploymentCredentials } from "../../impl/identity/credential-authorities.js";
import type { CredentialMode } from "../../impl/identity/credential-validation.js";
import { decodeFanoutMessages } from "../../impl/codec/fanout-message.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { cipherSuite, type ProviderKind } from "../../impl/mls/crypto/suite.js";
import type { RoleData } from "../../impl/codec/roles.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import { PUBLIC_CREATOR_ROLE, PUBLIC_ROLES } from "../../impl/room/fixtures/public-room.js";
import { PREAUTH_CREATOR_ROLE, PREAUTH_ROOM_LIST, PREAUTH_ROOM_LISTS, PREAUTH_ROOM_ROLES } from "../../impl/room/fixtures/preauth-room.js";
import type { PreAuthData } from "../../impl/codec/preauth-list.js";
import { RESTRICTED_CREATOR_ROLE, RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { STRICT_CREATOR_ROLE, STRICTLY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/strictly-administered.js";
import { MODERATED_CREATOR_ROLE, MODERATED_ROLES } from "../../impl/room/fixtures/moderated.js";
import { MULTI_ORG_CREATOR_ROLE, MULTI_ORGANIZATION_ROLES } from "../../impl/room/fixtures/multi-organization.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { HttpsNetwork } from "../../impl/transport/https-network.js";
import type { TransportKind } from "./run-setup.js";
import type { InternalErrorRecord } from "../../impl/transport/internal-error.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import type { ModelEvent, ModelVariants } from "../../model/index.js";
import { clientUriOf, FOLLOWER_DOMAINS, HUB_DOMAIN, userUriOf, type RoomWorld } from "../world/room-world.js";
import { implementationRolesOf } from "../world/generated-role-set.js";
import { implementationBasePolicyOf, roomMetadataFor } from "../world/base-policy-draw.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";

/** The roles with canAddParticipant taken from every role but 0 and 1 (a fixed membership's roles). */
function withoutAdders(roles: RoleData): RoleData {
  return { roles: roles.roles.map((r) => (r.roleIndex <= 1 ? r : { ...r, roleCapabilities: r.roleCapabilities.filter((c) => c !== CAPABILITY.canAddParticipant) })) };
}
import { hubJoinCodes } from "../world/join-code-table.js";
import { enforceActionOf } from "./enforce-action.js";
import { answerAccepts, speakersOf } from "../adversaries/request-signer.js";
import { decodeUpdateRequest } from "../../impl/codec/update-request.js";
import { decodeUpdateRoomResponse } from "../../impl/codec/update-room-response.js";
import { decodeKeyMaterialResponse } from "../../impl/codec/key-material-response.js";
import { decodeGroupInfoRequest } from "../../impl/codec/group-info-request.js";
import { decodeGroupInfoResponse } from "../../impl/codec/group-info-response.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { clientUriOfCredential } from "../../impl/mls/client-credential.js";
import type { FanoutMessage } from "../../impl/codec/fanout-message.js";
import { addsOf, emptyKeyMaterialWire, hexOf, welcomeKey, type KeyMaterialWire, type ServedGroupInfo } from "./wire-key-material.js";
import { runAssets, takeArmedAttachment, watchAssets } from "../assets/attachments.js";

export type RoleSetName = "cooperative" | "strict" | "moderated" | "multi-org" | "restricted" | "public" | "preauth" | "generated";

/** Every role set a run can use, with what it is: the command line accepts these names. */
export const ROLE_SETS_DESCRIBED = {
  cooperative: "cooperatively administered room (room-policy draft, Appendix A.1)",
  strict: "strictly administered room (Appendix A.2): only admins manage the list",
  moderated: "moderated room (Appendix A.3): guests, attendees, speakers, moderators",
  "multi-org": "multi-organization administered room (Appendix A.4): per-organization users and admins",
  restricted: "this project's restricted room (the ordinary role can do almost nothing)",
  public: "this project's public room: role 0 has canOpenJoin, unlisted users join by themselves",
  preauth: "this project's preauth room: a preauth_list lets some unlisted users join and change their own role",
  generated: "a role set generated for each run (properties/world/generated-role-set.ts); not part of all",
} as const satisfies Record<RoleSetName, string>;

/** The implementation's own transcription of each role set (never the model's). */
const ROLE_SETS: Record<Exclude<RoleSetName, "generated">, { roles: RoleData; creatorRole: number; preauth?: PreAuthData }> = {
  cooperative: { roles: COOPERATIVELY_ADMINISTERED_ROLES, creatorRole: COOPERATIVE_CREATOR_ROLE },
  strict: { roles: STRICTLY_ADMINISTERED_ROLES, creatorRole: STRICT_CREATOR_ROLE },
  moderated: { roles: MODERATED_ROLES, creatorRole: MODERATED_CREATOR_ROLE },
  "multi-org": { roles: MULTI_ORGANIZATION_ROLES, creatorRole: MULTI_ORG_CREATOR_ROLE },
  restricted: { roles: RESTRICTED_ROLES, creatorRole: RESTRICTED_CREATOR_ROLE },
  public: { roles: PUBLIC_ROLES, creatorRole: PUBLIC_CREATOR_ROLE },
  preauth: { roles: PREAUTH_ROOM_ROLES, creatorRole: PREAUTH_CREATOR_ROLE, preauth: PREAUTH_ROOM_LIST },
};

export interface ImplementationOptions {
  readonly world: RoomWorld;
  readonly roleSet: RoleSetName;
  readonly variants: ModelVariants;
  readonly hubFaults: HubFaults;
  /** Planted defects switched on in every client (default none). */
  readonly clientFaults?: ClientFaults;
  readonly provider: ProviderKind;
  /** Draw KeyPackages from a process-wide pool per provider instead of generating each (default true). */
  readonly keyPackagePool?: boolean;
  /** Provider-issued X.509 credentials (default) or basic ones (insecure, faster). */
  readonly credentials?: CredentialMode;
  /** How requests cross between providers (default in-process). */
  readonly transport?: TransportKind;
  /** HubConfig.messageTimestampGranularityMs (default 1). */
  readonly messageTimestampGranularityMs?: number;
}

/** What the hub fanned out, as seen on the wire. */
export interface WireRecord {
  /** Accepted commits by the epoch they were built for: hex of each distinct commit. */
  readonly commitsByEpoch: Map<bigint, Set<string>>;
  /** Application messages fanned out since the last `takeApplicationMessages`. */
  applicationMessages: MLSMessage[];
  /** Every request the hub accepted in the run, in order: the provider that sent each and
   * the URIs it spoke for (read off the bytes: properties/adversaries/request-signer.ts). */
  acceptedRequests: AcceptedRequest[];
  /** KeyPackages relayed and used, Welcomes delivered, GroupInfos served (properties/runner/wire-key-material.ts). */
  readonly keyMaterial: KeyMaterialWire;
}

/** One request the hub accepted, as the wire shows it (for the sender-binding invariant). */
export interface AcceptedRequest {
  readonly from: string;
  readonly endpoint: string;
  readonly speakers: readonly string[];
}

const suites = new Map<ProviderKind, Promise<CiphersuiteImpl>>();
const suiteFor = (kind: ProviderKind) => {
  if (!suites.has(kind)) suites.set(kind, cipherSuite(kind));
  return suites.get(kind)!;
};

/** One pool per crypto provider and credential mode; under x509 its certificates come from the process's
 * provider CAs, which every deployment trusts (impl/identity/credential-authorities.ts). */
const pools = new Map<string, KeyPackagePool>();
const poolFor = (kind: ProviderKind, cs: CiphersuiteImpl, credentials: DeploymentCredentials) => {
  const key = `${kind}/${credentials.mode}`;
  if (!pools.has(key)) pools.set(key, new KeyPackagePool(cs, credentials.issuer));
  return pools.get(key)!;
};

/** The HTTPS servers of the runs in this process: started once (certificates, sockets), each new
 * deployment takes them over (runs are sequential). */
let sharedHttps: Promise<HttpsNetwork> | undefined;
/** This process's HTTPS servers for runs over HTTPS (started on first use). */
export const httpsNetwork = (): Promise<HttpsNetwork> => (sharedHttps ??= HttpsNetwork.start([HUB_DOMAIN, ...FOLLOWER_DOMAINS], { unref: true }));

const hex = hexOf;

/** One request between providers, as the network carried it, and the HTTP status of its answer. */
export interface WireExchange {
  readonly from: string;
  readonly to: string;
  readonly endpoint: string;
  readonly target: string;
  readonly bytes: number;
  /** Set when the answer comes back (every call is awaited, so by the end of the step). */
  status?: number;
}

export class ImplementationUnderTest {
  readonly wire: WireRecord = { commitsByEpoch: new Map(), applicationMessages: [], acceptedRequests: [], keyMaterial: emptyKeyMaterialWire() };
  private exchanges: WireExchange[] = [];
  private messageCount = 0;
  /** The role the room's creator got: the role-definition changes edit it (impl/room/fixtures/room-changes.ts). */
  private creatorRole = 0;
  /** The concrete message ID of each abstract one the model's message record names ("m1" → 01…). */
  readonly messageIds = new Map<string, Uint8Array>();
  private lastFanout: Uint8Array | undefined;
  private lastFanoutItems: FanoutMessage[] = [];

  private constructor(
    readonly system: MimiSystem,
    readonly options: ImplementationOptions,
    /** The sockets, over HTTPS, and how many of their failures came before this deployment. */
    private readonly https?: { network: HttpsNetwork; failuresBefore: number },
  ) {
    system.network.addObserver((to, request) => {
      const exchange: WireExchange = { from: request.from, to, endpoint: request.endpoint, target: request.target, bytes: request.body.length };
      this.exchanges.push(exchange);
      if (request.endpoint === "notify") this.observeWelcomes(to, this.observeFanout(request.body));
      // Who a request to the hub speaks for is read before the hub handles it (a commit's sender leaf
      // names a client of the tree the hub holds now).
      const toHub = to === HUB_DOMAIN && request.endpoint !== "notify" && request.via === undefined;
      const speakers = toHub ? speakersOf(request, system.hub.groupInfoOf(this.roomId)?.ratchetTree) : [];
      const answered = toHub ? this.observeKeyMaterialRequest(request) : undefined;
      return (response) => {
        exchange.status = response.status;
        if (toHub && answerAccepts(request.endpoint, response)) this.wire.acceptedRequests.push({ from: request.from, endpoint: request.endpoint, speakers });
        if (answered !== undefined && response.status === 200) answered(response.body);
      };
    });
  }

  static async create(options: ImplementationOptions): Promise<ImplementationUnderTest> {
    const cs = await suiteFor(options.provider);
    // Every room carries an asset_policy naming each provider's asset server, and the hub downloads for
    // the providers from those alone (properties/assets).
    const assets = await runAssets();
    const https = options.transport === "https" ? await httpsNetwork() : undefined;
    const system = await MimiSystem.create({
      hubDomain: HUB_DOMAIN,
      followerDomains: [...FOLLOWER_DOMAINS],
      cs,
      hubConfig: { variants: options.variants, faults: options.hubFaults, downloadProxy: assets.downloadProxy, joinCodes: { [options.world.roomId]: hubJoinCodes(options.world.config.joinCodes) }, messageTimestampGranularityMs: options.messageTimestampGranularityMs },
      credentials: options.credentials ?? "x509",
      ...(https !== undefined ? { https } : {}),
    });
    system.roomAssetPolicy = assets.policy;
    watchAssets(system, assets.servers);
    const keyPackages = options.keyPackagePool === false ? undefined : poolFor(options.provider, cs, system.credentials).lease();
    for (const client of options.world.clients) system.addClient(clientUriOf(client), { ...options.variants }, keyPackages, options.clientFaults);
    return new ImplementationUnderTest(system, options, https === undefined ? undefined : { network: https, failuresBefore: https.failures.length });
  }

  get roomId(): string {
    return this.options.world.roomId;
  }

  client(id: string): MimiClient {
    return this.system.client(clientUriOf(id));
  }

  /** Every refusal any client recorded so far, in order (a run compares counts before and after a step). */
  refusals(): { client: string; refusal: Refusal }[] {
    return this.system.allClients().flatMap((c) => c.refusals.map((refusal) => ({ client: c.uri, refusal })));
  }

  /** Every internal error a provider or the hub answered 500, with its local details, in order per provider. */
  internalErrors(): InternalErrorRecord[] {
    // Over HTTPS, a request that got no answer at all (handshake, connection) is reported by its sender.
    const transport = (this.https?.network.failures.slice(this.https.failuresBefore) ?? []).map((f) => ({ domain: f.from, endpoint: f.endpoint, target: f.to, error: `no answer from ${f.to}: ${f.error}` }));
    return [...[...this.system.providers.values()].flatMap((p) => p.internalErrors), ...transport];
  }

  /**
   * Why the event's operation cannot even be built in the implementation's room, if it cannot: the
   * acting client holds no session of the room, or has no earlier epoch to act from, or (to join) holds
   * one already. The model resolves events against its own room; when a faulty hub has let the
   * implementation's room leave the model's behind, these are what no longer line up.
   */
  unavailable(event: ModelEvent): string | undefined {
    if (event.type === "createRoom") return undefined;
    if (event.type === "addOwnClient")
      return this.client(event.client).session(this.roomId) === undefined ? undefined : `${event.client} already holds the room`;
    if (event.type === "openJoin")
      return this.client(event.actor).session(this.roomId) === undefined ? undefined : `${event.actor} already holds the room`;
    // The hub's enforcer acts through no client (R18).
    if (event.type === "enforce") return undefined;
    const session = this.client(event.actor).session(this.roomId);
    if (session === undefined) return `${event.actor} holds no session of the room`;
    const needsEarlierEpoch = event.type === "staleCommit" || (event.type === "sendMessage" && event.epochOffset === -1);
    if (needsEarlierEpoch && session.previousState === undefined) return `${event.actor} has no earlier epoch of the room`;
    return undefined;
  }

  /** The requests sent since the last call, in order. */
  takeExchanges(): WireExchange[] {
    const taken = this.exchanges;
    this.exchanges = [];
    return taken;
  }

  takeApplicationMessages(): MLSMessage[] {
    const taken = this.wire.applicationMessages;
    this.wire.applicationMessages = [];
    return taken;
  }

  /**
   * What a request to the hub will show of KeyPackages, Welcomes and GroupInfos once answered: read now (a
   * commit's Welcome before it is fanned out, a GroupInfo requester's standing before the hub acts), and
   * completed by the returned reader of the 200 answer's body. Undecodable bytes show nothing.
   */
  private observeKeyMaterialRequest(request: { endpoint: string; from: string; target: string; body: Uint8Array }): ((answer: Uint8Array) => void) | undefined {
    const wire = this.wire.keyMaterial;
    try {
      switch (request.endpoint) {
        case "update": {
          const { bundle } = decodeUpdateRequest(request.body);
          if (bundle.kind !== "commit") return undefined;
          const adds = addsOf(bundle);
          const origin: { commitKey: string; accepted?: boolean } = { commitKey: hexOf(encodeMlsMessage(bundle.proposalOrCommit)) };
          if (bundle.welcome !== undefined) wire.welcomeOrigins.set(welcomeKey(bundle.welcome), origin);
          return (answer) => {
            const r = decodeUpdateRoomResponse(answer);
            origin.accepted = r.responseCode === "success";
            if (r.responseCode === "success" && adds.length > 0) wire.acceptedAdds.push({ keyPackages: adds, acceptedTimestamp: r.acceptedTimestamp });
          };
        }
        case "keyMaterial":
          return (answer) => {
            const r = decodeKeyMaterialResponse(answer);
            if (r.userStatus !== "success" && r.userStatus !== "partialSuccess") return;
            const offered = r.clients.flatMap((c) => (c.clientStatus === "success" ? [{ client: c.clientUri, keyPackage: c.keyPackage }] : []));
            wire.relayed.push({ targetUser: request.target, answeredBy: domainOf(request.target) ?? "", offered });
          };
        case "groupInfo": {
          const decoded = decodeGroupInfoRequest(request.body);
          const requester = clientUriOfCredential(decoded.requestingCredential);
          const snapshot = this.system.hub.snapshot(this.roomId);
          const served: ServedGroupInfo = { from: request.from, requester, live: snapshot?.live, blocked: snapshot?.blocked ?? [], withCode: decoded.joiningCode.length > 0 };
          return (answer) => {
            if (decodeGroupInfoResponse(answer).status === "success") wire.groupInfos.push(served);
          };
        }
        default:
          return undefined;
      }
    } catch {
      return undefined;
    }
  }

  /** Each Welcome in a /notify to `to`, with the /update that carried it and whether its commit went out first. */
  private observeWelcomes(to: string, items: readonly FanoutMessage[]): void {
    const wire = this.wire.keyMaterial;
    for (const item of items) {
      if (item.kind !== "welcome" || item.message.wireformat !== "mls_welcome") continue;
      const key = hexOf(encodeMlsMessage(item.message));
      const origin = wire.welcomeOrigins.get(key);
      const afterCommit = origin !== undefined && [...this.wire.commitsByEpoch.values()].some((s) => s.has(origin.commitKey));
      wire.welcomes.push({ to, key, welcome: item.message.welcome, ...(origin === undefined ? {} : { origin }), afterCommit });
    }
  }

  private observeFanout(body: Uint8Array): readonly FanoutMessage[] {
    // The hub sends the same bytes to every follower: read them once.
    if (this.lastFanout !== undefined && Buffer.compare(this.lastFanout, body) === 0) return this.lastFanoutItems;
    this.lastFanout = body;
    this.lastFanoutItems = decodeFanoutMessages(body);
    for (const item of this.lastFanoutItems) {
      if (item.kind === "commit" && item.message.wireformat === "mls_public_message") {
        const epoch = item.message.publicMessage.content.epoch;
        const seen = this.wire.commitsByEpoch.get(epoch) ?? new Set<string>();
        seen.add(hex(encodeMlsMessage(item.message)));
        this.wire.commitsByEpoch.set(epoch, seen);
      }
      if (item.kind === "application") this.wire.applicationMessages.push(item.message);
    }
    return this.lastFanoutItems;
  }

  /** The new component a room-state change asks for (R22), the implementation's own transcription of the
   * changes (impl/room/fixtures/room-changes.ts) applied to the room as the acting client holds it. */
  private roomChangeOf(event: Extract<ModelEvent, { type: "changeRoleDefinitions" | "changeRoomPolicy" | "changeMetadata" }>): NonNullable<CommitPlan["components"]> {
    const session = this.client(event.actor).session(this.roomId);
    const room = session === undefined ? this.system.hub.snapshot(this.roomId)!.committed : roomComponentsOf(session.state.groupContext.extensions)!;
    const value = event.type === "changeRoleDefinitions" ? { roles: changedRoleData(room.roles, this.creatorRole, event.change) }
      : event.type === "changeRoomPolicy" ? { basePolicy: changedBasePolicy(room.basePolicy, event.policy) }
      : { metadata: changedRoomMetadata(room.metadata, event.change) };
    if (Object.values(value)[0] === undefined) throw new Error(`no such room change: ${JSON.stringify(event)}`);
    return value;
  }

  /** Performs the event with the acting client's own operation; answers the draft's code ("accepted" on success). */
  async apply(event: ModelEvent): Promise<string> {
    const room = this.roomId;
    // A download command's message is an attachment, which a receiver then downloads (properties/assets).
    const attachment = event.type === "sendMessage" && event.epochOffset === 0 ? takeArmedAttachment(this.system, room) : undefined;
    if (attachment !== undefined && event.type === "sendMessage") return attachment(clientUriOf(event.actor));
    switch (event.type) {
      case "createRoom": {
        const generated = this.options.world.generatedRoleSet;
        const named = this.options.roleSet;
        if (generated === undefined && named === "generated") throw new Error("a generated role set needs its set (RunSetup.generatedRoleSet)");
        const set: { roles: RoleData; creatorRole: number; preauth?: PreAuthData } = generated === undefined ? ROLE_SETS[named as Exclude<RoleSetName, "generated">] : implementationRolesOf(generated);
        // A drawn base room policy (base-policy-draw.ts): written as base_room_policy, with a room_metadata; a
        // fixed membership takes canAddParticipant from every role but 0 and 1, as the model's config does.
        const drawn = this.options.world.basePolicy;
        const roles = drawn?.fixedMembership === true ? withoutAdders(set.roles) : set.roles;
        const components = drawn === undefined ? {} : { basePolicy: implementationBasePolicyOf(drawn), metadata: roomMetadataFor(room) };
        this.creatorRole = set.creatorRole;
        const refusal = await this.system.createRoom(room, this.client(event.creatorClient), roles, set.creatorRole, set.preauth, components);
        return refusal?.code ?? "accepted";
      }
      case "addParticipant":
        return verdictCode(await this.client(event.actor).addParticipant(room, userUriOf(event.target), event.role, event.clients.map(clientUriOf)));
      case "addOwnClient":
        return verdictCode(await this.client(event.client).joinByExternalCommit(room));
      case "leave":
        return verdictCode(await this.client(event.actor).proposeLeave(room, this.options.variants.leaveOrder === "same-commit"));
      case "commit":
        return verdictCode(await this.client(event.actor).selfUpdate(room, event.includePending));
      case "removeParticipant":
        return verdictCode(await this.client(event.actor).removeParticipant(room, userUriOf(event.target)));
      case "kick":
        return verdictCode(await this.client(event.actor).kick(room, userUriOf(event.target)));
      case "ban":
        return verdictCode(await this.client(event.actor).ban(room, userUriOf(event.target)));
      case "unban":
        return verdictCode(await this.client(event.actor).unban(room, userUriOf(event.target), event.role));
      case "changeRole":
        return verdictCode(await this.client(event.actor).changeRole(room, userUriOf(event.target), event.role));
      case "sendMessage":
        this.messageCount += 1;
        // The content the command chose (model/messageRules.ts), naming a held message by its concrete ID;
        // none, a plain text.
        return verdictCode(await this.client(event.actor).sendMessage(room, `message ${this.messageCount}`, event.epochOffset as -1 | 0 | 1, event.content?.kind ?? "text", event.content !== undefined && "target" in event.content ? this.messageIds.get(event.content.target) : undefined));
      case "staleCommit":
        return verdictCode(await this.client(event.actor).staleCommit(room));
      case "changePreauthList": {
        // The implementation's own transcription of the lists (impl/room/fixtures/preauth-room.ts).
        const list = PREAUTH_ROOM_LISTS[event.list];
        if (list === undefined) throw new Error(`no preauth list ${event.list}`);
        return verdictCode(await this.client(event.actor).changePreauthList(room, list));
      }
      case "changeRoleDefinitions":
      case "changeRoomPolicy":
      case "changeMetadata":
        return verdictCode(await this.client(event.actor).changeRoomComponents(room, this.roomChangeOf(event)));
      case "openJoin":
        return verdictCode(await this.client(event.actor).askToOpenJoin(room, event.code));
      case "enforce":
        return verdictCode(await this.system.hub.enforce(room, enforceActionOf(event)));
    }
  }
}
