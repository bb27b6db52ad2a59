// One provider as an HTTPS server over mutually authenticated TLS (protocol §4.1, §5). The TLS handshake
// refuses a client certificate the providers' CA did not issue or that is out of its validity; then each
// request must name this provider in `Host` (else 421) and, in `From: mimi@<domain>`, a domain the client
// certificate authenticates (else 403). Paths and the directory are directory.ts's. The body, bounded in
// size (413) and in time (408), is handed as bytes to the provider's MimiServer, whose answer goes back as
// is. Nothing thrown escapes: a defect here is a 500 with the fixed body.
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { AddressInfo } from "node:net";
import { directoryFor, parsePath } from "./directory.js";
import { INTERNAL_ERROR_TEXT } from "./internal-error.js";
import type { MimiRequest, MimiResponse } from "./mimi-request.js";
import { certificateDomains, type PemIdentity } from "./tls-certificates.js";

/** Bounds on what one request may cost the server. */
export interface HttpsLimits {
  /** Largest request body accepted, in bytes; a larger one is answered 413. */
  readonly maxBodyBytes: number;
  /** Time to receive the request's headers, in ms (Node answers 408). */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole body once the headers are in, in ms; then 408. */
  readonly bodyTimeoutMs: number;
}

/** The largest MIMI body in a 256-member room (a commit bundle with its tree) is well under 1 MiB. */
export const DEFAULT_HTTPS_LIMITS: HttpsLimits = { maxBodyBytes: 1 << 20, headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000 };

/**
 * Planted defects of the transport's own checks, for tests only: each switches one check off, to show
 * that the test of that check can fail.
 */
export interface HttpsServerFaults {
  /** Accept any `From`, whatever the client certificate authenticates. */
  readonly skipFromCheck?: boolean;
  /** Accept any `Host`, even another provider's. */
  readonly skipHostCheck?: boolean;
  /** Read a body of any size. */
  readonly skipBodyLimit?: boolean;
  /** Finish the TLS handshake whatever client certificate comes (another CA's, an expired one). */
  readonly skipClientCertificateCheck?: boolean;
}

/** Every transport fault by name, with what it switches off. */
export const HTTPS_SERVER_FAULTS = {
  skipFromCheck: "accept a From the client certificate does not authenticate",
  skipHostCheck: "accept a Host naming another provider",
  skipBodyLimit: "read request bodies of any size",
  skipClientCertificateCheck: "accept a client certificate the providers' CA did not issue, or an expired one",
} as const satisfies Record<keyof HttpsServerFaults, string>;

export interface HttpsServerOptions {
  /** The provider this server is. */
  readonly domain: string;
  readonly identity: PemIdentity;
  /** The CA whose certificates authenticate providers (PEM). */
  readonly caPem: string;
  /** The provider's endpoints: the decoded request in, the answer out. */
  readonly handle: (request: MimiRequest) => Promise<MimiResponse>;
  /** Whether a /keyMaterial request from `from` is a hub relaying to this provider as target provider
   * (§5.2): it is then marked `via` the hub. Default: never. */
  readonly relaysKeyMaterial?: (from: string) => boolean;
  readonly limits?: HttpsLimits;
  readonly faults?: HttpsServerFaults;
  /** Do not keep the process alive for this server or its connections (servers shared by a process's
   * runs, never closed). */
  readonly unref?: boolean;
}

const FROM = /^mimi@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)$/;

/** `Host` without its port (§4.1: the port is ignored), lower-cased; IPv6 literals keep their brackets. */
export function hostWithoutPort(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon < 0 ? h : h.slice(0, colon);
}

export class MimiHttpsServer {
  private readonly limits: HttpsLimits;
  private readonly faults: HttpsServerFaults;

  private constructor(
    private readonly options: HttpsServerOptions,
    private readonly server: https.Server,
  ) {
    this.limits = options.limits ?? DEFAULT_HTTPS_LIMITS;
    this.faults = options.faults ?? {};
  }

