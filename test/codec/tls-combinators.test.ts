import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodecError } from "../../impl/codec/codec-error.js";
import { codecFaults, withCodecFault } from "../../impl/codec/codec-faults.js";
import { enumeration } from "../../impl/codec/enumeration.js";
import { decodeExact, decodeSequence, encodeSequence, encodeWith, tryDecode } from "../../impl/codec/exact.js";
import { Reader, type ForeignCodec } from "../../impl/codec/reader.js";
import { Writer } from "../../impl/codec/writer.js";
import {
  codecErrorOf,
  concat,
  expectCodecError,
  expectEveryPrefixTruncated,
  expectOnlyCodecErrorsUnderMutation,
  expectTrailingByteRejected,
  addCounts,
  expectReencodingExercised,
  NO_COUNTS,
} from "./helpers/codec-assertions.js";

const wellFormed = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !/\p{Cs}/u.test(s));

// A small struct using every combinator, to check the combinators together.
const Colour = enumeration("Colour", { red: 1, green: 2, blue: 255 });
interface Sample {
  a: number;
  b: number;
  c: number;
  d: bigint;
  tag: Uint8Array;
  name: string;
  blob: Uint8Array;
  list: number[];
  nested: string[][];
  maybe: number | undefined;
  colour: "red" | "green" | "blue";
}

function writeSample(w: Writer, s: Sample): void {
  w.uint8(s.a);
  w.uint16(s.b);
  w.uint32(s.c);
  w.uint64(s.d);
  w.fixedOpaque(s.tag, 4);
  w.string(s.name);
  w.opaque(s.blob);
  w.vector(s.list, (x, n) => x.uint16(n));
  w.vector(s.nested, (x, inner) => x.vector(inner, (y, t) => y.string(t)));
  w.optional(s.maybe, (x, n) => x.uint32(n));
  w.enum8(Colour, s.colour);
}

function readSample(r: Reader): Sample {
  return {
    a: r.uint8(),
    b: r.uint16(),
    c: r.uint32(),
    d: r.uint64(),
    tag: r.fixedOpaque(4),
    name: r.string(),
    blob: r.opaque(),
    list: r.vector((x) => x.uint16()),
    nested: r.vector((x) => x.vector((y) => y.string())),
    maybe: r.optional((x) => x.uint32()),
    colour: r.enum8(Colour),
  };
}

const sampleArb: fc.Arbitrary<Sample> = fc.record({
  a: fc.integer({ min: 0, max: 0xff }),
  b: fc.integer({ min: 0, max: 0xffff }),
  c: fc.integer({ min: 0, max: 0xffffffff }),
  d: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  tag: fc.uint8Array({ minLength: 4, maxLength: 4 }),
  name: wellFormed,
  blob: fc.uint8Array({ maxLength: 100 }),
  list: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }),
  nested: fc.array(fc.array(wellFormed, { maxLength: 3 }), { maxLength: 3 }),
  maybe: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
  colour: fc.constantFrom("red" as const, "green" as const, "blue" as const),
});

const encodeSample = (s: Sample) => encodeWith(writeSample, s);
const decodeSample = (bytes: Uint8Array) => decodeExact(bytes, readSample);

const one = <T>(read: (r: Reader) => T) => (bytes: Uint8Array) => decodeExact(bytes, read);

