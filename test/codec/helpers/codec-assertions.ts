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

/** What a mutation run saw: how many mutated inputs differed from the original, and how many of those decoded. */
export interface MutationCounts {
  changed: number;
  decoded: number;
}

/** Adds up mutation counts across several runs. */
export function addCounts(total: MutationCounts, more: MutationCounts): MutationCounts {
  return { changed: total.changed + more.changed, decoded: total.decoded + more.decoded };
}

export const NO_COUNTS: MutationCounts = { changed: 0, decoded: 0 };

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Random byte changes to a valid encoding: the decoder either throws a CodecError (nothing else), or
 * succeeds with a value that re-encodes to exactly the mutated input (one value, one encoding).
 * Fixed seed; returns how many mutated inputs differed from the original and how many of those
 * decoded, so callers can put a floor on the cases the re-encoding check actually ran on.
 */
export function expectOnlyCodecErrorsUnderMutation<T>(
  bytes: Uint8Array,
  decode: (bytes: Uint8Array) => T,
  encode: (value: T) => Uint8Array,
  numRuns = 200,
): MutationCounts {
  const counts = { changed: 0, decoded: 0 };
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      (edits) => {
        const mutated = bytes.slice();
        for (const [index, value] of edits) mutated[index] = value;
        const changed = !sameBytes(mutated, bytes);
        let value: T;
        try {
          value = decode(mutated);
        } catch (error) {
          if (!(error instanceof CodecError)) throw error;
          if (changed) counts.changed++;
          return;
        }
        expect(sameBytes(encode(value), mutated), "a successful decode re-encodes to the input").toBe(true);
        if (changed) {
          counts.changed++;
          counts.decoded++;
        }
      },
    ),
    { numRuns, seed: 9420 },
  );
  return counts;
}

/**
 * The floor on the cases the re-encoding check ran on: at least 20 mutated inputs decoded, and at least
 * one in ten of those that differed from the original. Mutations that are all rejected would make the
 * check vacuous. (Seen at the fixed seeds: 15–90% decode, depending on how much of a struct is opaque bytes.)
 */
export function expectReencodingExercised(counts: MutationCounts): void {
  expect(counts.decoded, `mutated inputs that decoded (of ${counts.changed})`).toBeGreaterThanOrEqual(20);
  expect(counts.decoded * 10, `mutated inputs that decoded (of ${counts.changed})`).toBeGreaterThanOrEqual(counts.changed);
}

/** Standard rejection checks for one valid encoding; returns the mutation counts. */
export function expectStandardRejections<T>(bytes: Uint8Array, decode: (bytes: Uint8Array) => T, encode: (value: T) => Uint8Array): MutationCounts {
  expectEveryPrefixTruncated(bytes, decode);
  expectTrailingByteRejected(bytes, decode);
  return expectOnlyCodecErrorsUnderMutation(bytes, decode, encode);
}
