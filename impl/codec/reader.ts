// Decoding side of the TLS presentation language (RFC 8446 §3, RFC 9420 §2.1).
// A Reader walks a region of the input; struct decoders are `(r: Reader) => T` and throw CodecError.
//
// Error codes follow one rule (see codec-error.ts): running past the end of the input is `truncated`;
// running past the end of a length-delimited region (a `<V>` body, which is only entered once it is
// known to fit in the input) is `lengthOverflow`. A strict prefix of a valid encoding therefore always
// fails with `truncated`: every region it enters is complete, so only the top level can run out.

import { CodecError } from "./codec-error.js";
import { codecFaults } from "./codec-faults.js";
import { type Enumeration, enumName } from "./enumeration.js";
import { readVarintBody, varintSizeFromFirstByte } from "./varint.js";

export type ReadFn<T> = (r: Reader) => T;

/** A decoder written against a byte array and offset, e.g. ts-mls's: value and bytes consumed. */
export type ForeignDecoder<T> = (bytes: Uint8Array, offset: number) => [T, number] | undefined;

/** The matching encoder of a ForeignDecoder: the value's bytes, as that library writes them. */
export type ForeignEncoder<T> = (value: T) => Uint8Array;

/**
 * A codec from another library (ts-mls). Its decoder may be lenient (ts-mls accepts a vector length in
 * more bytes than it needs), so the Reader only accepts what it decodes when the encoder gives back
 * exactly the bytes consumed: one value, one encoding (RFC 9420 §2.1.2 "values using more bits than
 * necessary MUST be treated as malformed").
 */
export interface ForeignCodec<T> {
  decode: ForeignDecoder<T>;
  encode: ForeignEncoder<T>;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Runs a foreign decoder on its own copy of the bytes it may read (so it cannot see past them, and what
 * it returns cannot alias the caller's buffer); undefined unless it succeeded within those bytes.
 */
function runForeign<T>(decode: ForeignDecoder<T>, window: Uint8Array): [T, number] | undefined {
  try {
    const result = decode(window, 0);
    return result !== undefined && result[1] >= 0 && result[1] <= window.length ? result : undefined;
  } catch {
    return undefined;
  }
}

/** True when `encode(value)` is exactly `consumed`; an encoder that throws counts as a mismatch. */
function reencodesTo<T>(encode: ForeignEncoder<T>, value: T, consumed: Uint8Array): boolean {
  let bytes: Uint8Array;
  try {
    bytes = encode(value);
  } catch {
    return false;
  }
  if (bytes.length !== consumed.length) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== consumed[i]) return false;
  return true;
}

export class Reader {
  private position: number;

  /** A reader over the whole input; `region()` makes the length-delimited ones. */
  constructor(input: Uint8Array);
  constructor(input: Uint8Array, start: number, end: number, delimited: boolean);
  constructor(
    private readonly input: Uint8Array,
    start = 0,
    private readonly end = input.length,
    private readonly delimited = false,
  ) {
    this.position = start;
  }

  /** Offset of the next byte, counted from the start of the whole input. */
  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  get atEnd(): boolean {
    return this.position === this.end;
  }

  private take(count: number, what: string): number {
    if (count > this.end - this.position) {
      const code = this.delimited ? "lengthOverflow" : "truncated";
      throw new CodecError(code, `${what} needs ${count} bytes at offset ${this.position}, ${this.remaining} left`);
    }
    const at = this.position;
    this.position += count;
    return at;
  }

  uint8(): number {
    return this.input[this.take(1, "uint8")];
  }

  uint16(): number {
    const at = this.take(2, "uint16");
    return (this.input[at] << 8) | this.input[at + 1];
  }

  uint32(): number {
    const at = this.take(4, "uint32");
    return new DataView(this.input.buffer, this.input.byteOffset, this.input.byteLength).getUint32(at);
  }

  uint64(): bigint {
    const at = this.take(8, "uint64");
    return new DataView(this.input.buffer, this.input.byteOffset, this.input.byteLength).getBigUint64(at);
  }

  varint(): number {
    const first = this.input[this.take(1, "varint")];
    const size = varintSizeFromFirstByte(first);
    if (size === undefined) {
      throw new CodecError("invalidValue", `reserved varint prefix 0b11 at offset ${this.position - 1}`);
    }
    this.position -= 1;
    const at = this.take(size, "varint");
    return readVarintBody(this.input, at, size);
  }

