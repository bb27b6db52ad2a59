// The mimiExtensions map of MIMI content (draft-ietf-mimi-content §4.3, §6): the only map of the
// format. Keys are integers within ±(2^53−1) or text strings of 1–255 octets, each at most once; keys
// 1 (senderUri) and 2 (roomUri) hold text strings; negative and text keys are private. Values are any
// CBOR; maps inside them have int, text or byte string keys; tags, maps and arrays nest at most 4
// levels, the extensions map itself being level 1 (§6.3).
import { Tag } from "cbor2";
import { ContentError } from "./content-error.js";
import { contentFaults } from "./content-faults.js";
import { majorTypeOf, plain, type CborValue } from "./deterministic-cbor.js";

/** Registered extension key: the sender's URI. */
export const SENDER_URI_KEY = 1;
/** Registered extension key: the room's URI. */
export const ROOM_URI_KEY = 2;
/** Containers (tags, maps, arrays) nest at most this many levels, the extensions map being level 1. */
export const MAX_EXTENSION_DEPTH = 4;
const MAX_SAFE = Number.MAX_SAFE_INTEGER; // 2^53 − 1

/** An extension key: an integer or a text string. */
export type ExtensionKey = number | string;
/** The extensions: key → CBOR item (values decoded from bytes keep their original encoding). */
export type ContentExtensions = ReadonlyMap<ExtensionKey, CborValue>;

function checkIntegerKey(key: unknown, original: CborValue, where: string): key is number | bigint {
  if (typeof key !== "number" && typeof key !== "bigint") return false;
  const major = majorTypeOf(original);
  if (major !== undefined && major !== 0 && major !== 1) throw new ContentError("invalidExtensionKey", `${where}: a float key`);
  if (typeof key === "bigint" || !Number.isInteger(key) || Math.abs(key) > MAX_SAFE) {
    throw new ContentError("invalidExtensionKey", `${where}: integer key beyond ±(2^53−1)`);
  }
  return true;
}

function checkTopKey(original: CborValue): ExtensionKey {
  const key = plain(original);
  if (checkIntegerKey(key, original, "extension key")) return Number(key);
  if (typeof key === "string") {
    const octets = new TextEncoder().encode(key).length;
    if (octets < 1 || octets > 255) throw new ContentError("invalidExtensionKey", `text key of ${octets} octets`);
    return key;
  }
  throw new ContentError("invalidExtensionKey", "extension key neither an integer nor a text string");
}

function checkValue(value: CborValue, level: number): void {
  const container = Array.isArray(value) || value instanceof Map || value instanceof Tag;
  if (!container) return;
  if (level > MAX_EXTENSION_DEPTH && !contentFaults.skipDepthLimit) {
    throw new ContentError("nestingTooDeep", `extension value nested at level ${level}`);
  }
  if (Array.isArray(value)) for (const v of value) checkValue(v, level + 1);
  else if (value instanceof Tag) checkValue(value.contents, level + 1);
  else {
    for (const [k, v] of value as Map<unknown, unknown>) {
      const key = plain(k);
      if (!checkIntegerKey(key, k, "nested map key") && typeof key !== "string" && !(key instanceof Uint8Array)) {
        throw new ContentError("invalidExtensionKey", "nested map key neither an integer, text nor byte string");
      }
      checkValue(v, level + 1);
    }
  }
}

/** Reads and checks the extensions map from its decoded item. */
export function decodeExtensions(value: CborValue): ContentExtensions {
  if (!(value instanceof Map)) throw new ContentError("invalidField", "mimiExtensions is not a map");
  const out = new Map<ExtensionKey, CborValue>();
  for (const [k, v] of value as Map<unknown, unknown>) {
    const key = checkTopKey(k);
    if (out.has(key)) throw new ContentError("duplicateMapKey", `extension key ${String(key)} twice`);
    if ((key === SENDER_URI_KEY || key === ROOM_URI_KEY) && typeof plain(v) !== "string") {
      throw new ContentError("invalidField", `extension ${key} is not a text string`);
    }
    checkValue(v, 2);
    out.set(key, v);
  }
  return out;
}

/** The CBOR item of the extensions (checked as on decoding; the encoder sorts the keys). */
export function extensionsToCbor(extensions: ContentExtensions): CborValue {
  const map = new Map<unknown, unknown>();
  for (const [key, value] of extensions) {
    checkTopKey(key);
    if ((key === SENDER_URI_KEY || key === ROOM_URI_KEY) && typeof plain(value) !== "string") {
      throw new ContentError("invalidField", `extension ${key} is not a text string`);
    }
    checkValue(value, 2);
    map.set(key, value);
  }
  return map;
}

/** The text value of extension `key`, when present and a text string. */
export function textExtension(extensions: ContentExtensions, key: ExtensionKey): string | undefined {
  const v = extensions.get(key);
  const p = v === undefined ? undefined : plain(v);
  return typeof p === "string" ? p : undefined;
}
