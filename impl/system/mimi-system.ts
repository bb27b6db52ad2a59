// A whole MIMI deployment in one process: providers on an in-process network, one of which hosts the
// hub of the rooms it creates. Tests, the property runner and the command line all start here.
import { initialEnforcerEntries } from "../room/policy-enforcer.js";
import type { AssetPolicyData } from "../codec/asset-policy.js";
import type { PreAuthData } from "../codec/preauth-list.js";
import { FrankingAgent } from "../franking/franking-agent.js";
import type { CiphersuiteImpl } from "ts-mls";
import { encodeFanoutMessages } from "../codec/fanout-message.js";
import type { RoleData } from "../codec/roles.js";
import type { RoomComponents } from "../mls/room-components.js";
import type { MimiClient } from "../client/client.js";
import type { ClientFaults } from "../client/client-faults.js";
import type { ContentClock } from "../client/received-timeline.js";
import type { KeyPackageSource } from "../client/key-package-source.js";
import { Hub } from "../hub/hub.js";
import { defaultHubConfig, type HubConfig } from "../hub/hub-config.js";
import { domainOf, userOfClient } from "../identity/mimi-uri.js";
import { Provider } from "../provider/provider.js";
import { DeploymentCredentials } from "../identity/credential-authorities.js";
import { credentialCheckFaults, type CredentialMode } from "../identity/credential-validation.js";
import { InProcessNetwork } from "../transport/in-process-network.js";
import { NotifyOutbox } from "../transport/unreliable-delivery.js";
import type { HttpsNetwork } from "../transport/https-network.js";

export interface MimiSystemOptions {
  hubDomain: string;
  followerDomains: string[];
  cs: CiphersuiteImpl;
  hubConfig?: HubConfig;
  /** Credentials: provider-issued X.509, validated by every party, or basic (insecure; the default here,
   * the command line's default is x509). impl/identity/credential-authorities.ts. */
  credentials?: CredentialMode;
  /** Carry requests between providers over these HTTPS servers with mutual TLS (default: in-process
   * calls). Requests still pass the network's taps and observers first. */
  https?: HttpsNetwork;
}

export class MimiSystem {
  readonly network = new InProcessNetwork();
  /** The hub's /notify queues, one per follower. */
  readonly outbox: NotifyOutbox;
  readonly providers = new Map<string, Provider>();
  readonly hub: Hub;

  private constructor(
    options: MimiSystemOptions,
    keys: { publicKey: Uint8Array; signKey: Uint8Array },
    /** Each provider's authentication service and every party's trust configuration. */
    readonly credentials: DeploymentCredentials,
    /** The hub's credential as external sender: its provider's certificate for its key. */
    hubCredential: import("ts-mls").Credential,
  ) {
    for (const d of [options.hubDomain, ...options.followerDomains]) this.providers.set(d, new Provider(d, this.network, options.cs));
    this.outbox = new NotifyOutbox(options.hubDomain, (to, request) => this.network.send(to, request));
    this.hub = new Hub(
      options.hubDomain,
      options.cs,
      keys,
      // /notify: the hub posts fanout to each follower through its outbox, which retries until a 201 and
      // keeps what a follower cannot take yet, in order (§5.5; impl/transport/unreliable-delivery.ts).
      (domain, roomId, items) => this.outbox.post(domain, roomId, encodeFanoutMessages(items)),
      options.hubConfig ?? defaultHubConfig,
    );
    this.provider(options.hubDomain).hostHub(this.hub);
    this.contentClock = { nowMs: () => Number(this.credentialTime() + 1n) * 1000 - 1, earliestMs: Number(this.hub.keyPackageTime) * 1000 };
    const config = options.hubConfig ?? defaultHubConfig;
    if (credentials.mode === "x509") this.hub.useCredentials(credentials.validator(this.credentialTime, credentialCheckFaults(config.faults)), hubCredential);
    options.https?.attach(this.network, options.hubDomain);
  }

  static async create(options: MimiSystemOptions): Promise<MimiSystem> {
    const credentials = await DeploymentCredentials.create(options.credentials ?? "basic", [options.hubDomain, ...options.followerDomains]);
    const keys = await options.cs.signature.keygen();
    const system = new MimiSystem(options, keys, credentials, await credentials.issuer(`mimi://${options.hubDomain}`, keys.publicKey));
    // The hub's franking agent (protocol §5.4.1): its own key pair, certified by the hub's provider.
    system.hub.useFrankingAgent(await FrankingAgent.create(options.cs, (key) => credentials.issuer(`mimi://${options.hubDomain}`, key)));
    return system;
  }

