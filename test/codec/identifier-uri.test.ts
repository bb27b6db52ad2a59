import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeIdentifierUri, encodeIdentifierUri } from "../../impl/codec/identifier-uri.js";
import { expectCodecError, expectStandardRejections, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { text } from "./helpers/room-arbitraries.js";

describe("IdentifierUri", () => {
  it("round-trips any text", () => {
    fc.assert(fc.property(text, (uri) => {
      expect(decodeIdentifierUri(encodeIdentifierUri(uri))).toBe(uri);
    }), { seed: 9420 });
  });

  it("is a UTF-8 opaque<V>", () => {
    expect(Array.from(encodeIdentifierUri("mimi://a"))).toEqual([8, ...new TextEncoder().encode("mimi://a")]);
  });

  it("rejects truncation, trailing bytes, garbage and invalid UTF-8", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeIdentifierUri("mimi://a.example/u/alice"), decodeIdentifierUri, encodeIdentifierUri));
    expectCodecError(() => decodeIdentifierUri(Uint8Array.from([2, 0xc3, 0x28])), "invalidValue");
    expectReencodingExercised(seen);
  });
});
