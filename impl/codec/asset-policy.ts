// asset_policy component (suggested 0x002C), draft-ietf-mimi-room-policy §6–§7 (digest §3.7, §4.3).
// The draft lists the fields and leaves the struct TBD, so this is the project's minimal reading of its
// list, in its order: where uploads go, the storage location of each provider (upload_domains), the
// download privacy modes allowed, forbidden and by default, a maximum size, and the permitted and forbidden
// media types.
//
//   enum { unspecified(0), localProvider(1), hub(2), (255) } UploadLocation;
//   enum { direct(0), hubProxy(1), ohttp(2), (255) } DownloadPrivacy;
//   struct { opaque provider<V>; opaque origin<V>; } UploadDomain;   // a domain; scheme://host[:port]
//   struct {
//     UploadLocation upload_location;
//     UploadDomain upload_domains<V>;                 // strictly ascending by provider
//     DownloadPrivacy allowed_download_privacy<V>;    // strictly ascending
//     DownloadPrivacy forbidden_download_privacy<V>;  // strictly ascending, none of them allowed
//     DownloadPrivacy default_download_privacy;       // allowed (when a list is given), never forbidden
//     uint64 max_size;                                // octets of one asset; 0: no limit
//     opaque permitted_media_types<V><V>;             // strictly ascending; empty: every type
//     opaque forbidden_media_types<V><V>;             // strictly ascending
//   } AssetPolicyData;
//
// One provider has one origin: the draft's "domains" read as the one storage location each provider
// names, with scheme and port so that a loopback test server is an ordinary entry. Every list is a set
// written in one order, so a policy has exactly one encoding: the decoder refuses any other
// (`invalidValue`), and the encoder writes the sorted form or refuses a duplicate. Updates (AppDataUpdate)
// would be full replacements with the same struct (digest §3.7); no capability of the registry may make
// them (canChangeOtherPolicyAttribute, 0x0505, is reserved), so the room's creator sets it once.
import { CodecError } from "./codec-error.js";
import { enumeration } from "./enumeration.js";
import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const COMPONENT_ASSET_POLICY = 0x002c;

export const UPLOAD_LOCATION = enumeration("UploadLocation", { unspecified: 0, localProvider: 1, hub: 2 });
export type UploadLocation = keyof typeof UPLOAD_LOCATION.codeOf;
export const DOWNLOAD_PRIVACY = enumeration("DownloadPrivacy", { direct: 0, hubProxy: 1, ohttp: 2 });
export type DownloadPrivacy = keyof typeof DOWNLOAD_PRIVACY.codeOf;

export interface UploadDomain {
  /** The provider's domain, e.g. `b.example`. */
  provider: string;
  /** Its asset storage origin, `scheme://host[:port]`. */
  origin: string;
}

export interface AssetPolicyData {
  uploadLocation: UploadLocation;
  uploadDomains: UploadDomain[];
  allowedDownloadPrivacy: DownloadPrivacy[];
  forbiddenDownloadPrivacy: DownloadPrivacy[];
  defaultDownloadPrivacy: DownloadPrivacy;
  /** Largest asset in octets; 0n: no limit. */
  maxSize: bigint;
  permittedMediaTypes: string[];
  forbiddenMediaTypes: string[];
}

const utf8 = new TextEncoder();
const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

/** The items in the one order the wire allows (ascending by `key`), or a CodecError for a duplicate. */
function canonicalOrder<T>(items: readonly T[], key: (item: T) => Uint8Array, what: string): T[] {
  const sorted = [...items].sort((a, b) => compareBytes(key(a), key(b)));
  for (let i = 1; i < sorted.length; i++)
    if (compareBytes(key(sorted[i - 1]!), key(sorted[i]!)) === 0) throw new CodecError("invalidValue", `duplicate in ${what}`);
  return sorted;
}

function expectAscending<T>(items: readonly T[], key: (item: T) => Uint8Array, what: string): void {
  for (let i = 1; i < items.length; i++)
    if (compareBytes(key(items[i - 1]!), key(items[i]!)) >= 0) throw new CodecError("invalidValue", `${what} not strictly ascending`);
}

