// Sender binding (H0, docs/rules.md "Sender binding"): a follower speaks to the hub only for its own
// clients and users. Each request below is sent by b.example for a.example's Alice; the hub refuses it
// with the draft's code and changes nothing, and accepts it with the planted fault skipSenderBinding.
import { createApplicationMessage } from "ts-mls";
import { describe, expect, it } from "vitest";
import { decodeUpdateRequest } from "../../impl/codec/update-request.js";
import type { MimiRequest } from "../../impl/transport/mimi-request.js";
import { ALICE, CATHY, ROOM, threeProviders } from "../flows/helpers.js";
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
      const sealed = await createApplicationMessage(alice.session(ROOM)!.state, new TextEncoder().encode("hi"), system.hub.suite);
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
