// draft-ietf-mimi-content §6 (deterministic CBOR, data model, depth) and §9.1 (what receivers discard as
// malicious): one hand-written input per rejection reason, with the limit itself accepted where the
// draft states one. Every refusal is a ContentError with its reason. The planted defects show which
// check refuses what.
import { describe, expect, it } from "vitest";
import { ContentError, decodeMimiContent, encodeMimiContent, withContentFault, type ContentErrorReason } from "../../impl/content/index.js";
import {
  arr, bstr, cat, content, FALSE, fromHex, head, map, multi, nint, NULL, ROOM, SALT, SENDER, single, tstr, uint, URIS, type Bytes,
} from "./cbor-bytes.js";
import { readCbor } from "./edn-expectations.js";

function refusal(bytes: Bytes): ContentErrorReason | "accepted" {
  try {
    decodeMimiContent(bytes);
    return "accepted";
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    return e.reason;
  }
}

const withExtension = (key: Bytes, value: Bytes): Bytes =>
  content({ extensions: map([uint(1), tstr(SENDER)], [uint(2), tstr(ROOM)], [key, value]) });
const id = (first: number): Bytes => bstr([first, ...new Array(31).fill(7)]);
const nest = (levels: number): Bytes => (levels === 1 ? single() : multi(0, nest(levels - 1), single()));

describe("the hand-written baseline", () => {
  it("is the draft's Original, byte for byte, and is accepted", () => {
    const original = content({ body: arr(uint(1), tstr(""), uint(1), tstr("text/markdown;variant=GFM-MIMI"), bstr(new TextEncoder().encode("Hi everyone, we just shipped release 2.0. __Good  work__!"))) });
    expect(Buffer.from(original).equals(Buffer.from(readCbor("original")))).toBe(true);
    expect(refusal(content())).toBe("accepted");
  });
});

describe("deterministic encoding (§6.1, RFC 8949 §4.2.1)", () => {
  const cases: [string, Bytes, ContentErrorReason][] = [
    ["an integer in a longer form (disposition 1 as 0x18 0x01)", content({ body: arr(uint(1, 1), tstr(""), uint(1), tstr("t"), bstr([])) }), "nonShortestEncoding"],
    ["a length in a longer form (salt length as 0x58 0x10)", content({ salt: cat([0x58, 0x10], SALT) }), "nonShortestEncoding"],
    ["an array length in a longer form", cat([0x98, 0x07], content().subarray(1)), "nonShortestEncoding"],
    ["an indefinite-length byte string (topicId)", content({ topicId: fromHex("5f ff") }), "indefiniteLength"],
    ["an indefinite-length array (the container)", cat([0x9f], content().subarray(1), [0xff]), "indefiniteLength"],
    ["a repeated extension key", content({ extensions: map([uint(1), tstr(SENDER)], [uint(1), tstr(SENDER)]) }), "duplicateMapKey"],
    ["extension keys out of order (2 before 1)", content({ extensions: map([uint(2), tstr(ROOM)], [uint(1), tstr(SENDER)]) }), "unsortedMapKeys"],
    ["keys in RFC 7049 canonical order (-1 before 24), not bytewise", content({ extensions: map([nint(-1), uint(0)], [uint(24), uint(0)]) }), "unsortedMapKeys"],
    ["unsorted keys in a nested map", withExtension(uint(300), map([uint(2), uint(0)], [uint(1), uint(0)])), "unsortedMapKeys"],
    ["a float that fits half width, in 4 bytes (1.5)", withExtension(uint(300), fromHex("fa3fc00000")), "nonShortestFloat"],
    ["a float that fits half width, in 8 bytes (1.0)", withExtension(uint(300), fromHex("fb3ff0000000000000")), "nonShortestFloat"],
    ["a NaN with a payload (0xF97E01)", withExtension(uint(300), fromHex("f97e01")), "nonCanonicalNaN"],
    ["a single-width NaN (0xFA7FC00000)", withExtension(uint(300), fromHex("fa7fc00000")), "nonCanonicalNaN"],
    ["a negative NaN (0xF9FE00)", withExtension(uint(300), fromHex("f9fe00")), "nonCanonicalNaN"],
    ["a bignum that fits an integer (tag 2, h'01')", withExtension(uint(300), fromHex("c24101")), "nonShortestEncoding"],
  ];
  for (const [what, bytes, reason] of cases) it(`refuses ${what}: ${reason}`, () => expect(refusal(bytes)).toBe(reason));

  it("accepts floats in their shortest width, integral ones included (1.0 as 0xF93C00), the NaN 0xF97E00, and 100000.0 in 4 bytes", () => {
    for (const f of ["f93c00", "f97e00", "fa47c35000", "fb3fb999999999999a"]) {
      const bytes = withExtension(uint(300), fromHex(f));
      expect(refusal(bytes), f).toBe("accepted");
      expect(Buffer.from(encodeMimiContent(decodeMimiContent(bytes))).equals(Buffer.from(bytes)), f).toBe(true);
    }
  });

  it("planted skipFloatCheck: the non-shortest float and the odd NaNs are accepted", () => {
    withContentFault("skipFloatCheck", () => {
      expect(refusal(withExtension(uint(300), fromHex("fa3fc00000")))).toBe("accepted");
      expect(refusal(withExtension(uint(300), fromHex("f9fe00")))).toBe("accepted");
    });
  });

  it("planted lenientCborDecoding: the re-encode check still refuses long forms and unsorted keys in the content's own fields", () => {
    withContentFault("lenientCborDecoding", () => {
      expect(refusal(content({ salt: cat([0x58, 0x10], SALT) }))).toBe("nonDeterministicEncoding");
      expect(refusal(content({ extensions: map([uint(2), tstr(ROOM)], [uint(1), tstr(SENDER)]) }))).toBe("nonDeterministicEncoding");
      withContentFault("skipReencodeCheck", () => {
        expect(refusal(content({ salt: cat([0x58, 0x10], SALT) }))).toBe("accepted");
      });
    });
  });
});

