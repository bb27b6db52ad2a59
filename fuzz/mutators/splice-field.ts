// Spliced fields: one byte-string field of the request (a URI, a key, a signature, a group id, a
// ciphertext, …) replaced by a field of another corpus request of the same endpoint, every enclosing
// length adjusted.
import { rewriteSpan } from "../layout/rewrite-span.js";
import type { Mutator } from "./mutator.js";

export const spliceField: Mutator = {
  name: "splice-field",
  structural: true,
  apply(bytes, { prng, base, sameEndpoint }) {
    const leaves = base.layout.vectors.filter((v) => v.leaf);
    if (leaves.length === 0) return undefined;
    const target = prng.pick(leaves);
    const donor = prng.pick(sameEndpoint);
    const donorLeaves = donor.layout.vectors.filter((v) => v.leaf);
    if (donorLeaves.length === 0) return undefined;
    const field = prng.pick(donorLeaves);
    const replacement = donor.body.slice(field.at, field.end);
    const out = rewriteSpan(bytes, base.layout, target.at, target.end, replacement);
    return out && { bytes: out, detail: `replace the field at ${target.at} (${target.length} bytes) by the field at ${field.at} (${field.length} bytes) of "${donor.label}"` };
  },
};
