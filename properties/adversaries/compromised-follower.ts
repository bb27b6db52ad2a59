// A compromised follower provider (issue model: "sits in front of its own clients and users and speaks to
// the hub with the follower's identity"). It takes its provider's place on the network: every request to
// its domain reaches it first. Towards the hub it sends whatever it likes with its own `From` (requests for
// users it does not host, another provider's request bytes as its own); towards its own clients it can
// withhold, hold back, duplicate or replay the hub's /notify bodies, bypassing its own de-duplication
// (protocol §5.5 D45 is a duty it no longer keeps). It holds no other party's keys.
import { generateKeyPackageWithKey, type CiphersuiteImpl, type KeyPackage, type MLSMessage } from "ts-mls";
import { decodeFanoutMessages } from "../../impl/codec/fanout-message.js";
import { decodeKeyMaterialResponse, encodeKeyMaterialResponse, type ClientKeyMaterial } from "../../impl/codec/key-material-response.js";
import { clientUri, parseMimiUriOfKind, userOfClient } from "../../impl/identity/mimi-uri.js";
import { mimiCapabilities } from "../../impl/mls/member-capabilities.js";
import type { ClientUplink, GroupInfoOutcome, KeyMaterialOutcome, SubmitOutcome, UpdateOutcome } from "../../impl/client/uplink.js";
import type { CommitBundle, ProposalBundle } from "../../impl/codec/handshake-bundle.js";
import type { Provider } from "../../impl/provider/provider.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import { EMPTY, type MimiRequest, type MimiResponse, type MimiServer } from "../../impl/transport/mimi-request.js";

/** What the follower does with a /notify body the hub sends it. */
export type DeliveryMode =
  /** Hands it to its provider, which de-duplicates and delivers in hub order (honest). */
  | "honest"
  /** Acknowledges it (201) and never delivers it. */
  | "withhold"
  /** Acknowledges it and keeps it for a later `release` (delay, reorder). */
  | "hold";

/** How the follower answers the hub's relayed /keyMaterial requests (protocol §5.2). */
export type KeyMaterialMode =
  /** Its provider's honest answer: a fresh KeyPackage per client. */
  | "honest"
  /** Each client's first KeyPackage it ever handed out, again (E48: never in two answers). */
  | "reuse"
  /** For the first client listed, a KeyPackage whose lifetime ended in 2001 (E49: never expired). */
  | "expired"
  /** A fresh KeyPackage of a client of another of its users (or of a user it invents), listed as the
   * requested client. */
  | "otherUser";

/** The end of the lifetime of the KeyPackages the follower forges as expired: 2001-09-09, in seconds. */
export const EXPIRED_NOT_AFTER = 1_000_000_000n;

/** One /notify body as the hub sent it. */
export interface NotifyBody {
  readonly roomId: string;
  readonly body: Uint8Array;
}

/**
 * One of its own clients the follower withheld a commit from (F11): where the client was left, and how
 * much it had recorded and been handed by then. The client cannot follow the room past that commit; P8
 * allows it to lag there, provided it stays where it was left and refuses whatever later reaches it.
 */
export interface WithheldFrom {
  readonly roomId: string;
  /** The client's URI. */
  readonly client: string;
  /** The follower's domain (its provider's delivery log tells what the client was handed since). */
  readonly domain: string;
  /** The epoch it held when the commit was withheld, and its epoch authenticator then (hex). */
  readonly epoch: bigint;
  readonly epochAuthenticator: string;
  /** How many refusals it had recorded, and how many items its provider had handed it, by then. */
  readonly refusalsBefore: number;
  readonly handedBefore: number;
}

/** How the follower withholds fanout from its clients (F11), until `commits` commits have gone undelivered. */
export interface Withholding {
  readonly roomId: string;
  /** Commits still to withhold. */
  commits: number;
  /** true: every /notify body until then (a silent follower); false: only those carrying a commit. */
  readonly everything: boolean;
}

const followers = new WeakMap<MimiSystem, Map<string, CompromisedFollower>>();

/** A follower provider under the adversary's control; `CompromisedFollower.of` takes one over. */
export class CompromisedFollower implements MimiServer {
  /** Every /notify body the hub sent it, in arrival order (what it can replay). */
  readonly notified: NotifyBody[] = [];
  /** Bodies it acknowledged and did not deliver (withheld or still held). */
  readonly undelivered: NotifyBody[] = [];
  private held: NotifyBody[] = [];
  delivery: DeliveryMode = "honest";
  keyMaterial: KeyMaterialMode = "honest";
  /** Every KeyPackage it handed out, per client URI, in order. */
  readonly handedOut = new Map<string, KeyPackage[]>();
  /** Armed by F11: what it withholds next from its clients. */
  withholding: Withholding | undefined;
  /** Its clients it withheld a commit from, each recorded once (the first commit it missed). */
  readonly withheldFrom: WithheldFrom[] = [];