describe("data model (§6.2, CDDL)", () => {
  const cases: [string, Bytes, ContentErrorReason][] = [
    ["invalid UTF-8 in a text string (language)", content({ body: arr(uint(1), cat([0x62, 0xc3, 0x28]), uint(0)) }), "invalidUtf8"],
    ["a 15-octet salt", content({ salt: bstr(SALT.subarray(1)) }), "invalidField"],
    ["a float where an integer belongs (disposition 1.0)", content({ body: arr(fromHex("f93c00"), tstr(""), uint(0)) }), "invalidField"],
    ["a container of 6 elements", arr(bstr(SALT), NULL, bstr([]), NULL, NULL, URIS), "invalidField"],
    ["a disposition above 255", content({ body: arr(uint(256), tstr(""), uint(0)) }), "invalidField"],
    ["a text senderUri that is a byte string", content({ extensions: map([uint(1), bstr([1])]) }), "invalidField"],
    ["an expiry time beyond uint32", content({ expires: arr(FALSE, uint(2 ** 32)) }), "invalidField"],
    ["an empty text extension key", withExtension(tstr(""), uint(0)), "invalidExtensionKey"],
    ["a 256-octet text extension key", withExtension(tstr("k".repeat(256)), uint(0)), "invalidExtensionKey"],
    ["an integer key of 2^53", withExtension(fromHex("1b0020000000000000"), uint(0)), "invalidExtensionKey"],
    ["an integer key of -2^53", withExtension(fromHex("3b001fffffffffffff"), uint(0)), "invalidExtensionKey"],
    ["a float extension key", content({ extensions: map([uint(1), tstr(SENDER)], [uint(2), tstr(ROOM)], [fromHex("f93e00"), uint(0)]) }), "invalidExtensionKey"],
    ["a boolean key in a nested map", withExtension(uint(300), map([FALSE, uint(0)])), "invalidExtensionKey"],
    ["a replaces of 31 octets", content({ replaces: bstr(new Array(31).fill(1)) }), "invalidField"],
    ["trailing bytes after the container", cat(content(), [0x00]), "malformedCbor"],
    ["a truncated container", content().subarray(0, 40), "malformedCbor"],
    ["100000 nested one-element arrays (a stack-depth attack)", cat(new Array(100000).fill(0x81), [0x01]), "malformedCbor"],
  ];
  for (const [what, bytes, reason] of cases) it(`refuses ${what}: ${reason}`, () => expect(refusal(bytes)).toBe(reason));

  it("accepts text keys of 1 and 255 octets, integer keys ±(2^53−1), and int/text/bytes keys in nested maps", () => {
    expect(refusal(withExtension(tstr("k"), uint(0)))).toBe("accepted");
    expect(refusal(withExtension(tstr("k".repeat(255)), uint(0)))).toBe("accepted");
    expect(refusal(withExtension(fromHex("1b001fffffffffffff"), uint(0)))).toBe("accepted");
    expect(refusal(withExtension(fromHex("3b001ffffffffffffe"), uint(0)))).toBe("accepted");
    expect(refusal(withExtension(uint(300), map([uint(1), uint(0)], [bstr([1]), uint(0)], [tstr("a"), uint(0)])))).toBe("accepted");
  });
});

