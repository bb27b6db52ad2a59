// The hub's /proxyDownload (protocol §5.10.2, H25) against a real HTTP server on loopback: an asset of a
// peer provider's asset location is fetched; every other form of URL is refused before any connection,
// redirects are not followed, and answers are bounded in size and time. The planted openProxy shows
// what these tests catch: the hub then fetches from loopback addresses nobody allowed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultHubConfig } from "../../impl/hub/hub-config.js";
import { handleHubRequest } from "../../impl/hub/hub-server.js";
import { DownloadProxy, fetchesOutsidePolicy } from "../../impl/proxy/download-proxy.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import { EMPTY } from "../../impl/transport/mimi-request.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem as System } from "../../impl/system/mimi-system.js";
import { HttpsNetwork } from "../../impl/transport/https-network.js";
import { ROOM, threeProviders } from "../flows/helpers.js";
import { ASSET, SECRET, startAssetServer, type AssetServer } from "./asset-server.js";

const LIMIT = 1024;
let server: AssetServer;
let P: number;
const policyOf = (port: number) =>
  new Map([
    ["b.example", `http://assets.b.example:${port}`],
    ["c.example", `http://assets.c.example:${port}`],
  ]);
// The deployment's own names for its asset hosts: both on loopback, where the traps are too.
const HOSTS = new Map([
  ["assets.b.example", "127.0.0.1"],
  ["assets.c.example", "127.0.0.1"],
]);

async function deployment(openProxy: boolean): Promise<{ system: MimiSystem; proxy: DownloadProxy }> {
  const proxy = new DownloadProxy({ policy: policyOf(P), hosts: HOSTS, maxBytes: LIMIT, timeoutMs: 300 });
  const { system } = await threeProviders({ ...defaultHubConfig, faults: openProxy ? { openProxy: true } : {}, downloadProxy: proxy });
  return { system, proxy };
}

beforeAll(async () => {
  server = await startAssetServer(4 * LIMIT);
  P = server.port;
});
afterAll(() => server.close());

