import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeParticipantListData,
  decodeParticipantListUpdate,
  encodeParticipantListData,
  encodeParticipantListUpdate,
} from "../../impl/codec/participant-list.js";
import { concat, expectCodecError, expectOnlyCodecErrorsUnderMutation, expectEveryPrefixTruncated, expectTrailingByteRejected, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { participantListData, participantListUpdate } from "./helpers/room-arbitraries.js";

describe("ParticipantListData", () => {
  it("round-trips", () => {
    fc.assert(fc.property(participantListData, (data) => {
      expect(decodeParticipantListData(encodeParticipantListData(data))).toEqual(data);
    }), { seed: 9420 });
  });

  it("has the draft's layout", () => {
    const bytes = encodeParticipantListData({ participants: [{ user: "u", roleIndex: 4 }] });
    expect(Array.from(bytes)).toEqual([6, 1, 0x75, 0, 0, 0, 4]);
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(participantListData, (data) => {
      const bytes = encodeParticipantListData(data);
      expectEveryPrefixTruncated(bytes, decodeParticipantListData);
      expectTrailingByteRejected(bytes, decodeParticipantListData);
      seen = addCounts(seen, expectOnlyCodecErrorsUnderMutation(bytes, decodeParticipantListData, encodeParticipantListData, 10));
    }), { seed: 9420, numRuns: 30 });
    expectReencodingExercised(seen);
  });

  it("rejects a user name that overruns its entry, and invalid UTF-8", () => {
    // entry body of 3 bytes whose user claims 9 bytes
    expectCodecError(() => decodeParticipantListData(concat([3, 9, 0x75, 0], new Uint8Array(10))), "lengthOverflow");
    expectCodecError(() => decodeParticipantListData(Uint8Array.from([6, 1, 0xff, 0, 0, 0, 4])), "invalidValue");
  });
});

describe("ParticipantListUpdate", () => {
  it("round-trips", () => {
    fc.assert(fc.property(participantListUpdate, (update) => {
      expect(decodeParticipantListUpdate(encodeParticipantListUpdate(update))).toEqual(update);
    }), { seed: 9420 });
  });

  it("lists role changes, then removals, then additions", () => {
    const bytes = encodeParticipantListUpdate({
      changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }],
      removedIndices: [2],
      addedParticipants: [{ user: "v", roleIndex: 1 }],
    });
    expect(Array.from(bytes)).toEqual([8, 0, 0, 0, 1, 0, 0, 0, 3, 4, 0, 0, 0, 2, 6, 1, 0x76, 0, 0, 0, 1]);
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(participantListUpdate, (update) => {
      const bytes = encodeParticipantListUpdate(update);
      expectEveryPrefixTruncated(bytes, decodeParticipantListUpdate);
      expectTrailingByteRejected(bytes, decodeParticipantListUpdate);
      seen = addCounts(seen, expectOnlyCodecErrorsUnderMutation(bytes, decodeParticipantListUpdate, encodeParticipantListUpdate, 10));
    }), { seed: 9420, numRuns: 30 });
    expectReencodingExercised(seen);
  });

  it("rejects removedIndices that are not whole uint32s", () => {
    expectCodecError(() => decodeParticipantListUpdate(Uint8Array.from([0, 3, 0, 0, 1, 0])), "lengthOverflow");
  });

  it("refuses to encode indices outside uint32", () => {
    expectCodecError(
      () => encodeParticipantListUpdate({ changedRoleParticipants: [], removedIndices: [-1], addedParticipants: [] }),
      "invalidValue",
    );
  });
});
