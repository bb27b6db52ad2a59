// MLS variable-length integers (RFC 9420 §2.1.2), used as the length prefix of every `<V>` vector.
// The two high bits of the first byte give the size: 00 → 1 byte, 01 → 2, 10 → 4; 11 is invalid
// (the 8-byte QUIC form is not allowed in MLS). "The encoded value MUST use the smallest number of bits
// required to represent the value. When decoding, values using more bits than necessary MUST be treated
// as malformed." So the reader rejects non-minimal encodings (unless the planted defect is on).

import { CodecError } from "./codec-error.js";
import { codecFaults } from "./codec-faults.js";

/** The largest value a varint can carry: 2^30 - 1. */
export const MAX_VARINT = 0x3fffffff;

/** Number of bytes the minimal encoding of `value` takes. */
export function varintSize(value: number): 1 | 2 | 4 {
  if (!Number.isInteger(value) || value < 0 || value > MAX_VARINT) {
    throw new CodecError("lengthOverflow", `varint value out of range: ${value}`);
  }
  if (value < 0x40) return 1;
  if (value < 0x4000) return 2;
  return 4;
}

/** Writes the minimal encoding of `value` into `target` at `offset`; returns the bytes written. */
export function writeVarint(target: Uint8Array, offset: number, value: number): number {
  const size = varintSize(value);
  if (size === 1) {
    target[offset] = value;
  } else if (size === 2) {
    target[offset] = 0x40 | (value >>> 8);
    target[offset + 1] = value & 0xff;
  } else {
    target[offset] = 0x80 | (value >>> 24);
    target[offset + 1] = (value >>> 16) & 0xff;
    target[offset + 2] = (value >>> 8) & 0xff;
    target[offset + 3] = value & 0xff;
  }
  return size;
}

/**
 * The size a varint takes from its first byte, or undefined for the reserved `11` prefix.
 */
export function varintSizeFromFirstByte(first: number): 1 | 2 | 4 | undefined {
  switch (first >>> 6) {
    case 0:
      return 1;
    case 1:
      return 2;
    case 2:
      return 4;
    default:
      return undefined;
  }
}

/**
 * Reads a varint of `size` bytes at `offset` (the caller has checked the bytes are there) and
 * rejects non-minimal encodings.
 */
export function readVarintBody(source: Uint8Array, offset: number, size: 1 | 2 | 4): number {
  let value = source[offset] & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + source[offset + i];
  if (varintSize(value) !== size && !codecFaults.acceptNonMinimalVarint) {
    throw new CodecError("invalidValue", `non-minimal varint encoding of ${value} in ${size} bytes`);
  }
  return value;
}
