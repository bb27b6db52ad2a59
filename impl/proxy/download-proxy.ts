// The hub's download proxy (protocol §5.10.2, digest H25): GET /proxyDownload/{downloadUrl} fetches an
// asset for a downloading provider, so that the asset's provider sees the hub instead of the downloader.
// The hub MUST only fetch from a configured asset location of one of its peer providers: otherwise it
// is an open proxy into whatever its network reaches. So the URL is checked strictly before any
// connection (asset-location.ts), redirects are never followed, and an answer is bounded in size and time.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { checkAssetLocation, readAssetLocation, type AssetLocationRefusal, type AssetPolicy } from "./asset-location.js";

/** What the proxy answers (no struct in the draft: the asset's bytes, or an HTTP error). */
export type ProxyRefusal = AssetLocationRefusal | "redirect" | "upstreamStatus" | "tooLarge" | "timeout" | "unreachable";

export type ProxyOutcome = { readonly ok: true; readonly body: Uint8Array } | { readonly ok: false; readonly refusal: ProxyRefusal; readonly detail: string };

/** The HTTP status of each refusal: 400 for a parameter that is no URL, 403 for a URL that names no
 * allowed asset location (nothing was fetched), 502 for an asset provider's unusable or late answer. Not
 * 504 for a late one: that is this project's "no answer" status, on which senders retry
 * (transport/unreliable-network.ts), and a slow asset host must not be asked three times. */
export function proxyStatus(outcome: ProxyOutcome): number {
  if (outcome.ok) return 200;
  switch (outcome.refusal) {
    case "notUrl":
    case "badPath":
      return 400;
    case "timeout":
    case "redirect":
    case "upstreamStatus":
    case "tooLarge":
    case "unreachable":
      return 502;
    default:
      return 403;
  }
}

/** One connection the proxy made: the log P36-style checks judge. */
export interface ProxyFetch {
  readonly url: string;
  /** `scheme://host:port` the connection went to. */
  readonly origin: string;
  readonly outcome: "ok" | ProxyRefusal;
}

export interface DownloadProxyOptions {
  /** The asset locations the hub may fetch from, one per peer provider. */
  readonly policy: AssetPolicy;
  /** Largest asset passed on, in octets. */
  readonly maxBytes?: number;
  /** Longest wait for the whole answer, in milliseconds. */
  readonly timeoutMs?: number;
  /** Host name → address, instead of DNS (a deployment's own names, e.g. on loopback in tests). */
  readonly hosts?: ReadonlyMap<string, string>;
  /** `host:port` → the port actually connected to, instead of the URL's (a deployment's own routing, e.g.
   * servers on ephemeral loopback ports standing for `https://assets.b.example`); the Host header and the
   * TLS server name stay the URL's, and the log keeps the URL's origin. */
  readonly ports?: ReadonlyMap<string, number>;
  /** Trust anchors for https asset hosts (PEM), instead of Node's default list. */
  readonly ca?: string;
}

/** How one download is judged: the policy to fetch under (the rooms' asset_policy, read by the hub; the
 * configured one when absent), the size limit it sets, and the planted defects. */
export interface DownloadMode {
  readonly policy?: AssetPolicy;
  /** A smaller size limit than the proxy's own (asset_policy max_size). */
  readonly maxBytes?: number;
  /** Planted defect (HubFaults.openProxy): any http(s) URL a lenient parser accepts is fetched. */
  readonly openProxy?: boolean;
  /** Planted defect (HubFaults.ignoreAssetPolicy): the URL is read strictly, its host not checked. */
  readonly ignoreAssetPolicy?: boolean;
}

export const DEFAULT_MAX_ASSET_BYTES = 16 * 1024 * 1024;
export const DEFAULT_PROXY_TIMEOUT_MS = 10_000;

export class DownloadProxy {
  /** Every connection made, in order (a refused URL makes none). */
  readonly fetches: ProxyFetch[] = [];
  readonly maxBytes: number;
  readonly timeoutMs: number;

  constructor(readonly options: DownloadProxyOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ASSET_BYTES;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  }

