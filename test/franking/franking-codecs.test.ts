// The franking structs on the wire, bytes written from the drafts' definitions (protocol §5.4.1, §5.9):
// AbuseReport, the message SafeAAD (frank_aad), FrankingAgentData, the ServerFrankingContext and
// FrankingIntegrityTBS, and the two HMACs recomputed with node:crypto.
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAbuseReport, encodeAbuseReport, type AbuseReport } from "../../impl/codec/abuse-report.js";
import { encodeFrankingIntegrityTbs, encodeServerFrankingContext, frankingTag, serverFrank } from "../../impl/franking/frank.js";
import { decodeFrankingAgentData, encodeFrankingAgentData } from "../../impl/franking/franking-agent.js";
import { decodeMessageAad, encodeMessageAad, senderClaimOf } from "../../impl/franking/message-aad.js";
import { expectStandardRejections, addCounts, expectReencodingExercised, NO_COUNTS } from "../codec/helpers/codec-assertions.js";
import { frankArb } from "../codec/helpers/mimi-arbitraries.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const hmac = (key: Uint8Array, data: Uint8Array) => new Uint8Array(createHmac("sha256", key).update(data).digest());

const reportArb: fc.Arbitrary<AbuseReport> = fc.record({
  reportingUser: fc.constantFrom("mimi://b.example/u/bob", "mimi://c.example/u/cathy"),
  allegedAbuserUri: fc.constantFrom("mimi://a.example/u/alice", "x"),
  reasonCode: fc.integer({ min: 0, max: 255 }),
  note: fc.uint8Array({ maxLength: 70 }),
  messages: fc.array(fc.record({ messageContent: fc.uint8Array({ maxLength: 80 }), frank: frankArb, acceptedTimestamp: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }), { maxLength: 3 }),
  abuseExtensions: fc.constant({ componentData: [] }),
});

describe("AbuseReport (§5.9)", () => {
  it("round-trips", () => {
    fc.assert(fc.property(reportArb, (r) => {
      expect(decodeAbuseReport(encodeAbuseReport(r))).toEqual(r);
    }), { seed: 5, numRuns: 50 });
  });

  it("lays out reportingUser, allegedAbuserUri, reasonCode, note, messages and abuse_extensions in order", () => {
    const frank = { serverFrank: new Uint8Array(32).fill(0xaa), frankingSignatureCiphersuite: 1, frankingIntegritySignature: Uint8Array.from([7, 8]) };
    const bytes = encodeAbuseReport({ reportingUser: "b", allegedAbuserUri: "a", reasonCode: 0, note: utf8("n"), messages: [{ messageContent: Uint8Array.from([1, 2]), frank, acceptedTimestamp: 5n }], abuseExtensions: { componentData: [] } });
    const message = [2, 1, 2, ...new Array(32).fill(0xaa), 0, 1, 2, 7, 8, 0, 0, 0, 0, 0, 0, 0, 5];
    expect([...bytes]).toEqual([1, 0x62, 1, 0x61, 0, 1, 0x6e, message.length, ...message, 0]);
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(reportArb, (r) => { seen = addCounts(seen, expectStandardRejections(encodeAbuseReport(r), decodeAbuseReport, encodeAbuseReport)); }), { seed: 5, numRuns: 10 });
    expectReencodingExercised(seen);
  });
});

describe("the message SafeAAD", () => {
  it("is frank_aad (0x0020) with its 32-octet tag, then the sender claim (0xF001), sorted by component id", () => {
    const tag = new Uint8Array(32).fill(3);
    const bytes = encodeMessageAad({ senderClaim: "u", frankingTag: tag });
    expect([...bytes]).toEqual([2 + 1 + 32 + 2 + 1 + 1, 0x00, 0x20, 32, ...tag, 0xf0, 0x01, 1, 0x75]);
    expect(decodeMessageAad(bytes)).toEqual({ senderClaim: "u", frankingTag: tag });
  });

  it("refuses unsorted items, a tag of another length, invalid UTF-8 and the bare claim of old", () => {
    const tag = new Uint8Array(32).fill(3);
    const unsorted = Uint8Array.from([2 + 1 + 1 + 2 + 1 + 32, 0xf0, 0x01, 1, 0x75, 0x00, 0x20, 32, ...tag]);
    expect(decodeMessageAad(unsorted)).toBeUndefined();
    expect(decodeMessageAad(Uint8Array.from([4, 0x00, 0x20, 1, 9]))).toBeUndefined();
    expect(decodeMessageAad(Uint8Array.from([4, 0xf0, 0x01, 1, 0xff]))).toBeUndefined();
    expect(senderClaimOf(utf8("mimi://a.example/u/alice"))).toBe("");
  });
});

describe("FrankingAgentData (0x0021)", () => {
  it("is the signature key as opaque<V>, then the credential", () => {
    const bytes = encodeFrankingAgentData({ frankingSignatureKey: Uint8Array.from([1, 2, 3]), credential: { credentialType: "basic", identity: utf8("mimi://a.example") } });
    expect([...bytes]).toEqual([3, 1, 2, 3, 0, 1, 16, ...utf8("mimi://a.example")]);
    expect(decodeFrankingAgentData(bytes).frankingSignatureKey).toEqual(Uint8Array.from([1, 2, 3]));
  });
});

describe("the franking formulas", () => {
  const salt = new Uint8Array(16).fill(0x11);
  const content = utf8("any application data");
  const context = { senderUri: "mimi://a.example/u/alice", roomUri: "mimi://a.example/r/clubhouse", acceptedTimestamp: 1644387225019n };
  const contextBytes = Uint8Array.from([24, ...utf8(context.senderUri), 28, ...utf8(context.roomUri), 0, 0, 0x01, 0x7e, 0xdd, 0x1d, 0xcd, 0xbb]);

  it("franking_tag = HMAC_SHA256(salt, application_data)", () => {
    expect(frankingTag(salt, content)).toEqual(hmac(salt, content));
  });

  it("ServerFrankingContext is two IdentifierUris and the uint64 timestamp", () => {
    expect(encodeServerFrankingContext(context)).toEqual(contextBytes);
  });

  it("server_frank = HMAC_SHA256(hub_key, franking_tag || context)", () => {
    const hubKey = new Uint8Array(32).fill(0x22);
    const tag = hmac(salt, content);
    expect(serverFrank(hubKey, tag, context)).toEqual(hmac(hubKey, Uint8Array.from([...tag, ...contextBytes])));
  });

  it("FrankingIntegrityTBS is server_frank[32], the ciphersuite, the context", () => {
    const frank = new Uint8Array(32).fill(0x33);
    expect(encodeFrankingIntegrityTbs(frank, 1, context)).toEqual(Uint8Array.from([...frank, 0, 1, ...contextBytes]));
  });
});
