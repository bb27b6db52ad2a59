// One value, one encoding: a length prefix written in more bytes than it needs (RFC 9420 §2.1.2: "values
// using more bits than necessary MUST be treated as malformed") is refused wherever it sits: in an MLS
// structure that ts-mls decodes (group_id, a KeyPackage's vector, the GroupInfo, the Welcome) or in a
// MIMI vector the codec reads itself. With the matching planted defect on, the same bytes decode to the
// original value, which shows that the mutation changed nothing but the length's form.
import fc from "fast-check";
import { encodeMlsMessage } from "ts-mls";
import { encodeCredential } from "ts-mls/credential.js";
import { encodeGroupInfo } from "ts-mls/groupInfo.js";
import { encodeKeyPackage } from "ts-mls/keyPackage.js";
import { encodeWelcome } from "ts-mls/welcome.js";
import { beforeAll, describe, expect, it } from "vitest";
import { codecFaults, withCodecFault, type CodecFaults } from "../../impl/codec/codec-faults.js";
import { decodeHandshakeBundle, encodeHandshakeBundle, type HandshakeBundle } from "../../impl/codec/handshake-bundle.js";
import { decodeKeyMaterialRequest, encodeKeyMaterialRequest, type KeyMaterialRequest } from "../../impl/codec/key-material-request.js";
import { decodeKeyMaterialResponse, encodeKeyMaterialResponse } from "../../impl/codec/key-material-response.js";
import { codecErrorOf } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import {
  lengthenLengthField,
  memberCommitLayout,
  minimalVarint,
  uniqueOffset,
  varintOfSize,
  vectorPrefixes,
  type LengthField,
} from "./helpers/non-canonical.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const utf8 = new TextEncoder();

/** Runs `body` with every fault in `faults` switched on. */
async function withFaults<R>(faults: readonly (keyof CodecFaults)[], body: () => R): Promise<R> {
  if (faults.length === 0) return body();
  const [first, ...rest] = faults;
  return withCodecFault(first!, () => withFaults(rest, body));
}

interface Case {
  name: string;
  valid: Uint8Array;
  field: LengthField;
  decode: (bytes: Uint8Array) => unknown;
  encode: (value: never) => Uint8Array;
  /** The planted defects under which the lengthened form is accepted. */
  faults: (keyof CodecFaults)[];
}

let f: MlsFixtures;
let cases: Case[];

