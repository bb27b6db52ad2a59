import { encodeExternalSender } from "ts-mls/externalSender.js";
import { encodeHpkeCiphertext } from "ts-mls/hpkeCiphertext.js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeGroupInfoResponse,
  encodeGroupInfoResponse,
  encodeGroupInfoResponseTbs,
  type GroupInfoResponse,
  type GroupInfoResponseSuccess,
} from "../../impl/codec/group-info-response.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";

let f: MlsFixtures;
let success: GroupInfoResponseSuccess;
const roomId = "mimi://hub.example/r/clubhouse";
beforeAll(async () => {
  f = await mlsFixtures();
  success = {
    version: "mls10",
    roomId,
    status: "success",
    cipherSuite: 1,
    hubSender: f.externalSender,
    encryptedGroupInfoAndTree: { kemOutput: new Uint8Array(32).fill(1), ciphertext: new Uint8Array(200).fill(2) },
    signature: new Uint8Array(64).fill(3),
  };
});

const room = new TextEncoder().encode(roomId);

describe("GroupInfoResponse", () => {
  it("round-trips success and both failures", () => {
    expect(decodeGroupInfoResponse(encodeGroupInfoResponse(success))).toEqual(success);
    for (const status of ["notAuthorized", "noSuchRoom"] as const) {
      const failure: GroupInfoResponse = { version: "mls10", roomId, status };
      const bytes = encodeGroupInfoResponse(failure);
      expect(bytes).toEqual(concat([1, room.length], room, [status === "notAuthorized" ? 2 : 3]));
      expect(decodeGroupInfoResponse(bytes)).toEqual(failure);
    }
  });

  it("has version, room_id, status, then the success fields and signature", () => {
    const tbs = concat([1, room.length], room, [1], [0, 1], encodeExternalSender(f.externalSender), encodeHpkeCiphertext(success.encryptedGroupInfoAndTree));
    expect(encodeGroupInfoResponseTbs(success)).toEqual(tbs);
    expect(encodeGroupInfoResponse(success)).toEqual(concat(tbs, [0x40, 64], success.signature));
  });

  it("rejects reserved(0) and unknown status codes", () => {
    const bytes = encodeGroupInfoResponse(success);
    for (const status of [0, 4, 255]) expectCodecError(() => decodeGroupInfoResponse(withByte(bytes, 1 + 1 + room.length, status)), "invalidValue");
  });

  it("rejects a failure that carries success fields", () => {
    const bytes = encodeGroupInfoResponse(success);
    expectCodecError(() => decodeGroupInfoResponse(withByte(bytes, 1 + 1 + room.length, 2)), "trailingBytes");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeGroupInfoResponse(success), decodeGroupInfoResponse, encodeGroupInfoResponse));
    seen = addCounts(seen, expectStandardRejections(encodeGroupInfoResponse({ version: "mls10", roomId, status: "noSuchRoom" }), decodeGroupInfoResponse, encodeGroupInfoResponse));
    expectReencodingExercised(seen);
  });
});