describe("TLS presentation-language combinators", () => {
  it("round-trip a struct that uses all of them", () => {
    fc.assert(fc.property(sampleArb, (s) => {
      expect(decodeSample(encodeSample(s))).toEqual(s);
    }), { seed: 9420 });
  });

  it("report every strict prefix as truncated and a trailing byte as trailingBytes", () => {
    fc.assert(
      fc.property(sampleArb, (s) => {
        const bytes = encodeSample(s);
        expectEveryPrefixTruncated(bytes, decodeSample);
        expectTrailingByteRejected(bytes, decodeSample);
      }),
      { seed: 9420, numRuns: 30 },
    );
  });

  it("throw only CodecErrors on mutated input", () => {
    let seen = NO_COUNTS;
    fc.assert(
      fc.property(sampleArb, (s) => { seen = addCounts(seen, expectOnlyCodecErrorsUnderMutation(encodeSample(s), decodeSample, encodeSample, 20)); }),
      { seed: 9420, numRuns: 20 },
    );
    expectReencodingExercised(seen);
  });

  it("throw only CodecErrors on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        // tryDecode rethrows anything but a CodecError; a value that decodes must be this encoding's own.
        const result = tryDecode(decodeSample, bytes);
        if (result.ok) expect(encodeSample(result.value)).toEqual(bytes);
      }),
      { seed: 9420 },
    );
  });

  it("write integers big-endian", () => {
    const w = new Writer();
    w.uint8(0x01);
    w.uint16(0x0203);
    w.uint32(0x04050607);
    w.uint64(0x08090a0b0c0d0e0fn);
    expect(Buffer.from(w.finish()).toString("hex")).toBe("010203040506070809" + "0a0b0c0d0e0f");
  });

  it("refuse to encode out-of-range integers", () => {
    expectCodecError(() => encodeWith((w, n: number) => w.uint8(n), 256), "invalidValue");
    expectCodecError(() => encodeWith((w, n: number) => w.uint16(n), -1), "invalidValue");
    expectCodecError(() => encodeWith((w, n: number) => w.uint32(n), 2 ** 32), "invalidValue");
    expectCodecError(() => encodeWith((w, n: number) => w.uint32(n), 0.5), "invalidValue");
    expectCodecError(() => encodeWith((w, n: bigint) => w.uint64(n), 1n << 64n), "invalidValue");
    expectCodecError(() => encodeWith((w, n: bigint) => w.uint64(n), -1n), "invalidValue");
  });

  it("prefix vectors with their length in bytes, not items", () => {
    const bytes = encodeWith((w, xs: number[]) => w.vector(xs, (x, n) => x.uint16(n)), [1, 2, 3]);
    expect(Array.from(bytes)).toEqual([6, 0, 1, 0, 2, 0, 3]);
  });

  it("use a 2-byte length from 64 bytes on", () => {
    const bytes = encodeWith((w, b: Uint8Array) => w.opaque(b), new Uint8Array(64));
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x40, 0x40]);
    expect(bytes.length).toBe(66);
  });

  it("grow the buffer for large and many values", () => {
    const big = Uint8Array.from({ length: 20_000 }, (_, i) => i & 0xff);
    const bytes = encodeWith((w, b: Uint8Array) => {
      for (let i = 0; i < 300; i++) w.uint8(i & 0xff);
      w.opaque(b);
      w.varint(16384);
    }, big);
    expect(bytes.length).toBe(300 + 4 + 20_000 + 4);
    const [small, blob, n] = one((r) => [Array.from({ length: 300 }, () => r.uint8()), r.opaque(), r.varint()] as const)(bytes);
    expect(small[299]).toBe(299 & 0xff);
    expect(blob).toEqual(big);
    expect(n).toBe(16384);
  });

  it("refuse a fixed-length opaque of the wrong length", () => {
    expectCodecError(() => encodeWith((w, b: Uint8Array) => w.fixedOpaque(b, 32), new Uint8Array(31)), "invalidValue");
  });

  it("call a length that runs past the end of the input truncated", () => {
    expectCodecError(() => one((r) => r.opaque())(Uint8Array.from([5, 1, 2])), "truncated");
  });

  it("call a length that runs past its enclosing vector lengthOverflow", () => {
    // vector body of 2 bytes holding an opaque that claims 5 bytes, with more input after it
    const bytes = Uint8Array.from([2, 5, 0xaa, 0, 0, 0, 0, 0]);
    expectCodecError(() => one((r) => r.vector((x) => x.opaque()))(bytes), "lengthOverflow");
  });

  it("call a vector whose length is not a whole number of items lengthOverflow", () => {
    expectCodecError(() => one((r) => r.vector((x) => x.uint32()))(Uint8Array.from([3, 0, 0, 0])), "lengthOverflow");
    expectCodecError(() => one((r) => r.vector((x) => x.uint16()))(Uint8Array.from([3, 0, 1, 0, 9])), "lengthOverflow");
  });

  it("reject non-minimal and 8-byte length prefixes", () => {
    expectCodecError(() => one((r) => r.opaque())(Uint8Array.from([0x40, 0x01, 0xaa])), "invalidValue");
    expectCodecError(() => one((r) => r.opaque())(Uint8Array.from([0xc0, 0, 0, 0, 0, 0, 0, 1, 0xaa])), "invalidValue");
  });

  it("accept only 0 and 1 as optional flags", () => {
    const readMaybe = one((r) => r.optional((x) => x.uint8()));
    expect(readMaybe(Uint8Array.from([0]))).toBeUndefined();
    expect(readMaybe(Uint8Array.from([1, 7]))).toBe(7);
    for (const flag of [2, 0x80, 0xff]) expectCodecError(() => readMaybe(Uint8Array.from([flag, 7])), "invalidValue");
  });

  it("reject enum codes outside the declared set, on both sides", () => {
    const readColour = one((r) => r.enum8(Colour));
    expect(readColour(Uint8Array.from([255]))).toBe("blue");
    for (const code of [0, 3, 254]) expectCodecError(() => readColour(Uint8Array.from([code])), "invalidValue");
    expectCodecError(() => encodeWith((w, c: string) => w.enum8(Colour, c as "red"), "purple"), "invalidValue");
    expectCodecError(() => encodeWith((w, c: string) => w.enum8(Colour, c as "red"), "toString"), "invalidValue");
  });

  it("reject invalid UTF-8 in strings", () => {
    const readString = one((r) => r.string());
    for (const bad of [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]]) {
      expectCodecError(() => readString(concat([bad.length], bad)), "invalidValue");
    }
    expect(readString(concat([3], [0xe2, 0x82, 0xac]))).toBe("€");
  });

  it("keep a leading byte-order mark as text", () => {
    expect(one((r) => r.string())(concat([4], [0xef, 0xbb, 0xbf, 0x41]))).toBe("\ufeffA");
  });

  it("refuse to encode strings with lone surrogates", () => {
    expectCodecError(() => encodeWith((w, s: string) => w.string(s), "a\ud800b"), "invalidValue");
    expect(encodeWith((w, s: string) => w.string(s), "😀").length).toBe(5);
  });

  it("reject trailing bytes at the top level only", () => {
    expectCodecError(() => one((r) => r.uint8())(Uint8Array.from([1, 2])), "trailingBytes");
  });

  it("decode concatenations until the input is used up", () => {
    const write = (w: Writer, n: number) => w.uint16(n);
    const bytes = encodeSequence(write, [1, 2, 3]);
    expect(decodeSequence(bytes, (r) => r.uint16())).toEqual([1, 2, 3]);
    expectCodecError(() => decodeSequence(bytes.subarray(0, 5), (r) => r.uint16()), "truncated");
  });

  it("tryDecode returns a result for CodecErrors and rethrows anything else", () => {
    const decodeByte = one((r) => r.uint8());
    expect(tryDecode(decodeByte, Uint8Array.from([9]))).toEqual({ ok: true, value: 9 });
    const failed = tryDecode(decodeByte, new Uint8Array(0));
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe("truncated");
    expect(() => tryDecode(() => { throw new TypeError("bug"); }, new Uint8Array(0))).toThrow(TypeError);
  });

  it("decoded opaques do not alias the input", () => {
    const input = Uint8Array.from([2, 1, 2]);
    const value = one((r) => r.opaque())(input);
    input[1] = 9;
    expect(Array.from(value)).toEqual([1, 2]);
  });

  it("work on a view into a larger buffer", () => {
    const backing = Uint8Array.from([0xee, 0xee, 0x00, 0x00, 0x01, 0x02, 0xee]);
    const view = backing.subarray(2, 6);
    expect(one((r) => r.uint32())(view)).toBe(0x0102);
    expect(one((r) => [r.uint16(), r.uint16()])(view)).toEqual([0, 0x0102]);
  });
});

