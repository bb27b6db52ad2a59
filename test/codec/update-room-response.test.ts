import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUpdateRoomResponse, encodeUpdateRoomResponse, type UpdateRoomResponse } from "../../impl/codec/update-room-response.js";
import { concat, expectCodecError, expectStandardRejections, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { uint64 } from "./helpers/mimi-arbitraries.js";
import { text } from "./helpers/room-arbitraries.js";
const responseArb: fc.Arbitrary<UpdateRoomResponse> = fc.oneof(
  fc.record({ responseCode: fc.constant("success" as const), errorDescription: text, acceptedTimestamp: uint64 }),
  fc.record({ responseCode: fc.constant("wrongEpoch" as const), errorDescription: text, currentEpoch: uint64 }),
  fc.record({ responseCode: fc.constant("notAllowed" as const), errorDescription: text }),
  fc.record({
    responseCode: fc.constant("invalidProposal" as const),
    errorDescription: text,
    invalidProposals: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 3 }),
  }),
);

describe("UpdateRoomResponse", () => {
  it("round-trips every response code", () => {
    fc.assert(fc.property(responseArb, (response) => {
      expect(decodeUpdateRoomResponse(encodeUpdateRoomResponse(response))).toEqual(response);
    }), { seed: 9420 });
  });

  it("puts the code, then the description, then the select", () => {
    const bytes = encodeUpdateRoomResponse({ responseCode: "wrongEpoch", errorDescription: "e", currentEpoch: 5n });
    expect(Array.from(bytes)).toEqual([1, 1, 0x65, 0, 0, 0, 0, 0, 0, 0, 5]);
  });

  it("rejects unknown codes", () => {
    for (const code of [4, 255]) expectCodecError(() => decodeUpdateRoomResponse(Uint8Array.from([code, 0])), "invalidValue");
  });

  it("rejects a notAllowed with a body as trailing bytes", () => {
    expectCodecError(() => decodeUpdateRoomResponse(concat([2, 0], [0, 0, 0, 0, 0, 0, 0, 1])), "trailingBytes");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(responseArb, (response) => { seen = addCounts(seen, expectStandardRejections(encodeUpdateRoomResponse(response), decodeUpdateRoomResponse, encodeUpdateRoomResponse)); }), { seed: 9420, numRuns: 20 });
    expectReencodingExercised(seen);
  });
});