beforeAll(async () => {
  f = await mlsFixtures();
  const commitBundle: HandshakeBundle = {
    kind: "commit",
    proposalOrCommit: f.commit,
    welcome: f.welcome,
    groupInfoOption: { representation: "full", groupInfo: f.groupInfo },
    ratchetTreeOption: { representation: "full", ratchetTree: f.ratchetTree },
  };
  const commit = encodeHandshakeBundle(commitBundle);
  // commit ‖ optional<Welcome> (1, Welcome) ‖ GroupInfoOption (1 = full, GroupInfo) ‖ RatchetTreeOption (1 = full, tree<V>)
  const commitLength = encodeMlsMessage(f.commit).length;
  const welcomeAt = commitLength + 1;
  const groupInfoAt = welcomeAt + encodeWelcome(f.welcome).length + 1;
  const treeAt = groupInfoAt + encodeGroupInfo(f.groupInfo).length + 1;
  const layout = memberCommitLayout(commit, 0);
  const keyPackageAt = uniqueOffset(commit, encodeKeyPackage(f.keyPackage), "KeyPackage in the commit");

  const proposal = encodeHandshakeBundle({ kind: "proposal", proposalOrCommit: f.proposal, moreProposals: [f.otherProposal] });
  const moreProposalsAt = encodeMlsMessage(f.proposal).length;

  const response = encodeKeyMaterialResponse({
    protocol: "mls10",
    userStatus: "success",
    userUri: "mimi://b.example/u/bob",
    clients: [{ clientStatus: "success", clientUri: "mimi://b.example/d/bob/laptop", keyPackage: f.keyPackage }],
  });
  // protocol (1) ‖ userStatus (1) ‖ userUri<V> ‖ clients<V>
  const clientsAt = 2 + 1 + "mimi://b.example/u/bob".length;
  const responseKeyPackageAt = uniqueOffset(response, encodeKeyPackage(f.keyPackage), "KeyPackage in the response");

  const request: KeyMaterialRequest = {
    protocol: "mls10",
    requestingUser: "mimi://a.example/u/alice",
    targetUser: "mimi://b.example/u/bob",
    roomId: "mimi://a.example/r/clubhouse",
    acceptableCiphersuites: [1],
    requiredCapabilities: f.requiredCapabilities,
    requesterSignatureKey: f.signaturePublicKey,
    requesterCredential: f.credential,
    keyMaterialRequestSignature: new Uint8Array(64).fill(7),
  };
  const requestBytes = encodeKeyMaterialRequest(request);
  const credentialAt = uniqueOffset(requestBytes, encodeCredential(f.credential), "Credential in the request");

  const bundle = { decode: decodeHandshakeBundle, encode: encodeHandshakeBundle as (value: never) => Uint8Array };
  const mls: (keyof CodecFaults)[] = ["skipMlsReencodeCheck"];
  const mimi: (keyof CodecFaults)[] = ["acceptNonMinimalVarint"];
  cases = [
    { name: "commit group_id", valid: commit, field: { at: layout.groupId }, ...bundle, faults: mls },
    { name: "KeyPackage init_key inside the commit's proposals", valid: commit, field: { at: keyPackageAt + 4, enclosing: [layout.proposals] }, ...bundle, faults: mls },
    { name: "commit proposals vector", valid: commit, field: { at: layout.proposals }, ...bundle, faults: mls },
    { name: "Welcome secrets", valid: commit, field: { at: welcomeAt + 2 }, ...bundle, faults: mls },
    { name: "GroupInfo group_id", valid: commit, field: { at: groupInfoAt + 4 }, ...bundle, faults: mls },
    // The tree's own prefix is read by the MIMI reader first, then by ts-mls: both checks must be off.
    { name: "ratchet tree vector", valid: commit, field: { at: treeAt }, ...bundle, faults: [...mls, ...mimi] },
    { name: "proposal bundle moreProposals (MIMI vector)", valid: proposal, field: { at: moreProposalsAt }, ...bundle, faults: mimi },
    {
      name: "KeyPackage init_key inside KeyMaterialResponse clients",
      valid: response,
      field: { at: responseKeyPackageAt + 4, enclosing: [clientsAt] },
      decode: decodeKeyMaterialResponse,
      encode: encodeKeyMaterialResponse as (value: never) => Uint8Array,
      faults: mls,
    },
    { name: "KeyMaterialResponse userUri (MIMI vector)", valid: response, field: { at: 2 }, decode: decodeKeyMaterialResponse, encode: encodeKeyMaterialResponse as (value: never) => Uint8Array, faults: mimi },
    {
      name: "Credential identity inside KeyMaterialRequest",
      valid: requestBytes,
      field: { at: credentialAt + 2 },
      decode: decodeKeyMaterialRequest,
      encode: encodeKeyMaterialRequest as (value: never) => Uint8Array,
      faults: mls,
    },
  ];
});

