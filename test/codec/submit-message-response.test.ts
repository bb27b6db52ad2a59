import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSubmitMessageResponse, encodeSubmitMessageResponse, type SubmitMessageResponse } from "../../impl/codec/submit-message-response.js";
import { expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { frankArb, uint64 } from "./helpers/mimi-arbitraries.js";
const responseArb: fc.Arbitrary<SubmitMessageResponse> = fc.oneof(
  fc.record({ protocol: fc.constant("mls10" as const), statusCode: fc.constant("accepted" as const), acceptedTimestamp: uint64, frank: fc.option(frankArb, { nil: undefined }) }),
  fc.record({ protocol: fc.constant("mls10" as const), statusCode: fc.constant("notAllowed" as const) }),
  fc.record({ protocol: fc.constant("mls10" as const), statusCode: fc.constant("epochTooOld" as const), currentEpoch: uint64 }),
);

describe("SubmitMessageResponse", () => {
  it("round-trips every status", () => {
    fc.assert(fc.property(responseArb, (response) => {
      expect(decodeSubmitMessageResponse(encodeSubmitMessageResponse(response))).toEqual(response);
    }), { seed: 9420 });
  });

  it("has protocol, status, timestamp, then the optional frank", () => {
    const bytes = encodeSubmitMessageResponse({ protocol: "mls10", statusCode: "accepted", acceptedTimestamp: 258n, frank: undefined });
    expect(Array.from(bytes)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0]);
  });

  it("rejects bad protocol, status and optional tags", () => {
    const accepted = encodeSubmitMessageResponse({ protocol: "mls10", statusCode: "accepted", acceptedTimestamp: 1n, frank: undefined });
    for (const protocol of [0, 2]) expectCodecError(() => decodeSubmitMessageResponse(withByte(accepted, 0, protocol)), "invalidValue");
    expectCodecError(() => decodeSubmitMessageResponse(withByte(accepted, 1, 3)), "invalidValue");
    expectCodecError(() => decodeSubmitMessageResponse(withByte(accepted, 10, 2)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(responseArb, (response) => { seen = addCounts(seen, expectStandardRejections(encodeSubmitMessageResponse(response), decodeSubmitMessageResponse, encodeSubmitMessageResponse)); }), { seed: 9420, numRuns: 20 });
    expectReencodingExercised(seen);
  });
});