describe("/proxyDownload fetches only from the asset policy", () => {
  let system: MimiSystem;
  let proxy: DownloadProxy;
  beforeAll(async () => ({ system, proxy } = await deployment(false)));
  const download = (url: string) => system.provider("c.example").proxyDownload(ROOM, url);

  it("an asset at a peer provider's asset location is fetched and passed on", async () => {
    const before = server.requests.length;
    const answer = await download(`http://assets.b.example:${P}/asset`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(ASSET);
    expect(server.requests.slice(before)).toEqual([{ host: `assets.b.example:${P}`, path: "/asset" }]);
  });

  // Each form a lenient reader could take for an allowed host, or for an address: refused as written,
  // 403 (400 when it is no URL at all), and no connection made.
  const refused: [string, (port: number) => string, number, string][] = [
    ["an IPv4 literal", (p) => `http://127.0.0.1:${p}/secret`, 403, "ipLiteral"],
    ["a decimal IPv4", (p) => `http://2130706433:${p}/secret`, 403, "ipLiteral"],
    ["an octal IPv4", (p) => `http://0177.0.0.1:${p}/secret`, 403, "ipLiteral"],
    ["a hex short IPv4", (p) => `http://0x7f.1:${p}/secret`, 403, "ipLiteral"],
    ["an IPv6 literal", (p) => `http://[::1]:${p}/secret`, 403, "ipLiteral"],
    ["an IPv4-mapped IPv6", (p) => `http://[::ffff:127.0.0.1]:${p}/secret`, 403, "ipLiteral"],
    ["another name", (p) => `http://localhost:${p}/secret`, 403, "hostNotAllowed"],
    ["userinfo naming the allowed host", (p) => `http://assets.b.example@127.0.0.1:${p}/secret`, 403, "userinfo"],
    ["userinfo before the allowed host", (p) => `http://evil:x@assets.b.example:${p}/asset`, 403, "userinfo"],
    ["capitals", (p) => `http://ASSETS.B.example:${p}/asset`, 403, "nonCanonicalHost"],
    ["a trailing dot", (p) => `http://assets.b.example.:${p}/asset`, 403, "trailingDot"],
    ["a percent-encoded host", (p) => `http://assets%2eb.example:${p}/asset`, 403, "percentEncodedHost"],
    ["another port", () => `http://assets.b.example:1/asset`, 403, "originNotAllowed"],
    ["a port with a leading zero", (p) => `http://assets.b.example:0${p}/asset`, 403, "nonCanonicalHost"],
    ["another scheme of the same host", (p) => `https://assets.b.example:${p}/asset`, 403, "originNotAllowed"],
    ["ftp", (p) => `ftp://assets.b.example:${p}/asset`, 403, "scheme"],
    ["file", () => `file:///etc/passwd`, 403, "scheme"],
    ["a host suffixed to the allowed one", (p) => `http://assets.b.example.evil.example:${p}/asset`, 403, "hostNotAllowed"],
    ["a space in the path", (p) => `http://assets.b.example:${p}/a b`, 400, "badPath"],
    ["no URL", () => `assets.b.example/asset`, 400, "notUrl"],
  ];
  it.each(refused)("refused: %s", async (_, url, status) => {
    const before = server.requests.length;
    const fetched = proxy.fetches.length;
    const answer = await download(url(P));
    expect(answer).toEqual({ status, body: EMPTY });
    expect(server.requests.length).toBe(before);
    expect(proxy.fetches.length).toBe(fetched);
  });
  it.each(refused)("the reason for %s", async (_, url, _status, reason) => {
    expect(await proxy.download(url(P))).toMatchObject({ ok: false, refusal: reason });
  });

  it("a redirect is not followed, to a disallowed host or even to an allowed one", async () => {
    const before = server.requests.length;
    expect((await download(`http://assets.b.example:${P}/redirect-out`)).status).toBe(502);
    expect((await download(`http://assets.c.example:${P}/redirect-in`)).status).toBe(502);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(["/redirect-out", "/redirect-in"]);
    expect(proxy.fetches.slice(-2).map((f) => f.outcome)).toEqual(["redirect", "redirect"]);
  });

  it("an answer larger than the limit, announced or not, or too slow, is refused (502), and the slow one asked once", async () => {
    expect(await download(`http://assets.b.example:${P}/big`)).toEqual({ status: 502, body: EMPTY });
    expect(await download(`http://assets.b.example:${P}/big-unannounced`)).toEqual({ status: 502, body: EMPTY });
    const started = Date.now();
    expect(await download(`http://assets.b.example:${P}/slow`)).toEqual({ status: 502, body: EMPTY });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(proxy.fetches.slice(-3).map((f) => f.outcome)).toEqual(["tooLarge", "tooLarge", "timeout"]);
    expect(server.requests.filter((r) => r.path === "/slow")).toHaveLength(1);
    // An asset provider's error is not passed through as its own status.
    expect((await download(`http://assets.b.example:${P}/missing`)).status).toBe(502);
  });

  it("a request with a body gets 400 and fetches nothing; every fetch made was within the policy", async () => {
    const fetched = proxy.fetches.length;
    const answer = await handleHubRequest(system.hub, { endpoint: "proxyDownload", from: "c.example", target: `http://assets.b.example:${P}/asset`, body: new Uint8Array([1]) }, () => {
      throw new Error("no relay");
    }, () => {});
    expect(answer.status).toBe(400);
    expect(proxy.fetches.length).toBe(fetched);
    expect(fetchesOutsidePolicy(proxy.fetches, policyOf(P))).toEqual([]);
    expect(system.provider("a.example").internalErrors).toEqual([]);
  });

  it("a hub without a download proxy answers 404", async () => {
    const { system: plain } = await threeProviders();
    expect(await plain.provider("b.example").proxyDownload(ROOM, `http://assets.b.example:${P}/asset`)).toEqual({ status: 404, body: EMPTY });
  });
});

describe("/proxyDownload between providers over mutually authenticated HTTPS", () => {
  it("c.example GETs an asset through the hub, and an IP literal is refused 403 with nothing fetched", async () => {
    const net = await HttpsNetwork.start(["a.example", "b.example", "c.example"]);
    try {
      const proxy = new DownloadProxy({ policy: policyOf(P), hosts: HOSTS, maxBytes: LIMIT, timeoutMs: 300 });
      const https = await System.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs: await cipherSuite("node"), https: net, hubConfig: { ...defaultHubConfig, downloadProxy: proxy } });
      const c = https.provider("c.example");
      expect(await c.proxyDownload(ROOM, `http://assets.b.example:${P}/asset`)).toEqual({ status: 200, body: ASSET });
      expect(await c.proxyDownload(ROOM, `http://127.0.0.1:${P}/secret`)).toEqual({ status: 403, body: EMPTY });
      expect(proxy.fetches.map((f) => f.url)).toEqual([`http://assets.b.example:${P}/asset`]);
    } finally {
      await net.close();
    }
  });
});

describe("planted openProxy (the hub skips the asset policy)", () => {
  it("is caught: the hub fetches loopback's /secret for anyone, and its log shows fetches outside the policy", async () => {
    const { system, proxy } = await deployment(true);
    const download = (url: string) => system.provider("c.example").proxyDownload(ROOM, url);
    const leaked = [await download(`http://127.0.0.1:${P}/secret`), await download(`http://2130706433:${P}/secret`), await download(`http://assets.b.example@127.0.0.1:${P}/secret`)];
    // What the tests above expect (403, nothing fetched) fails for each of them.
    expect(leaked.map((a) => a.status)).toEqual([200, 200, 200]);
    for (const a of leaked) expect(a.body).toEqual(SECRET);
    expect(fetchesOutsidePolicy(proxy.fetches, policyOf(P)).map((f) => f.origin)).toEqual([`http://127.0.0.1:${P}`, `http://127.0.0.1:${P}`, `http://127.0.0.1:${P}`]);
  });
});
