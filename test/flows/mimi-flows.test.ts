// The flows of draft-ietf-mimi-protocol §3 across three providers, on real MLS, every message as bytes.
import { bodyText } from "../../impl/client/message-content.js";
import { decodeMimiContent } from "../../impl/content/mimi-content.js";
import { describe, expect, it } from "vitest";
import { ALICE, BOB, CATHY, ROLE, ROOM, agreement, threeProviders } from "./helpers.js";
// Appendix A.1 has a policy_enforcer role: the hub's enforcer user is listed from creation (docs/rules.md R18).
const ENFORCER = "mimi://a.example/u/policy-enforcer";
import { createApplicationMessage, emptyPskIndex, processMessage } from "ts-mls";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import { decodeSubmitMessageRequest } from "../../impl/codec/submit-message-request.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";

function expectAgreement(system: Awaited<ReturnType<typeof threeProviders>>["system"]) {
  const { hub, views } = agreement(system);
  for (const v of views) {
    expect(v.epoch).toBe(hub.epoch);
    expect(v.participants).toEqual(hub.committed.participants.participants);
    expect([...v.members].sort()).toEqual([...hub.members].sort());
  }
  const auths = new Set(views.map((v) => Buffer.from(v.epochAuthenticator).toString("hex")));
  expect(auths.size).toBe(1);
  for (const c of system.allClients()) expect(c.refusals).toEqual([]);
}

describe("flow 1: create, add across providers, message (protocol §3.2–3.4)", () => {
  it("Alice adds Bob, Bob adds Cathy, Cathy's message reaches every member", async () => {
    const { system, alice, bob, cathy } = await threeProviders();
    expect(await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
    expect(bob.roomView(ROOM)?.epoch).toBe(1n);
    expect(await bob.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
    expectAgreement(system);
    expect(agreement(system).hub.committed.participants.participants.map((p) => p.user)).toEqual([ALICE, ENFORCER, BOB, CATHY]);
    expect(await cathy.sendMessage(ROOM, "hello from c.example")).toMatchObject({ code: "accepted" });
    for (const c of [alice, bob]) expect(c.session(ROOM)!.received.map((m) => m.text)).toEqual(["hello from c.example"]);
    // The sender recognises the hub's echo of its own message rather than failing to decrypt it.
    expect(cathy.refusals).toEqual([]);
  });
});

describe("flows 2 and 3: inactive participants and new devices join by external commit (§3.6)", () => {
  it("a user added without clients joins later; a second device of a participant joins too", async () => {
    const { system, alice, bob } = await threeProviders();
    expect(await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, false)).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)!.members).toEqual(["mimi://a.example/d/alice/phone"]);
    expect(await bob.joinByExternalCommit(ROOM)).toMatchObject({ code: "success" });
    const aliceTablet = system.addClient("mimi://a.example/d/alice/tablet");
    expect(await aliceTablet.joinByExternalCommit(ROOM)).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)!.members.length).toBe(3);
    expectAgreement(system);
  });

  it("a non-participant cannot fetch the GroupInfo to join", async () => {
    const { system, cathy } = await threeProviders();
    expect(await cathy.joinByExternalCommit(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(system.hub.snapshot(ROOM)!.epoch).toBe(0n);
  });
});

describe("flow 4: leave through proposals, blocked at once (§3.5, §5.3)", () => {
  it("the hub blocks the leaver, refuses a commit that omits the leave, accepts one that includes it", async () => {
    const { system, alice, bob } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    expect(await bob.proposeLeave(ROOM)).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)!.blocked).toEqual([BOB]);
    expect(await bob.selfUpdate(ROOM, false)).toMatchObject({ code: "notAllowed", description: expect.stringContaining("R2") });
    expect(await alice.selfUpdate(ROOM, false)).toMatchObject({ code: "notAllowed" });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    const hub = system.hub.snapshot(ROOM)!;
    expect(hub.committed.participants.participants.map((p) => p.user)).toEqual([ALICE, ENFORCER]);
    expect(hub.members).toEqual(["mimi://a.example/d/alice/phone"]);
    expect(hub.blocked).toEqual([]);
    expect(bob.roomView(ROOM)).toBeUndefined();
  });
});

