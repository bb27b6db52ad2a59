import { beforeAll, describe, expect, it } from "vitest";
import { decodeRatchetTreeOption, encodeRatchetTreeOption, type RatchetTreeOption } from "../../impl/codec/ratchet-tree-option.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

let f: MlsFixtures;
beforeAll(async () => {
  f = await mlsFixtures();
});

describe("RatchetTreeOption", () => {
  it("round-trips a full ratchet tree from a real group", () => {
    const { decoded } = expectByteRoundTrip<RatchetTreeOption>({ representation: "full", ratchetTree: f.ratchetTree }, encodeRatchetTreeOption, decodeRatchetTreeOption);
    expect(decoded.representation).toBe("full");
    if (decoded.representation === "full") expect(decoded.ratchetTree).toEqual(f.ratchetTree);
  });

  it("round-trips the other representations", () => {
    const options: RatchetTreeOption[] = [
      { representation: "httpsUri", ratchetTreeUrl: "https://hub.example/tree/1", treeSignature: Uint8Array.from([1, 2]) },
      { representation: "outOfBand", treeSignature: Uint8Array.from([3]) },
      { representation: "distributionService" },
    ];
    for (const option of options) expect(decodeRatchetTreeOption(encodeRatchetTreeOption(option))).toEqual(option);
    expect(Array.from(encodeRatchetTreeOption({ representation: "distributionService" }))).toEqual([4]);
  });

  it("rejects reserved(0) and unknown representations", () => {
    for (const tag of [0, 5, 255]) expectCodecError(() => decodeRatchetTreeOption(Uint8Array.from([tag])), "invalidValue");
  });

  it("rejects a malformed tree inside a complete length prefix as invalidValue", () => {
    expectCodecError(() => decodeRatchetTreeOption(Uint8Array.from([1, 2, 1, 9])), "invalidValue");
    expectCodecError(() => decodeRatchetTreeOption(Uint8Array.from([1, 1, 7])), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeRatchetTreeOption({ representation: "full", ratchetTree: f.ratchetTree }), decodeRatchetTreeOption, encodeRatchetTreeOption));
    seen = addCounts(seen, expectStandardRejections(encodeRatchetTreeOption({ representation: "httpsUri", ratchetTreeUrl: "https://x", treeSignature: Uint8Array.from([1]) }), decodeRatchetTreeOption, encodeRatchetTreeOption));
    expectReencodingExercised(seen);
  });

  it("reports an over-long tree length as truncated", () => {
    const bytes = encodeRatchetTreeOption({ representation: "full", ratchetTree: f.ratchetTree });
    const longer = withByte(bytes, 2, bytes[2] + 1); // the tree's 2-byte length prefix, low byte
    expect(bytes[1] >> 6).toBe(1);
    expectCodecError(() => decodeRatchetTreeOption(longer), "truncated");
    expectCodecError(() => decodeRatchetTreeOption(concat(longer, [0])), "invalidValue");
  });
});