  /** Listens on loopback, on an ephemeral port unless `port` is given. */
  static async start(options: HttpsServerOptions, port = 0): Promise<MimiHttpsServer> {
    const limits = options.limits ?? DEFAULT_HTTPS_LIMITS;
    const server = https.createServer({
      key: options.identity.keyPem,
      cert: options.identity.certPem,
      ca: options.caPem,
      requestCert: true,
      rejectUnauthorized: options.faults?.skipClientCertificateCheck !== true,
      // Answers are small and go out in one write: no reason to wait for more (Nagle).
      noDelay: true,
      headersTimeout: limits.headersTimeoutMs,
      // Node checks the headers' deadline on this period (its default, 30 s, would make the timeout coarse).
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
      // The body has its own deadline below; Node's whole-request one is left wider than both.
      requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 1000,
    });
    const it = new MimiHttpsServer(options, server);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => void it.serve(req, res));
    // A failed handshake (wrong CA, expired, no certificate) ends there; it is no error of this server.
    server.on("tlsClientError", () => undefined);
    if (options.unref === true) server.on("secureConnection", (socket) => socket.unref());
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    if (options.unref === true) server.unref();
    return it;
  }

  get domain(): string {
    return this.options.domain;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every open connection. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const answer = await this.answer(req, res);
      if (answer === undefined) return;
      if (!res.headersSent) {
        res.writeHead(answer.status, { "content-type": answer.contentType ?? "application/octet-stream", "content-length": answer.body.length, ...answer.headers });
        res.end(answer.body);
      }
    } catch {
      // A defect of this server: the fixed body, never the error (impl/transport/internal-error.ts).
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end(INTERNAL_ERROR_TEXT);
      else res.destroy();
    }
  }

  /** The answer to one request, or undefined when it has been answered already (timeouts, size). */
  private async answer(req: IncomingMessage, res: ServerResponse): Promise<Answer | undefined> {
    const domain = this.options.domain;
    const host = req.headers.host;
    if (host === undefined) return refusal(400, "no Host header (protocol §4.1: Host names the target provider)");
    if (!this.faults.skipHostCheck && hostWithoutPort(host) !== domain)
      return refusal(421, `Host ${hostWithoutPort(host)} is not this provider (${domain})`);
    const fromHeader = req.headers.from;
    const from = fromHeader === undefined ? undefined : FROM.exec(fromHeader.trim())?.[1]?.toLowerCase();
    if (from === undefined) return refusal(400, "From must be mimi@<source domain> (protocol §4.1)");
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    const authenticated = peer?.raw === undefined ? [] : certificateDomains(peer.raw);
    if (!this.faults.skipFromCheck && !authenticated.includes(from))
      return refusal(403, `From names ${from}; the client certificate authenticates ${authenticated.join(", ") || "no domain"}`);

    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    const parsed = parsePath(path);
    if (parsed.kind === "unknown") return refusal(404, `no endpoint at ${path}`);
    if (parsed.kind === "directory") {
      if (req.method !== "GET" && req.method !== "HEAD") return { ...refusal(405, `${req.method} on the directory (GET only)`), headers: { allow: "GET, HEAD" } };
      const authority = `${domain}:${this.port}`;
      return { status: 200, body: new TextEncoder().encode(JSON.stringify(directoryFor(authority), null, 2)), contentType: "application/json" };
    }
    // Every endpoint is POST but /proxyDownload, a GET (§5.10.2).
    const method = parsed.kind === "endpoint" && parsed.endpoint === "proxyDownload" ? "GET" : "POST";
    if (req.method !== method) return { ...refusal(405, `${req.method} on /${parsed.kind === "endpoint" ? parsed.endpoint : path} (${method} only)`), headers: { allow: method } };
    if (parsed.kind === "malformed") return refusal(400, parsed.reason);

    const body = await this.readBody(req, res);
    if (body === undefined) return undefined;
    const relayed = parsed.endpoint === "keyMaterial" && (this.options.relaysKeyMaterial?.(from) ?? false);
    const request: MimiRequest = { endpoint: parsed.endpoint, from, target: parsed.parameter, body, ...(relayed ? { via: from } : {}) };
    const response = await this.options.handle(request);
    return { status: response.status, body: response.body };
  }

  /** The whole body, or undefined once it has been refused (413, 408) and the connection closed. */
  private readBody(req: IncomingMessage, res: ServerResponse): Promise<Uint8Array | undefined> {
    const { maxBodyBytes, bodyTimeoutMs } = this.limits;
    const limited = !this.faults.skipBodyLimit;
    const declared = Number(req.headers["content-length"] ?? "NaN");
    return new Promise((resolve) => {
      let done = false;
      const refuse = (status: number, reason: string) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        const text = new TextEncoder().encode(reason);
        // The rest of the body is not read: the connection closes after the answer.
        res.writeHead(status, { "content-type": "text/plain", "content-length": text.length, connection: "close" });
        res.end(text, () => req.socket.destroy());
        resolve(undefined);
      };
      const timer = setTimeout(() => refuse(408, `the body did not arrive within ${bodyTimeoutMs} ms`), bodyTimeoutMs);
      if (limited && declared > maxBodyBytes) return refuse(413, `a body of ${declared} bytes; at most ${maxBodyBytes} are accepted`);
      const chunks: Buffer[] = [];
      let length = 0;
      req.on("data", (chunk: Buffer) => {
        if (done) return;
        length += chunk.length;
        if (limited && length > maxBodyBytes) return refuse(413, `a body over ${maxBodyBytes} bytes`);
        chunks.push(chunk);
      });
      req.on("end", () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(new Uint8Array(Buffer.concat(chunks)));
      });
      req.on("error", () => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }
}

interface Answer {
  readonly status: number;
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A refusal by the transport, with its reason as text (the draft defines no body for these). */
function refusal(status: number, reason: string): Answer {
  return { status, body: new TextEncoder().encode(reason), contentType: "text/plain" };
}
