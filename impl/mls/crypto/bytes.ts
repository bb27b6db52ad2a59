/**
 * Small byte helpers shared by the node:crypto provider.
 *
 * Everything the provider hands back to ts-mls is a plain, freshly allocated
 * `Uint8Array` (never a `Buffer`): Node may return Buffers that are views into a
 * shared pool, and `Buffer` compares unequal to `Uint8Array` under structural
 * equality, so we copy once at the boundary.
 */

/** Copy any byte view (Buffer included) into a fresh, standalone Uint8Array. */
export function toU8(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}

/** Concatenate byte arrays into a fresh Uint8Array. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** I2OSP(n, w): big-endian encoding of a non-negative integer in `w` bytes. */
export function i2osp(n: number, w: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`i2osp: bad integer ${n}`);
  const out = new Uint8Array(w);
  let v = n;
  for (let i = w - 1; i >= 0; i--) {
    out[i] = v & 0xff;
    v = Math.floor(v / 256);
  }
  if (v !== 0) throw new RangeError(`i2osp: ${n} does not fit in ${w} bytes`);
  return out;
}

const utf8 = new TextEncoder();

/** ASCII/UTF-8 bytes of a label. */
export function bytesOf(s: string): Uint8Array {
  return utf8.encode(s);
}