describe("ExternalPart algorithms (§4.5)", () => {
  const external = (encAlg: number, key: number, nonce: number, hashAlg: number, hash: number): Bytes =>
    content({
      body: arr(uint(6), tstr(""), uint(2), tstr("video/mp4"), tstr("https://example.com/x"), uint(0), uint(1), uint(encAlg),
        bstr(new Array(key).fill(1)), bstr(new Array(nonce).fill(2)), bstr([]), uint(hashAlg), bstr(new Array(hash).fill(3)), tstr(""), tstr("")),
    });
  it("accepts AES-128-GCM with a 16-octet key and 12-octet nonce, SHA-256 with 32 octets, and no encryption with empty fields", () => {
    expect(refusal(external(1, 16, 12, 1, 32))).toBe("accepted");
    expect(refusal(external(0, 0, 0, 0, 0))).toBe("accepted");
  });
  for (const [what, bytes] of [
    ["AES-128-GCM with a 15-octet key", external(1, 15, 12, 1, 32)],
    ["AES-128-GCM with an 8-octet nonce", external(1, 16, 8, 1, 32)],
    ["no encryption with a key", external(0, 16, 0, 0, 0)],
    ["SHA-256 with a 20-octet hash", external(1, 16, 12, 1, 20)],
  ] as const) it(`refuses ${what}: invalidExternalPart`, () => expect(refusal(bytes)).toBe("invalidExternalPart"));
});

describe("what §9.1 calls malicious", () => {
  it("a topicId longer than 4096 octets: topicIdTooLong (4096 accepted)", () => {
    expect(refusal(content({ topicId: bstr(new Array(4096).fill(0x61)) }))).toBe("accepted");
    expect(refusal(content({ topicId: bstr(new Array(4097).fill(0x61)) }))).toBe("topicIdTooLong");
  });

  it("more than 1024 parts: tooManyParts (1024 accepted, the MultiPart counted)", () => {
    const parts = (n: number): Bytes => multi(2, ...new Array(n).fill(0).map(() => single("x")));
    expect(refusal(content({ body: parts(1023) }))).toBe("accepted");
    expect(refusal(content({ body: parts(1024) }))).toBe("tooManyParts");
  });

  it("NestedParts more than 4 levels deep: nestingTooDeep (4 accepted); planted skipDepthLimit accepts 5", () => {
    expect(refusal(content({ body: nest(4) }))).toBe("accepted");
    expect(refusal(content({ body: nest(5) }))).toBe("nestingTooDeep");
    withContentFault("skipDepthLimit", () => expect(refusal(content({ body: nest(5) }))).toBe("accepted"));
  });

  it("extension values more than 4 levels deep: nestingTooDeep (the draft's own 4-level example accepted)", () => {
    const draftExample = map(
      [uint(1), tstr(SENDER)], [uint(2), tstr(ROOM)],
      [uint(256), arr(arr(bstr([0x12, 0x34]), cat(head(6, 32), tstr("http://example.com"))), arr(bstr([0x34, 0x56]), uint(5771)))],
    );
    expect(refusal(content({ extensions: draftExample }))).toBe("accepted");
    expect(refusal(withExtension(uint(300), arr(arr(arr(uint(1))))))).toBe("accepted");
    expect(refusal(withExtension(uint(300), arr(arr(arr(arr(uint(1)))))))).toBe("nestingTooDeep");
    expect(refusal(withExtension(uint(300), arr(arr(cat(head(6, 32), arr(uint(1)))))))).toBe("nestingTooDeep");
    withContentFault("skipDepthLimit", () => expect(refusal(withExtension(uint(300), arr(arr(arr(arr(uint(1)))))))).toBe("accepted"));
  });

  it("an unknown partSemantics (3): unknownPartSemantics; an unknown cardinality (4): unknownCardinality", () => {
    expect(refusal(content({ body: multi(3, single(), single()) }))).toBe("unknownPartSemantics");
    expect(refusal(content({ body: arr(uint(1), tstr(""), uint(4)) }))).toBe("unknownCardinality");
  });

  it("a MultiPart of one part: tooFewParts", () => {
    expect(refusal(content({ body: multi(0, single()) }))).toBe("tooFewParts");
  });

  it("a message ID with an unknown hash algorithm in inReplyTo or replaces: unknownHashAlgorithm (0x01 accepted)", () => {
    expect(refusal(content({ inReplyTo: id(0x01) }))).toBe("accepted");
    expect(refusal(content({ inReplyTo: id(0x02) }))).toBe("unknownHashAlgorithm");
    expect(refusal(content({ replaces: id(0x00) }))).toBe("unknownHashAlgorithm");
  });

  it("legitimate, not refused: an unknown disposition (9 and 255), and unknown content type and language", () => {
    expect(refusal(content({ body: single("x", 9) }))).toBe("accepted");
    expect(refusal(content({ body: arr(uint(255), tstr("xx-unknown"), uint(1), tstr("application/x-unknown"), bstr([])) }))).toBe("accepted");
  });
});
