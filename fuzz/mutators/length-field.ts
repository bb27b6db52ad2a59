// Length-field rewrites at the request's `<V>` vectors (RFC 9420 §2.1.2 varint prefixes): a length grown
// or shrunk without the body following (the body overruns, or bytes are left over), set to 0 or to the
// largest value, written in more bytes than it needs (non-minimal) with every enclosing length fixed — the
// one rewrite only the canonical-encoding check refuses, built with the non-canonical builder of
// test/codec/helpers/non-canonical.ts — or the body itself resized with the lengths kept consistent.
import { lengthenLengthField, varintOfSize } from "../../test/codec/helpers/non-canonical.js";
import { enclosingVectors } from "../layout/layout.js";
import { rewriteSpan } from "../layout/rewrite-span.js";
import type { Mutator } from "./mutator.js";

/** `value` in `size` bytes if it fits, else in the smallest size that fits. */
function prefixOf(value: number, size: 1 | 2 | 4): Uint8Array {
  const fits = size === 1 ? value <= 0x3f : size === 2 ? value <= 0x3fff : true;
  return varintOfSize(value, fits ? size : value <= 0x3fff ? 2 : 4);
}

export const lengthField: Mutator = {
  name: "length-field",
  structural: true,
  apply(bytes, { prng, base }) {
    const vectors = base.layout.vectors;
    if (vectors.length === 0) return undefined;
    const v = prng.pick(vectors);
    const layout = base.layout;
    const where = `the ${v.leaf ? "" : "list "}vector at ${v.at} (length ${v.length})`;
    switch (prng.int(6)) {
      case 0: {
        if (v.prefixSize === 4) return undefined;
        const size = v.prefixSize === 1 && prng.chance(0.5) ? 4 : undefined;
        const enclosing = enclosingVectors(layout, v.at, v.end).map((e) => e.at);
        try {
          const out = lengthenLengthField(bytes, { at: v.at, enclosing }, size);
          return { bytes: out, detail: `non-minimal length prefix (${size ?? v.prefixSize * 2} bytes) for ${where}, ${enclosing.length} enclosing lengths fixed` };
        } catch {
          return undefined; // an encloser found by chance that does not hold the field
        }
      }
      case 1: {
        const delta = prng.chance(0.5) ? prng.between(1, 2) : prng.between(3, 300);
        const out = rewriteSpan(bytes, layout, v.at, v.at + v.prefixSize, prefixOf(v.length + delta, v.prefixSize), false);
        return out && { bytes: out, detail: `grow the length of ${where} by ${delta}` };
      }
      case 2: {
        if (v.length === 0) return undefined;
        const delta = prng.between(1, Math.min(v.length, prng.chance(0.5) ? 2 : 300));
        const out = rewriteSpan(bytes, layout, v.at, v.at + v.prefixSize, prefixOf(v.length - delta, v.prefixSize), false);
        return out && { bytes: out, detail: `shrink the length of ${where} by ${delta}` };
      }
      case 3: {
        const value = prng.chance(0.5) ? 0 : 0x3fffffff;
        const out = rewriteSpan(bytes, layout, v.at, v.at + v.prefixSize, prefixOf(value, v.prefixSize), false);
        return out && { bytes: out, detail: `set the length of ${where} to ${value}` };
      }
      case 4: {
        // The body shortened by some bytes at its end, every length (its own and its enclosers') consistent.
        if (v.length === 0) return undefined;
        const cut = prng.between(1, Math.min(v.length, 16));
        const bodyStart = v.at + v.prefixSize;
        const body = bytes.slice(bodyStart, v.end - cut);
        const whole = new Uint8Array([...prefixOf(body.length, 1), ...body]);
        const out = rewriteSpan(bytes, layout, v.at, v.end, whole);
        return out && { bytes: out, detail: `cut ${cut} bytes from the end of ${where}, lengths kept consistent` };
      }
      default: {
        // The body lengthened by random bytes at its end, lengths consistent.
        const extra = prng.bytes(prng.between(1, 16));
        const bodyStart = v.at + v.prefixSize;
        const body = new Uint8Array([...bytes.subarray(bodyStart, v.end), ...extra]);
        const whole = new Uint8Array([...prefixOf(body.length, 1), ...body]);
        const out = rewriteSpan(bytes, layout, v.at, v.end, whole);
        return out && { bytes: out, detail: `append ${extra.length} random bytes inside ${where}, lengths kept consistent` };
      }
    }
  },
};
