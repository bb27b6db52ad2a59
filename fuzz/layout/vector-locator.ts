// Finds the `<V>` vectors of a valid request (RFC 9420 §2.1.2 varint prefixes).
//
// Leaves come from the decoded value: every byte string and string of the decoded request (URIs, keys,
// signatures, group ids, ciphertexts, identities, …) is a `<V>` vector on the wire, found by its exact
// encoding (minimal prefix + content). Lists (proposals<V>, clients<V>, extensions<V>, the ratchet tree, …)
// hold no byte string of their own; they are found as the minimal varints whose body lies inside the
// request, contains at least one vector already found, and ends exactly where a vector already found ends
// (or where the request ends) — a list ends with its last element, and elements end with a vector far more
// often than not. Repeated to a fixed point, so lists of lists are found too. What this misses only costs
// depth (a rewrite whose enclosing length is not fixed is refused at that length), never correctness.
import { minimalVarint, occurrences, varintAt } from "../../test/codec/helpers/non-canonical.js";
import type { VectorField } from "./layout.js";

const utf8 = new TextEncoder();

/** Byte strings of at least this length are located (shorter ones match by chance). */
const MIN_LEAF = 3;

/** Every byte string and string inside a decoded value. */
function leavesOf(value: unknown, into: Uint8Array[], seen: Set<unknown>): void {
  if (value === null || value === undefined) return;
  if (value instanceof Uint8Array) {
    if (value.length >= MIN_LEAF) into.push(value);
    return;
  }
  if (typeof value === "string") {
    if (value.length >= MIN_LEAF) into.push(utf8.encode(value));
    return;
  }
  if (typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      leavesOf(k, into, seen);
      leavesOf(v, into, seen);
    }
    return;
  }
  for (const v of Object.values(value)) leavesOf(v, into, seen);
}

function minimalPrefixAt(bytes: Uint8Array, at: number): { value: number; size: 1 | 2 | 4 } | undefined {
  if (at >= bytes.length || bytes[at]! >> 6 === 3) return undefined;
  try {
    const v = varintAt(bytes, at);
    return minimalVarint(v.value).length === v.size ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The vectors of `bytes`, a valid encoding of `decoded`, sorted by offset. */
export function locateVectors(bytes: Uint8Array, decoded: unknown): VectorField[] {
  const found = new Map<number, VectorField>();
  const leaves: Uint8Array[] = [];
  leavesOf(decoded, leaves, new Set());
  const seenContent = new Set<string>();
  for (const content of leaves) {
    const key = Buffer.from(content).toString("hex");
    if (seenContent.has(key)) continue;
    seenContent.add(key);
    const prefix = minimalVarint(content.length);
    const whole = new Uint8Array(prefix.length + content.length);
    whole.set(prefix);
    whole.set(content, prefix.length);
    for (const at of occurrences(bytes, whole))
      found.set(at, { at, prefixSize: prefix.length as 1 | 2 | 4, length: content.length, end: at + whole.length, leaf: true });
  }
  for (let round = 0; round < 6; round++) {
    const ends = new Set([...found.values()].map((v) => v.end));
    ends.add(bytes.length);
    const known = [...found.values()];
    let added = 0;
    for (let at = 0; at < bytes.length; at++) {
      if (found.has(at)) continue;
      const prefix = minimalPrefixAt(bytes, at);
      if (prefix === undefined || prefix.value < 2) continue;
      const bodyStart = at + prefix.size;
      const end = bodyStart + prefix.value;
      if (end > bytes.length || !ends.has(end)) continue;
      if (!known.some((v) => v.at >= bodyStart && v.end <= end)) continue;
      found.set(at, { at, prefixSize: prefix.size, length: prefix.value, end, leaf: false });
      added++;
    }
    if (added === 0) break;
  }
  return [...found.values()].sort((a, b) => a.at - b.at);
}
