import { encodeMlsMessage } from "ts-mls";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeHandshakeBundle, encodeHandshakeBundle, type HandshakeBundle } from "../../impl/codec/handshake-bundle.js";
import { decodeUpdateRequest, encodeUpdateRequest } from "../../impl/codec/update-request.js";
import { concat, expectCodecError, expectStandardRejections, withByte, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { mlsFixtures, type MlsFixtures } from "./helpers/mls-fixtures.js";
import { expectByteRoundTrip } from "./helpers/round-trip.js";

let f: MlsFixtures;
let commitBundle: HandshakeBundle;
let proposalBundle: HandshakeBundle;
beforeAll(async () => {
  f = await mlsFixtures();
  commitBundle = {
    kind: "commit",
    proposalOrCommit: f.commit,
    welcome: f.welcome,
    groupInfoOption: { representation: "full", groupInfo: f.groupInfo },
    ratchetTreeOption: { representation: "full", ratchetTree: f.ratchetTree },
  };
  proposalBundle = { kind: "proposal", proposalOrCommit: f.proposal, moreProposals: [f.otherProposal] };
});

describe("HandshakeBundle", () => {
  it("round-trips a commit with Welcome, GroupInfo and ratchet tree", () => {
    const { decoded } = expectByteRoundTrip(commitBundle, encodeHandshakeBundle, decodeHandshakeBundle);
    expect(decoded.kind).toBe("commit");
    if (decoded.kind === "commit") {
      expect(decoded.welcome).toEqual(f.welcome);
      expect(decoded.groupInfoOption).toEqual(commitBundle.kind === "commit" && commitBundle.groupInfoOption);
    }
  });

  it("round-trips a commit without a Welcome", () => {
    const bundle = { ...commitBundle, welcome: undefined } as HandshakeBundle;
    const { decoded } = expectByteRoundTrip(bundle, encodeHandshakeBundle, decodeHandshakeBundle);
    expect(decoded.kind === "commit" && decoded.welcome).toBeUndefined();
  });

  it("round-trips a proposal with more proposals, and with none", () => {
    const { decoded } = expectByteRoundTrip(proposalBundle, encodeHandshakeBundle, decodeHandshakeBundle);
    expect(decoded.kind === "proposal" && decoded.moreProposals.length).toBe(1);
    const alone: HandshakeBundle = { kind: "proposal", proposalOrCommit: f.proposal, moreProposals: [] };
    const bytes = encodeHandshakeBundle(alone);
    expect(bytes).toEqual(concat(encodeMlsMessage(f.proposal), [0]));
    expect(decodeHandshakeBundle(bytes)).toMatchObject({ kind: "proposal", moreProposals: [] });
  });

  it("refuses to encode a bundle whose kind does not match its message", () => {
    expectCodecError(() => encodeHandshakeBundle({ ...proposalBundle, proposalOrCommit: f.commit } as HandshakeBundle), "invalidValue");
    expectCodecError(() => encodeHandshakeBundle({ ...commitBundle, proposalOrCommit: f.proposal } as HandshakeBundle), "invalidValue");
    expectCodecError(() => encodeHandshakeBundle({ ...proposalBundle, proposalOrCommit: f.welcomeMessage } as HandshakeBundle), "invalidValue");
  });

  it("rejects messages that are neither proposal nor commit", () => {
    for (const message of [f.applicationMessage, f.welcomeMessage, f.groupInfoMessage, f.keyPackageMessage]) {
      expectCodecError(() => decodeHandshakeBundle(concat(encodeMlsMessage(message), [0])), "invalidValue");
    }
  });

  it("rejects a bad MLS version or wire format", () => {
    const bytes = encodeHandshakeBundle(proposalBundle);
    expectCodecError(() => decodeHandshakeBundle(withByte(bytes, 1, 2)), "invalidValue");
    expectCodecError(() => decodeHandshakeBundle(withByte(bytes, 3, 0)), "invalidValue");
    expectCodecError(() => decodeHandshakeBundle(withByte(bytes, 3, 6)), "invalidValue");
  });

  it("rejects bad Welcome flags and GroupInfo representations", () => {
    const commitLength = encodeMlsMessage(f.commit).length;
    const bytes = encodeHandshakeBundle({ ...commitBundle, welcome: undefined } as HandshakeBundle);
    expect(bytes[commitLength]).toBe(0);
    expectCodecError(() => decodeHandshakeBundle(withByte(bytes, commitLength, 2)), "invalidValue");
    expect(bytes[commitLength + 1]).toBe(1);
    expectCodecError(() => decodeHandshakeBundle(withByte(bytes, commitLength + 1, 0)), "invalidValue");
    expectCodecError(() => decodeHandshakeBundle(withByte(bytes, commitLength + 1, 3)), "invalidValue");
  });

  it("rejects a malformed message inside moreProposals as invalidValue", () => {
    const bad = concat(encodeMlsMessage(f.proposal), [5, 0, 1, 0, 1, 0]);
    expectCodecError(() => decodeHandshakeBundle(bad), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage", () => {
    let seen = NO_COUNTS;
    seen = addCounts(seen, expectStandardRejections(encodeHandshakeBundle(commitBundle), decodeHandshakeBundle, encodeHandshakeBundle));
    seen = addCounts(seen, expectStandardRejections(encodeHandshakeBundle(proposalBundle), decodeHandshakeBundle, encodeHandshakeBundle));
    expectReencodingExercised(seen);
  });
});

describe("UpdateRequest", () => {
  it("is the bundle itself on the wire (the protocol comes from the room)", () => {
    const bytes = encodeUpdateRequest({ bundle: proposalBundle });
    expect(bytes).toEqual(encodeHandshakeBundle(proposalBundle));
    expect(encodeUpdateRequest(decodeUpdateRequest(bytes))).toEqual(bytes);
    expectCodecError(() => decodeUpdateRequest(concat(bytes, [0])), "trailingBytes");
  });
});
