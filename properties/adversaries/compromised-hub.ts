// A compromised hub (RFC 9420 §16.6: a compromised delivery service). It holds the hub's signing keys and
// its view of each group, never a member's keys. It orders and fans out as it likes: it delivers a /notify to
// some providers and withholds it from others, holds one back and delivers it later, accepts two commits for
// one epoch (one per side of a split), and proposes, as the room's external sender, whatever changes it
// likes. What it cannot do is sign as a member: every change it invents is its own external proposal, which
// the honest clients judge with the room's rules (a room that gives the hub no role gives it no rights).
import { bytesToBase64, proposeExternal, type KeyPackage, type PrivateKeyPackage, type Proposal } from "ts-mls";
import { freshKeyPackages } from "../../impl/client/key-package-source.js";
import type { FanoutMessage } from "../../impl/codec/fanout-message.js";
import type { DeliverFanout, Hub } from "../../impl/hub/hub.js";
import type { HubRoom, PendingProposal } from "../../impl/hub/hub-room.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { treeMembers } from "../../impl/mls/client-credential.js";
import { describeProposal } from "../../impl/mls/describe-commit.js";
import { proposalRef, verifyPublicMessage } from "../../impl/mls/public-group-view.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";

/** What the hub does with one /notify its honest code would send to one provider. */
export type FanoutDecision =
  /** Sends it (honest). */
  | "deliver"
  /** Never sends it; the hub's code goes on as if it had. */
  | "withhold"
  /** Keeps it for a later `release` (delay, reorder). */
  | "hold";

/** Decides, per provider and /notify body, what the hub does with its honest fanout. */
export type FanoutPolicy = (domain: string, items: readonly FanoutMessage[]) => FanoutDecision;

/** One /notify the hub did not send when its code did. */
export interface UnsentFanout {
  readonly domain: string;
  readonly roomId: string;
  readonly items: readonly FanoutMessage[];
}

/** The hub's record of a room at one moment, to take back later (the hub "forgets" what it accepted since). */
export interface RoomRecord {
  readonly view: HubRoom["view"];
  readonly pending: readonly PendingProposal[];
  readonly blocked: ReadonlySet<string>;
  readonly history: number;
}

const hubs = new WeakMap<MimiSystem, CompromisedHub>();

/** The hub of a deployment under the adversary's control; `CompromisedHub.of` takes it over. */
export class CompromisedHub {
  /** How the honest fanout is routed now; undefined: every /notify is delivered. */
  policy: FanoutPolicy | undefined;
  /** Every /notify withheld so far, in order. */
  readonly withheld: UnsentFanout[] = [];
  /** KeyPackages it made for clients of its own (their private parts kept, as a joiner would). */
  readonly ownKeyPackages = new Map<string, { publicPackage: KeyPackage; privatePackage: PrivateKeyPackage }>();
  private held: UnsentFanout[] = [];
  private honest!: DeliverFanout;
  private readonly keys: { readonly publicKey: Uint8Array; readonly signKey: Uint8Array };

  private constructor(private readonly system: MimiSystem) {
    this.keys = system.hub.compromise((honest) => {
      this.honest = honest;
      return (domain, roomId, items) => this.route(domain, roomId, items);
    });
  }

  /** The hub of `system`, taken over (once; later calls answer the same party). */
  static of(system: MimiSystem): CompromisedHub {
    const taken = hubs.get(system) ?? new CompromisedHub(system);
    hubs.set(system, taken);
    return taken;
  }

  get hub(): Hub {
    return this.system.hub;
  }

  private async route(domain: string, roomId: string, items: FanoutMessage[]): Promise<void> {
    switch (this.policy?.(domain, items) ?? "deliver") {
      case "deliver":
        return this.honest(domain, roomId, items);
      case "withhold":
        this.withheld.push({ domain, roomId, items });
        return;
      case "hold":
        this.held.push({ domain, roomId, items });
        return;
    }
  }