describe("flow 5: remove, kick, ban, unban, role change under the role policy (room-policy §8.1)", () => {
  it("an admin may do each; an ordinary user may not ban; the last admin cannot leave", async () => {
    const { system, alice, bob, cathy } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    expect(await bob.ban(ROOM, CATHY)).toMatchObject({ code: "notAllowed" });
    expect(await alice.proposeLeave(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(await alice.kick(ROOM, CATHY)).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)!.committed.participants.participants.map((p) => p.user)).toContain(CATHY);
    expect(await alice.ban(ROOM, CATHY)).toMatchObject({ code: "success" });
    expect(await cathy.joinByExternalCommit(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(await alice.unban(ROOM, CATHY, ROLE.ordinaryUser)).toMatchObject({ code: "success" });
    expect(await alice.changeRole(ROOM, BOB, ROLE.groupAdmin)).toMatchObject({ code: "success" });
    expect(await bob.removeParticipant(ROOM, CATHY)).toMatchObject({ code: "success" });
    const hub = system.hub.snapshot(ROOM)!;
    expect(hub.committed.participants.participants).toEqual([
      { user: ALICE, roleIndex: ROLE.groupAdmin },
      { user: ENFORCER, roleIndex: ROLE.policyEnforcer },
      { user: BOB, roleIndex: ROLE.groupAdmin },
    ]);
    expectAgreement(system);
  });
});

describe("flow 6: a removed client cannot read what follows (RFC 9420 §16.4)", () => {
  /** Alice removes Bob (Cathy stays unless `alone`), then the sender posts; returns the message as the hub received it. */
  async function removeBobThenSend(options: { alone?: boolean; aliceFaults?: ClientFaults }) {
    const { system, alice, bob, cathy } = await threeProviders(undefined, options.aliceFaults);
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    if (options.alone !== true) await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    expect(await alice.removeParticipant(ROOM, BOB)).toMatchObject({ code: "success" });
    expect(bob.session(ROOM)).toBeUndefined();
    const before = system.network.log.length;
    const sender = options.alone === true ? alice : cathy;
    expect(await sender.sendMessage(ROOM, "after Bob left")).toMatchObject({ code: "accepted" });
    const submitted = system.network.log.slice(before).find((x) => x.request.endpoint === "submitMessage");
    expect(submitted).toBeDefined();
    const message = decodeSubmitMessageRequest(submitted!.request.body).appMessage;
    return { system, alice, bob, cathy, message, former: bob.formerStates.get(ROOM)! };
  }

  it("Bob, processing the commit that removes him with every key he holds, cannot derive the new epoch nor read a later message", async () => {
    const { message, former, cathy, alice } = await removeBobThenSend({});
    expect(former.afterRemoval).toEqual({ derived: false, reason: expect.stringMatching(/^cannot derive the epoch: no key held opens the UpdatePath/) });
    await expect(processMessage(message as never, former.lastState, emptyPskIndex, () => "accept", await cipherSuite("node"))).rejects.toThrow();
    expect(alice.session(ROOM)!.received.map((m) => m.text)).toEqual(["after Bob left"]);
    expect([...alice.refusals, ...cathy.refusals]).toEqual([]);
  });

  it("also when the removal leaves Alice alone (ts-mls used an all-zero commit_secret there: patched, RFC 9420 §7.4)", async () => {
    const { former, message, system } = await removeBobThenSend({ alone: true });
    expect(system.hub.snapshot(ROOM)!.members).toEqual(["mimi://a.example/d/alice/phone"]);
    expect(former.afterRemoval).toMatchObject({ derived: false, reason: expect.stringMatching(/^cannot derive the epoch/) });
    await expect(processMessage(message as never, former.lastState, emptyPskIndex, () => "accept", await cipherSuite("node"))).rejects.toThrow();
  });

  it("planted leakPathSecretToRemoved: the hub and Cathy accept Alice's removal commit, and Bob derives the epoch and reads Cathy's message", async () => {
    const { message, former, cathy, alice } = await removeBobThenSend({ aliceFaults: { leakPathSecretToRemoved: true } });
    expect([...alice.refusals, ...cathy.refusals]).toEqual([]);
    expect(former.afterRemoval).toMatchObject({ derived: true, how: "opened a path secret of the UpdatePath" });
    if (!former.afterRemoval.derived) return;
    const read = await processMessage(message as never, former.afterRemoval.state, emptyPskIndex, () => "accept", await cipherSuite("node"));
    expect(read.kind).toBe("applicationMessage");
    // The plaintext is MIMI content; its body is the text Cathy sent.
    expect(bodyText(decodeMimiContent((read as { message: Uint8Array }).message).body)).toBe("after Bob left");
  });
});

describe("flow 7: epochs and senders (protocol §5.3, §5.4)", () => {
  it("a stale commit gets wrongEpoch, an old message epochTooOld, a non-participant's message notAllowed", async () => {
    const { system, alice, bob } = await threeProviders();
    const epoch0 = alice.session(ROOM)!.state;
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    expect(await alice.staleCommit(ROOM, epoch0)).toMatchObject({ code: "wrongEpoch", currentEpoch: 1n });
    const bobState = bob.session(ROOM)!.state;
    expect(await alice.selfUpdate(ROOM)).toMatchObject({ code: "success" });
    // Bob sends from the epoch he has already left behind.
    bob.session(ROOM)!.state = bobState;
    expect(await bob.sendMessage(ROOM, "late")).toMatchObject({ code: "epochTooOld", currentEpoch: 2n });
    const hubEpoch = system.hub.snapshot(ROOM)!.epoch;
    // A well-formed application message of the current epoch, submitted in the name of a non-participant.
    const { cipherSuite } = await import("../../impl/mls/crypto/suite.js");
    const sealed = await createApplicationMessage(alice.session(ROOM)!.state, new TextEncoder().encode("x"), await cipherSuite("node"));
    const outsider = await system.hub.handleSubmit(ROOM, { version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage }, CATHY, "c.example");
    expect(outsider).toMatchObject({ code: "notAllowed", description: expect.stringContaining("R14") });
    expect(system.hub.snapshot(ROOM)!.epoch).toBe(hubEpoch);
  });
});

describe("malformed bytes at each endpoint get an error and change nothing", () => {
  it("update, submitMessage, groupInfo, keyMaterial and notify answer 400 to garbage", async () => {
    const { system, alice, bob } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    const before = JSON.stringify(system.hub.snapshot(ROOM), (_k, v) => (typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v));
    const garbage = [new Uint8Array(), new Uint8Array([0xff]), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])];
    for (const endpoint of ["update", "submitMessage", "groupInfo", "keyMaterial"] as const)
      for (const body of garbage) {
        const res = await system.network.send("a.example", { endpoint, from: "b.example", target: ROOM, body });
        expect(res.status).toBe(400);
      }
    for (const body of garbage) {
      const res = await system.network.send("b.example", { endpoint: "notify", from: "a.example", target: ROOM, body });
      expect(res.status).toBe(400);
    }
    const after = JSON.stringify(system.hub.snapshot(ROOM), (_k, v) => (typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v));
    expect(after).toBe(before);
    expect(bob.roomView(ROOM)?.epoch).toBe(1n);
    expect(bob.refusals).toEqual([]);
  });
});