  /** `opaque x[length]` (a copy, so decoded values never alias the input). */
  fixedOpaque(length: number): Uint8Array {
    const at = this.take(length, `opaque[${length}]`);
    return this.input.slice(at, at + length);
  }

  /** `opaque x<V>`. */
  opaque(): Uint8Array {
    const length = this.varint();
    return this.fixedOpaque(length);
  }

  /** A `string` / URI: `opaque<V>` that must be valid UTF-8. */
  string(): string {
    const bytes = this.opaque();
    try {
      return utf8.decode(bytes);
    } catch {
      throw new CodecError("invalidValue", `invalid UTF-8 in string ending at offset ${this.position}`);
    }
  }

  /** A reader at the same position and bounds, for looking ahead without moving this one. */
  fork(): Reader {
    return new Reader(this.input, this.position, this.end, this.delimited);
  }

  /** A varint byte length, then a sub-reader over exactly that many bytes. */
  region(): Reader {
    const length = this.varint();
    const at = this.take(length, "vector body");
    return new Reader(this.input, at, at + length, true);
  }

  /** `T list<V>`: items until the byte length runs out; an item overrunning it is `lengthOverflow`. */
  vector<T>(readItem: ReadFn<T>): T[] {
    const body = this.region();
    const items: T[] = [];
    while (!body.atEnd) items.push(readItem(body));
    return items;
  }

  /** `optional<T>`: presence byte 0 or 1; anything else is `invalidValue`. */
  optional<T>(readValue: ReadFn<T>): T | undefined {
    const flag = this.uint8();
    if (flag === 0) return undefined;
    if (flag === 1) return readValue(this);
    throw new CodecError("invalidValue", `optional presence flag ${flag} at offset ${this.position - 1}`);
  }

  enum8<Name extends string>(e: Enumeration<Name>): Name {
    return enumName(e, this.uint8());
  }

  /**
   * Runs a codec from another library on (a copy of) the rest of this region.
   * Such decoders only say "no", without a reason. At the top level running out of input is the one
   * failure we cannot rule out, so it is reported as `truncated`; inside a length-delimited region
   * the input cannot have run out, so it is `invalidValue`. Exceptions they throw are mapped the same way.
   * A value that decodes but does not re-encode to the bytes it was read from is `invalidValue`.
   */
  foreign<T>(codec: ForeignCodec<T>, what: string): T {
    const start = this.position;
    const window = this.input.slice(start, this.end);
    const result = runForeign(codec.decode, window);
    if (result === undefined) {
      const code = this.delimited ? "invalidValue" : "truncated";
      throw new CodecError(code, `malformed ${what} at offset ${start}`);
    }
    this.expectCanonical(codec.encode, result[0], window.subarray(0, result[1]), what, start);
    this.position += result[1];
    return result[0];
  }

  /**
   * Like `foreign`, for a foreign codec of a whole `<V>` vector (prefix included): the length prefix
   * is checked here first, so truncation is reported exactly and any failure inside is `invalidValue`.
   */
  foreignVector<T>(codec: ForeignCodec<T>, what: string): T {
    const start = this.position;
    const body = this.region();
    const window = this.input.slice(start, body.end);
    const result = runForeign(codec.decode, window);
    if (result === undefined || result[1] !== window.length) {
      throw new CodecError("invalidValue", `malformed ${what} at offset ${start}`);
    }
    this.expectCanonical(codec.encode, result[0], window, what, start);
    return result[0];
  }

  private expectCanonical<T>(encode: ForeignEncoder<T>, value: T, consumed: Uint8Array, what: string, at: number): void {
    if (codecFaults.skipMlsReencodeCheck || reencodesTo(encode, value, consumed)) return;
    throw new CodecError("invalidValue", `non-canonical ${what} at offset ${at}: it does not re-encode to the ${consumed.length} bytes it was read from`);
  }

  /** Fails with `trailingBytes` unless the region is used up. */
  expectEnd(what = "value"): void {
    if (!this.atEnd) {
      throw new CodecError("trailingBytes", `${this.remaining} bytes left after ${what} at offset ${this.position}`);
    }
  }
}
