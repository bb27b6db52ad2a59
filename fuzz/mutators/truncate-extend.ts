// Truncations and extensions: cut the request short (anywhere, or just before its end), or append bytes
// (random ones, or a copy of a piece of itself).
import type { Mutator } from "./mutator.js";

export const truncateOrExtend: Mutator = {
  name: "truncate-extend",
  structural: false,
  apply(bytes, { prng }) {
    const choice = prng.int(4);
    if (choice === 0 && bytes.length > 0) {
      const keep = prng.int(bytes.length);
      return { bytes: bytes.slice(0, keep), detail: `truncate to ${keep} of ${bytes.length} bytes` };
    }
    if (choice === 1 && bytes.length > 0) {
      const drop = prng.between(1, Math.min(8, bytes.length));
      return { bytes: bytes.slice(0, bytes.length - drop), detail: `drop the last ${drop} bytes` };
    }
    if (choice === 2) {
      const extra = prng.bytes(prng.between(1, 16));
      const out = new Uint8Array(bytes.length + extra.length);
      out.set(bytes);
      out.set(extra, bytes.length);
      return { bytes: out, detail: `append ${extra.length} random bytes` };
    }
    if (bytes.length === 0) return undefined;
    const from = prng.int(bytes.length);
    const piece = bytes.slice(from, from + prng.between(1, 64));
    const at = prng.int(bytes.length + 1);
    const out = new Uint8Array(bytes.length + piece.length);
    out.set(bytes.subarray(0, at));
    out.set(piece, at);
    out.set(bytes.subarray(at), at + piece.length);
    return { bytes: out, detail: `insert a copy of bytes ${from}..${from + piece.length} at ${at}` };
  },
};
