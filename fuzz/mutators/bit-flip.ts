// Bit flips: one to four bits anywhere in the request.
import type { Mutator } from "./mutator.js";

export const bitFlip: Mutator = {
  name: "bit-flip",
  structural: false,
  apply(bytes, { prng }) {
    if (bytes.length === 0) return undefined;
    const out = bytes.slice();
    const flips: string[] = [];
    for (let n = prng.between(1, 4), i = 0; i < n; i++) {
      const at = prng.int(out.length);
      const bit = prng.int(8);
      out[at] ^= 1 << bit;
      flips.push(`${at}.${bit}`);
    }
    return { bytes: out, detail: `flip byte.bit ${flips.join(", ")}` };
  },
};
