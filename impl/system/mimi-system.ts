// A whole MIMI deployment in one process: providers on an in-process network, one of which hosts the
// hub of the rooms it creates. Tests, the property runner and the command line all start here.
import type { CiphersuiteImpl } from "ts-mls";
import { encodeFanoutMessages } from "../codec/fanout-message.js";
import type { RoleData } from "../codec/roles.js";
import type { MimiClient } from "../client/client.js";
import type { ClientFaults } from "../client/client-faults.js";
import type { KeyPackageSource } from "../client/key-package-source.js";
import { Hub } from "../hub/hub.js";
import { defaultHubConfig, type HubConfig } from "../hub/hub-config.js";
import { domainOf, userOfClient } from "../identity/mimi-uri.js";
import { Provider } from "../provider/provider.js";
import { InProcessNetwork } from "../transport/in-process-network.js";

export interface MimiSystemOptions {
  hubDomain: string;
  followerDomains: string[];
  cs: CiphersuiteImpl;
  hubConfig?: HubConfig;
}

export class MimiSystem {
  readonly network = new InProcessNetwork();
  readonly providers = new Map<string, Provider>();
  readonly hub: Hub;

  private constructor(options: MimiSystemOptions, keys: { publicKey: Uint8Array; signKey: Uint8Array }) {
    for (const d of [options.hubDomain, ...options.followerDomains]) this.providers.set(d, new Provider(d, this.network, options.cs));
    this.hub = new Hub(
      options.hubDomain,
      options.cs,
      keys,
      async (domain, roomId, items) => {
        // /notify: the hub posts fanout to each follower; a 201 is the only success (§5.5).
        const res = await this.network.send(domain, { endpoint: "notify", from: options.hubDomain, target: roomId, body: encodeFanoutMessages(items) });
        if (res.status !== 201) throw new Error(`notify to ${domain} failed with ${res.status}`);
      },
      options.hubConfig ?? defaultHubConfig,
    );
    this.provider(options.hubDomain).hostHub(this.hub);
  }

  static async create(options: MimiSystemOptions): Promise<MimiSystem> {
    return new MimiSystem(options, await options.cs.signature.keygen());
  }

  provider(domain: string): Provider {
    const p = this.providers.get(domain);
    if (p === undefined) throw new Error(`no provider ${domain}`);
    return p;
  }

  /** Create a client on its provider (its domain is the client URI's). `faults`: planted defects, for
   * tests and campaigns only (impl/client/client-faults.ts). */
  addClient(clientUri: string, rules?: ConstructorParameters<typeof MimiClient>[3], keyPackages?: KeyPackageSource, faults?: ClientFaults): MimiClient {
    const domain = domainOf(clientUri) ?? "";
    return this.provider(domain).addClient(clientUri, rules, keyPackages, faults);
  }

  client(clientUri: string): MimiClient {
    const c = this.provider(domainOf(clientUri) ?? "").client(clientUri);
    if (c === undefined) throw new Error(`no client ${clientUri}`);
    return c;
  }

  allClients(): MimiClient[] {
    return [...this.providers.values()].flatMap((p) => p.localClients());
  }

  /** Hub-local room creation (protocol §3.1): the creator's client makes the group; the hub takes its view. */
  async createRoom(roomId: string, creator: MimiClient, roles: RoleData, creatorRole: number): Promise<void> {
    const user = userOfClient(creator.uri)!;
    const { groupInfo, ratchetTree } = await creator.createRoom(roomId, this.hub.externalSender(), {
      participants: { participants: [{ user, roleIndex: creatorRole }] },
      roles,
    });
    await this.hub.createRoom(roomId, groupInfo, ratchetTree);
  }
}