describe("a removal with a room change reaches every member (RFC 9420 §12.4.2, ts-mls #742 patched)", () => {
  // ts-mls 1.6.4 encrypts UpdatePath secrets to the GroupContext before a GroupContextExtensions proposal
  // of the same commit, so any ban or removal (list change + Remove + UpdatePath) was undecryptable for the
  // other members. patches/ts-mls+1.6.4.patch uses the provisional GroupContext, as §12.4.2 requires.
  it("a ban is processed by the other member, also after the banned user's client rejoined", async () => {
    const { alice, bob, cathy } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    await alice.kick(ROOM, CATHY);
    expect(await cathy.joinByExternalCommit(ROOM)).toMatchObject({ code: "success" });
    expect(await alice.ban(ROOM, CATHY)).toMatchObject({ code: "success" });
    expect(bob.refusals).toEqual([]);
    expect(bob.roomView(ROOM)!.epochAuthenticator).toEqual(alice.roomView(ROOM)!.epochAuthenticator);
  });

  it("a removal committed by a member other than the room's creator is processed by everyone", async () => {
    const { alice, bob, cathy } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.groupAdmin, true);
    await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    expect(await bob.removeParticipant(ROOM, CATHY)).toMatchObject({ code: "success" });
    expect([...alice.refusals, ...bob.refusals]).toEqual([]);
    expect(alice.roomView(ROOM)!.epochAuthenticator).toEqual(bob.roomView(ROOM)!.epochAuthenticator);
    expect(cathy.roomView(ROOM)).toBeUndefined();
  });
});

describe("notify is idempotent (protocol §5.5)", () => {
  it("a byte-identical re-delivery gets 201 and is processed once", async () => {
    const { system, alice, bob } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    const before = system.network.log.length;
    expect(await alice.sendMessage(ROOM, "once")).toMatchObject({ code: "accepted" });
    const notify = system.network.log.slice(before).find((x) => x.to === "b.example" && x.request.endpoint === "notify");
    expect(notify).toBeDefined();
    const again = await system.network.send("b.example", notify!.request);
    expect(again.status).toBe(201);
    expect(bob.session(ROOM)!.received.map((m) => m.text)).toEqual(["once"]);
    expect(bob.refusals).toEqual([]);
  });
});
