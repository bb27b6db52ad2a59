import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFrank, encodeFrank } from "../../impl/codec/frank.js";
import { expectCodecError, expectStandardRejections, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { frankArb } from "./helpers/mimi-arbitraries.js";

describe("Frank", () => {
  it("round-trips", () => {
    fc.assert(fc.property(frankArb, (frank) => {
      expect(decodeFrank(encodeFrank(frank))).toEqual(frank);
    }), { seed: 9420, numRuns: 50 });
  });

  it("has a 32-byte server_frank with no length prefix", () => {
    const bytes = encodeFrank({ serverFrank: new Uint8Array(32).fill(7), frankingSignatureCiphersuite: 1, frankingIntegritySignature: Uint8Array.from([9]) });
    expect(bytes.length).toBe(32 + 2 + 2);
    expect(Array.from(bytes.subarray(32))).toEqual([0, 1, 1, 9]);
  });

  it("refuses a server_frank of another length", () => {
    expectCodecError(() => encodeFrank({ serverFrank: new Uint8Array(31), frankingSignatureCiphersuite: 1, frankingIntegritySignature: new Uint8Array(0) }), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(frankArb, (frank) => { seen = addCounts(seen, expectStandardRejections(encodeFrank(frank), decodeFrank, encodeFrank)); }), { seed: 9420, numRuns: 10 });
    expectReencodingExercised(seen);
  });
});
