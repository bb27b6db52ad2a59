// Franking end to end (protocol §5.4.1, §5.9; digest §7 F61–F62): every honest message carries its tag in
// frank_aad, the hub franks it, every receiver verifies and keeps the frank, and the hub accepts a report of
// exactly that message. Expected values are recomputed here from the draft's formulas with node:crypto and
// @noble/curves, never with the code under test.
import { createHmac } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import type { AbuseReport } from "../../impl/codec/abuse-report.js";
import { decodeSubmitMessageRequest } from "../../impl/codec/submit-message-request.js";
import { decodeMessageAad } from "../../impl/franking/message-aad.js";
import { roomComponentsOf } from "../../impl/mls/room-components.js";
import { ALICE, BOB, CATHY, ROLE, ROOM, threeProviders } from "../flows/helpers.js";

const hmac = (key: Uint8Array, data: Uint8Array) => new Uint8Array(createHmac("sha256", key).update(data).digest());
const u16 = (n: number) => [n >> 8, n & 0xff];
/** A length-prefixed opaque<V> with a one-octet varint length (all lengths here are < 64). */
const opaque = (b: Uint8Array) => (b.length < 64 ? [b.length, ...b] : [0x40 | (b.length >> 8), b.length & 0xff, ...b]);
const u64 = (n: bigint) => [...Array(8)].map((_, i) => Number((n >> BigInt(8 * (7 - i))) & 0xffn));
const utf8 = (s: string) => new TextEncoder().encode(s);

/** ServerFrankingContext { IdentifierUri sender_uri; IdentifierUri room_uri; uint64 accepted_timestamp; } */
const context = (sender: string, room: string, ts: bigint) => new Uint8Array([...opaque(utf8(sender)), ...opaque(utf8(room)), ...u64(ts)]);

async function roomOfThree() {
  const w = await threeProviders();
  await w.alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
  await w.alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
  return w;
}