  /** Sends what it held, in the order it held it; later fanout is routed by `policy` again. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = [];
    for (const h of held) await this.honest(h.domain, h.roomId, [...h.items]);
  }

  /** Runs `during` with `policy` routing the hub's fanout, then sends what it held and routes honestly again. */
  async routing<T>(policy: FanoutPolicy, during: () => Promise<T>): Promise<T> {
    this.policy = policy;
    try {
      return await during();
    } finally {
      this.policy = undefined;
      await this.release();
    }
  }

  private room(roomId: string): HubRoom {
    const r = this.hub.room(roomId);
    if (r === undefined) throw new Error(`the hub has no room ${roomId}`);
    return r;
  }

  /** The providers the hub's fanout goes to: every provider with a member in its group, and its own. */
  providers(roomId: string): string[] {
    const domains = new Set([this.hub.domain, ...treeMembers(this.room(roomId).view.tree).map((m) => domainOf(m.client) ?? this.hub.domain)]);
    return [...domains].sort();
  }

  /** What the hub holds of a room now. */
  record(roomId: string): RoomRecord {
    const r = this.room(roomId);
    return { view: r.view, pending: [...r.pending], blocked: new Set(r.blocked), history: r.history.length };
  }

  /** Takes the room back to `record`: whatever the hub accepted since, it no longer holds (nor fans out again). */
  forget(roomId: string, record: RoomRecord): void {
    const r = this.room(roomId);
    r.view = record.view;
    r.pending = [...record.pending];
    r.blocked = new Set(record.blocked);
    r.history.splice(record.history);
  }

  /** A fresh KeyPackage of `clientUri`, a client of a user of its own provider, whose credential that
   * provider (the hub's operator) issues; kept with its private part. */
  async ownKeyPackage(clientUri: string): Promise<KeyPackage> {
    if (domainOf(clientUri) !== this.hub.domain) throw new Error(`${clientUri} is not a client of the hub's own provider`);
    const kp = await freshKeyPackages(this.hub.suite, this.system.credentials.issuer)(clientUri);
    this.ownKeyPackages.set(clientUri, kp);
    return kp.publicPackage;
  }

  /**
   * Proposes `proposals` as the room's external sender (its own signature, RFC 9420 §12.1.8), accepts them
   * into its own pending list as it does its honest proposals (so that it lets a commit include them), routes
   * the Welcome of any KeyPackage in `adds` to itself, and fans them out as one bundle to every provider.
   */
  async propose(roomId: string, proposals: readonly Proposal[], adds: readonly { keyPackage: KeyPackage; user: string }[] = []): Promise<void> {
    const r = this.room(roomId);
    const cs = this.hub.suite;
    const messages = [];
    for (const proposal of proposals) {
      const message = await proposeExternal(r.view.groupInfo, proposal, this.keys.publicKey, this.keys.signKey, cs);
      if (message.wireformat !== "mls_public_message") throw new Error("an external proposal is a PublicMessage");
      const content = await verifyPublicMessage(r.view, message.publicMessage, cs);
      const { item } = describeProposal(message.publicMessage.content, r.view.tree, r.view.groupContext.extensions);
      const ref = bytesToBase64(await proposalRef(content, cs));
      r.pending.push({ ref, message, proposalWithSender: { proposal, senderLeafIndex: undefined }, proposer: { kind: "hub" }, item, acceptedAt: this.timestamp(), blocks: [] });
      messages.push(message);
    }
    for (const a of adds) this.hub.recordKeyPackageRoute(roomId, await this.hub.keyPackageRef(a.keyPackage), this.hub.domain, a.user);
    const timestamp = this.timestamp();
    for (const domain of this.providers(roomId))
      await this.honest(domain, roomId, [{ kind: "proposal", timestamp, message: messages[0]!, moreProposals: messages.slice(1) }]);
  }

  /** A deterministic timestamp: the hub's own clock, read, not advanced (replays give the same bytes). */
  private timestamp(): bigint {
    return this.hub.keyPackageTime * 1000n;
  }
}
