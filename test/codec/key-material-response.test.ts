import { encodeKeyPackage } from "ts-mls/keyPackage.js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeKeyMaterialResponse,
  encodeKeyMaterialResponse,
  type KeyMaterialResponse,
  type KeyMaterialUserCodeName,
} from "../../impl/codec/key-material-response.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

let f: MlsFixtures;
let response: KeyMaterialResponse;
beforeAll(async () => {
  f = await mlsFixtures();
  response = {
    protocol: "mls10",
    userStatus: "partialSuccess",
    userUri: "mimi://b.example/u/bob",
    clients: [
      { clientStatus: "success", clientUri: "mimi://b.example/d/bob/laptop", keyPackage: f.keyPackage },
      { clientStatus: "keyMaterialExhausted", clientUri: "mimi://b.example/d/bob/phone" },
      { clientStatus: "nothingCompatible", clientUri: "mimi://b.example/d/bob/tablet", clientCapabilities: f.capabilities },
      { clientStatus: "nothingCompatible", clientUri: "mimi://b.example/d/bob/watch", clientCapabilities: undefined },
    ],
  };
});

describe("KeyMaterialResponse", () => {
  it("round-trips every client status", () => {
    const { decoded } = expectByteRoundTrip(response, encodeKeyMaterialResponse, decodeKeyMaterialResponse);
    expect(decoded).toEqual(response);
  });

  it("round-trips every user status with no clients", () => {
    const codes: KeyMaterialUserCodeName[] = ["success", "partialSuccess", "incompatibleProtocol", "noCompatibleMaterial", "userUnknown", "noConsent", "noConsentForThisRoom", "userDeleted"];
    codes.forEach((userStatus, code) => {
      const bytes = encodeKeyMaterialResponse({ ...response, userStatus, clients: [] });
      expect(bytes[1]).toBe(code);
      expect(decodeKeyMaterialResponse(bytes).userStatus).toBe(userStatus);
    });
  });

  it("embeds the KeyPackage as RFC 9420 encodes it", () => {
    const one: KeyMaterialResponse = { ...response, clients: [response.clients[0]] };
    const uri = new TextEncoder().encode(response.clients[0].clientUri);
    const client = concat([0, uri.length], uri, encodeKeyPackage(f.keyPackage));
    expect(encodeKeyMaterialResponse(one).subarray(-client.length)).toEqual(client);
  });

  it("rejects unknown user and client codes and bad capability flags", () => {
    const empty = encodeKeyMaterialResponse({ ...response, clients: [] });
    expectCodecError(() => decodeKeyMaterialResponse(withByte(empty, 1, 8)), "invalidValue");
    const exhausted = encodeKeyMaterialResponse({ ...response, clients: [response.clients[1]] });
    const clientAt = exhausted.length - (2 + response.clients[1].clientUri.length);
    expect(exhausted[clientAt]).toBe(1);
    expectCodecError(() => decodeKeyMaterialResponse(withByte(exhausted, clientAt, 3)), "invalidValue");
    const noCaps = encodeKeyMaterialResponse({ ...response, clients: [response.clients[3]] });
    expectCodecError(() => decodeKeyMaterialResponse(withByte(noCaps, noCaps.length - 1, 2)), "invalidValue");
  });

  it("rejects a malformed KeyPackage inside the clients vector as invalidValue", () => {
    const good = encodeKeyMaterialResponse({ ...response, clients: [response.clients[0]] });
    const kpLength = encodeKeyPackage(f.keyPackage).length;
    const versionAt = good.length - kpLength;
    expectCodecError(() => decodeKeyMaterialResponse(withByte(good, versionAt + 1, 7)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeKeyMaterialResponse(response), decodeKeyMaterialResponse, encodeKeyMaterialResponse));
    expectReencodingExercised(seen);
  });
});
