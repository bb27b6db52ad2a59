import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeKeyMaterialRequest,
  encodeKeyMaterialRequest,
  encodeKeyMaterialRequestTbs,
  type KeyMaterialRequest,
} from "../../impl/codec/key-material-request.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";

let f: MlsFixtures;
let request: KeyMaterialRequest;
beforeAll(async () => {
  f = await mlsFixtures();
  request = {
    protocol: "mls10",
    requestingUser: "mimi://a.example/u/alice",
    targetUser: "mimi://b.example/u/bob",
    roomId: "mimi://hub.example/r/clubhouse",
    acceptableCiphersuites: [1, 3],
    requiredCapabilities: f.requiredCapabilities,
    requesterSignatureKey: f.signaturePublicKey,
    requesterCredential: f.credential,
    keyMaterialRequestSignature: new Uint8Array(64).fill(5),
  };
});

describe("KeyMaterialRequest", () => {
  it("round-trips", () => {
    expect(decodeKeyMaterialRequest(encodeKeyMaterialRequest(request))).toEqual(request);
  });

  it("signs over the same fields without the signature", () => {
    const tbs = encodeKeyMaterialRequestTbs(request);
    expect(encodeKeyMaterialRequest(request)).toEqual(concat(tbs, [0x40, 64], request.keyMaterialRequestSignature));
    const { keyMaterialRequestSignature: _, ...withoutSignature } = request;
    expect(encodeKeyMaterialRequestTbs(withoutSignature)).toEqual(tbs);
  });

  it("carries cipher suites as uint16s, unknown ones included", () => {
    const unknownSuite = { ...request, acceptableCiphersuites: [0xfafa] };
    expect(decodeKeyMaterialRequest(encodeKeyMaterialRequest(unknownSuite)).acceptableCiphersuites).toEqual([0xfafa]);
  });

  it("rejects a bad protocol and a malformed credential", () => {
    const bytes = encodeKeyMaterialRequest(request);
    expectCodecError(() => decodeKeyMaterialRequest(withByte(bytes, 0, 0)), "invalidValue");
    // the credential ends the TBS: uint16 type basic(1), then the identity opaque<V>
    const identity = (request.requesterCredential as { identity: Uint8Array }).identity;
    const credentialAt = encodeKeyMaterialRequestTbs(request).length - (2 + 1 + identity.length);
    expect(Array.from(bytes.subarray(credentialAt, credentialAt + 2))).toEqual([0, 1]);
    for (const type of [0, 3, 9]) expectCodecError(() => decodeKeyMaterialRequest(withByte(bytes, credentialAt + 1, type)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeKeyMaterialRequest(request), decodeKeyMaterialRequest, encodeKeyMaterialRequest));
    expectReencodingExercised(seen);
  });
});