describe("franking round-trips (protocol §5.4.1)", () => {
  it("the room names the hub's franking agent, and each message's tag is HMAC-SHA256(salt, content)", async () => {
    const { system, alice, bob } = await roomOfThree();
    const agent = roomComponentsOf(bob.session(ROOM)!.state.groupContext.extensions)?.frankingAgent;
    expect(agent?.frankingSignatureKey).toEqual(system.hub.frankingAgent!.data.frankingSignatureKey);
    const outcome = await alice.sendMessage(ROOM, "hello");
    expect(outcome.code).toBe("accepted");
    const got = bob.session(ROOM)!.received.at(-1)!;
    expect(got.text).toBe("hello");
    // The tag the sender put in frank_aad, recomputed from the content with its salt (bytes 2..17 of the
    // CBOR array: 0x87 0x50 salt…).
    const content = got.content!;
    expect([content[0], content[1]]).toEqual([0x87, 0x50]);
    const tag = hmac(content.slice(2, 18), content);
    const submitted = decodeSubmitMessageRequest(system.network.log.find((e) => e.request.endpoint === "submitMessage")!.request.body).appMessage;
    if (submitted.wireformat !== "mls_private_message") throw new Error("not a PrivateMessage");
    // SafeAAD: items<V> of { uint16 component_id; opaque data<V> }: frank_aad (0x0020) first, its 32-octet tag.
    const aad = submitted.privateMessage.authenticatedData;
    expect([...aad.slice(1, 5)]).toEqual([0x00, 0x20, 32, ...tag.slice(0, 1)]);
    expect(aad.slice(4, 36)).toEqual(tag);
    const own = alice.session(ROOM)!.ownMessages.at(-1)!;
    expect(own.content).toEqual(content);
    // server_frank = HMAC(hub_key, tag || context) cannot be recomputed without hub_key; its integrity
    // signature can be checked with the agent's public key: SignWithLabel = Ed25519 over
    // SignContent { opaque label<V> = "MLS 1.0 FrankingIntegrityTBS"; opaque content<V> = TBS }.
    const frank = got.frank!;
    expect(frank.frankingSignatureCiphersuite).toBe(1);
    expect(frank.serverFrank).toHaveLength(32);
    const tbs = new Uint8Array([...frank.serverFrank, ...u16(1), ...context(ALICE, ROOM, got.timestamp)]);
    const signContent = new Uint8Array([...opaque(utf8("MLS 1.0 FrankingIntegrityTBS")), ...opaque(tbs)]);
    expect(ed25519.verify(frank.frankingIntegritySignature, signContent, agent!.frankingSignatureKey)).toBe(true);
    expect(own.frank).toEqual(frank);
    expect(own.acceptedTimestamp).toBe(got.timestamp);
  });

  it("every receiver keeps the same frank, and the hub accepts a report of the message over the wire (201)", async () => {
    const { system, alice, bob, cathy } = await roomOfThree();
    await alice.sendMessage(ROOM, "abusive");
    const atBob = bob.session(ROOM)!.received.at(-1)!;
    const atCathy = cathy.session(ROOM)!.received.at(-1)!;
    expect(atCathy.frank).toEqual(atBob.frank);
    expect([...bob.refusals, ...cathy.refusals]).toEqual([]);
    const report: AbuseReport = {
      reportingUser: BOB,
      allegedAbuserUri: ALICE,
      reasonCode: 0,
      note: utf8("spam"),
      messages: [{ messageContent: atBob.content!, frank: atBob.frank!, acceptedTimestamp: atBob.timestamp }],
      abuseExtensions: { componentData: [] },
    };
    expect(await system.provider("b.example").reportAbuse(ROOM, report)).toBe(201);
    expect(system.hub.lastDecision).toMatchObject({ endpoint: "reportAbuse", code: "accepted" });
    expect(system.hub.acceptedReports).toHaveLength(1);
  });

  it("a report of altered content, another sender, another time, or sent by another provider's user is refused", async () => {
    const { system, alice, bob } = await roomOfThree();
    await alice.sendMessage(ROOM, "abusive");
    const m = bob.session(ROOM)!.received.at(-1)!;
    const base: AbuseReport = {
      reportingUser: BOB, allegedAbuserUri: ALICE, reasonCode: 0, note: new Uint8Array(0),
      messages: [{ messageContent: m.content!, frank: m.frank!, acceptedTimestamp: m.timestamp }], abuseExtensions: { componentData: [] },
    };
    const altered = m.content!.slice();
    altered[altered.length - 1] ^= 1;
    const cases: [string, AbuseReport, string, number][] = [
      ["altered content", { ...base, messages: [{ ...base.messages[0]!, messageContent: altered }] }, "b.example", 422],
      ["another sender", { ...base, allegedAbuserUri: CATHY }, "b.example", 422],
      ["another time", { ...base, messages: [{ ...base.messages[0]!, acceptedTimestamp: m.timestamp + 1n }] }, "b.example", 422],
      ["no message", { ...base, messages: [] }, "b.example", 422],
      ["a.example for b.example's user", base, "a.example", 403],
    ];
    for (const [what, report, from, status] of cases) {
      expect(await system.provider(from).reportAbuse(ROOM, report), what).toBe(status);
    }
    // Bytes that are no AbuseReport, and a report for a room the hub does not host.
    const garbage = await system.network.send("a.example", { endpoint: "reportAbuse", from: "b.example", target: ROOM, body: Uint8Array.from([0xff, 0, 1]) });
    expect(garbage.status).toBe(400);
    expect(await system.provider("b.example").reportAbuse("mimi://a.example/r/elsewhere", base)).toBe(404);
    expect(system.hub.acceptedReports).toEqual([]);
  });

  it("the hub's fanout carries the frank unchanged through the follower, with the hub's timestamp (F62)", async () => {
    const { alice, bob } = await roomOfThree();
    const outcome = await alice.sendMessage(ROOM, "x");
    const got = bob.session(ROOM)!.received.at(-1)!;
    expect(outcome).toMatchObject({ code: "accepted", acceptedTimestamp: got.timestamp, frank: got.frank });
    const aad = decodeMessageAad(alice.session(ROOM)!.ownMessages.at(-1)!.content);
    expect(aad).toBeUndefined(); // the content is CBOR, not a SafeAAD: the two never mix
  });
});