const privacyKey = (p: DownloadPrivacy) => Uint8Array.of(DOWNLOAD_PRIVACY.codeOf[p]);
const domainKey = (d: UploadDomain) => utf8.encode(d.provider);
const typeKey = (t: string) => utf8.encode(t);

/** The default must be usable: allowed when an allowed list is given, and never forbidden. */
function checkPrivacy(data: Pick<AssetPolicyData, "allowedDownloadPrivacy" | "forbiddenDownloadPrivacy" | "defaultDownloadPrivacy">): void {
  if (data.forbiddenDownloadPrivacy.some((p) => data.allowedDownloadPrivacy.includes(p))) throw new CodecError("invalidValue", "a download privacy mode both allowed and forbidden");
  if (data.forbiddenDownloadPrivacy.includes(data.defaultDownloadPrivacy)) throw new CodecError("invalidValue", "the default download privacy mode is forbidden");
  if (data.allowedDownloadPrivacy.length > 0 && !data.allowedDownloadPrivacy.includes(data.defaultDownloadPrivacy))
    throw new CodecError("invalidValue", "the default download privacy mode is not among the allowed");
}

export function writeAssetPolicyData(w: Writer, data: AssetPolicyData): void {
  checkPrivacy(data);
  w.enum8(UPLOAD_LOCATION, data.uploadLocation);
  w.vector(canonicalOrder(data.uploadDomains, domainKey, "upload_domains"), (body, d) => {
    body.string(d.provider);
    body.string(d.origin);
  });
  const writePrivacy = (body: Writer, p: DownloadPrivacy) => body.enum8(DOWNLOAD_PRIVACY, p);
  w.vector(canonicalOrder(data.allowedDownloadPrivacy, privacyKey, "allowed_download_privacy"), writePrivacy);
  w.vector(canonicalOrder(data.forbiddenDownloadPrivacy, privacyKey, "forbidden_download_privacy"), writePrivacy);
  w.enum8(DOWNLOAD_PRIVACY, data.defaultDownloadPrivacy);
  w.uint64(data.maxSize);
  w.vector(canonicalOrder(data.permittedMediaTypes, typeKey, "permitted_media_types"), (body, t) => body.string(t));
  w.vector(canonicalOrder(data.forbiddenMediaTypes, typeKey, "forbidden_media_types"), (body, t) => body.string(t));
}

export function readAssetPolicyData(r: Reader): AssetPolicyData {
  const uploadLocation = r.enum8(UPLOAD_LOCATION);
  const uploadDomains = r.vector((body) => ({ provider: body.string(), origin: body.string() }));
  expectAscending(uploadDomains, domainKey, "upload_domains");
  const readPrivacy = (body: Reader) => body.enum8(DOWNLOAD_PRIVACY);
  const allowedDownloadPrivacy = r.vector(readPrivacy);
  expectAscending(allowedDownloadPrivacy, privacyKey, "allowed_download_privacy");
  const forbiddenDownloadPrivacy = r.vector(readPrivacy);
  expectAscending(forbiddenDownloadPrivacy, privacyKey, "forbidden_download_privacy");
  const defaultDownloadPrivacy = r.enum8(DOWNLOAD_PRIVACY);
  checkPrivacy({ allowedDownloadPrivacy, forbiddenDownloadPrivacy, defaultDownloadPrivacy });
  const maxSize = r.uint64();
  const permittedMediaTypes = r.vector((body) => body.string());
  expectAscending(permittedMediaTypes, typeKey, "permitted_media_types");
  const forbiddenMediaTypes = r.vector((body) => body.string());
  expectAscending(forbiddenMediaTypes, typeKey, "forbidden_media_types");
  return { uploadLocation, uploadDomains, allowedDownloadPrivacy, forbiddenDownloadPrivacy, defaultDownloadPrivacy, maxSize, permittedMediaTypes, forbiddenMediaTypes };
}

export function encodeAssetPolicyData(data: AssetPolicyData): Uint8Array {
  return encodeWith(writeAssetPolicyData, data);
}

export function decodeAssetPolicyData(bytes: Uint8Array): AssetPolicyData {
  return decodeExact(bytes, readAssetPolicyData, "AssetPolicyData");
}