  /** The deployment's clock for credentials, in seconds: the hub's (every party in-process shares it),
   * moved on by advanceCredentialTime. */
  readonly credentialTime = () => this.hub.keyPackageTime + this.credentialTimeOffset;
  private credentialTimeOffset = 0n;

  /**
   * The clock every client judges hub timestamps by (content §9.1): the deployment's, read at the end of its
   * current second (the hub counts milliseconds, the credential clock seconds), so no honest timestamp is
   * ever in a receiver's future. Its floor is where this deployment's calendar starts, the hub's first
   * tick: the hub's clock is simulated and starts in November 2023, before the content code's real-time
   * floor of 2024-01-01, which would otherwise discard every message. Moving the hub's start instead would
   * move every timestamp, KeyPackage and certificate time the runs and their recorded replays read.
   */
  readonly contentClock: ContentClock;

  /** Moves every party's credential clock on by `seconds` (to let certificates expire in tests). */
  advanceCredentialTime(seconds: bigint): void {
    this.credentialTimeOffset += seconds;
  }

  /** The asset_policy (0x002C) every room this deployment creates carries: each provider's storage
   * location, set by the deployment (impl/proxy/room-asset-policy.ts reads it). */
  roomAssetPolicy: AssetPolicyData | undefined;

  provider(domain: string): Provider {
    const p = this.providers.get(domain);
    if (p === undefined) throw new Error(`no provider ${domain}`);
    return p;
  }

  /** Create a client on its provider (its domain is the client URI's). `faults`: planted defects, for
   * tests and campaigns only (impl/client/client-faults.ts). */
  addClient(clientUri: string, rules?: ConstructorParameters<typeof MimiClient>[3], keyPackages?: KeyPackageSource, faults?: ClientFaults): MimiClient {
    const domain = domainOf(clientUri) ?? "";
    const credentials = this.credentials.mode === "basic" ? undefined : { issuer: this.credentials.issuer, validator: this.credentials.validator(this.credentialTime, credentialCheckFaults(faults ?? {})) };
    const withClock = { ...(rules ?? { pendingProposals: "must-include" as const }), contentClock: rules?.contentClock ?? this.contentClock };
    return this.provider(domain).addClient(clientUri, withClock, keyPackages, faults, credentials);
  }

  client(clientUri: string): MimiClient {
    const c = this.provider(domainOf(clientUri) ?? "").client(clientUri);
    if (c === undefined) throw new Error(`no client ${clientUri}`);
    return c;
  }

  allClients(): MimiClient[] {
    return [...this.providers.values()].flatMap((p) => p.localClients());
  }

  /** Hub-local room creation (protocol §3.1): the creator's client makes the group; the hub takes its view,
   * or refuses it (R0: an unusable roles_list or creator's role), and then the creator drops the group. */
  async createRoom(
    roomId: string,
    creator: MimiClient,
    roles: RoleData,
    creatorRole: number,
    preauth?: PreAuthData,
    /** base_room_policy and room_metadata, for a room that has them (set at creation; docs/rules.md R21). */
    components: Pick<RoomComponents, "basePolicy" | "metadata"> = {},
  ): Promise<{ code: "invalidProposal"; description: string } | undefined> {
    const user = userOfClient(creator.uri)!;
    const made = await creator.createRoom(roomId, this.hub.externalSender(), {
      // The hub's policy enforcer is listed from the start in the sets that have the role (R18).
      participants: { participants: [{ user, roleIndex: creatorRole }, ...initialEnforcerEntries(roles, this.hub.domain)] },
      roles,
      ...(this.hub.frankingAgent === undefined ? {} : { frankingAgent: this.hub.frankingAgent.data }),
      ...(this.roomAssetPolicy === undefined ? {} : { assetPolicy: this.roomAssetPolicy }),
      ...(preauth === undefined ? {} : { preauth }),
      ...components,
    });
    // The creator's client refuses to build an unusable room itself; otherwise the hub judges it.
    if ("refusal" in made) return made.refusal;
    const refusal = await this.hub.createRoom(roomId, made.groupInfo, made.ratchetTree);
    if (refusal !== undefined) creator.abandonRoom(roomId);
    return refusal;
  }
}
