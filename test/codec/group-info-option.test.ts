import { beforeAll, describe, expect, it } from "vitest";
import { decodeGroupInfoOption, encodeGroupInfoOption, type GroupInfoOption } from "../../impl/codec/group-info-option.js";
import { expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

let f: MlsFixtures;
beforeAll(async () => {
  f = await mlsFixtures();
});

const partial: GroupInfoOption = {
  representation: "partial",
  partialGroupInfo: {
    ratchetTreePresence: "no_ratchet_tree",
    groupInfoExtensions: [{ extensionType: 0x0a0a, extensionData: Uint8Array.from([1, 2]) }],
    signature: Uint8Array.from([9, 9]),
  },
};

describe("GroupInfoOption", () => {
  it("round-trips a full GroupInfo", () => {
    const { decoded } = expectByteRoundTrip<GroupInfoOption>({ representation: "full", groupInfo: f.groupInfo }, encodeGroupInfoOption, decodeGroupInfoOption);
    expect(decoded).toEqual({ representation: "full", groupInfo: f.groupInfo });
  });

  it("round-trips a PartialGroupInfo", () => {
    expect(decodeGroupInfoOption(encodeGroupInfoOption(partial))).toEqual(partial);
    expect(Array.from(encodeGroupInfoOption(partial))).toEqual([2, 0, 5, 0x0a, 0x0a, 2, 1, 2, 2, 9, 9]);
  });

  it("rejects reserved(0) and unknown representations, and unknown tree presence", () => {
    for (const tag of [0, 3, 255]) expectCodecError(() => decodeGroupInfoOption(Uint8Array.from([tag])), "invalidValue");
    expectCodecError(() => decodeGroupInfoOption(withByte(encodeGroupInfoOption(partial), 1, 4)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeGroupInfoOption({ representation: "full", groupInfo: f.groupInfo }), decodeGroupInfoOption, encodeGroupInfoOption));
    seen = addCounts(seen, expectStandardRejections(encodeGroupInfoOption(partial), decodeGroupInfoOption, encodeGroupInfoOption));
    expectReencodingExercised(seen);
  });
});
