// Receivers take an attachment (ExternalPart, content §4.5) only from its sender's provider's asset
// location (room-policy asset_policy upload_domains): a message pointing elsewhere is refused, F46
// `foreignAttachment`, and kept by nobody. The planted skipAttachmentOriginCheck shows what this catches.
import { createApplicationMessage } from "ts-mls";
import { describe, expect, it } from "vitest";
import type { MimiClient } from "../../impl/client/client.js";
import { DISPOSITIONS } from "../../impl/content/disposition.js";
import { ROOM_URI_KEY, SENDER_URI_KEY } from "../../impl/content/extensions.js";
import { encodeMimiContent } from "../../impl/content/mimi-content.js";
import type { NestedPart } from "../../impl/content/nested-part.js";
import { frankingTag } from "../../impl/franking/frank.js";
import { encodeMessageAad } from "../../impl/franking/message-aad.js";
import { attachmentOriginRefusal } from "../../impl/proxy/attachment-origin.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import { ALICE, BOB, CATHY, ROLE, ROOM, threeProviders } from "../flows/helpers.js";

const POLICY = new Map([
  ["a.example", "https://assets.a.example"],
  ["b.example", "https://assets.b.example"],
  ["c.example", "https://assets.c.example"],
]);

const attachment = (url: string): NestedPart => ({
  kind: "external", disposition: DISPOSITIONS.attachment, language: "", contentType: "video/mp4", url, expires: 0, size: 0n,
  encAlg: 1, key: new Uint8Array(16).fill(7), nonce: new Uint8Array(12).fill(9), aad: new Uint8Array(0), hashAlg: 0, contentHash: new Uint8Array(0), description: "", filename: "clip.mp4",
});
const text = (t: string): NestedPart => ({ kind: "single", disposition: DISPOSITIONS.render, language: "", contentType: "text/plain;charset=utf-8", content: new TextEncoder().encode(t) });

describe("attachmentOriginRefusal", () => {
  it("an attachment at the sender's provider's location passes, wherever it sits among the parts", () => {
    expect(attachmentOriginRefusal(attachment("https://assets.b.example/v/1"), BOB, POLICY)).toBeUndefined();
    expect(attachmentOriginRefusal({ kind: "multi", disposition: DISPOSITIONS.render, language: "", partSemantics: "processAll", parts: [text("see"), attachment("https://assets.b.example/v/1")] }, BOB, POLICY)).toBeUndefined();
    expect(attachmentOriginRefusal(text("no attachment"), BOB, POLICY)).toBeUndefined();
  });
  it("another provider's location, an unlisted provider, or a disguised host is refused", () => {
    expect(attachmentOriginRefusal(attachment("https://assets.c.example/v/1"), BOB, POLICY)).toMatch(/hostNotAllowed/);
    expect(attachmentOriginRefusal({ kind: "multi", disposition: DISPOSITIONS.render, language: "", partSemantics: "processAll", parts: [text("see"), attachment("https://assets.c.example/v/1")] }, BOB, POLICY)).toMatch(/hostNotAllowed/);
    expect(attachmentOriginRefusal(attachment("https://assets.d.example/v/1"), "mimi://d.example/u/dan", POLICY)).toMatch(/hostNotAllowed/);
    expect(attachmentOriginRefusal(attachment("https://assets.b.example@10.0.0.1/v/1"), BOB, POLICY)).toMatch(/userinfo/);
    expect(attachmentOriginRefusal(attachment("http://assets.b.example/v/1"), BOB, POLICY)).toMatch(/originNotAllowed/);
  });
});

/** Alice sends `body` as an honest client would (salt, extensions, franking tag), over real MLS. */
async function aliceSends(system: MimiSystem, alice: MimiClient, body: NestedPart, saltByte: number): Promise<void> {
  const salt = new Uint8Array(16).fill(saltByte);
  const bytes = encodeMimiContent({ salt, replaces: null, topicId: new Uint8Array(0), expires: null, inReplyTo: null, extensions: new Map([[SENDER_URI_KEY, ALICE], [ROOM_URI_KEY, ROOM]]), body });
  const s = alice.session(ROOM)!;
  const sealed = await createApplicationMessage({ ...s.state, unappliedProposals: {} }, bytes, system.hub.suite, encodeMessageAad({ senderClaim: ALICE, frankingTag: frankingTag(salt, bytes) }));
  s.state = sealed.newState;
  const outcome = await system.provider("a.example").uplink.submitMessage(ROOM, { version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage }, ALICE);
  expect(outcome).toMatchObject({ code: "accepted" });
}

describe("receivers check an attachment's origin (F46)", () => {
  it("Alice's attachment at a.example's location is kept; one at b.example's is refused by Bob and Cathy; with skipAttachmentOriginCheck a receiver keeps it", async () => {
    const { system, alice, bob, cathy } = await threeProviders();
    const careless = system.addClient("mimi://b.example/d/bob/tablet", undefined, undefined, { skipAttachmentOriginCheck: true });
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    for (const c of [bob, cathy, careless]) {
      expect(c.session(ROOM)).toBeDefined();
      c.useAssetPolicy(POLICY);
    }
    await aliceSends(system, alice, attachment("https://assets.a.example/v/own"), 1);
    for (const c of [bob, cathy, careless]) expect(c.session(ROOM)!.received).toHaveLength(1);

    await aliceSends(system, alice, attachment("https://assets.b.example/v/bobs"), 2);
    for (const c of [bob, cathy]) {
      expect(c.session(ROOM)!.received).toHaveLength(1);
      expect(c.refusals.at(-1)).toMatchObject({ what: "message", code: "foreignAttachment", rule: "F46" });
      expect(c.refusals.at(-1)!.reason).toMatch(/^attachment https:\/\/assets\.b\.example\/v\/bobs: hostNotAllowed/);
    }
    // The planted defect: what the check above expects fails for this receiver.
    expect(careless.session(ROOM)!.received).toHaveLength(2);
    expect(careless.refusals.filter((r) => r.rule === "F46")).toEqual([]);
  });
});
