import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeExact, encodeWith } from "../../impl/codec/exact.js";
import { MAX_VARINT, varintSize } from "../../impl/codec/varint.js";
import type { Reader } from "../../impl/codec/reader.js";
import type { Writer } from "../../impl/codec/writer.js";
import { expectCodecError, expectEveryPrefixTruncated } from "./helpers/codec-assertions.js";

const writeVarint = (w: Writer, n: number) => w.varint(n);
const readVarint = (r: Reader) => r.varint();
const encode = (n: number) => encodeWith(writeVarint, n);
const decode = (bytes: Uint8Array) => decodeExact(bytes, readVarint);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("MLS varint (RFC 9420 §2.1.2)", () => {
  it("encodes the RFC examples", () => {
    expect(hex(encode(37))).toBe("25");
    expect(hex(encode(15293))).toBe("7bbd");
    expect(hex(encode(494878333))).toBe("9d7f3e7d");
  });

  it("uses the smallest size at each boundary", () => {
    expect([0, 63, 64, 16383, 16384, MAX_VARINT].map((n) => encode(n).length)).toEqual([1, 1, 2, 2, 4, 4]);
    expect(varintSize(63)).toBe(1);
  });

  it("round-trips every value in range", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_VARINT }), (n) => decode(encode(n)) === n), { seed: 9420, numRuns: 1000 });
  });

  it("refuses to encode values that need more than 30 bits, or are not integers", () => {
    expectCodecError(() => encode(MAX_VARINT + 1), "lengthOverflow");
    expectCodecError(() => encode(-1), "lengthOverflow");
    expectCodecError(() => encode(1.5), "lengthOverflow");
  });

  it("rejects non-minimal encodings", () => {
    expectCodecError(() => decode(Uint8Array.from([0x40, 0x25])), "invalidValue");
    expectCodecError(() => decode(Uint8Array.from([0x80, 0x00, 0x00, 0x25])), "invalidValue");
    expectCodecError(() => decode(Uint8Array.from([0x80, 0x00, 0x3f, 0xff])), "invalidValue");
  });

  it("rejects the 8-byte form (prefix 0b11)", () => {
    expectCodecError(() => decode(Uint8Array.from([0xc0, 0, 0, 0, 0, 0, 0, 1])), "invalidValue");
  });

  it("reports a cut-off varint as truncated", () => {
    expectEveryPrefixTruncated(encode(494878333), decode);
    expectEveryPrefixTruncated(encode(15293), decode);
  });
});
