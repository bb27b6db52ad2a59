// Clients send real MIMI content (draft-ietf-mimi-content §5): a text, a reply and a reaction to the latest
// message, an edit and a delete of the sender's own text, each naming what the draft says — inReplyTo the
// replied-to version's ID, replaces the first version's ID (§4.1), a reaction with disposition 2, a delete
// with a NullPart — and every receiver decodes the same content with the same message ID (§3.3).
import { describe, expect, it } from "vitest";
import { decodeMimiContent } from "../../impl/content/mimi-content.js";
import { ALICE, BOB, ROLE, ROOM, threeProviders } from "../flows/helpers.js";

const hex = (b: Uint8Array | null | undefined) => (b === null || b === undefined ? null : Buffer.from(b).toString("hex"));

describe("MIMI content kinds on the wire", () => {
  it("text, reply, reaction, edit and delete reach Bob as the draft shapes them", async () => {
    const { alice, bob } = await threeProviders();
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    expect((await alice.sendMessage(ROOM, "first", 0, "text")).code).toBe("accepted");
    expect((await bob.sendMessage(ROOM, "answer", 0, "reply")).code).toBe("accepted");
    expect((await alice.sendMessage(ROOM, "", 0, "reaction")).code).toBe("accepted");
    expect((await alice.sendMessage(ROOM, "first, fixed", 0, "edit")).code).toBe("accepted");
    expect((await alice.sendMessage(ROOM, "", 0, "delete")).code).toBe("accepted");
    const own = alice.session(ROOM)!.ownMessages;
    expect(own.map((m) => m.kind)).toEqual(["text", "reaction", "edit", "delete"]);
    const atBob = bob.session(ROOM)!.received;
    expect(atBob).toHaveLength(4);
    const [first, reaction, edit, del] = atBob.map((r) => ({ ...r, c: decodeMimiContent(r.content!) }));
    const bobsReply = bob.session(ROOM)!.ownMessages[0]!;
    const reply = decodeMimiContent(bobsReply.content);
    // The reply names the version it answers; the reaction answers the latest message (Bob's reply).
    expect(hex(reply.inReplyTo)).toBe(hex(first!.messageId));
    expect(reaction!.c.body).toMatchObject({ kind: "single", disposition: 2, contentType: "text/plain;charset=utf-8" });
    expect(hex(reaction!.c.inReplyTo)).toBe(hex(bobsReply.messageId));
    // The edit and the delete replace the first version of Alice's own text.
    expect(hex(edit!.c.replaces)).toBe(hex(first!.messageId));
    expect(edit!.text).toBe("first, fixed (edited)");
    expect(hex(del!.c.replaces)).toBe(hex(first!.messageId));
    expect(del!.c.body.kind).toBe("null");
    // Extensions 1 and 2 name the sender and the room; every message ID is the one the sender computed.
    for (const [i, r] of atBob.entries()) {
      expect(r.senderUser).toBe(ALICE);
      expect(hex(r.messageId)).toBe(hex(own[i]!.messageId));
    }
    expect(bob.refusals).toEqual([]);
  });

  it("an edit or delete with no own text left to change is sent as a text", async () => {
    const { alice } = await threeProviders();
    await alice.sendMessage(ROOM, "alone", 0, "edit");
    await alice.sendMessage(ROOM, "", 0, "delete");
    await alice.sendMessage(ROOM, "nothing left to edit", 0, "edit");
    await alice.sendMessage(ROOM, "a reply to the latest", 0, "reply");
    // Nothing to edit: a text; the delete removes it; nothing left: a text; the reply answers the latest.
    expect(alice.session(ROOM)!.ownMessages.map((m) => m.kind)).toEqual(["text", "delete", "text", "reply"]);
  });
});
