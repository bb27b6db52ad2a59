import { encodeMlsMessage } from "ts-mls";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeFanoutMessage,
  decodeFanoutMessages,
  encodeFanoutMessage,
  encodeFanoutMessages,
  fanoutKindOf,
  type FanoutMessage,
} from "../../impl/codec/fanout-message.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

let f: MlsFixtures;
let all: FanoutMessage[];
beforeAll(async () => {
  f = await mlsFixtures();
  all = [
    { kind: "commit", timestamp: 1_700_000_000_000n, message: f.commit, externalProposals: [] },
    { kind: "welcome", timestamp: 1_700_000_000_001n, message: f.welcomeMessage, ratchetTreeOption: { representation: "full", ratchetTree: f.ratchetTree } },
    { kind: "proposal", timestamp: 1_700_000_000_002n, message: f.proposal, moreProposals: [f.otherProposal] },
    {
      kind: "application",
      timestamp: 1_700_000_000_003n,
      message: f.applicationMessage,
      frank: { serverFrank: new Uint8Array(32).fill(1), frankingSignatureCiphersuite: 1, frankingIntegritySignature: Uint8Array.from([7]) },
    },
    { kind: "application", timestamp: 1_700_000_000_004n, message: f.applicationMessage, frank: undefined },
    { kind: "commit", timestamp: 1_700_000_000_005n, message: f.commit, externalProposals: [f.proposal, f.otherProposal] },
  ];
});

describe("FanoutMessage", () => {
  it("round-trips each kind of message", () => {
    for (const fanout of all) {
      const { decoded } = expectByteRoundTrip(fanout, encodeFanoutMessage, decodeFanoutMessage);
      expect(decoded.kind).toBe(fanout.kind);
      expect(decoded.timestamp).toBe(fanout.timestamp);
      if (decoded.kind === "application" && fanout.kind === "application") expect(decoded.frank).toEqual(fanout.frank);
    }
  });

  it("starts with the timestamp, then the MLSMessage", () => {
    const bytes = encodeFanoutMessage(all[4]);
    expect(bytes.subarray(0, 8)).toEqual(Uint8Array.from([0, 0, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x04]));
    expect(bytes).toEqual(concat(bytes.subarray(0, 8), encodeMlsMessage(f.applicationMessage), [0]));
  });

  it("says which select arm a message takes", () => {
    expect([f.commit, f.welcomeMessage, f.proposal, f.applicationMessage, f.groupInfoMessage, f.keyPackageMessage].map(fanoutKindOf))
      .toEqual(["commit", "welcome", "proposal", "application", undefined, undefined]);
  });

  it("refuses to encode a kind that does not match the message", () => {
    expectCodecError(() => encodeFanoutMessage({ ...all[0], message: f.proposal } as FanoutMessage), "invalidValue");
    expectCodecError(() => encodeFanoutMessage({ kind: "welcome", timestamp: 0n, message: f.commit, ratchetTreeOption: { representation: "distributionService" } }), "invalidValue");
  });

  it("rejects GroupInfo and KeyPackage messages", () => {
    for (const message of [f.groupInfoMessage, f.keyPackageMessage]) {
      expectCodecError(() => decodeFanoutMessage(concat(new Uint8Array(8), encodeMlsMessage(message), [0])), "invalidValue");
    }
  });

  it("rejects a bad frank flag", () => {
    const bytes = encodeFanoutMessage(all[4]);
    expectCodecError(() => decodeFanoutMessage(withByte(bytes, bytes.length - 1, 2)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    for (const fanout of all) seen = addCounts(seen, expectStandardRejections(encodeFanoutMessage(fanout), decodeFanoutMessage, encodeFanoutMessage));
    expectReencodingExercised(seen);
  });
});

describe("/notify body (concatenated FanoutMessages)", () => {
  it("round-trips a sequence", () => {
    const bytes = encodeFanoutMessages(all);
    expect(bytes).toEqual(concat(...all.map(encodeFanoutMessage)));
    const decoded = decodeFanoutMessages(bytes);
    expect(decoded.map((m) => m.kind)).toEqual(all.map((m) => m.kind));
    expect(encodeFanoutMessages(decoded)).toEqual(bytes);
  });

  it("needs at least one message", () => {
    expectCodecError(() => decodeFanoutMessages(new Uint8Array(0)), "truncated");
    expectCodecError(() => encodeFanoutMessages([]), "invalidValue");
  });

  it("reports a cut-off last message as truncated and a stray byte as an error", () => {
    const bytes = encodeFanoutMessages(all.slice(2, 5));
    for (let cut = 1; cut < 40; cut++) expectCodecError(() => decodeFanoutMessages(bytes.subarray(0, bytes.length - cut)), "truncated");
    expectCodecError(() => decodeFanoutMessages(concat(bytes, [0])), "truncated");
  });
});
