// Swapped structs: a whole MLS sub-struct of the request (a KeyPackage, a GroupInfo, an MLSMessage, a
// Welcome, a ratchet tree, a Credential, a LeafNode) replaced by another of the same kind taken from any
// corpus request of the deployment, every enclosing length adjusted.
import { rewriteSpan } from "../layout/rewrite-span.js";
import { structKey, type Mutator } from "./mutator.js";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const swapStruct: Mutator = {
  name: "swap-struct",
  structural: true,
  apply(bytes, { prng, base, structs }) {
    if (base.layout.structs.length === 0) return undefined;
    const target = prng.pick(base.layout.structs);
    const current = bytes.subarray(target.at, target.end);
    const others = (structs.get(structKey(target)) ?? []).filter((s) => !sameBytes(s.bytes, current));
    if (others.length === 0) return undefined;
    const other = prng.pick(others);
    const out = rewriteSpan(bytes, base.layout, target.at, target.end, other.bytes);
    return out && { bytes: out, detail: `swap the ${target.kind} at ${target.at} (${target.end - target.at} bytes) for one of "${other.from}" (${other.bytes.length} bytes)` };
  },
};
