import { encodeCredential } from "ts-mls/credential.js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeGroupInfoRequest,
  encodeGroupInfoRequest,
  encodeGroupInfoRequestTbs,
  type GroupInfoRequest,
} from "../../impl/codec/group-info-request.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";

let f: MlsFixtures;
let request: GroupInfoRequest;
beforeAll(async () => {
  f = await mlsFixtures();
  request = {
    protocol: "mls10",
    cipherSuite: 1,
    requestingSignatureKey: f.signaturePublicKey,
    requestingCredential: f.credential,
    groupInfoPublicKey: f.hpkePublicKey,
    joiningCode: new TextEncoder().encode("open-sesame"),
    signature: new Uint8Array(64).fill(3),
  };
});

const opaque = (b: Uint8Array) => concat(b.length < 64 ? [b.length] : [0x40 | (b.length >> 8), b.length & 0xff], b);

describe("GroupInfoRequest", () => {
  it("round-trips, with and without a joining code", () => {
    expect(decodeGroupInfoRequest(encodeGroupInfoRequest(request))).toEqual(request);
    const noCode = { ...request, joiningCode: new Uint8Array(0) };
    expect(decodeGroupInfoRequest(encodeGroupInfoRequest(noCode))).toEqual(noCode);
  });

  it("has the draft's field order", () => {
    expect(encodeGroupInfoRequest(request)).toEqual(concat(
      [1, 0, 1],
      opaque(request.requestingSignatureKey),
      encodeCredential(request.requestingCredential),
      opaque(request.groupInfoPublicKey),
      opaque(request.joiningCode),
      opaque(request.signature),
    ));
  });

  it("signs the TBS, where the joining code is optional (present iff non-empty)", () => {
    const head = concat([1, 0, 1], opaque(request.requestingSignatureKey), encodeCredential(request.requestingCredential), opaque(request.groupInfoPublicKey));
    expect(encodeGroupInfoRequestTbs(request)).toEqual(concat(head, [1], opaque(request.joiningCode)));
    expect(encodeGroupInfoRequestTbs({ ...request, joiningCode: new Uint8Array(0) })).toEqual(concat(head, [0]));
  });

  it("rejects a bad protocol", () => {
    expectCodecError(() => decodeGroupInfoRequest(withByte(encodeGroupInfoRequest(request), 0, 2)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeGroupInfoRequest(request), decodeGroupInfoRequest, encodeGroupInfoRequest));
    expectReencodingExercised(seen);
  });
});