describe("foreign codecs (ts-mls style)", () => {
  const uint16Bytes = (n: number) => Uint8Array.from([n >> 8, n & 0xff]);
  const twoBytes: ForeignCodec<number> = {
    decode: (b, offset) => (offset + 2 <= b.length ? [b[offset] * 256 + b[offset + 1], 2] : undefined),
    encode: uint16Bytes,
  };
  const failing: ForeignCodec<number> = { decode: () => undefined, encode: uint16Bytes };
  const throwing: ForeignCodec<number> = {
    decode: () => {
      throw new RangeError("boom");
    },
    encode: uint16Bytes,
  };

  it("advance by what they consumed", () => {
    expect(one((r) => [r.foreign(twoBytes, "x"), r.uint8()])(Uint8Array.from([1, 2, 3]))).toEqual([258, 3]);
  });

  it("cannot read past the enclosing region", () => {
    // a one-byte vector followed by more input: the decoder must not see the byte after the vector
    expectCodecError(() => one((r) => [r.vector((x) => x.foreign(twoBytes, "x")), r.uint8()])(Uint8Array.from([1, 7, 8])), "invalidValue");
  });

  it("map failure to truncated at the top level and invalidValue inside a region", () => {
    expectCodecError(() => one((r) => r.foreign(failing, "x"))(Uint8Array.from([1])), "truncated");
    expectCodecError(() => one((r) => r.foreign(throwing, "x"))(Uint8Array.from([1])), "truncated");
    expectCodecError(() => one((r) => r.vector((x) => x.foreign(failing, "x")))(Uint8Array.from([1, 0])), "invalidValue");
    expectCodecError(() => one((r) => r.vector((x) => x.foreign(throwing, "x")))(Uint8Array.from([1, 0])), "invalidValue");
  });

  it("check a foreign vector's own length prefix first", () => {
    const wholeVector: ForeignCodec<number> = { decode: (b, offset) => [b[offset], b[offset] + 1], encode: (n) => new Uint8Array(n + 1).fill(n, 0, 1) };
    expect(one((r) => r.foreignVector(wholeVector, "v"))(Uint8Array.from([2, 0, 0]))).toBe(2);
    expectCodecError(() => one((r) => r.foreignVector(wholeVector, "v"))(Uint8Array.from([3, 0, 0])), "truncated");
    const shortVector: ForeignCodec<number> = { decode: () => [0, 1], encode: () => Uint8Array.from([0]) };
    expectCodecError(() => one((r) => r.foreignVector(shortVector, "v"))(Uint8Array.from([2, 0, 0])), "invalidValue");
  });

  // A lenient decoder, like ts-mls's: it reads a one-byte value from a varint-length-prefixed field
  // and accepts the prefix in 1, 2 or 4 bytes. Its encoder always writes the minimal form.
  const lenient: ForeignCodec<number> = {
    decode: (b, offset) => {
      const size = 1 << (b[offset] >> 6);
      let length = b[offset] & 0x3f;
      for (let i = 1; i < size; i++) length = length * 256 + b[offset + i];
      return length === 1 && offset + size + 1 <= b.length ? [b[offset + size], size + 1] : undefined;
    },
    encode: (n) => Uint8Array.from([1, n]),
  };

  it("refuse what a lenient foreign decoder accepts but does not re-encode to the same bytes", () => {
    expect(one((r) => r.foreign(lenient, "x"))(Uint8Array.from([0x01, 0x2a]))).toBe(0x2a);
    expect(codecErrorOf(() => one((r) => r.foreign(lenient, "x"))(Uint8Array.from([0x40, 0x01, 0x2a]))).message).toContain("non-canonical x at offset 0");
    expectCodecError(() => one((r) => r.foreign(lenient, "x"))(Uint8Array.from([0x80, 0x00, 0x00, 0x01, 0x2a])), "invalidValue");
    // inside a region, and for a whole vector
    expectCodecError(() => one((r) => r.vector((x) => x.foreign(lenient, "x")))(Uint8Array.from([3, 0x40, 0x01, 0x2a])), "invalidValue");
    const lenientVector: ForeignCodec<number> = { decode: lenient.decode, encode: lenient.encode };
    expect(one((r) => r.foreignVector(lenientVector, "v"))(Uint8Array.from([0x01, 0x07]))).toBe(7);
    expectCodecError(() => one((r) => r.foreignVector(lenientVector, "v"))(Uint8Array.from([0x40, 0x01, 0x07])), "invalidValue");
  });

  it("count an encoder that throws as a mismatch", () => {
    const unencodable: ForeignCodec<number> = { decode: twoBytes.decode, encode: () => { throw new RangeError("cannot"); } };
    expectCodecError(() => one((r) => r.foreign(unencodable, "x"))(Uint8Array.from([1, 2])), "invalidValue");
  });

  it("accept the non-canonical form only with the planted defect skipMlsReencodeCheck on", async () => {
    const nonMinimal = Uint8Array.from([0x40, 0x01, 0x2a]);
    expectCodecError(() => one((r) => r.foreign(lenient, "x"))(nonMinimal), "invalidValue");
    expect(await withCodecFault("skipMlsReencodeCheck", () => one((r) => r.foreign(lenient, "x"))(nonMinimal))).toBe(0x2a);
    expect(codecFaults.skipMlsReencodeCheck).toBe(false);
    expectCodecError(() => one((r) => r.foreign(lenient, "x"))(nonMinimal), "invalidValue");
  });

  it("CodecError is an Error with a name and code", () => {
    const error = new CodecError("truncated", "x");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("CodecError");
    expect(error.message).toContain("truncated");
  });
});
