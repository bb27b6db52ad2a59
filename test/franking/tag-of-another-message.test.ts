// The known limit of franking (digest §2.5; the formal model felixlinker/mimi-franking-tamarin assumes an
// honest client processed the message): a sender that submits m1 with the franking tag of m2 is caught by
// the honest receivers, not by the hub, which cannot see the content. Reproduced here as a documented
// finding with its trace, then as attack class A28 in property runs: P35 holds with the receivers' tag
// check on, and finds the planted skipFrankingTagCheck, shrunk to ≤ 6 steps.
import { createApplicationMessage } from "ts-mls";
import { describe, expect, it } from "vitest";
import type { AbuseReport } from "../../impl/codec/abuse-report.js";
import { buildMessageContent } from "../../impl/client/message-content.js";
import { frankingTag } from "../../impl/franking/frank.js";
import { encodeMessageAad } from "../../impl/franking/message-aad.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { ALICE, BOB, CATHY, ROLE, ROOM, threeProviders } from "../flows/helpers.js";
import { counterexampleLength, onlyInvariant, report, setupFor } from "../properties/helpers.js";

const salt = (b: number) => new Uint8Array(16).fill(b);
const refs = { latest: undefined, ownLatest: undefined };

describe("finding: a sender lying about its franking tag is caught by receivers, not by the hub", () => {
  it("trace: Alice submits m1 with m2's tag; the hub franks it; Bob and Cathy refuse m1; the hub accepts a report of m2, which nobody received", async () => {
    const { system, alice, bob, cathy } = await threeProviders(undefined, undefined);
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    const trace: string[] = [];
    // 1. Alice builds m1 (delivered) and m2 (never sent), and tags m1 with m2's tag.
    const m1 = buildMessageContent("text", "m1: what the room reads", ALICE, ROOM, salt(1), refs);
    const m2 = buildMessageContent("text", "m2: what the tag is for", ALICE, ROOM, salt(2), refs);
    const s = alice.session(ROOM)!;
    const sealed = await createApplicationMessage({ ...s.state, unappliedProposals: {} }, m1.bytes, system.hub.suite, encodeMessageAad({ senderClaim: ALICE, frankingTag: frankingTag(salt(2), m2.bytes) }));
    s.state = sealed.newState;
    const message = { version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage } as const;
    // 2. The hub accepts and franks it: it sees only the tag.
    const outcome = await system.provider("a.example").uplink.submitMessage(ROOM, message, ALICE);
    expect(outcome).toMatchObject({ code: "accepted" });
    if (outcome.code !== "accepted" || outcome.frank === undefined) throw new Error("not franked");
    trace.push(`1. alice submits m1 tagged with m2's tag → hub ${outcome.code}, franked at ${outcome.acceptedTimestamp}`);
    // 3. Bob and Cathy recompute the tag from m1 and refuse it.
    for (const c of [bob, cathy]) {
      expect(c.session(ROOM)!.received).toEqual([]);
      expect(c.refusals.at(-1)).toMatchObject({ what: "message", code: "invalidFrank", rule: "F61", reason: "the franking tag is not the HMAC of the content" });
      trace.push(`2. ${c.uri} refuses m1: F61 ${c.refusals.at(-1)!.reason}`);
    }
    // 4. The frank is a valid frank of m2: a report of m2 is accepted, though no one ever received m2 …
    const reportOf = (content: Uint8Array): AbuseReport => ({
      reportingUser: BOB, allegedAbuserUri: ALICE, reasonCode: 0, note: new Uint8Array(0),
      messages: [{ messageContent: content, frank: outcome.frank!, acceptedTimestamp: outcome.acceptedTimestamp }], abuseExtensions: { componentData: [] },
    });
    expect(await system.provider("b.example").reportAbuse(ROOM, reportOf(m2.bytes))).toBe(201);
    trace.push("3. bob reports m2 with that frank → hub 201: accepted, about a message nobody received");
    // … and a report of m1, the message the room read, is refused: had a receiver kept m1, its sender could
    // not be held to it.
    expect(await system.provider("b.example").reportAbuse(ROOM, reportOf(m1.bytes))).toBe(422);
    trace.push("4. bob reports m1 with that frank → hub 422: refused, m1's tag is not the frank's");
    expect(trace).toHaveLength(5);
  });

  it("with the receivers' tag check off (skipFrankingTagCheck), Bob keeps m1 and cannot report it", async () => {
    const { system, alice, bob } = await threeProviders();
    const bobFaulty = system.addClient("mimi://b.example/d/bob/tablet", undefined, undefined, { skipFrankingTagCheck: true });
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    const m1 = buildMessageContent("text", "m1", ALICE, ROOM, salt(1), refs);
    const m2 = buildMessageContent("text", "m2", ALICE, ROOM, salt(2), refs);
    const s = alice.session(ROOM)!;
    const sealed = await createApplicationMessage({ ...s.state, unappliedProposals: {} }, m1.bytes, system.hub.suite, encodeMessageAad({ senderClaim: ALICE, frankingTag: frankingTag(salt(2), m2.bytes) }));
    s.state = sealed.newState;
    await system.provider("a.example").uplink.submitMessage(ROOM, { version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage }, ALICE);
    const honest = bob.session(ROOM)!.received;
    const faulty = bobFaulty.session(ROOM)!.received;
    expect(honest).toEqual([]);
    expect(faulty.map((r) => r.text)).toEqual(["m1"]);
    const kept = faulty[0]!;
    const report: AbuseReport = {
      reportingUser: BOB, allegedAbuserUri: ALICE, reasonCode: 0, note: new Uint8Array(0),
      messages: [{ messageContent: kept.content!, frank: kept.frank!, acceptedTimestamp: kept.timestamp }], abuseExtensions: { componentData: [] },
    };
    expect(await system.provider("b.example").reportAbuse(ROOM, report)).toBe(422);
  });
});

describe("A28 in property runs: P35", () => {
  const aimed = (skipFrankingTagCheck: boolean) =>
    setupFor("same-commit/must-include", {
      adversaries: new Set(["client"]),
      attackClasses: ["A28"],
      skipRefusedOperations: true,
      compareWithModel: false,
      invariants: onlyInvariant("P35"),
      clientFaults: skipFrankingTagCheck ? { skipFrankingTagCheck: true } : {},
      users: 3,
    });

  it("holds with the receivers' tag check on, on a floor of accepted A28 messages", async () => {
    const result = await checkRoomProperty({ setup: aimed(false), seed: 1, runs: 20, maxCommands: 16 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.coverage.invariantPremises.get("P35") ?? 0).toBeGreaterThanOrEqual(8);
  });

  it("planted skipFrankingTagCheck: P35 finds a receiver keeping the message, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: aimed(true), seed: 1, runs: 20, maxCommands: 16 });
    expect(result.failure).toBeDefined();
    const rep = report(result);
    expect(result.failure!.trace.failure!.check, rep).toBe("P35 a message whose franking tag is not its content's is kept by no honest client");
    expect(result.failure!.trace.failure!.message, rep).toMatch(/^u\d\/d\d kept u\d\/d\d's message whose franking tag is another message's$/);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  });
});
