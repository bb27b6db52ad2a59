// Consent across three providers (protocol §5.2, §5.7; digest §7 E52–E53): /keyMaterial honours the
// target's consent for the requester and room, /requestConsent and /updateConsent go provider to provider
// with their domain rules, a cancel acts only on the request of its very ConsentScope, and bad input gets
// its status and changes nothing. Every expected code is the draft's (§5.2 KeyMaterialUserCode, §5.7
// statuses), written out here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeKeyMaterialResponse, type KeyMaterialResponse } from "../../impl/codec/key-material-response.js";
import { encodeConsentEntry, type ConsentEntry } from "../../impl/codec/consent-entry.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import { ALICE, BOB, CATHY, ROLE, ROOM, threeProviders } from "./helpers.js";

const OTHER_ROOM = "mimi://a.example/r/elsewhere";
const NO_EXTENSIONS = { componentData: [] };

/** The key-material answers the hub relayed to the requester during `run`, decoded. */
async function keyMaterialAnswers(system: MimiSystem, run: () => Promise<unknown>): Promise<KeyMaterialResponse[]> {
  const answers: KeyMaterialResponse[] = [];
  const stop = system.network.addObserver((to, request) =>
    request.endpoint === "keyMaterial" && request.via !== undefined ? (response) => void answers.push(decodeKeyMaterialResponse(response.body)) : undefined,
  );
  try {
    await run();
  } finally {
    stop();
  }
  return answers;
}

const consentState = (system: MimiSystem) =>
  JSON.stringify(["a.example", "b.example", "c.example"].map((d) => {
    const s = system.provider(d).consent;
    return [[...s.given], [...s.pending], [...s.told]];
  }));

const entry = (consentOperation: "request" | "cancel" | "revoke", requesterUri: string, targetUri: string, roomId?: string): ConsentEntry => ({
  consentOperation, requesterUri, targetUri, roomId, consentExtensions: NO_EXTENSIONS,
});

describe("/keyMaterial honours consent", () => {
  it("by default every user consents; a room-scoped revoke gives noConsentForThisRoom for that room only, and the requester's provider is told", async () => {
    const { system, alice } = await threeProviders();
    const b = system.provider("b.example");
    expect(await b.giveConsent({ requesterUri: ALICE, targetUri: BOB, roomId: ROOM }, false)).toBe(201);
    expect([...system.provider("a.example").consent.told.values()]).toEqual([{ scope: { requesterUri: ALICE, targetUri: BOB, roomId: ROOM }, granted: false, from: "b.example", keyPackages: 0 }]);
    const refused = await keyMaterialAnswers(system, () => alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true));
    expect(refused.map((r) => [r.userStatus, r.clients.length])).toEqual([["noConsentForThisRoom", 0]]);
    expect(system.client("mimi://b.example/d/bob/phone").session(ROOM)).toBeUndefined();
    // Cathy did not revoke anything: her KeyPackages come.
    const granted = await keyMaterialAnswers(system, () => alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true));
    expect(granted.map((r) => r.userStatus)).toEqual(["success"]);
    expect(system.client("mimi://c.example/d/cathy/laptop").session(ROOM)).toBeDefined();
  });

  it("an any-room revoke gives noConsent; a grant for one room then decides for that room", async () => {
    const { system, alice } = await threeProviders();
    const b = system.provider("b.example");
    await b.giveConsent({ requesterUri: ALICE, targetUri: BOB, roomId: undefined }, false);
    expect((await keyMaterialAnswers(system, () => alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true))).map((r) => r.userStatus)).toEqual(["noConsent"]);
    expect(b.consent.decide(ALICE, BOB, OTHER_ROOM)).toBe("noConsent");
    await b.giveConsent({ requesterUri: ALICE, targetUri: BOB, roomId: ROOM }, true);
    expect(b.consent.decide(ALICE, BOB, ROOM)).toBe("consented");
    expect(b.consent.decide(ALICE, BOB, OTHER_ROOM)).toBe("noConsent");
    // Another requester is not concerned by Alice's revocation.
    expect(b.consent.decide(CATHY, BOB, ROOM)).toBe("consented");
  });

  it("a key-material request sent to the target's provider around the room's hub gets 403 and nothing (§5.2 MUST)", async () => {
    const { system, alice } = await threeProviders();
    // A real signed request for Bob's KeyPackages for the room, as Alice's provider sends it to the hub.
    let body: Uint8Array | undefined;
    const stop = system.network.addObserver((to, request) => void (request.endpoint === "keyMaterial" && request.via === undefined && (body = request.body.slice())));
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    stop();
    // c.example, not the room's hub, hands it to b.example as a relay.
    const answer = await system.network.send("b.example", { endpoint: "keyMaterial", from: "c.example", target: BOB, body: body!, via: "c.example" });
    expect(answer).toEqual({ status: 403, body: new Uint8Array(0) });
  });

  it("planted ignoreConsent: the KeyPackages are handed out despite the revoke", async () => {
    const { system, alice } = await threeProviders();
    const b = system.provider("b.example");
    b.consentFaults = { ignoreConsent: true };
    await b.giveConsent({ requesterUri: ALICE, targetUri: BOB, roomId: ROOM }, false);
    const answers = await keyMaterialAnswers(system, () => alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true));
    expect(answers.map((r) => [r.userStatus, r.clients.length])).toEqual([["success", 1]]);
  });
});

