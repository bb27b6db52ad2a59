import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAssetPolicyData, encodeAssetPolicyData, type AssetPolicyData, type DownloadPrivacy } from "../../impl/codec/asset-policy.js";
import { addCounts, concat, expectCodecError, expectOnlyCodecErrorsUnderMutation, expectEveryPrefixTruncated, expectReencodingExercised, expectTrailingByteRejected, NO_COUNTS } from "./helpers/codec-assertions.js";

const POLICY: AssetPolicyData = {
  uploadLocation: "localProvider",
  uploadDomains: [{ provider: "b.example", origin: "http://assets.b.example" }],
  allowedDownloadPrivacy: ["hubProxy"],
  forbiddenDownloadPrivacy: ["direct"],
  defaultDownloadPrivacy: "hubProxy",
  maxSize: 1024n,
  permittedMediaTypes: ["image/png"],
  forbiddenMediaTypes: [],
};

const PRIVACY: readonly DownloadPrivacy[] = ["direct", "hubProxy", "ohttp"];
const word = fc.stringMatching(/^[a-z0-9.]{1,8}$/);
/** Well-formed policies: lists are sets, the default is usable. */
const policy: fc.Arbitrary<AssetPolicyData> = fc
  .record({
    uploadLocation: fc.constantFrom("unspecified" as const, "localProvider" as const, "hub" as const),
    uploadDomains: fc.uniqueArray(fc.record({ provider: word, origin: word.map((w) => `https://${w}`) }), { selector: (d) => d.provider, maxLength: 3 }),
    privacy: fc.array(fc.constantFrom<"allowed" | "forbidden" | "neither">("allowed", "forbidden", "neither"), { minLength: 3, maxLength: 3 }),
    maxSize: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    permittedMediaTypes: fc.uniqueArray(word, { maxLength: 3 }),
    forbiddenMediaTypes: fc.uniqueArray(word, { maxLength: 3 }),
  })
  .map(({ privacy, ...rest }) => {
    const allowed = PRIVACY.filter((_, i) => privacy[i] === "allowed");
    const forbidden = PRIVACY.filter((_, i) => privacy[i] === "forbidden");
    const usable = allowed.length > 0 ? allowed : PRIVACY.filter((p) => !forbidden.includes(p));
    return { ...rest, allowedDownloadPrivacy: allowed, forbiddenDownloadPrivacy: forbidden, defaultDownloadPrivacy: usable[0] ?? "hubProxy", uploadDomains: [...rest.uploadDomains].sort((a, b) => (a.provider < b.provider ? -1 : 1)), permittedMediaTypes: [...rest.permittedMediaTypes].sort(), forbiddenMediaTypes: [...rest.forbiddenMediaTypes].sort() };
  })
  .filter((p) => !p.forbiddenDownloadPrivacy.includes(p.defaultDownloadPrivacy));

describe("AssetPolicyData (asset_policy, room-policy §6–§7)", () => {
  it("round-trips", () => {
    fc.assert(fc.property(policy, (data) => {
      expect(decodeAssetPolicyData(encodeAssetPolicyData(data))).toEqual(data);
    }), { seed: 44, numRuns: 200 });
  });

  it("has the field order of the documented struct", () => {
    const t = new TextEncoder();
    expect(Array.from(encodeAssetPolicyData(POLICY))).toEqual(Array.from(concat(
      [1], // upload_location localProvider
      [34, 9], t.encode("b.example"), [23], t.encode("http://assets.b.example"), // upload_domains
      [1, 1], // allowed: hubProxy
      [1, 0], // forbidden: direct
      [1], // default hubProxy
      [0, 0, 0, 0, 0, 0, 4, 0], // max_size 1024
      [10, 9], t.encode("image/png"), // permitted
      [0], // forbidden media types
    )));
  });

  it("writes sets in their one order, and refuses a duplicate", () => {
    const unsorted = { ...POLICY, uploadDomains: [{ provider: "c.example", origin: "http://c" }, { provider: "b.example", origin: "http://b" }] };
    expect(decodeAssetPolicyData(encodeAssetPolicyData(unsorted)).uploadDomains.map((d) => d.provider)).toEqual(["b.example", "c.example"]);
    expectCodecError(() => encodeAssetPolicyData({ ...POLICY, permittedMediaTypes: ["a", "a"] }), "invalidValue");
  });

  it("refuses bytes of another order, a duplicate, an unknown mode and an unusable default", () => {
    const t = new TextEncoder();
    const domains = concat([8], [1], t.encode("c"), [1], t.encode("x"), [1], t.encode("b"), [1], t.encode("y"));
    const tail = (allowed: number[], forbidden: number[], dflt: number) => concat([allowed.length], allowed, [forbidden.length], forbidden, [dflt], [0, 0, 0, 0, 0, 0, 0, 0], [0], [0]);
    expectCodecError(() => decodeAssetPolicyData(concat([1], domains, tail([], [], 1))), "invalidValue"); // c before b
    expectCodecError(() => decodeAssetPolicyData(concat([1], [0], tail([1, 1], [], 1))), "invalidValue"); // hubProxy twice
    expectCodecError(() => decodeAssetPolicyData(concat([1], [0], tail([2, 1], [], 1))), "invalidValue"); // descending
    expectCodecError(() => decodeAssetPolicyData(concat([3], [0], tail([], [], 1))), "invalidValue"); // UploadLocation 3
    expectCodecError(() => decodeAssetPolicyData(concat([1], [0], tail([], [], 3))), "invalidValue"); // DownloadPrivacy 3
    expectCodecError(() => decodeAssetPolicyData(concat([1], [0], tail([1], [1], 1))), "invalidValue"); // allowed and forbidden
    expectCodecError(() => decodeAssetPolicyData(concat([1], [0], tail([], [0], 0))), "invalidValue"); // default forbidden
    expectCodecError(() => decodeAssetPolicyData(concat([1], [0], tail([1], [], 2))), "invalidValue"); // default not allowed
    expect(decodeAssetPolicyData(concat([1], [0], tail([], [], 2))).defaultDownloadPrivacy).toBe("ohttp");
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors; what decodes re-encodes to the same bytes", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(policy, (data) => {
      const bytes = encodeAssetPolicyData(data);
      expectEveryPrefixTruncated(bytes, decodeAssetPolicyData);
      expectTrailingByteRejected(bytes, decodeAssetPolicyData);
      seen = addCounts(seen, expectOnlyCodecErrorsUnderMutation(bytes, decodeAssetPolicyData, encodeAssetPolicyData, 20));
    }), { seed: 44, numRuns: 30 });
    expectReencodingExercised(seen);
  });
});
