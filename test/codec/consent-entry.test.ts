// ConsentEntry and ConsentScope (draft-ietf-mimi-protocol §5.7): the expected bytes are written out from
// the draft's struct text (a one-byte ConsentOperation, three IdentifierUris as <V> vectors with the room
// optional, the grant's KeyPackage vector, then the AppDataDictionary), never taken from the encoder.
import { encodeKeyPackage } from "ts-mls/keyPackage.js";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeConsentEntry, decodeConsentScope, encodeConsentEntry, encodeConsentScope, type ConsentEntry, type ConsentOperationName,
} from "../../impl/codec/consent-entry.js";
import { addCounts, concat, expectCodecError, expectReencodingExercised, expectStandardRejections, NO_COUNTS, withByte } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { varintOfSize } from "./helpers/non-canonical.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const uri = (s: string) => concat([utf8(s).length], utf8(s));
const ALICE = "mimi://a.example/u/alice";
const BOB = "mimi://b.example/u/bob";
const ROOM = "mimi://a.example/r/clubhouse";
const NO_EXTENSIONS = { componentData: [] };

let f: MlsFixtures;
beforeAll(async () => {
  f = await mlsFixtures();
});

describe("ConsentEntry", () => {
  it("a request for any room: operation 1, requester, target, no room, an empty dictionary", () => {
    const entry: ConsentEntry = { consentOperation: "request", requesterUri: ALICE, targetUri: BOB, roomId: undefined, consentExtensions: NO_EXTENSIONS };
    const expected = concat([1], uri(ALICE), uri(BOB), [0], [0]);
    const { bytes } = expectByteRoundTrip(entry, encodeConsentEntry, decodeConsentEntry);
    expect(bytes).toEqual(expected);
  });

  it("each operation's code (cancel 0, request 1, grant 2, revoke 3), scoped to one room", () => {
    const ops: ConsentOperationName[] = ["cancel", "request", "grant", "revoke"];
    ops.forEach((op, code) => {
      const entry = (op === "grant"
        ? { consentOperation: op, requesterUri: ALICE, targetUri: BOB, roomId: ROOM, clientKeyPackages: [], consentExtensions: NO_EXTENSIONS }
        : { consentOperation: op, requesterUri: ALICE, targetUri: BOB, roomId: ROOM, consentExtensions: NO_EXTENSIONS }) as ConsentEntry;
      const expected = concat([code], uri(ALICE), uri(BOB), [1], uri(ROOM), op === "grant" ? [0] : [], [0]);
      expect(encodeConsentEntry(entry)).toEqual(expected);
      expect(decodeConsentEntry(expected)).toEqual(entry);
    });
  });

  it("a grant carries the target's KeyPackages as RFC 9420 encodes them, then the extensions", () => {
    const kp = encodeKeyPackage(f.keyPackage);
    const entry: ConsentEntry = {
      consentOperation: "grant", requesterUri: ALICE, targetUri: BOB, roomId: undefined, clientKeyPackages: [f.keyPackage],
      consentExtensions: { componentData: [{ componentId: 0x8000, data: Uint8Array.of(7) }] },
    };
    const lengthOf = (n: number) => varintOfSize(n, n < 0x40 ? 1 : n < 0x4000 ? 2 : 4);
    const expected = concat([2], uri(ALICE), uri(BOB), [0], lengthOf(kp.length), kp, [4, 0x80, 0x00, 1, 7]);
    const { bytes, decoded } = expectByteRoundTrip(entry, encodeConsentEntry, decodeConsentEntry);
    expect(bytes).toEqual(expected);
    expect(decoded).toEqual(entry);
  });

  it("refuses an unknown operation, a bad optional flag, a non-minimal length and an unsorted dictionary", () => {
    const good = concat([1], uri(ALICE), uri(BOB), [0], [0]);
    expectCodecError(() => decodeConsentEntry(withByte(good, 0, 4)), "invalidValue");
    expectCodecError(() => decodeConsentEntry(withByte(good, good.length - 2, 2)), "invalidValue");
    // The requester's length written in two bytes where one suffices (RFC 9420 §2.1.2: malformed).
    expectCodecError(() => decodeConsentEntry(concat([1], varintOfSize(utf8(ALICE).length, 2), utf8(ALICE), uri(BOB), [0], [0])), "invalidValue");
    const unsorted = concat([3], uri(ALICE), uri(BOB), [0], [8, 0, 2, 1, 9, 0, 1, 1, 9]);
    expectCodecError(() => decodeConsentEntry(unsorted), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage; a mutation that decodes re-encodes to itself", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(concat([1], uri(ALICE), uri(BOB), [1], uri(ROOM), [0]), decodeConsentEntry, encodeConsentEntry));
    seen = addCounts(seen, expectStandardRejections(concat([2], uri(ALICE), uri(BOB), [0], [0], [0]), decodeConsentEntry, encodeConsentEntry));
    expectReencodingExercised(seen);
  });
});

describe("ConsentScope", () => {
  it("requester, target, optional room", () => {
    expect(encodeConsentScope({ requesterUri: ALICE, targetUri: BOB, roomId: ROOM })).toEqual(concat(uri(ALICE), uri(BOB), [1], uri(ROOM)));
    expect(decodeConsentScope(concat(uri(ALICE), uri(BOB), [0]))).toEqual({ requesterUri: ALICE, targetUri: BOB, roomId: undefined });
  });
});
