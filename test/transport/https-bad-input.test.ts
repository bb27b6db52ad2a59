// Bad input over real sockets: each gets the status protocol §4.1 and §5 (or, where the drafts give none,
// HTTP's own, docs/transport.md) and changes no state — not the hub's room, not any client, not any
// provider's delivered notifications. Each transport check also has its planted defect (HttpsServerFaults)
// and a test that the defect lets the bad request through.
import https from "node:https";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MimiClient } from "../../impl/client/client.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { DIRECTORY_PATH, endpointPath } from "../../impl/transport/directory.js";
import { HttpsNetwork } from "../../impl/transport/https-network.js";
import { MimiHttpsServer, type HttpsLimits, type HttpsServerFaults } from "../../impl/transport/https-server.js";
import { HttpsTransport } from "../../impl/transport/https-transport.js";
import type { MimiRequest } from "../../impl/transport/mimi-request.js";
import { createCertificateAuthority, issueProviderCertificate, type PemIdentity } from "../../impl/transport/tls-certificates.js";

const ROOM = "mimi://a.example/r/clubhouse";
const BOB = "mimi://b.example/u/bob";
const LIMITS: HttpsLimits = { maxBodyBytes: 64 * 1024, headersTimeoutMs: 400, bodyTimeoutMs: 400 };

let net: HttpsNetwork;
let system: MimiSystem;
let alice: MimiClient;
let bob: MimiClient;
/** Real request bodies captured from the flow, by endpoint. */
const captured = new Map<string, MimiRequest>();

beforeAll(async () => {
  net = await HttpsNetwork.start(["a.example", "b.example", "c.example"], { limits: LIMITS });
  const cs = await cipherSuite("node");
  system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, https: net });
  system.network.addObserver((to, request) => {
    if (request.from !== to && request.via === undefined) captured.set(request.endpoint, { ...request, body: request.body.slice() });
  });
  alice = system.addClient("mimi://a.example/d/alice/phone");
  bob = system.addClient("mimi://b.example/d/bob/phone");
  system.addClient("mimi://c.example/d/cathy/laptop");
  await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
  expect(await alice.addParticipant(ROOM, BOB, COOPERATIVE_ROLE.groupAdmin, true)).toMatchObject({ code: "success" });
  expect(await bob.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
  expect(await bob.sendMessage(ROOM, "hello")).toMatchObject({ code: "accepted" });
  expect([...captured.keys()].sort()).toEqual(["notify", "submitMessage", "update"]);
});
afterAll(async () => {
  await net.close();
});

/** Everything a bad request must leave as it was. */
function state(): string {
  const hub = system.hub.snapshot(ROOM)!;
  return JSON.stringify(
    {
      hub: { ...hub, treeHash: Buffer.from(hub.treeHash).toString("hex") },
      clients: system.allClients().map((c) => ({ uri: c.uri, epoch: c.roomView(ROOM)?.epoch, received: c.session(ROOM)?.received.length, refusals: c.refusals.length })),
      providers: [...system.providers.values()].map((p) => ({ domain: p.domain, notified: p.notificationsDelivered, errors: p.internalErrors.length })),
    },
    (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v),
  );
}

interface Raw {
  to: string;
  /** The certificate presented (default: the sender's own). */
  identity?: PemIdentity | undefined;
  from?: string;
  host?: string;
  method?: string;
  path: string;
  body?: Uint8Array;
  /** Send the body without Content-Length (chunked). */
  chunked?: boolean;
  port?: number;
}

