import { encodeMlsMessage } from "ts-mls";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeSubmitMessageRequest, encodeSubmitMessageRequest, type SubmitMessageRequest } from "../../impl/codec/submit-message-request.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

let f: MlsFixtures;
let request: SubmitMessageRequest;
beforeAll(async () => {
  f = await mlsFixtures();
  request = { protocol: "mls10", appMessage: f.applicationMessage, sendingUri: "mimi://b.example/u/bob" };
});

describe("SubmitMessageRequest", () => {
  it("round-trips an application PrivateMessage", () => {
    const { decoded } = expectByteRoundTrip(request, encodeSubmitMessageRequest, decodeSubmitMessageRequest);
    expect(decoded.sendingUri).toBe(request.sendingUri);
    expect(decoded.appMessage).toEqual(f.applicationMessage);
  });

  it("is protocol, MLSMessage, then the sending URI", () => {
    const uri = new TextEncoder().encode(request.sendingUri);
    expect(encodeSubmitMessageRequest(request)).toEqual(concat([1], encodeMlsMessage(f.applicationMessage), [uri.length], uri));
  });

  it("returns MLS values that do not alias the input", () => {
    const bytes = encodeSubmitMessageRequest(request);
    const decoded = decodeSubmitMessageRequest(bytes);
    const copy = bytes.slice();
    bytes.fill(0);
    expect(encodeSubmitMessageRequest(decoded)).toEqual(copy);
  });

  it("rejects reserved or unknown protocols", () => {
    const bytes = encodeSubmitMessageRequest(request);
    for (const protocol of [0, 2, 255]) expectCodecError(() => decodeSubmitMessageRequest(withByte(bytes, 0, protocol)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeSubmitMessageRequest(request), decodeSubmitMessageRequest, encodeSubmitMessageRequest));
    expectReencodingExercised(seen);
  });
});
