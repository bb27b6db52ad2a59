// A deployment's providers on real sockets: one HTTPS server per provider domain on loopback, each with
// its certificate from one throw-away CA, and one HTTPS client per provider presenting that provider's
// certificate. Attached to an InProcessNetwork, it becomes that network's delivery: taps, observers and
// the log still see every request first, then the bytes cross a mutually authenticated TLS connection
// and the receiving server hands them to whatever the network has registered for its domain.
//
// A request from a provider to itself (the hub's own clients, a hub relaying key material to its own
// provider) is provider-internal (protocol §5.3: "local clients of the hub use a provider-internal path")
// and is not sent over a socket.
import { EMPTY, type MimiRequest, type MimiResponse, type MimiServer } from "./mimi-request.js";
import type { Delivery, InProcessNetwork } from "./in-process-network.js";
import { DEFAULT_HTTPS_LIMITS, MimiHttpsServer, type HttpsLimits, type HttpsServerFaults } from "./https-server.js";
import { HttpsTransport, TransportFailure } from "./https-transport.js";
import { createProviderCertificates, type ProviderCertificates } from "./tls-certificates.js";

export interface HttpsNetworkOptions {
  /** Certificates to use (default: a fresh CA and one certificate per domain). */
  readonly certificates?: ProviderCertificates;
  readonly limits?: HttpsLimits;
  /** Planted defects of every server's transport checks (tests only). */
  readonly faults?: HttpsServerFaults;
  /** Fixed ports by domain (default: ephemeral). */
  readonly ports?: ReadonlyMap<string, number>;
  /** Do not keep the process alive for these servers (a process's shared servers, never closed). */
  readonly unref?: boolean;
}

/** A request that got no HTTP answer, as the sending side recorded it (never on the wire). */
export interface TransportFailureRecord {
  readonly from: string;
  readonly to: string;
  readonly endpoint: MimiRequest["endpoint"];
  readonly error: string;
}

export class HttpsNetwork {
  private readonly servers = new Map<string, MimiHttpsServer>();
  private readonly transports = new Map<string, HttpsTransport>();
  private attached: { network: InProcessNetwork; hubDomain: string } | undefined;
  /** Requests that got no answer (the network answered its caller 503). */
  readonly failures: TransportFailureRecord[] = [];
  /** Requests the servers passed on to a provider (they crossed a socket and every transport check). */
  served = 0;

  private constructor(
    readonly domains: readonly string[],
    readonly certificates: ProviderCertificates,
  ) {}

  /** Certificates made (unless given) and one server started per domain. */
  static async start(domains: readonly string[], options: HttpsNetworkOptions = {}): Promise<HttpsNetwork> {
    const certificates = options.certificates ?? (await createProviderCertificates(domains));
    const it = new HttpsNetwork(domains, certificates);
    for (const domain of domains) {
      const identity = certificates.providers.get(domain);
      if (identity === undefined) throw new Error(`no certificate for ${domain}`);
      const server = await MimiHttpsServer.start(
        {
          domain,
          identity,
          caPem: certificates.ca.certPem,
          handle: (request) => it.handle(domain, request),
          relaysKeyMaterial: (from) => it.attached !== undefined && from === it.attached.hubDomain && domain !== it.attached.hubDomain,
          limits: options.limits ?? DEFAULT_HTTPS_LIMITS,
          ...(options.faults !== undefined ? { faults: options.faults } : {}),
          ...(options.unref === true ? { unref: true } : {}),
        },
        options.ports?.get(domain) ?? 0,
      );
      it.servers.set(domain, server);
      it.transports.set(domain, new HttpsTransport({ domain, identity, caPem: certificates.ca.certPem, resolve: (d) => it.addressOf(d) }));
    }
    return it;
  }

  /** Where provider `domain` listens. */
  addressOf(domain: string): { host: string; port: number } | undefined {
    const server = this.servers.get(domain);
    return server === undefined ? undefined : { host: "127.0.0.1", port: server.port };
  }

  port(domain: string): number {
    const server = this.servers.get(domain);
    if (server === undefined) throw new Error(`no server for ${domain}`);
    return server.port;
  }

  /** The client side of provider `domain` (tests send hand-made requests with it). */
  transport(domain: string): HttpsTransport {
    const transport = this.transports.get(domain);
    if (transport === undefined) throw new Error(`no transport for ${domain}`);
    return transport;
  }

  /**
   * Makes these sockets `network`'s delivery, with `hubDomain` the provider hosting the hub (a /keyMaterial
   * request from it to another provider is its relay, §5.2). A later attach takes the servers over: runs
   * use one deployment at a time.
   */
  attach(network: InProcessNetwork, hubDomain: string): void {
    this.attached = { network, hubDomain };
    network.useDelivery(this.delivery(network));
  }

  private delivery(network: InProcessNetwork): Delivery {
    return async (to: string, request: MimiRequest, local: MimiServer | undefined): Promise<MimiResponse> => {
      // The relaying hub, not the requester, is the party on the connection.
      const sender = request.via ?? request.from;
      if (sender === to || !this.servers.has(to)) return local === undefined ? { status: 404, body: EMPTY } : local.handle(request);
      if (this.attached?.network !== network) throw new Error("this deployment's sockets serve a later deployment");
      const transport = this.transports.get(sender);
      if (transport === undefined) return this.failed(sender, to, request, `no certificate for ${sender}`);
      try {
        return await transport.send(to, request);
      } catch (e) {
        if (e instanceof TransportFailure) return this.failed(sender, to, request, e.message);
        throw e;
      }
    };
  }

  private failed(from: string, to: string, request: MimiRequest, error: string): MimiResponse {
    this.failures.push({ from, to, endpoint: request.endpoint, error });
    return { status: 503, body: EMPTY };
  }

  /** A request the server of `domain` accepted at the transport level, for the provider registered there. */
  private async handle(domain: string, request: MimiRequest): Promise<MimiResponse> {
    const server = this.attached?.network.registered(domain);
    this.served++;
    return server === undefined ? { status: 404, body: EMPTY } : server.handle(request);
  }

  /** Stops every server and closes every client connection. */
  async close(): Promise<void> {
    for (const t of this.transports.values()) t.close();
    await Promise.all([...this.servers.values()].map((s) => s.close()));
  }
}
