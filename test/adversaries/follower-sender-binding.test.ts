// Sender binding (H0, docs/rules.md "Sender binding"): a follower speaks to the hub only for its own
// clients and users. Each request below is sent by b.example for a.example's Alice; the hub refuses it
// with the draft's code and changes nothing, and accepts it with the planted fault skipSenderBinding.
import { applicationPayload } from "../../impl/client/message-content.js";
import { createApplicationMessage } from "ts-mls";
import { describe, expect, it } from "vitest";
import { decodeUpdateRequest } from "../../impl/codec/update-request.js";
import type { MimiRequest } from "../../impl/transport/mimi-request.js";
import { ALICE, BOB, CATHY, ROLE, ROOM, threeProviders } from "../flows/helpers.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import type { HubConfig } from "../../impl/hub/hub-config.js";

const bound: HubConfig = { variants: { pendingProposals: "must-include", leaveOrder: "same-commit" }, faults: {} };
const unbound: HubConfig = { ...bound, faults: { skipSenderBinding: true } };

/** Alice's next commit, taken off the wire before it reaches the hub (a tap drops it: she sees a transport error). */
async function interceptedCommit(system: Awaited<ReturnType<typeof threeProviders>>["system"], send: () => Promise<unknown>): Promise<MimiRequest> {
  let taken: MimiRequest | undefined;
  const stop = system.network.addTap((_to, request) => {
    if (request.endpoint !== "update" || taken !== undefined) return request;
    taken = request;
    return undefined;
  });
  await send();
  stop();
  if (taken === undefined) throw new Error("no /update crossed the network");
  return taken;
}

describe("the hub binds every request to its sending provider (H0)", () => {
  for (const [name, config, expected] of [["bound", bound, "refused"], ["skipSenderBinding", unbound, "accepted"]] as const) {
    it(`${name}: another provider's client's commit, relayed by b.example, is ${expected}`, async () => {
      const { system, alice } = await threeProviders(config);
      const request = await interceptedCommit(system, () => alice.selfUpdate(ROOM));
      expect(system.hub.snapshot(ROOM)!.epoch).toBe(0n);
      const answer = await system.provider("b.example").uplink.sendCommit(ROOM, decodeUpdateRequest(request.body).bundle as never);
      if (expected === "refused") {
        expect(answer).toMatchObject({ code: "notAllowed", description: expect.stringContaining("H0") });
        expect(system.hub.snapshot(ROOM)!.epoch).toBe(0n);
        expect(system.hub.lastDecision).toMatchObject({ rule: "H0" });
      } else {
        expect(answer).toMatchObject({ code: "success" });
        expect(system.hub.snapshot(ROOM)!.epoch).toBe(1n);
      }
    });

    it(`${name}: a message sent by b.example with a.example's Alice as sendingUri is ${expected}`, async () => {
      const { system, alice } = await threeProviders(config);
      const payload = applicationPayload("hi", ALICE, ROOM, new Uint8Array(16));
      const sealed = await createApplicationMessage(alice.session(ROOM)!.state, payload.plaintext, system.hub.suite, payload.authenticatedData);
      const message = { version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage } as const;
      const answer = await system.provider("b.example").uplink.submitMessage(ROOM, message, ALICE);
      expect(answer.code).toBe(expected === "refused" ? "notAllowed" : "accepted");
      if (expected === "refused") expect(system.hub.lastDecision).toMatchObject({ endpoint: "submitMessage", rule: "H0" });
      // The same message with Alice's own provider as sender is accepted (the refusal is the binding's).
      if (expected === "refused") expect((await system.provider("a.example").uplink.submitMessage(ROOM, message, ALICE)).code).toBe("accepted");
    });

    it(`${name}: a GroupInfo request by b.example for a client of Alice is ${expected}`, async () => {
      const { system } = await threeProviders(config);
      const cs = system.hub.suite;
      const keys = await cs.signature.keygen();
      const hpke = await cs.hpke.generateKeyPair();
      const requester = { clientUri: "mimi://a.example/d/alice/tablet", userUri: ALICE, signaturePublicKey: keys.publicKey, signaturePrivateKey: keys.signKey };
      const answer = await system.provider("b.example").uplink.fetchGroupInfo(ROOM, requester, await cs.hpke.exportPublicKey(hpke.publicKey), await cs.hpke.exportPrivateKey(hpke.privateKey));
      expect(answer.code).toBe(expected === "refused" ? "notAuthorized" : "success");
      if (expected === "refused") expect(system.hub.lastDecision).toMatchObject({ endpoint: "groupInfo", rule: "H0" });
    });

    it(`${name}: a KeyPackage request by b.example in Alice's name is ${expected}`, async () => {
      const { system, alice } = await threeProviders(config);
      const requester = await alice.requesterIdentity();
      const answer = await system.provider("b.example").uplink.fetchKeyPackages(ROOM, requester, CATHY);
      if (expected === "refused") expect(answer).toEqual({ code: "HTTP 403", keyPackages: [] });
      else expect(answer.code).toBe("success");
    });
  }
});