describe("/requestConsent and /updateConsent", () => {
  it("a request is recorded at the target's provider; a cancel of another scope changes nothing, one of the same scope withdraws it", async () => {
    const { system } = await threeProviders();
    const a = system.provider("a.example");
    const b = system.provider("b.example");
    expect(await a.sendConsent(entry("request", ALICE, BOB, ROOM))).toBe(201);
    expect([...b.consent.pending.values()]).toEqual([{ scope: { requesterUri: ALICE, targetUri: BOB, roomId: ROOM }, from: "a.example" }]);
    const before = consentState(system);
    // §5.7: "in response to a cancel which has no request matching the ConsentScope, a 201 Accepted is sent and no further action is taken".
    expect(await a.sendConsent(entry("cancel", ALICE, BOB))).toBe(201);
    expect(await a.sendConsent(entry("cancel", ALICE, BOB, OTHER_ROOM))).toBe(201);
    expect(consentState(system)).toBe(before);
    expect(await a.sendConsent(entry("cancel", ALICE, BOB, ROOM))).toBe(201);
    expect(b.consent.pending.size).toBe(0);
  });

  it("planted acceptAnyCancel: a cancel of another scope withdraws the request", async () => {
    const { system } = await threeProviders();
    const a = system.provider("a.example");
    const b = system.provider("b.example");
    b.consentFaults = { acceptAnyCancel: true };
    await a.sendConsent(entry("request", ALICE, BOB, ROOM));
    await a.sendConsent(entry("cancel", ALICE, BOB));
    expect(b.consent.pending.size).toBe(0);
  });

  it("a grant by the target's user answers its pending request", async () => {
    const { system } = await threeProviders();
    await system.provider("a.example").sendConsent(entry("request", ALICE, BOB, ROOM));
    const b = system.provider("b.example");
    expect(await b.giveConsent({ requesterUri: ALICE, targetUri: BOB, roomId: ROOM }, true)).toBe(201);
    expect(b.consent.pending.size).toBe(0);
    expect([...system.provider("a.example").consent.told.values()].map((t) => t.granted)).toEqual([true]);
  });

  it("domain rules and bad input: the status, and nothing recorded anywhere", async () => {
    const { system } = await threeProviders();
    const send = (to: string, endpoint: "requestConsent" | "updateConsent", from: string, body: Uint8Array, target = to) => system.network.send(to, { endpoint, from, target, body });
    const before = consentState(system);
    const cases: [string, Promise<{ status: number }>, number][] = [
      // The requester is not the sending provider's user (a.example speaks for Cathy of c.example).
      ["requester of another provider", send("b.example", "requestConsent", "a.example", encodeConsentEntry(entry("request", CATHY, BOB))), 403],
      // The target is not the receiving provider's user.
      ["target of another provider", send("b.example", "requestConsent", "a.example", encodeConsentEntry(entry("request", ALICE, CATHY))), 404],
      ["path names another domain", send("b.example", "requestConsent", "a.example", encodeConsentEntry(entry("request", ALICE, BOB)), "c.example"), 404],
      ["a revoke sent to /requestConsent", send("b.example", "requestConsent", "a.example", encodeConsentEntry(entry("revoke", ALICE, BOB))), 400],
      ["a request sent to /updateConsent", send("a.example", "updateConsent", "b.example", encodeConsentEntry(entry("request", ALICE, BOB))), 400],
      ["updateConsent: the target is not the sender's user", send("a.example", "updateConsent", "c.example", encodeConsentEntry(entry("revoke", ALICE, BOB))), 403],
      ["updateConsent: the requester is not the receiver's user", send("a.example", "updateConsent", "b.example", encodeConsentEntry(entry("revoke", CATHY, BOB))), 404],
      ["garbage", send("b.example", "requestConsent", "a.example", Uint8Array.of(1, 2, 3)), 400],
      ["trailing byte", send("b.example", "requestConsent", "a.example", Uint8Array.of(...encodeConsentEntry(entry("request", ALICE, BOB)), 0)), 400],
      // An unknown user of the right domain: 201, to hide who exists (§5.7), and nothing recorded.
      ["unknown target", send("b.example", "requestConsent", "a.example", encodeConsentEntry(entry("request", ALICE, "mimi://b.example/u/nobody"))), 201],
    ];
    for (const [what, answer, status] of cases) expect([what, (await answer).status]).toEqual([what, status]);
    expect(consentState(system)).toBe(before);
  });

  it("planted skipConsentDomainCheck: a provider's request in another provider's user's name is recorded", async () => {
    const { system } = await threeProviders();
    const b = system.provider("b.example");
    b.consentFaults = { skipConsentDomainCheck: true };
    const answer = await system.network.send("b.example", { endpoint: "requestConsent", from: "a.example", target: "b.example", body: encodeConsentEntry(entry("request", CATHY, BOB)) });
    expect(answer.status).toBe(201);
    expect([...b.consent.pending.values()].map((p) => [p.scope.requesterUri, p.from])).toEqual([[CATHY, "a.example"]]);
  });

  it("mutated consent entries: never a 5xx; whatever is not taken changes nothing (fixed seed, with a floor)", async () => {
    const { system } = await threeProviders();
    const valid = [encodeConsentEntry(entry("request", ALICE, BOB, ROOM)), encodeConsentEntry(entry("cancel", ALICE, BOB)), encodeConsentEntry(entry("revoke", ALICE, BOB, ROOM))];
    let refused = 0;
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), async (which, edits) => {
        const body = valid[which]!.slice();
        for (const [at, value] of edits) body[at % body.length] = value;
        const toTarget = which < 2;
        const before = consentState(system);
        const answer = await system.network.send(toTarget ? "b.example" : "a.example", { endpoint: toTarget ? "requestConsent" : "updateConsent", from: toTarget ? "a.example" : "b.example", target: toTarget ? "b.example" : "a.example", body });
        expect(answer.status).toBeLessThan(500);
        if (answer.status !== 201) {
          refused += 1;
          expect(consentState(system)).toBe(before);
        } else taken += 1;
      }),
      { seed: 5007, numRuns: 300 },
    );
    expect(refused).toBeGreaterThanOrEqual(150);
    expect(taken).toBeGreaterThanOrEqual(10);
    expect(system.provider("a.example").internalErrors.concat(system.provider("b.example").internalErrors)).toEqual([]);
  });
});
