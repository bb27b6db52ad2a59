// Where assets may come from (room-policy asset_policy 0x002C upload_domains; protocol §5.10.2): one
// storage origin per provider, and the strict reading of a download URL that decides whether it names
// one of them. The URL is read as written, never through a lenient parser: a host that some parser would
// turn into an allowed one or into an address (percent-encoding, trailing dot, capitals, decimal or
// octal IPv4, IPv6, userinfo) is refused as such, so the hub can never be steered somewhere else.

/** Each provider's asset storage origin, `scheme://host[:port]` in canonical form (lower-case host, no
 * default port written), keyed by the provider's domain. */
export type AssetPolicy = ReadonlyMap<string, string>;

/** Why a URL names no allowed asset location. */
export type AssetLocationRefusal =
  | "notUrl"
  | "scheme"
  | "userinfo"
  | "ipLiteral"
  | "percentEncodedHost"
  | "trailingDot"
  | "nonCanonicalHost"
  | "badPath"
  | "hostNotAllowed"
  | "originNotAllowed";

/** A URL split as written: only http and https, no fragment. */
export interface AssetLocation {
  readonly scheme: "http" | "https";
  readonly host: string;
  /** The port as written, or the scheme's default. */
  readonly port: number;
  /** `scheme://host[:port]`, as written. */
  readonly origin: string;
  /** Path and query, as written (`/` when empty). */
  readonly path: string;
}

export type AssetLocationVerdict = { readonly ok: true; readonly location: AssetLocation } | { readonly ok: false; readonly refusal: AssetLocationRefusal; readonly detail: string };

const refuse = (refusal: AssetLocationRefusal, detail: string): AssetLocationVerdict => ({ ok: false, refusal, detail });
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^#]*)$/;
/** RFC 3986 pchar, `/` and `?`, with percent-escapes: nothing Node's client would refuse or re-read. */
const PATH = /^(\/([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DEFAULT_PORT = { http: 80, https: 443 } as const;

/** Reads `url` strictly as an asset location, whatever the policy. */
export function readAssetLocation(url: string): AssetLocationVerdict {
  const m = URL_SHAPE.exec(url);
  if (m === null) return refuse("notUrl", url.includes("#") ? "a fragment" : "not scheme://authority/path");
  const scheme = m[1]!;
  const authority = m[2]!;
  const path = m[3]!;
  if (scheme !== "http" && scheme !== "https") return refuse("scheme", `scheme ${scheme}`);
  if (authority.includes("@")) return refuse("userinfo", "userinfo in the authority");
  if (authority.startsWith("[")) return refuse("ipLiteral", "an IPv6 literal");
  if (authority.includes("%")) return refuse("percentEncodedHost", "a percent-encoded host");
  const colon = authority.lastIndexOf(":");
  const host = colon < 0 ? authority : authority.slice(0, colon);
  const portText = colon < 0 ? undefined : authority.slice(colon + 1);
  if (host.endsWith(".")) return refuse("trailingDot", "a trailing dot");
  const labels = host.split(".");
  // Every all-numeric or hex last label is an IPv4 form to WHATWG and to inet_aton (127.1, 2130706433,
  // 0x7f.0.0.1, 0177.0.0.1): no asset host is named so.
  if (/^(0x[0-9a-f]*|[0-9]+)$/i.test(labels.at(-1)!)) return refuse("ipLiteral", `an IPv4 literal ${host}`);
  if (!labels.every((l) => LABEL.test(l))) return refuse("nonCanonicalHost", `host ${host} is not lower-case letters, digits and hyphens`);
  let port: number = DEFAULT_PORT[scheme];
  if (portText !== undefined) {
    // Written ports are digits without a leading zero, within range, and never the default written out.
    if (!/^[1-9][0-9]{0,4}$/.test(portText) || Number(portText) > 65535 || Number(portText) === port) return refuse("nonCanonicalHost", `port ${portText}`);
    port = Number(portText);
  }
  if (!PATH.test(path)) return refuse("badPath", "the path has characters outside RFC 3986");
  return { ok: true, location: { scheme, host, port, origin: `${scheme}://${authority}`, path: path === "" ? "/" : path } };
}

/** Reads `url` and checks that it names the origin of a provider of `policy` (of `provider` when given). */
export function checkAssetLocation(url: string, policy: AssetPolicy, provider?: string): AssetLocationVerdict {
  const read = readAssetLocation(url);
  if (!read.ok) return read;
  const allowed = provider === undefined ? [...policy.values()] : [policy.get(provider)].filter((o): o is string => o !== undefined);
  if (allowed.includes(read.location.origin)) return read;
  const hostAllowed = allowed.some((o) => readAssetLocation(o).ok && (readAssetLocation(o) as { location: AssetLocation }).location.host === read.location.host);
  return hostAllowed
    ? refuse("originNotAllowed", `${read.location.origin}: another scheme or port than the asset policy's`)
    : refuse("hostNotAllowed", `${read.location.host} is not ${provider === undefined ? "an" : `${provider}'s`} asset host`);
}
