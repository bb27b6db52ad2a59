import { encodeGroupInfo } from "ts-mls/groupInfo.js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeGroupInfoRatchetTreeTbe,
  encodeGroupInfoRatchetTreeTbe,
  type GroupInfoRatchetTreeTbe,
} from "../../impl/codec/group-info-ratchet-tree-tbe.js";
import { encodeRatchetTreeOption } from "../../impl/codec/ratchet-tree-option.js";
import { concat, expectCodecError, expectStandardRejections, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

let f: MlsFixtures;
let tbe: GroupInfoRatchetTreeTbe;
beforeAll(async () => {
  f = await mlsFixtures();
  tbe = {
    groupInfo: f.groupInfo,
    ratchetTreeOption: { representation: "full", ratchetTree: f.ratchetTree },
    pendingProposals: [
      { proposal: f.proposal, hubAcceptedTime: 1_700_000_000_000n },
      { proposal: f.otherProposal, hubAcceptedTime: 1_700_000_000_500n },
    ],
  };
});

describe("GroupInfoRatchetTreeTBE", () => {
  it("round-trips with and without pending proposals", () => {
    const { decoded } = expectByteRoundTrip(tbe, encodeGroupInfoRatchetTreeTbe, decodeGroupInfoRatchetTreeTbe);
    expect(decoded.groupInfo).toEqual(f.groupInfo);
    expect(decoded.pendingProposals.map((p) => p.hubAcceptedTime)).toEqual([1_700_000_000_000n, 1_700_000_000_500n]);
    const none = { ...tbe, pendingProposals: [] };
    expect(decodeGroupInfoRatchetTreeTbe(encodeGroupInfoRatchetTreeTbe(none)).pendingProposals).toEqual([]);
  });

  it("is GroupInfo, RatchetTreeOption, then the pending proposals", () => {
    const none = { ...tbe, pendingProposals: [] };
    expect(encodeGroupInfoRatchetTreeTbe(none)).toEqual(concat(encodeGroupInfo(f.groupInfo), encodeRatchetTreeOption(tbe.ratchetTreeOption), [0]));
  });

  it("rejects a pending proposal without its timestamp", () => {
    const bytes = encodeGroupInfoRatchetTreeTbe({ ...tbe, pendingProposals: [] });
    const proposal = encodeGroupInfoRatchetTreeTbe({ ...tbe, pendingProposals: [tbe.pendingProposals[0]] }).subarray(bytes.length + 1, -8);
    const broken = concat(bytes.subarray(0, -1), [0x40 | (proposal.length >> 8), proposal.length & 0xff], proposal);
    expectCodecError(() => decodeGroupInfoRatchetTreeTbe(broken), "lengthOverflow");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeGroupInfoRatchetTreeTbe(tbe), decodeGroupInfoRatchetTreeTbe, encodeGroupInfoRatchetTreeTbe));
    expectReencodingExercised(seen);
  });
});

describe("GroupInfoRatchetTreeTBE header checks", () => {
  it("rejects a GroupInfo with another MLS version as invalidValue", async () => {
    const f = await mlsFixtures();
    const bytes = encodeGroupInfoRatchetTreeTbe({ groupInfo: f.groupInfo, ratchetTreeOption: { representation: "distributionService" }, pendingProposals: [] });
    const broken = bytes.slice();
    broken[1] = 2;
    expectCodecError(() => decodeGroupInfoRatchetTreeTbe(broken), "invalidValue");
  });
});
