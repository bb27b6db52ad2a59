// Top-level entry points. Convention for the whole codec: every `decodeX(bytes)` either returns the
// value or throws a CodecError (nothing else); `tryDecode` turns that into a result for callers that
// prefer not to catch.

import { CodecError } from "./codec-error.js";
import { Reader, type ReadFn } from "./reader.js";
import { Writer, type WriteFn } from "./writer.js";

export function encodeWith<T>(writeValue: WriteFn<T>, value: T): Uint8Array {
  const w = new Writer();
  writeValue(w, value);
  return w.finish();
}

/** Decodes one value that must fill `bytes` exactly; leftover bytes are `trailingBytes`. */
export function decodeExact<T>(bytes: Uint8Array, readValue: ReadFn<T>, what = "value"): T {
  const r = new Reader(bytes);
  const value = readValue(r);
  r.expectEnd(what);
  return value;
}

/** Decodes values one after another until the input is used up (e.g. the /notify body). */
export function decodeSequence<T>(bytes: Uint8Array, readValue: ReadFn<T>): T[] {
  const r = new Reader(bytes);
  const values: T[] = [];
  while (!r.atEnd) values.push(readValue(r));
  return values;
}

export function encodeSequence<T>(writeValue: WriteFn<T>, values: readonly T[]): Uint8Array {
  const w = new Writer();
  for (const value of values) writeValue(w, value);
  return w.finish();
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: CodecError };

/** Runs a `decodeX` and returns a result instead of throwing; only CodecErrors are caught. */
export function tryDecode<T>(decode: (bytes: Uint8Array) => T, bytes: Uint8Array): DecodeResult<T> {
  try {
    return { ok: true, value: decode(bytes) };
  } catch (error) {
    if (error instanceof CodecError) return { ok: false, error };
    throw error;
  }
}