/** A message built by Alice's client that claims, in its signed authenticated data, to come from `claimed`. */
async function aliceMessageClaiming(alice: Awaited<ReturnType<typeof threeProviders>>["alice"], claimed: string, cs: Awaited<ReturnType<typeof threeProviders>>["system"]["hub"]["suite"]) {
  const s = alice.session(ROOM)!;
  // The content names the claimed user as sender too, so that only the sender binding tells the lie.
  const payload = applicationPayload("forged", claimed, ROOM, new Uint8Array(16));
  const sealed = await createApplicationMessage(s.state, payload.plaintext, cs, payload.authenticatedData);
  s.state = sealed.newState;
  return { version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage } as const;
}

describe("receivers bind the MLS sender to the user the message claims (H0 at the receiver)", () => {
  it("the hub refuses a message whose signed claim is not its sendingUri, and changes nothing", async () => {
    const { system, alice } = await threeProviders(bound);
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    const message = await aliceMessageClaiming(alice, BOB, system.hub.suite);
    const before = system.hub.snapshot(ROOM);
    expect(await system.provider("a.example").uplink.submitMessage(ROOM, message, ALICE)).toMatchObject({ code: "notAllowed" });
    expect(system.hub.lastDecision).toMatchObject({ endpoint: "submitMessage", code: "notAllowed", rule: "H0" });
    expect(system.hub.snapshot(ROOM)).toEqual(before);
  });

  for (const skipSenderCheck of [false, true]) {
    it(`a hub without the binding relays b.example's message from Alice's client as Bob: Bob's client ${skipSenderCheck ? "with skipSenderCheck takes it" : "refuses it (H0)"}`, async () => {
      const cs = await cipherSuite("node");
      const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, hubConfig: unbound });
      const alice = system.addClient("mimi://a.example/d/alice/phone");
      const bob = system.addClient("mimi://b.example/d/bob/phone", undefined, undefined, { skipSenderCheck });
      await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
      await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
      const message = await aliceMessageClaiming(alice, BOB, cs);
      const refusalsBefore = bob.refusals.length;
      expect(await system.provider("b.example").uplink.submitMessage(ROOM, message, BOB)).toMatchObject({ code: "accepted" });
      const texts = bob.session(ROOM)!.received.map((r) => r.text);
      if (skipSenderCheck) {
        expect(texts).toContain("forged");
        expect(bob.refusals.length).toBe(refusalsBefore);
      } else {
        expect(texts).not.toContain("forged");
        expect(bob.refusals.slice(refusalsBefore)).toEqual([expect.objectContaining({ what: "message", code: "notAllowed", rule: "H0" })]);
      }
    });
  }

  it("an honest message (signed claim, sendingUri and MLS sender agree) is taken by every receiver", async () => {
    const { system, alice, bob } = await threeProviders(bound);
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    expect(await alice.sendMessage(ROOM, "hello")).toMatchObject({ code: "accepted" });
    expect(bob.session(ROOM)!.received.map((r) => r.text)).toEqual(["hello"]);
    expect(system.allClients().flatMap((c) => c.refusals)).toEqual([]);
  });
});