describe("the malformed-message builder", () => {
  it("writes varints in a chosen size (RFC 9420 §2.1.2 layout)", () => {
    expect(hex(varintOfSize(37, 1))).toBe("25");
    expect(hex(varintOfSize(37, 2))).toBe("4025");
    expect(hex(varintOfSize(37, 4))).toBe("80000025");
    expect(hex(minimalVarint(15293))).toBe("7bbd");
    expect(() => varintOfSize(64, 1)).toThrow();
  });

  it("lengthens one prefix and grows the enclosing vectors' lengths", () => {
    // outer<V> = [inner<V> = [aa bb], cc]
    const bytes = Uint8Array.from([0x04, 0x02, 0xaa, 0xbb, 0xcc]);
    expect(hex(lengthenLengthField(bytes, { at: 1, enclosing: [0] }))).toBe("05" + "4002aabb" + "cc");
    expect(hex(lengthenLengthField(bytes, { at: 1, enclosing: [0] }, 4))).toBe("07" + "80000002aabb" + "cc");
    expect(hex(lengthenLengthField(bytes, { at: 0 }))).toBe("4004" + "02aabbcc");
  });

  it("writes an enclosing length that crosses a size boundary minimally", () => {
    // an outer vector of 63 bytes whose first item is a 1-byte-prefixed vector of 62 bytes
    const bytes = new Uint8Array(1 + 63);
    bytes[0] = 63;
    bytes[1] = 62;
    const out = lengthenLengthField(bytes, { at: 1, enclosing: [0] });
    expect(hex(out.subarray(0, 4))).toBe("4040" + "403e");
    expect(out.length).toBe(bytes.length + 2);
  });

  it("refuses positions that are not what the caller says", () => {
    const bytes = Uint8Array.from([0x04, 0x02, 0x01, 0x00, 0xcc]);
    expect(() => lengthenLengthField(bytes, { at: 1, enclosing: [2] })).toThrow(/does not contain/);
    expect(() => lengthenLengthField(Uint8Array.from([0x40, 0x01, 0x00]), { at: 0 }, 2)).toThrow(/cannot be written/);
    expect(() => lengthenLengthField(Uint8Array.from([0x40, 0x02, 0x01, 0x00]), { at: 2, enclosing: [0] })).toThrow(/not minimal/);
  });

  it("finds the fixtures' positions where the RFC puts them", () => {
    const commit = cases[0]!.valid;
    const groupId = utf8.encode("mimi://a.example/r/clubhouse");
    // The commit's FramedContent and the GroupInfo's GroupContext both carry the group id.
    expect(vectorPrefixes(commit, groupId)).toEqual([cases[0]!.field.at, cases[4]!.field.at]);
    expect(commit[cases[5]!.field.at - 1]).toBe(1); // RatchetTreeOption representation: full
  });
});

describe("non-canonical lengths are refused at every struct position", () => {
  it("each lengthened prefix is invalidValue, and decodes to the original value under its planted defect", async () => {
    expect(cases.length).toBe(10);
    for (const c of cases) {
      for (const size of [undefined, 4] as const) {
        const bytes = lengthenLengthField(c.valid, c.field, size);
        expect(bytes.length, c.name).toBeGreaterThan(c.valid.length);
        expect(codecErrorOf(() => c.decode(bytes)).code, `${c.name} in ${size ?? "the next size of"} bytes`).toBe("invalidValue");
        const lenient = await withFaults(c.faults, () => c.decode(bytes));
        expect(hex(c.encode(lenient as never)), `${c.name} in ${size ?? "the next size of"} bytes under ${c.faults.join("+")}`).toBe(hex(c.valid));
      }
      expect(hex(c.encode(c.decode(c.valid) as never))).toBe(hex(c.valid));
    }
    expect(codecFaults).toEqual({ acceptNonMinimalVarint: false, skipMlsReencodeCheck: false });
  });

  /** The property: a successful decode re-encodes to the input. */
  const reencodesToInput = (caseIndex: number, fourBytes: boolean): boolean => {
    const c = cases[caseIndex]!;
    const bytes = lengthenLengthField(c.valid, c.field, fourBytes ? 4 : undefined);
    let value: unknown;
    try {
      value = c.decode(bytes);
    } catch (error) {
      if (codecErrorOf(() => { throw error; }).code !== "invalidValue") throw error;
      return true;
    }
    return hex(c.encode(value as never)) === hex(bytes);
  };
  /** A position, and whether its length is written in 4 bytes or in the next size up from the minimal one. */
  const arbitrary = () => fc.tuple(fc.nat({ max: cases.length - 1 }), fc.boolean());

  it("as a property: every lengthened form either fails to decode or re-encodes to itself", () => {
    fc.assert(fc.property(arbitrary(), ([i, fourBytes]) => reencodesToInput(i, fourBytes)), { seed: 6, numRuns: 60 });
  });

  it("the property catches each planted defect and shrinks to the first position it affects", async () => {
    const expectations: [keyof CodecFaults, number][] = [
      ["skipMlsReencodeCheck", 0], // commit group_id
      ["acceptNonMinimalVarint", 6], // proposal bundle moreProposals
    ];
    for (const [fault, firstCase] of expectations) {
      const result = await withCodecFault(fault, () =>
        fc.check(fc.property(arbitrary(), ([i, fourBytes]) => reencodesToInput(i, fourBytes)), { seed: 6, numRuns: 60 }),
      );
      expect(result.failed, fault).toBe(true);
      expect(result.counterexample, fault).toEqual([[firstCase, false]]);
    }
  });
});