  private constructor(
    private readonly system: MimiSystem,
    readonly domain: string,
    private readonly provider: Provider,
  ) {
    // What it received before the takeover is its own traffic: it kept it (the network's recent log).
    for (const e of system.network.log)
      if (e.to === domain && e.request.endpoint === "notify") this.notified.push({ roomId: e.request.target, body: e.request.body.slice() });
    system.network.register(domain, this);
  }

  /** The follower `domain` of `system`, taken over (once; later calls answer the same party). */
  /** The followers of `system` an adversary took over so far (none are taken over by asking). */
  static takenOver(system: MimiSystem): readonly CompromisedFollower[] {
    return [...(followers.get(system)?.values() ?? [])];
  }

  static of(system: MimiSystem, domain: string): CompromisedFollower {
    const taken = followers.get(system) ?? new Map<string, CompromisedFollower>();
    followers.set(system, taken);
    const existing = taken.get(domain);
    if (existing !== undefined) return existing;
    if (domain === system.hub.domain) throw new Error(`${domain} hosts the hub, it is not a follower`);
    const follower = new CompromisedFollower(system, domain, system.provider(domain));
    taken.set(domain, follower);
    return follower;
  }

  /** Its own provider's uplink: every request leaves with `From` = this follower's domain. */
  private get uplink(): ClientUplink {
    return this.provider.uplink;
  }

  get suite(): CiphersuiteImpl {
    return this.system.hub.suite;
  }

  // ---------------------------------------------------------------- incoming (from the hub)

  async handle(request: MimiRequest): Promise<MimiResponse> {
    if (request.endpoint === "keyMaterial" && request.via !== undefined) return this.answerKeyMaterial(request);
    if (request.endpoint !== "notify") return this.provider.handle(request);
    const notified = { roomId: request.target, body: request.body.slice() };
    this.notified.push(notified);
    if (this.withholds(notified)) {
      this.undelivered.push(notified);
      return { status: 201, body: EMPTY };
    }
    switch (this.delivery) {
      case "honest":
        return this.provider.handle(request);
      case "withhold":
        this.undelivered.push(notified);
        return { status: 201, body: EMPTY };
      case "hold":
        this.held.push(notified);
        this.undelivered.push(notified);
        return { status: 201, body: EMPTY };
    }
  }

  /** Its provider's answer to a relayed /keyMaterial, rewritten as `keyMaterial` says; every KeyPackage it
   * hands out is recorded. */
  private async answerKeyMaterial(request: MimiRequest): Promise<MimiResponse> {
    const answer = await this.provider.handle(request);
    if (answer.status !== 200) return answer;
    const response = decodeKeyMaterialResponse(answer.body);
    const clients: ClientKeyMaterial[] = [];
    for (const c of response.clients) {
      if (c.clientStatus !== "success") {
        clients.push(c);
        continue;
      }
      // One expired KeyPackage per answer (ts-mls 1.6.4 leaves a rejection unhandled when a commit it builds
      // holds two Adds that fail validation).
      const keyPackage = this.keyMaterial === "expired" && clients.length > 0 ? c.keyPackage : await this.falseKeyPackage(c.clientUri, c.keyPackage);
      const list = this.handedOut.get(c.clientUri) ?? [];
      list.push(keyPackage);
      this.handedOut.set(c.clientUri, list);
      clients.push({ ...c, keyPackage });
    }
    return { status: 200, body: encodeKeyMaterialResponse({ ...response, clients }) };
  }

  /** A KeyPackage this provider makes itself for one of its clients' URIs, with its own credential for it
   * (under x509 its CA's certificate: a provider is authoritative for its own users). */
  private async mintKeyPackage(client: string, lifetime: { notBefore: bigint; notAfter: bigint }): Promise<KeyPackage> {
    const keys = await this.suite.signature.keygen();
    const credential = await this.system.credentials.issuer(client, keys.publicKey);
    return (await generateKeyPackageWithKey(credential, mimiCapabilities(), lifetime, [], keys, this.suite)).publicPackage;
  }

  private async falseKeyPackage(client: string, honest: KeyPackage): Promise<KeyPackage> {
    switch (this.keyMaterial) {
      case "honest":
        return honest;
      case "reuse":
        return this.handedOut.get(client)?.[0] ?? honest;
      case "expired":
        return this.mintKeyPackage(client, { notBefore: 0n, notAfter: EXPIRED_NOT_AFTER });
      case "otherUser": {
        const uri = parseMimiUriOfKind(client, "client")!;
        const other = this.provider.localClients().find((c) => c.user !== userOfClient(client));
        // Another of its users' clients makes it (and could then join by its Welcome); without one, an invented user's.
        if (other !== undefined) return other.newKeyPackage();
        return this.mintKeyPackage(clientUri(uri.domain, `${uri.userId}x`, uri.deviceId), { notBefore: 0n, notAfter: 2n ** 63n - 1n });
      }
    }
  }