/** One hand-made request over mutual TLS; answers status and body text, or the connection's error. */
function raw(options: Raw): Promise<{ status: number; text: string; headers: Record<string, unknown> } | { error: string }> {
  const sender = options.from ?? "b.example";
  const identity = "identity" in options ? options.identity : net.certificates.providers.get(sender);
  return new Promise((resolve) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port: options.port ?? net.port(options.to),
        method: options.method ?? "POST",
        path: options.path,
        servername: options.to,
        ca: net.certificates.ca.certPem,
        ...(identity !== undefined ? { key: identity.keyPem, cert: identity.certPem } : {}),
        checkServerIdentity: (_h, cert) => tls.checkServerIdentity(options.to, cert),
        agent: false,
        headers: {
          host: options.host ?? options.to,
          from: `mimi@${sender}`,
          ...(options.chunked ? { "transfer-encoding": "chunked" } : options.body !== undefined ? { "content-length": String(options.body.length) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("latin1");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
        res.on("error", (e) => resolve({ error: e.message }));
      },
    );
    req.on("error", (e) => resolve({ error: e.message }));
    req.end(options.body === undefined ? undefined : Buffer.from(options.body));
  });
}

/** Deterministic garbage (xorshift32). */
function garbage(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe("the transport refuses, and nothing changes", () => {
  it("garbage bodies at every endpoint: 400 (protocol §5 bodies do not decode)", async () => {
    const before = state();
    const bodies = [new Uint8Array(0), garbage(1, 7), garbage(300, 11), garbage(5000, 13), captured.get("update")!.body.slice(0, 200), captured.get("submitMessage")!.body.slice(0, 40)];
    const targets: [string, string, MimiRequest["endpoint"], string][] = [
      ["b.example", "a.example", "update", ROOM],
      ["b.example", "a.example", "submitMessage", ROOM],
      ["b.example", "a.example", "groupInfo", ROOM],
      ["b.example", "a.example", "keyMaterial", "mimi://c.example/u/cathy"],
      ["a.example", "b.example", "notify", ROOM],
    ];
    for (const [from, to, endpoint, target] of targets)
      for (const body of bodies) {
        const answer = await raw({ from, to, path: endpointPath(endpoint, target), body });
        expect(answer, `${endpoint} ${body.length} bytes`).toMatchObject({ status: 400 });
      }
    expect(state()).toBe(before);
  });

  it("a body over the limit: 413, with and without Content-Length; skipBodyLimit reads it (and the hub answers 400)", async () => {
    const before = state();
    const big = garbage(LIMITS.maxBodyBytes + 1, 3);
    expect(await raw({ to: "a.example", path: endpointPath("update", ROOM), body: big })).toMatchObject({ status: 413 });
    expect(await raw({ to: "a.example", path: endpointPath("update", ROOM), body: big, chunked: true })).toMatchObject({ status: 413 });
    // Exactly the limit is read (and does not decode).
    expect(await raw({ to: "a.example", path: endpointPath("update", ROOM), body: big.slice(0, LIMITS.maxBodyBytes) })).toMatchObject({ status: 400 });
    await withPlanted({ skipBodyLimit: true }, async (port) => {
      expect(await raw({ to: "a.example", port, path: endpointPath("update", ROOM), body: big })).toMatchObject({ status: 400 });
    });
    expect(state()).toBe(before);
  });

  it("a slow client: headers or body not in time get 408", async () => {
    const before = state();
    // Headers that never end.
    const headers = await slow("a.example", `POST ${endpointPath("update", ROOM)} HTTP/1.1\r\nHost: a.example\r\nFrom: mimi@b.example\r\n`);
    expect(headers).toMatch(/^HTTP\/1\.1 408/);
    // A body that stops half way.
    const body = captured.get("update")!.body;
    const half = Buffer.from(body.slice(0, body.length >> 1)).toString("latin1");
    const partial = await slow(
      "a.example",
      `POST ${endpointPath("update", ROOM)} HTTP/1.1\r\nHost: a.example\r\nFrom: mimi@b.example\r\nContent-Length: ${body.length}\r\n\r\n${half}`,
    );
    expect(partial).toMatch(/^HTTP\/1\.1 408/);
    expect(state()).toBe(before);
  });

  it("certificates: another CA, expired, none → the handshake fails; another provider's → 403", async () => {
    const before = state();
    const otherCa = await createCertificateAuthority("another CA");
    const foreign = await issueProviderCertificate(otherCa, "b.example");
    const expired = await issueProviderCertificate(net.certificates.ca, "b.example", { notBefore: new Date(Date.UTC(2020, 0, 1)), notAfter: new Date(Date.UTC(2021, 0, 1)) });
    const request = { to: "a.example", path: endpointPath("update", ROOM), body: captured.get("update")!.body };
    expect(await raw({ ...request, identity: foreign })).toHaveProperty("error");
    expect(await raw({ ...request, identity: expired })).toHaveProperty("error");
    expect(await raw({ ...request, identity: undefined })).toHaveProperty("error");
    // c.example's own certificate, claiming to be b.example.
    const lying = await raw({ ...request, identity: net.certificates.providers.get("c.example") });
    expect(lying).toMatchObject({ status: 403 });
    expect((lying as { text: string }).text).toContain("authenticates c.example");
    expect(state()).toBe(before);
    // skipClientCertificateCheck: another CA's certificate and an expired one get past the handshake, and
    // their domain passes the From check.
    await withPlanted({ skipClientCertificateCheck: true }, async (port) => {
      for (const identity of [foreign, expired])
        expect(await raw({ to: "a.example", port, identity, path: DIRECTORY_PATH, method: "GET" })).toMatchObject({ status: 200 });
    });
  });

  it("a server whose certificate names another provider is refused by the client", async () => {
    // b.example's transport, sent to a.example's port under c.example's name.
    const transport = new HttpsTransport({
      domain: "b.example",
      identity: net.certificates.providers.get("b.example")!,
      caPem: net.certificates.ca.certPem,
      resolve: () => ({ host: "127.0.0.1", port: net.port("a.example") }),
    });
    await expect(transport.exchange("c.example", "GET", DIRECTORY_PATH, undefined)).rejects.toThrow(/c\.example/);
    transport.close();
    // skipServerIdentityCheck: the same exchange goes through (a.example answers, 421: the Host is c.example).
    const careless = new HttpsTransport({
      domain: "b.example",
      identity: net.certificates.providers.get("b.example")!,
      caPem: net.certificates.ca.certPem,
      resolve: () => ({ host: "127.0.0.1", port: net.port("a.example") }),
      skipServerIdentityCheck: true,
    });
    expect(await careless.exchange("c.example", "GET", DIRECTORY_PATH, undefined)).toMatchObject({ status: 421 });
    careless.close();
  });

  it("a From that lies: 403; a missing or malformed one: 400; skipFromCheck lets the lie through", async () => {
    const before = state();
    const request = { to: "a.example", path: endpointPath("submitMessage", ROOM), body: captured.get("submitMessage")!.body, identity: net.certificates.providers.get("b.example") };
    expect(await raw({ ...request, from: "c.example" })).toMatchObject({ status: 403 });
    expect(await raw({ ...request, from: "" })).toMatchObject({ status: 400 });
    expect(await raw({ ...request, from: "c.example/x" })).toMatchObject({ status: 400 });
    expect(state()).toBe(before);
    await withPlanted({ skipFromCheck: true }, async (port) => {
      // The replayed message now reaches the hub, speaking as c.example: the transport did not stop it.
      const answer = await raw({ ...request, from: "c.example", port });
      expect(answer).toMatchObject({ status: 200 });
    });
  });

  it("a Host naming another provider: 421; skipHostCheck serves it", async () => {
    const before = state();
    const request = { to: "a.example", path: DIRECTORY_PATH, method: "GET" };
    expect(await raw({ ...request, host: "c.example" })).toMatchObject({ status: 421 });
    // The port is ignored (§4.1).
    expect(await raw({ ...request, host: `a.example:${net.port("a.example")}` })).toMatchObject({ status: 200 });
    await withPlanted({ skipHostCheck: true }, async (port) => {
      expect(await raw({ ...request, host: "c.example", port })).toMatchObject({ status: 200 });
    });
    expect(state()).toBe(before);
  });

  it("unknown paths: 404; a wrong method: 405 with Allow", async () => {
    const before = state();
    expect(await raw({ to: "a.example", path: "/submit/" + encodeURIComponent(ROOM), body: new Uint8Array(1) })).toMatchObject({ status: 404 });
    expect(await raw({ to: "a.example", path: "/update/a/b", body: new Uint8Array(1) })).toMatchObject({ status: 404 });
    expect(await raw({ to: "a.example", path: "/", method: "GET" })).toMatchObject({ status: 404 });
    expect(await raw({ to: "a.example", path: endpointPath("update", ROOM), method: "GET" })).toMatchObject({ status: 405, headers: { allow: "POST" } });
    expect(await raw({ to: "a.example", path: endpointPath("notify", ROOM), method: "PUT", body: new Uint8Array(1) })).toMatchObject({ status: 405 });
    // /proxyDownload is the one GET endpoint (§5.10.2); this hub has no download proxy: 404.
    expect(await raw({ to: "a.example", path: endpointPath("proxyDownload", "https://assets.b.example/x"), method: "POST", body: new Uint8Array(0) })).toMatchObject({ status: 405, headers: { allow: "GET" } });
    expect(await raw({ to: "a.example", path: endpointPath("proxyDownload", "https://assets.b.example/x"), method: "GET" })).toMatchObject({ status: 404 });
    expect(await raw({ to: "a.example", path: DIRECTORY_PATH, method: "POST", body: new Uint8Array(0) })).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
    expect(await raw({ to: "a.example", path: "/update/%E0%A4%A", body: new Uint8Array(1) })).toMatchObject({ status: 400 });
    expect(state()).toBe(before);
  });

  it("key material asked of a follower by anyone but the room's hub: 404 (§5.2: it passes through the hub)", async () => {
    const before = state();
    const body = captured.get("keyMaterial")?.body ?? garbage(10, 5);
    expect(await raw({ from: "c.example", to: "b.example", path: endpointPath("keyMaterial", BOB), body })).toMatchObject({ status: 404 });
    expect(state()).toBe(before);
  });

  it("the directory document lists each endpoint's URL template (§5.1)", async () => {
    const answer = await raw({ to: "b.example", from: "a.example", path: DIRECTORY_PATH, method: "GET" });
    expect(answer).toMatchObject({ status: 200 });
    const port = net.port("b.example");
    expect(JSON.parse((answer as { text: string }).text)).toEqual({
      keyMaterial: `https://b.example:${port}/keyMaterial/{targetUser}`,
      update: `https://b.example:${port}/update/{roomId}`,
      submitMessage: `https://b.example:${port}/submitMessage/{roomId}`,
      notify: `https://b.example:${port}/notify/{roomId}`,
      groupInfo: `https://b.example:${port}/groupInfo/{roomId}`,
      reportAbuse: `https://b.example:${port}/reportAbuse/{roomId}`,
      // §5.10.2: a GET whose parameter is the asset's URL, percent-encoded.
      proxyDownload: `https://b.example:${port}/proxyDownload/{downloadUrl}`,
      // §5.7's paths name domains (the §5.1 sample's {targetUser}/{requesterUser} disagree: docs/transport.md).
      requestConsent: `https://b.example:${port}/requestConsent/{targetDomain}`,
      updateConsent: `https://b.example:${port}/updateConsent/{requesterDomain}`,
      identifierQuery: `https://b.example:${port}/identifierQuery/{domain}`,
    });
  });
});

/** A second a.example server with planted transport defects, for the same provider. */
async function withPlanted(faults: HttpsServerFaults, body: (port: number) => Promise<void>): Promise<void> {
  const server = await MimiHttpsServer.start({
    domain: "a.example",
    identity: net.certificates.providers.get("a.example")!,
    caPem: net.certificates.ca.certPem,
    handle: (request) => system.provider("a.example").handle(request),
    limits: LIMITS,
    faults,
  });
  try {
    await body(server.port);
  } finally {
    await server.close();
  }
}

/** Writes `text` on a mutual-TLS connection as b.example and waits for the server to answer and close. */
function slow(to: string, text: string): Promise<string> {
  const identity = net.certificates.providers.get("b.example")!;
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port: net.port(to), servername: to, ca: net.certificates.ca.certPem, key: identity.keyPem, cert: identity.certPem }, () => socket.write(text));
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => (answer += d));
    socket.on("close", () => resolve(answer));
    socket.on("error", () => undefined);
  });
}
