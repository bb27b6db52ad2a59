import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAppDataUpdate, encodeAppDataUpdate } from "../../impl/codec/app-data-update.js";
import { expectCodecError, expectOnlyCodecErrorsUnderMutation, expectEveryPrefixTruncated, expectTrailingByteRejected, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { appDataUpdate } from "./helpers/room-arbitraries.js";

describe("AppDataUpdate", () => {
  it("round-trips", () => {
    fc.assert(fc.property(appDataUpdate, (update) => {
      expect(decodeAppDataUpdate(encodeAppDataUpdate(update))).toEqual(update);
    }), { seed: 9420 });
  });

  it("has the extension draft's layout", () => {
    expect(Array.from(encodeAppDataUpdate({ componentId: 0x22, op: "update", update: Uint8Array.from([7, 8]) }))).toEqual([0, 0x22, 1, 2, 7, 8]);
    expect(Array.from(encodeAppDataUpdate({ componentId: 0x23, op: "remove" }))).toEqual([0, 0x23, 2]);
  });

  it("rejects the invalid(0) and unknown operations", () => {
    for (const op of [0, 3, 255]) expectCodecError(() => decodeAppDataUpdate(Uint8Array.from([0, 0x22, op])), "invalidValue");
  });

  it("rejects a remove that carries data", () => {
    expectCodecError(() => decodeAppDataUpdate(Uint8Array.from([0, 0x22, 2, 0])), "trailingBytes");
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(appDataUpdate, (update) => {
      const bytes = encodeAppDataUpdate(update);
      expectEveryPrefixTruncated(bytes, decodeAppDataUpdate);
      expectTrailingByteRejected(bytes, decodeAppDataUpdate);
      seen = addCounts(seen, expectOnlyCodecErrorsUnderMutation(bytes, decodeAppDataUpdate, encodeAppDataUpdate, 10));
    }), { seed: 9420, numRuns: 30 });
    expectReencodingExercised(seen);
  });
});
