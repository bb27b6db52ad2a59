// room_metadata (protocol §7.6): field order from the draft's struct, round trips, canonical bytes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRoomMetaData, encodeRoomMetaData, type RoomMetaData } from "../../impl/codec/room-metadata.js";
import { addCounts, expectReencodingExercised, expectStandardRejections, NO_COUNTS } from "./helpers/codec-assertions.js";
// ASCII text: random byte edits then break UTF-8 less often, so more mutated inputs decode and re-encode.
const text = fc.string({ maxLength: 12 });

const metadataArb: fc.Arbitrary<RoomMetaData> = fc.record({
  roomUri: text,
  roomName: text,
  roomDescriptions: fc.array(fc.record({ mediaType: text, languageTag: text, descriptionContent: fc.uint8Array({ maxLength: 8 }) }), { maxLength: 2 }),
  roomAvatar: text,
  roomSubject: text,
  roomMood: text,
});

describe("RoomMetaData", () => {
  it("has the draft's field order", () => {
    const m: RoomMetaData = {
      roomUri: "r",
      roomName: "N",
      roomDescriptions: [{ mediaType: "", languageTag: "en", descriptionContent: new Uint8Array([0x64]) }],
      roomAvatar: "",
      roomSubject: "s",
      roomMood: "",
    };
    expect(Array.from(encodeRoomMetaData(m))).toEqual([
      1, 0x72, // room_uri
      1, 0x4e, // room_name
      6, 0, 2, 0x65, 0x6e, 1, 0x64, // room_descriptions: one RichDescription (empty media_type = text/plain)
      0, // room_avatar
      1, 0x73, // room_subject
      0, // room_mood
    ]);
  });

  it("round-trips", () => {
    fc.assert(fc.property(metadataArb, (m) => {
      expect(decodeRoomMetaData(encodeRoomMetaData(m))).toEqual(m);
    }), { seed: 9420, numRuns: 200 });
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(metadataArb, (m) => {
      seen = addCounts(seen, expectStandardRejections(encodeRoomMetaData(m), decodeRoomMetaData, encodeRoomMetaData));
    }), { seed: 9420, numRuns: 15 });
    expectReencodingExercised(seen);
  });
});
