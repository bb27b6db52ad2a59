// Shared checks for codec tests: every failure must be a CodecError with the expected code.

import fc from "fast-check";
import { expect } from "vitest";
import { CodecError, type CodecErrorCode } from "../../../impl/codec/codec-error.js";

export function codecErrorOf(run: () => unknown): CodecError {
  try {
    run();
  } catch (error) {
    if (error instanceof CodecError) return error;
    throw new Error(`expected a CodecError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected a CodecError, but nothing was thrown");
}

export function expectCodecError(run: () => unknown, code: CodecErrorCode): void {
  expect(codecErrorOf(run).code).toBe(code);
}

/** Every strict prefix of a valid encoding, the empty one included, is `truncated`. */
export function expectEveryPrefixTruncated(bytes: Uint8Array, decode: (bytes: Uint8Array) => unknown): void {
  const wrong: string[] = [];
  for (let length = 0; length < bytes.length; length++) {
    const code = codecErrorOf(() => decode(bytes.subarray(0, length))).code;
    if (code !== "truncated") wrong.push(`${length}: ${code}`);
  }
  expect(wrong).toEqual([]);
}

export function expectTrailingByteRejected(bytes: Uint8Array, decode: (bytes: Uint8Array) => unknown): void {
  const longer = new Uint8Array(bytes.length + 1);
  longer.set(bytes);
  expectCodecError(() => decode(longer), "trailingBytes");
}

export function withByte(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = value;
  return copy;
}

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Random byte changes to a valid encoding: the decoder may succeed or throw a CodecError, nothing else. */
export function expectOnlyCodecErrorsUnderMutation(
  bytes: Uint8Array,
  decode: (bytes: Uint8Array) => unknown,
  numRuns = 200,
): void {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      (edits) => {
        const mutated = bytes.slice();
        for (const [index, value] of edits) mutated[index] = value;
        try {
          decode(mutated);
        } catch (error) {
          if (!(error instanceof CodecError)) throw error;
        }
      },
    ),
    { numRuns },
  );
}

/** Standard rejection checks for one valid encoding. */
export function expectStandardRejections(bytes: Uint8Array, decode: (bytes: Uint8Array) => unknown): void {
  expectEveryPrefixTruncated(bytes, decode);
  expectTrailingByteRejected(bytes, decode);
  expectOnlyCodecErrorsUnderMutation(bytes, decode);
}
