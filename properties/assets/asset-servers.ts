// Where the room runs' attachments live: a real HTTPS asset server per provider (`https://assets.<domain>`,
// the origin the room's asset_policy gives it), and one trap no proxy may reach, the hub's internal
// service (`http://internal.a.example`, a "secret" on loopback). Started once per process, on ephemeral
// loopback ports, and shared by every run (runs in a process are sequential); each server logs every
// request, so that P36 is judged off what the servers saw, whatever the hub says it did.
import { randomBytes } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import type { AssetPolicyData } from "../../impl/codec/asset-policy.js";
import { createProviderCertificates } from "../../impl/transport/tls-certificates.js";
import { FOLLOWER_DOMAINS, HUB_DOMAIN } from "../world/room-world.js";

/** One request a server received. */
export interface AssetRequest {
  /** Which server: a provider's domain, or "internal". */
  readonly server: string;
  readonly method: string;
  readonly host: string;
  readonly path: string;
}

export interface AssetServers {
  /** Provider domain → its storage origin, `https://assets.<domain>`. */
  readonly origins: ReadonlyMap<string, string>;
  /** The internal service's origin, `http://internal.a.example`: never in any asset policy. */
  readonly internalOrigin: string;
  /** Its loopback port (for URLs that name the address instead of the name). */
  readonly internalPort: number;
  /** Name → address, for the download proxy. */
  readonly hosts: ReadonlyMap<string, string>;
  /** `host:port` of each origin → the loopback port it listens on, for the download proxy. */
  readonly ports: ReadonlyMap<string, number>;
  /** The asset servers' CA (PEM). */
  readonly ca: string;
  /** Every request any of them received, in order, since the process started. */
  readonly requests: AssetRequest[];
  /** Stores `bytes` at `domain`'s server over HTTPS, as its clients upload; answers the asset's URL. */
  upload(domain: string, bytes: Uint8Array): Promise<string>;
}

/** The asset_policy of every room the runs create: each provider's own storage (uploads at the local
 * provider, room-policy's RECOMMENDED), downloads through the hub's proxy, 1 MiB at most. */
export function runAssetPolicy(servers: AssetServers): AssetPolicyData {
  return {
    uploadLocation: "localProvider",
    uploadDomains: [...servers.origins].map(([provider, origin]) => ({ provider, origin })),
    allowedDownloadPrivacy: ["hubProxy"],
    forbiddenDownloadPrivacy: [],
    defaultDownloadPrivacy: "hubProxy",
    maxSize: 1n << 20n,
    permittedMediaTypes: [],
    forbiddenMediaTypes: [],
  };
}

const DOMAINS = [HUB_DOMAIN, ...FOLLOWER_DOMAINS];
const INTERNAL_HOST = "internal.a.example";
export const SECRET = new TextEncoder().encode("the hub's internal service: never to be fetched for anyone");

async function start(): Promise<AssetServers> {
  const hostNames = DOMAINS.map((d) => `assets.${d}`);
  const certificates = await createProviderCertificates(hostNames, "MIMI asset servers' test CA");
  const requests: AssetRequest[] = [];
  const stored = new Map<string, Uint8Array>();
  const ports = new Map<string, number>();
  const origins = new Map<string, string>();
  const listen = (server: ReturnType<typeof createHttpServer>) =>
    new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

  const internal = createHttpServer((req, res) => {
    requests.push({ server: "internal", method: req.method ?? "", host: req.headers.host ?? "", path: req.url ?? "" });
    res.writeHead(200).end(SECRET);
  });
  const internalPort = await listen(internal);
  internal.unref();
  ports.set(`${INTERNAL_HOST}:80`, internalPort);

  for (const domain of DOMAINS) {
    const host = `assets.${domain}`;
    const identity = certificates.providers.get(host)!;
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      requests.push({ server: domain, method: req.method ?? "", host: req.headers.host ?? "", path: req.url ?? "" });
      const key = `${domain}${req.url ?? ""}`;
      if (req.method === "PUT") {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          stored.set(key, new Uint8Array(Buffer.concat(chunks)));
          res.writeHead(201).end();
        });
        return;
      }
      // A storage with an open redirect: a proxy that followed it would reach the internal service.
      if (req.url?.startsWith("/redirect")) return res.writeHead(302, { location: `http://${INTERNAL_HOST}/secret` }).end();
      const bytes = stored.get(key);
      if (req.method !== "GET" || bytes === undefined) return res.writeHead(404).end();
      res.writeHead(200, { "content-length": bytes.length }).end(bytes);
    };
    const server = createHttpsServer({ cert: identity.certPem, key: identity.keyPem }, handle);
    const port = await listen(server as unknown as ReturnType<typeof createHttpServer>);
    server.unref();
    ports.set(`${host}:443`, port);
    origins.set(domain, `https://${host}`);
  }
  const hosts = new Map([...hostNames, INTERNAL_HOST].map((h) => [h, "127.0.0.1"]));
  const ca = certificates.ca.certPem;

  const upload = (domain: string, bytes: Uint8Array): Promise<string> => {
    const path = `/a/${randomBytes(8).toString("hex")}`;
    const host = `assets.${domain}`;
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        { host: "127.0.0.1", port: ports.get(`${host}:443`), servername: host, path, method: "PUT", ca, headers: { host, "content-length": bytes.length } },
        (res) => {
          res.resume();
          res.on("end", () => (res.statusCode === 201 ? resolve(`https://${host}${path}`) : reject(new Error(`upload to ${host}: ${res.statusCode}`))));
        },
      );
      req.on("error", reject);
      req.end(bytes);
    });
  };
  return { origins, internalOrigin: `http://${INTERNAL_HOST}`, internalPort, hosts, ports, ca, requests, upload };
}

let shared: Promise<AssetServers> | undefined;
/** This process's asset servers (started on first use, never stopped: their sockets are unref'd). */
export const assetServers = (): Promise<AssetServers> => (shared ??= start());
