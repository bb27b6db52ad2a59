// Replaces a span of a request and keeps every vector around it consistent: each enclosing `<V>` length
// grows or shrinks by what changed inside it, written minimally, innermost first (a prefix that changes
// size changes its own encloser's length too). The same rule as the non-canonical builder of
// test/codec/helpers/non-canonical.ts, for any replacement.
import { applyEdits, minimalVarint, type ByteEdit } from "../../test/codec/helpers/non-canonical.js";
import { enclosingVectors, type Layout } from "./layout.js";


/**
 * `bytes` with [from, to) replaced by `replacement` and the lengths of the vectors of `layout` that
 * enclose the span adjusted (unless `fixEnclosing` is false). Undefined when a length would not fit a varint.
 */
export function rewriteSpan(bytes: Uint8Array, layout: Layout, from: number, to: number, replacement: Uint8Array, fixEnclosing = true): Uint8Array | undefined {
  const edits: ByteEdit[] = [{ at: from, oldSize: to - from, replacement }];
  if (fixEnclosing) {
    let growth = replacement.length - (to - from);
    for (const v of enclosingVectors(layout, from, to).reverse()) {
      if (growth === 0) break;
      const length = v.length + growth;
      if (length < 0 || length > 0x3fffffff) return undefined;
      const prefix = minimalVarint(length);
      edits.push({ at: v.at, oldSize: v.prefixSize, replacement: prefix });
      growth += prefix.length - v.prefixSize;
    }
  }
  return applyEdits(bytes, edits);
}