  /** Whether the armed withholding (F11) takes this body; a body carrying a commit is recorded against every
   * one of its clients holding the room, and counts towards the commits to withhold. */
  private withholds(notified: NotifyBody): boolean {
    const w = this.withholding;
    if (w === undefined || w.roomId !== notified.roomId || w.commits <= 0) return false;
    const carriesCommit = decodeFanoutMessages(notified.body).some((m) => m.kind === "commit");
    if (!carriesCommit && !w.everything) return false;
    if (carriesCommit) {
      w.commits -= 1;
      if (w.commits === 0) this.withholding = undefined;
      for (const client of this.provider.localClients()) {
        const state = client.session(notified.roomId)?.state;
        if (state === undefined || this.withheldFrom.some((r) => r.roomId === notified.roomId && r.client === client.uri)) continue;
        this.withheldFrom.push({
          roomId: notified.roomId,
          client: client.uri,
          domain: this.domain,
          epoch: state.groupContext.epoch,
          epochAuthenticator: Buffer.from(state.keySchedule.epochAuthenticator).toString("hex"),
          refusalsBefore: client.refusals.length,
          handedBefore: this.provider.deliveries.handed.length,
        });
      }
    }
    return true;
  }

  /** Deliver what it held, in arrival order or reversed, straight to its clients; delivery turns honest. */
  async release(order: "arrival" | "reversed"): Promise<void> {
    const held = order === "arrival" ? this.held : [...this.held].reverse();
    this.held = [];
    this.delivery = "honest";
    for (const h of held) {
      this.undelivered.splice(this.undelivered.indexOf(h), 1);
      await this.deliverDirectly(h);
    }
  }

  /**
   * Hand a /notify body to every one of its clients as its provider would, but without the provider's
   * de-duplication (a replay or a duplicate reaches the clients).
   */
  async deliverDirectly(notified: NotifyBody): Promise<void> {
    for (const m of decodeFanoutMessages(notified.body))
      for (const client of this.provider.localClients()) {
        if (m.kind === "welcome") {
          if (m.message.wireformat === "mls_welcome" && m.ratchetTreeOption.representation === "full")
            await client.receiveWelcome(m.message.welcome, m.ratchetTreeOption.ratchetTree);
        } else {
          await client.receive(notified.roomId, m.message, m.timestamp, m.kind === "proposal" ? m.moreProposals : []);
        }
      }
  }

  // ---------------------------------------------------------------- outgoing (to the hub), as itself

  /** /submitMessage with any `sendingUri` (another provider's user included). */
  submitMessage(roomId: string, message: MLSMessage, sendingUri: string): Promise<SubmitOutcome> {
    return this.uplink.submitMessage(roomId, message, sendingUri);
  }

  /** /update with any handshake bundle (another provider's client's commit or proposals included). */
  sendUpdate(roomId: string, bundle: CommitBundle | ProposalBundle): Promise<UpdateOutcome> {
    return bundle.kind === "commit" ? this.uplink.sendCommit(roomId, bundle) : this.uplink.sendProposals(roomId, bundle);
  }

  /** /groupInfo for `clientUri` (any provider's), with a credential naming it and keys of its own. */
  async requestGroupInfo(roomId: string, clientUri: string, userUri: string): Promise<GroupInfoOutcome> {
    const cs = this.suite;
    const keys = await cs.signature.keygen();
    const hpke = await cs.hpke.generateKeyPair();
    const requester = { clientUri, userUri, signaturePublicKey: keys.publicKey, signaturePrivateKey: keys.signKey };
    return this.uplink.fetchGroupInfo(roomId, requester, await cs.hpke.exportPublicKey(hpke.publicKey), await cs.hpke.exportPrivateKey(hpke.privateKey));
  }

  /** /keyMaterial for `targetUser` in the name of `requestingUser` (any provider's), signed with keys of its own. */
  async requestKeyMaterial(roomId: string, requestingClient: string, requestingUser: string, targetUser: string): Promise<KeyMaterialOutcome> {
    const keys = await this.suite.signature.keygen();
    const requester = { clientUri: requestingClient, userUri: requestingUser, signaturePublicKey: keys.publicKey, signaturePrivateKey: keys.signKey };
    return this.uplink.fetchKeyPackages(roomId, requester, targetUser);
  }
}
