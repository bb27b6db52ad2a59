// Round trip for values that hold ts-mls objects: compare bytes (ts-mls may rebuild objects in a
// different but equivalent shape, e.g. a ratchet tree padded with blank nodes).

import { expect } from "vitest";

export function expectByteRoundTrip<T>(value: T, encode: (value: T) => Uint8Array, decode: (bytes: Uint8Array) => T): { bytes: Uint8Array; decoded: T } {
  const bytes = encode(value);
  const decoded = decode(bytes);
  expect(encode(decoded)).toEqual(bytes);
  return { bytes, decoded };
}
