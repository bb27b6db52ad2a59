// The receivers' rules (content §9, §5.11) in the clients, on a fixed trace across three providers: every
// member holds the same messages in the hub's order, and what a timeline discards is a refusal naming the
// digest §7 F rule, never a silent drop. Expected orders are the order the hub accepted the messages in.
import { createApplicationMessage, type MLSMessage } from "ts-mls";
import { describe, expect, it } from "vitest";
import { buildMessageContent, type BuiltContent } from "../../impl/client/message-content.js";
import type { MimiClient } from "../../impl/client/client.js";
import { orderedMessages } from "../../impl/content/content-timeline.js";
import { decodeMimiContent } from "../../impl/content/mimi-content.js";
import { frankingTag } from "../../impl/franking/frank.js";
import { encodeMessageAad } from "../../impl/franking/message-aad.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import { ALICE, BOB, CATHY, ROLE, ROOM, threeProviders } from "../flows/helpers.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const salt = (b: number) => new Uint8Array(16).fill(b);

/** `content` sent by `client` as an honest client would seal it (tag and sender claim included). */
async function submitAs(system: MimiSystem, client: MimiClient, built: BuiltContent) {
  const s = client.session(ROOM)!;
  const sealed = await createApplicationMessage({ ...s.state, unappliedProposals: {} }, built.bytes, system.hub.suite, encodeMessageAad({ senderClaim: client.user, frankingTag: frankingTag(built.content.salt, built.bytes) }));
  s.state = sealed.newState;
  const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage };
  return system.provider(client.uri.split("/")[2]!).uplink.submitMessage(ROOM, message, client.user);
}

const idsOf = (c: MimiClient) => orderedMessages(c.session(ROOM)!.timeline).map((m) => hex(m.messageId));

describe("the receivers' timeline in the clients", () => {
  it("every member holds the same messages, in the order the hub accepted them; a foreign edit and a repeated ID are refused under F59 and F55; an admin's delete of another's text is kept", async () => {
    const { system, alice, bob, cathy } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    expect((await alice.sendMessage(ROOM, "hello", 0, "text")).code).toBe("accepted");
    expect((await bob.sendMessage(ROOM, "hi", 0, "text")).code).toBe("accepted");
    expect((await cathy.sendMessage(ROOM, "", 0, "reaction")).code).toBe("accepted");
    const sentInOrder = [alice, bob, cathy].map((c) => hex(c.session(ROOM)!.ownMessages.at(-1)!.messageId));
    for (const c of [alice, bob, cathy]) expect(idsOf(c), c.uri).toEqual(sentInOrder);
    const aliceText = alice.session(ROOM)!.ownMessages[0]!.messageId;

    // Bob (ordinary_user) edits Alice's text: no capability lets anyone edit another's body (§9.3).
    const forged = buildMessageContent("edit", "hello from bob", BOB, ROOM, salt(1), { latest: undefined, ownLatest: aliceText });
    expect((await submitAs(system, bob, forged)).code).toBe("accepted");
    for (const c of [alice, cathy]) {
      expect(c.refusals.at(-1), c.uri).toEqual({ epoch: 2n, what: "message", code: "discarded", rule: "F59", reason: `replaceNotAuthorized: message ${hex(forged.messageId)}` });
      expect(idsOf(c)).toEqual(sentInOrder);
    }

    // Bob sends his text's content again in a fresh MLS message: the same message ID (§9.1).
    const reply = bob.session(ROOM)!.ownMessages.at(-1)!;
    expect((await submitAs(system, bob, { kind: "text", bytes: reply.content, content: decodeMimiContent(reply.content), messageId: reply.messageId })).code).toBe("accepted");
    for (const c of [alice, cathy]) {
      expect(c.refusals.at(-1), c.uri).toEqual({ epoch: 2n, what: "message", code: "discarded", rule: "F55", reason: `duplicateMessageId: message ${hex(reply.messageId)}` });
      expect(idsOf(c)).toEqual(sentInOrder);
    }

    // Alice (group_admin, canDeleteOtherMessage in Appendix A.1) deletes Bob's text: the policy grants it.
    const removal = buildMessageContent("delete", "", ALICE, ROOM, salt(3), { latest: undefined, ownLatest: reply.messageId });
    expect((await submitAs(system, alice, removal)).code).toBe("accepted");
    for (const c of [bob, cathy]) expect(idsOf(c), c.uri).toEqual([...sentInOrder, hex(removal.messageId)]);
  });

  it("on the content code's own floor (2024-01-01), the in-process hub's November 2023 timestamps are all discarded under F62", async () => {
    const { system, alice } = await threeProviders();
    const dana = system.addClient("mimi://b.example/d/dana/phone", { pendingProposals: "must-include", contentClock: { nowMs: () => Date.UTC(2024, 6, 1) } });
    await alice.addParticipant(ROOM, "mimi://b.example/u/dana", ROLE.ordinaryUser, true);
    expect((await alice.sendMessage(ROOM, "hello")).code).toBe("accepted");
    expect(dana.session(ROOM)!.received).toEqual([]);
    expect(dana.refusals.at(-1)).toMatchObject({ what: "message", code: "discarded", rule: "F62" });
    expect(dana.refusals.at(-1)!.reason).toMatch(/^timestampBeforeSpecification: message [0-9a-f]{64}$/);
  });
});
