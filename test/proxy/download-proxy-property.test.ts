// "The hub never fetched from a host outside the room's asset policy" (digest §7 D46), as a property:
// fast-check builds download URLs from the pieces SSRF is made of (schemes, userinfo, hosts in every
// disguise, ports, paths that redirect), the hub's /proxyDownload is asked for each over the in-process
// network, and the judge reads only what happened: the proxy's log of connections and the Host headers the
// loopback asset server received. Fixed seed; a floor on the downloads actually made.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultHubConfig } from "../../impl/hub/hub-config.js";
import { DownloadProxy, fetchesOutsidePolicy } from "../../impl/proxy/download-proxy.js";
import { ROOM, threeProviders } from "../flows/helpers.js";
import { startAssetServer, type AssetServer } from "./asset-server.js";

let server: AssetServer;
beforeAll(async () => (server = await startAssetServer(4096)));
afterAll(() => server.close());

const HOSTS = new Map([
  ["assets.b.example", "127.0.0.1"],
  ["assets.c.example", "127.0.0.1"],
]);
const policyOf = (port: number) =>
  new Map([
    ["b.example", `http://assets.b.example:${port}`],
    ["c.example", `http://assets.c.example:${port}`],
  ]);

// Each piece is honest three times in four, else one of its disguises; fast-check shrinks a piece towards
// honest, so a counterexample keeps only the disguise that matters.
const piece = (honest: string, ...disguises: string[]) => fc.oneof({ arbitrary: fc.constant(honest), weight: 3 }, { arbitrary: fc.constantFrom(...disguises), weight: 1 });
const url = (port: number) =>
  fc
    .record({
      scheme: piece("http", "https", "HTTP", "ftp"),
      userinfo: piece("", "assets.b.example@", "u:p@"),
      host: fc.oneof(
        { arbitrary: fc.constantFrom("assets.b.example", "assets.c.example"), weight: 3 },
        { arbitrary: fc.constantFrom("ASSETS.b.example", "assets.b.example.", "assets%2eb.example", "localhost", "127.0.0.1", "127.1", "2130706433", "0177.0.0.1", "0x7f.1", "[::1]", "[::ffff:127.0.0.1]"), weight: 1 },
      ),
      port: piece(String(port), "", "1", `0${port}`),
      path: piece("/asset", "/secret", "/redirect-out", "/big"),
    })
    .map((u) => `${u.scheme}://${u.userinfo}${u.host}${u.port === "" ? "" : `:${u.port}`}${u.path}`);

/** P36 over one batch of downloads: the URLs that led to a connection outside the policy, by the log and by what the server saw. */
async function p36(openProxy: boolean, urls: readonly string[]): Promise<{ outside: string[]; fetched: number }> {
  const policy = policyOf(server.port);
  const proxy = new DownloadProxy({ policy, hosts: HOSTS, maxBytes: 1024, timeoutMs: 500 });
  const { system } = await threeProviders({ ...defaultHubConfig, faults: openProxy ? { openProxy: true } : {}, downloadProxy: proxy });
  const allowedHosts = new Set([`assets.b.example:${server.port}`, `assets.c.example:${server.port}`]);
  const outside: string[] = [];
  for (const u of urls) {
    const seen = server.requests.length;
    await system.provider("c.example").proxyDownload(ROOM, u);
    const strayHost = server.requests.slice(seen).some((r) => !allowedHosts.has(r.host));
    if (strayHost || fetchesOutsidePolicy(proxy.fetches, policy).some((f) => f.url === u)) outside.push(u);
  }
  return { outside, fetched: proxy.fetches.length };
}

describe("P36: the hub never fetched from a host outside the asset policy", () => {
  it("holds over generated URLs, with a floor of downloads actually made", async () => {
    let fetched = 0;
    let batches = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(url(server.port), { minLength: 1, maxLength: 6 }), async (urls) => {
        const r = await p36(false, urls);
        fetched += r.fetched;
        batches += 1;
        expect(r.outside).toEqual([]);
      }),
      { seed: 36, numRuns: 40 },
    );
    expect(batches).toBe(40);
    // Most generated URLs are disguises and refused; some are honest and really fetched.
    expect(fetched).toBeGreaterThanOrEqual(20);
  });

  it("planted openProxy: P36 fails, shrunk to one URL off the policy", async () => {
    const details = await fc.check(
      fc.asyncProperty(fc.array(url(server.port), { minLength: 1, maxLength: 6 }), async (urls) => (await p36(true, urls)).outside.length === 0),
      { seed: 36, numRuns: 40 },
    );
    expect(details.failed).toBe(true);
    const [urls] = details.counterexample!;
    expect(urls).toHaveLength(1);
    // One URL, off the policy's origins in one piece (an address, another name or port, userinfo…).
    expect(urls[0]).toMatch(/^(http|https):\/\//);
    expect(urls[0]).not.toMatch(new RegExp(`^http://assets\\.[bc]\\.example:${server.port}/`));
  });
});