  /**
   * Fetch `url` for a downloading provider, under `mode` (a boolean: the `openProxy` planted defect, which
   * skips the asset policy and fetches any http(s) URL a lenient parser accepts). Never throws.
   */
  async download(url: string, mode: boolean | DownloadMode = false): Promise<ProxyOutcome> {
    const { openProxy = false, ignoreAssetPolicy = false, policy = this.options.policy, maxBytes = this.maxBytes } = typeof mode === "boolean" ? { openProxy: mode } : mode;
    let target: { scheme: "http" | "https"; host: string; port: number; path: string; origin: string };
    if (openProxy) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { ok: false, refusal: "notUrl", detail: "not a URL" };
      }
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { ok: false, refusal: "scheme", detail: parsed.protocol };
      const scheme = parsed.protocol === "http:" ? "http" : "https";
      const port = parsed.port === "" ? (scheme === "http" ? 80 : 443) : Number(parsed.port);
      target = { scheme, host: parsed.hostname.replace(/^\[|\]$/g, ""), port, path: parsed.pathname + parsed.search, origin: `${scheme}://${parsed.host}` };
    } else {
      const verdict = ignoreAssetPolicy ? readAssetLocation(url) : checkAssetLocation(url, policy);
      if (!verdict.ok) return { ok: false, refusal: verdict.refusal, detail: verdict.detail };
      target = verdict.location;
    }
    const outcome = await this.fetch(target, Math.min(maxBytes, this.maxBytes));
    this.fetches.push({ url, origin: `${target.scheme}://${target.host}:${target.port}`, outcome: outcome.ok ? "ok" : outcome.refusal });
    return outcome;
  }

  private fetch(t: { scheme: "http" | "https"; host: string; port: number; path: string }, maxBytes: number): Promise<ProxyOutcome> {
    const hosts = this.options.hosts;
    const lookup: LookupFunction = (hostname, options, callback) => {
      const address = hosts?.get(hostname);
      if (address === undefined) return dnsLookup(hostname, options, callback as never);
      const family = address.includes(":") ? 6 : 4;
      if ((options as { all?: boolean }).all) (callback as (e: null, a: LookupAddress[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    return new Promise((resolve) => {
      let done = false;
      let req: ClientRequest | undefined;
      const finish = (o: ProxyOutcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        req?.destroy();
        resolve(o);
      };
      const onAnswer = (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        // Not followed: the next hop would be a URL nobody checked.
        if (status >= 300 && status < 400) return finish({ ok: false, refusal: "redirect", detail: `${status} to ${res.headers.location ?? "nowhere"}` });
        if (status !== 200) return finish({ ok: false, refusal: "upstreamStatus", detail: `${status}` });
        const declared = Number(res.headers["content-length"] ?? "NaN");
        if (declared > maxBytes) return finish({ ok: false, refusal: "tooLarge", detail: `${declared} octets declared` });
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) return finish({ ok: false, refusal: "tooLarge", detail: `more than ${maxBytes} octets` });
          chunks.push(c);
        });
        res.on("end", () => finish({ ok: true, body: new Uint8Array(Buffer.concat(chunks)) }));
        res.on("error", (e) => finish({ ok: false, refusal: "unreachable", detail: e.message }));
      };
      const port = this.options.ports?.get(`${t.host}:${t.port}`) ?? t.port;
      const defaultPort = t.port === (t.scheme === "http" ? 80 : 443);
      const options = {
        host: t.host, port, path: t.path, method: "GET", lookup, ...(isIP(t.host) === 0 ? { servername: t.host } : {}),
        headers: { accept: "*/*", host: defaultPort ? t.host : `${t.host}:${t.port}` },
        ...(this.options.ca === undefined ? {} : { ca: this.options.ca }),
      };
      const timer = setTimeout(() => finish({ ok: false, refusal: "timeout", detail: `no whole answer in ${this.timeoutMs} ms` }), this.timeoutMs);
      try {
        req = t.scheme === "http" ? httpRequest(options, onAnswer) : httpsRequest(options, onAnswer);
      } catch (e) {
        // Node refuses some hosts and paths outright (only reachable through openProxy's lenient parse).
        return finish({ ok: false, refusal: "unreachable", detail: (e as Error).message });
      }
      req.on("error", (e) => finish({ ok: false, refusal: "unreachable", detail: e.message }));
      req.end();
    });
  }
}

/** The fetches of `log` that went to an origin outside `policy` (none, for a hub that is no open proxy):
 * judged off the connections made, whatever URL the hub was given. */
export function fetchesOutsidePolicy(log: readonly ProxyFetch[], policy: AssetPolicy): ProxyFetch[] {
  const allowed = new Set(
    [...policy.values()].flatMap((origin) => {
      const read = readAssetLocation(origin);
      return read.ok ? [`${read.location.scheme}://${read.location.host}:${read.location.port}`] : [];
    }),
  );
  return log.filter((f) => !allowed.has(f.origin));
}
