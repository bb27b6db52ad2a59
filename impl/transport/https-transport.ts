// The client side of one provider's HTTPS requests to other providers (protocol §4.1): it presents the
// provider's own certificate, checks that the server's names the target domain, sends `Host: <target>`
// and `From: mimi@<own domain>`, and finds each endpoint's URL in the target's directory document (§5.1),
// read once per target. Bodies are the request's bytes; the answer comes back as status and bytes.
import https from "node:https";
import tls from "node:tls";
import { DIRECTORY_PATH, expandTemplate, parseDirectory, type Directory } from "./directory.js";
import type { MimiRequest, MimiResponse } from "./mimi-request.js";
import type { PemIdentity } from "./tls-certificates.js";

/** Where a provider domain is listening (loopback deployments do not resolve names). */
export type Resolve = (domain: string) => { readonly host: string; readonly port: number } | undefined;

/** A request that got no HTTP answer: the target is unknown, the handshake failed, the connection broke. */
export class TransportFailure extends Error {
  override readonly name = "TransportFailure";
}

export interface HttpsTransportOptions {
  /** The provider that sends: its certificate is presented and its domain is the `From`. */
  readonly domain: string;
  readonly identity: PemIdentity;
  /** The CA that authenticates the other providers (PEM). */
  readonly caPem: string;
  readonly resolve: Resolve;
  /** Give up on an answer after this long, in ms. */
  readonly timeoutMs?: number;
  /** Planted defect, for tests only: accept a server certificate of the CA whatever domain it names. */
  readonly skipServerIdentityCheck?: boolean;
}

export class HttpsTransport {
  private readonly agent: https.Agent;
  private readonly directories = new Map<string, Promise<Directory>>();

  constructor(private readonly options: HttpsTransportOptions) {
    this.agent = new https.Agent({ keepAlive: true, key: options.identity.keyPem, cert: options.identity.certPem, ca: options.caPem });
  }

  get domain(): string {
    return this.options.domain;
  }

  /** Sends `request` to provider `to`; throws TransportFailure when no HTTP answer comes back. */
  async send(to: string, request: MimiRequest): Promise<MimiResponse> {
    const directory = await this.directoryOf(to);
    const url = expandTemplate(directory, request.endpoint, request.target);
    // /proxyDownload is a GET without a body (§5.10.2); every other endpoint a POST.
    if (request.endpoint === "proxyDownload") return this.exchange(to, "GET", url.pathname, undefined);
    return this.exchange(to, "POST", url.pathname, request.body);
  }

  /** The directory document of provider `to` (§5.1), fetched once. */
  directoryOf(to: string): Promise<Directory> {
    let known = this.directories.get(to);
    if (known === undefined) {
      known = this.exchange(to, "GET", DIRECTORY_PATH, undefined).then((answer) => {
        const directory = answer.status === 200 ? parseDirectory(new TextDecoder().decode(answer.body)) : undefined;
        if (directory === undefined) throw new TransportFailure(`${to} has no usable directory (HTTP ${answer.status})`);
        return directory;
      });
      // A failed lookup is not remembered: the next request tries again.
      known.catch(() => this.directories.delete(to));
      this.directories.set(to, known);
    }
    return known;
  }

  /** One HTTP exchange with provider `to`. */
  exchange(to: string, method: string, path: string, body: Uint8Array | undefined, headers: Record<string, string> = {}): Promise<MimiResponse> {
    const where = this.options.resolve(to);
    if (where === undefined) return Promise.reject(new TransportFailure(`no address for ${to}`));
    return new Promise<MimiResponse>((resolve, reject) => {
      const req = https.request(
        {
          agent: this.agent,
          host: where.host,
          port: where.port,
          method,
          path,
          servername: to,
          // The server's certificate must name the target provider (RFC 6125), whatever address it is at.
          checkServerIdentity: (_host, cert) => (this.options.skipServerIdentityCheck === true ? undefined : tls.checkServerIdentity(to, cert)),
          headers: {
            host: `${to}:${where.port}`,
            from: `mimi@${this.options.domain}`,
            ...(body !== undefined ? { "content-type": "application/octet-stream", "content-length": String(body.length) } : {}),
            ...headers,
          },
          timeout: this.options.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: new Uint8Array(Buffer.concat(chunks)) }));
          res.on("error", (e) => reject(new TransportFailure(`${to}: ${e.message}`)));
        },
      );
      req.setNoDelay(true);
      req.on("timeout", () => req.destroy(new Error("no answer in time")));
      req.on("error", (e) => reject(new TransportFailure(`${method} ${path} to ${to}: ${e.message}`)));
      req.end(body === undefined ? undefined : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
  }

  /** Closes every kept-alive connection. */
  close(): void {
    this.agent.destroy();
  }
}
