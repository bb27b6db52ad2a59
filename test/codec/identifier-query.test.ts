// IdentifierRequest and IdentifierResponse (draft-ietf-mimi-protocol §5.8): the expected bytes are
// written out from the draft's struct text and its code points (handle 1 … vcardField 8; success 0 …
// unsupportedField 4; FieldSource oidcStdClaim 7, vcardField 8), never taken from the encoder.
import { describe, expect, it } from "vitest";
import { decodeIdentifierRequest, encodeIdentifierRequest, type IdentifierRequest } from "../../impl/codec/identifier-query-request.js";
import { decodeIdentifierResponse, encodeIdentifierResponse, type IdentifierQueryCodeName, type IdentifierResponse } from "../../impl/codec/identifier-query-response.js";
import { addCounts, concat, expectCodecError, expectReencodingExercised, expectStandardRejections, NO_COUNTS, withByte } from "./helpers/codec-assertions.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const str = (s: string) => concat([utf8(s).length], utf8(s));
const vec = (...items: Uint8Array[]) => {
  const body = concat(...items);
  return concat([body.length], body);
};
const NO_EXTENSIONS = { componentData: [] };

describe("IdentifierRequest", () => {
  it("the draft's example queries: an exact handle; given_name AND family_name (OIDC claims)", () => {
    const handle: IdentifierRequest = { queryElements: [{ searchType: "handle", searchValue: "im:alice.smith@a.example" }], idRequestExtensions: NO_EXTENSIONS };
    expect(expectByteRoundTrip(handle, encodeIdentifierRequest, decodeIdentifierRequest).bytes).toEqual(concat(vec(concat([1], str("im:alice.smith@a.example"))), [0]));
    const names: IdentifierRequest = {
      queryElements: [
        { searchType: "oidcStdClaim", claimName: "given_name", searchValue: "Alice" },
        { searchType: "oidcStdClaim", claimName: "family_name", searchValue: "Smith" },
      ],
      idRequestExtensions: NO_EXTENSIONS,
    };
    const expected = concat(vec(concat([7], str("given_name"), str("Alice")), concat([7], str("family_name"), str("Smith"))), [0]);
    expect(expectByteRoundTrip(names, encodeIdentifierRequest, decodeIdentifierRequest).bytes).toEqual(expected);
  });

  it("every search type's code; a vCard property name only with vcardField", () => {
    const simple = ["handle", "nick", "email", "phone", "partialName", "wholeProfile"] as const;
    simple.forEach((searchType, i) => {
      const bytes = concat(vec(concat([i + 1], str("x"))), [0]);
      expect(decodeIdentifierRequest(bytes)).toEqual({ queryElements: [{ searchType, searchValue: "x" }], idRequestExtensions: NO_EXTENSIONS });
    });
    const org = concat(vec(concat([8], str("ORG"), str("Example Corp"))), [0]);
    expect(decodeIdentifierRequest(org).queryElements).toEqual([{ searchType: "vcardField", propertyName: "ORG", searchValue: "Example Corp" }]);
  });

  it("refuses reserved(0) and unknown search types, invalid UTF-8, and garbage", () => {
    const good = concat(vec(concat([2], str("alice.smith"))), [0]);
    expectCodecError(() => decodeIdentifierRequest(withByte(good, 1, 0)), "invalidValue");
    expectCodecError(() => decodeIdentifierRequest(withByte(good, 1, 9)), "invalidValue");
    expectCodecError(() => decodeIdentifierRequest(withByte(good, 3, 0xff)), "invalidValue");
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(good, decodeIdentifierRequest, encodeIdentifierRequest));
    seen = addCounts(seen, expectStandardRejections(concat(vec(concat([7], str("email"), str("a@b"))), [0]), decodeIdentifierRequest, encodeIdentifierRequest));
    expectReencodingExercised(seen);
  });
});

describe("IdentifierResponse", () => {
  it("a success with one URI and one profile field (vCard FN)", () => {
    const response: IdentifierResponse = {
      responseCode: "success",
      uri: ["mimi://b.example/u/xavier"],
      foundProfiles: [{ stableUri: "mimi://b.example/u/xavier", fields: [{ fieldSource: "vcardField", fieldName: "FN", fieldValue: utf8("Xavier") }] }],
      idResponseExtensions: NO_EXTENSIONS,
    };
    const expected = concat([0], vec(str("mimi://b.example/u/xavier")), vec(concat(str("mimi://b.example/u/xavier"), vec(concat([8], str("FN"), str("Xavier"))))), [0]);
    const { bytes, decoded } = expectByteRoundTrip(response, encodeIdentifierResponse, decodeIdentifierResponse);
    expect(bytes).toEqual(expected);
    expect(decoded).toEqual(response);
  });

  it("every response code's value; reserved(0) and unknown field sources are refused", () => {
    const codes: IdentifierQueryCodeName[] = ["success", "notFound", "ambiguous", "forbidden", "unsupportedField"];
    codes.forEach((responseCode, code) => expect(decodeIdentifierResponse(Uint8Array.of(code, 0, 0, 0)).responseCode).toBe(responseCode));
    expectCodecError(() => decodeIdentifierResponse(Uint8Array.of(5, 0, 0, 0)), "invalidValue");
    const withField = (source: number) => concat([0], [0], vec(concat(str("mimi://b.example/u/x"), vec(concat([source], str("n"), str("v"))))), [0]);
    expect(decodeIdentifierResponse(withField(7)).foundProfiles[0]!.fields[0]!.fieldSource).toBe("oidcStdClaim");
    for (const bad of [0, 1, 6, 9]) expectCodecError(() => decodeIdentifierResponse(withField(bad)), "invalidValue");
    const seen = expectStandardRejections(withField(8), decodeIdentifierResponse, encodeIdentifierResponse);
    expectReencodingExercised(seen);
  });
});
