// Encoding side of the TLS presentation language (RFC 8446 §3, RFC 9420 §2.1).
// A Writer appends to a growing buffer; struct encoders are `(w: Writer, value: T) => void`.
// Encoders throw CodecError("invalidValue" | "lengthOverflow") for values the wire format cannot carry.

import { CodecError } from "./codec-error.js";
import { type Enumeration, enumCode } from "./enumeration.js";
import { MAX_VARINT, varintSize, writeVarint } from "./varint.js";

export type WriteFn<T> = (w: Writer, value: T) => void;

const UINT64_LIMIT = 1n << 64n;
const utf8 = new TextEncoder();
// In a `u` regex a surrogate pair matches as one code point, so this only finds lone surrogates,
// which TextEncoder would silently replace with U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;

export class Writer {
  private buffer = new Uint8Array(256);
  private length = 0;

  /** Makes room for `extra` bytes and returns where they go. Call it before touching `this.buffer`:
   * it may replace the buffer. */
  private reserve(extra: number): number {
    const start = this.length;
    const needed = start + extra;
    if (needed > this.buffer.length) {
      let capacity = this.buffer.length * 2;
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.buffer.subarray(0, start));
      this.buffer = grown;
    }
    this.length = needed;
    return start;
  }

  private unsigned(value: number, max: number, typeName: string): void {
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new CodecError("invalidValue", `${typeName} out of range: ${value}`);
    }
  }

  uint8(value: number): void {
    this.unsigned(value, 0xff, "uint8");
    const at = this.reserve(1);
    this.buffer[at] = value;
  }

  uint16(value: number): void {
    this.unsigned(value, 0xffff, "uint16");
    const at = this.reserve(2);
    this.buffer[at] = value >>> 8;
    this.buffer[at + 1] = value & 0xff;
  }

  uint32(value: number): void {
    this.unsigned(value, 0xffffffff, "uint32");
    const at = this.reserve(4);
    new DataView(this.buffer.buffer, this.buffer.byteOffset).setUint32(at, value);
  }

  uint64(value: bigint): void {
    if (typeof value !== "bigint" || value < 0n || value >= UINT64_LIMIT) {
      throw new CodecError("invalidValue", `uint64 out of range: ${String(value)}`);
    }
    const at = this.reserve(8);
    new DataView(this.buffer.buffer, this.buffer.byteOffset).setBigUint64(at, value);
  }

  /** A varint on its own (RFC 9420 §2.1.2); normally used through `opaque` and `vector`. */
  varint(value: number): void {
    const size = varintSize(value);
    const at = this.reserve(size);
    writeVarint(this.buffer, at, value);
  }

  /** Bytes with no length prefix: a fixed-length `opaque x[n]`, or an already-encoded struct. */
  raw(bytes: Uint8Array): void {
    const at = this.reserve(bytes.length);
    this.buffer.set(bytes, at);
  }

  /** `opaque x[length]`: checks the length instead of silently padding or cutting. */
  fixedOpaque(bytes: Uint8Array, length: number): void {
    if (bytes.length !== length) {
      throw new CodecError("invalidValue", `fixed-length opaque needs ${length} bytes, got ${bytes.length}`);
    }
    this.raw(bytes);
  }

  /** `opaque x<V>`. */
  opaque(bytes: Uint8Array): void {
    if (bytes.length > MAX_VARINT) throw new CodecError("lengthOverflow", `opaque of ${bytes.length} bytes`);
    this.varint(bytes.length);
    this.raw(bytes);
  }

  /** A `string` / URI: `opaque<V>` holding UTF-8. */
  string(text: string): void {
    if (LONE_SURROGATE.test(text)) throw new CodecError("invalidValue", "string has a lone surrogate");
    this.opaque(utf8.encode(text));
  }

  /** `T list<V>`: the prefix counts bytes, not items. */
  vector<T>(items: readonly T[], writeItem: WriteFn<T>): void {
    this.lengthPrefixed((body) => {
      for (const item of items) writeItem(body, item);
    });
  }

  /** Whatever `writeBody` writes, behind a varint byte-length prefix. */
  lengthPrefixed(writeBody: (body: Writer) => void): void {
    const body = new Writer();
    writeBody(body);
    this.opaque(body.finish());
  }

  /** `optional<T>`: a presence byte 0/1, then the value if present. */
  optional<T>(value: T | undefined, writeValue: WriteFn<T>): void {
    if (value === undefined) {
      this.uint8(0);
    } else {
      this.uint8(1);
      writeValue(this, value);
    }
  }

  enum8<Name extends string>(e: Enumeration<Name>, name: Name): void {
    this.uint8(enumCode(e, name));
  }

  /** The bytes written so far (a copy; the writer can keep going). */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
