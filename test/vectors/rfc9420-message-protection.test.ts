/**
 * RFC 9420 §6 message framing and protection against message-protection.json
 * (suite-1 case), through ts-mls's `unprotectPublicMessage` / `unprotectPrivateMessage`
 * and `protectPublicMessage` / `protect` with the node:crypto provider.
 *
 * Set-up per the vector spec: GroupContext from group_id/epoch/tree_hash/
 * confirmed_transcript_hash with no extensions, a secret tree for 2 members from
 * encryption_secret, the sender is leaf 1 with signature key signature_pub.
 * For proposal, commit and application:
 *  - the vector's PublicMessage (not for application) and PrivateMessage unprotect
 *    and carry exactly the vector's proposal / commit / application bytes;
 *  - we protect the same content ourselves, as PublicMessage and PrivateMessage,
 *    serialize, parse and unprotect it again (round trip).
 */
import { describe, expect, it } from "vitest";
import { decodeMlsMessage, defaultKeyRetentionConfig, defaultPaddingConfig, encodeMlsMessage, type GroupContext } from "ts-mls";
import type { AuthenticatedContent } from "ts-mls/authenticatedContent.js";
import type { FramedContent, FramedContentAuthData } from "ts-mls/framedContent.js";
import { signFramedContentTBS } from "ts-mls/framedContent.js";
import { protectPublicMessage, unprotectPublicMessage } from "ts-mls/messageProtectionPublic.js";
import { protect, unprotectPrivateMessage } from "ts-mls/messageProtection.js";
import type { PrivateMessageContent } from "ts-mls/privateMessage.js";
import { createSecretTree } from "ts-mls/secretTree.js";
import { decodeProposal, encodeProposal } from "ts-mls/proposal.js";
import { decodeCommit, encodeCommit } from "ts-mls/commit.js";
import type { CiphersuiteImpl } from "ts-mls";
import { cipherSuite, SUITE_NAME } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";

interface MessageProtectionCase {
  cipher_suite: number;
  group_id: string;
  epoch: number;
  tree_hash: string;
  confirmed_transcript_hash: string;
  signature_priv: string;
  signature_pub: string;
  encryption_secret: string;
  sender_data_secret: string;
  membership_key: string;
  proposal: string;
  proposal_priv: string;
  proposal_pub: string;
  commit: string;
  commit_priv: string;
  commit_pub: string;
  application: string;
  application_priv: string;
}

const cases = suite1(loadVectors<MessageProtectionCase>("message-protection"));
const SENDER = 1;
type Kind = "proposal" | "commit" | "application";

/** The vector's payload bytes as carried by an AuthenticatedContent. */
function payloadHex(ac: { content: FramedContent }): string {
  const c = ac.content;
  switch (c.contentType) {
    case "proposal":
      return toHex(encodeProposal(c.proposal));
    case "commit":
      return toHex(encodeCommit(c.commit));
    case "application":
      return toHex(c.applicationData);
  }
}

function framedContent(kind: Kind, v: MessageProtectionCase, gc: GroupContext): FramedContent {
  const data = { groupId: gc.groupId, epoch: gc.epoch, sender: { senderType: "member" as const, leafIndex: SENDER }, authenticatedData: fromHex("a0a1a2") };
  switch (kind) {
    case "proposal":
      return { ...data, contentType: "proposal", proposal: decodeProposal(fromHex(v.proposal), 0)![0] };
    case "commit":
      return { ...data, contentType: "commit", commit: decodeCommit(fromHex(v.commit), 0)![0] };
    case "application":
      return { ...data, contentType: "application", applicationData: fromHex(v.application) };
  }
}

async function sign(content: FramedContent, wireformat: "mls_public_message" | "mls_private_message", gc: GroupContext, v: MessageProtectionCase, cs: CiphersuiteImpl): Promise<FramedContentAuthData> {
  const signature = await signFramedContentTBS(
    fromHex(v.signature_priv),
    { protocolVersion: "mls10", wireformat, content, senderType: "member", context: gc },
    cs.signature,
  );
  return content.contentType === "commit"
    ? { contentType: "commit", signature, confirmationTag: cs.rng.randomBytes(cs.kdf.size) }
    : { contentType: content.contentType, signature };
}

describe("message-protection.json, suite 1, node provider", () => {
  it("has the suite-1 case", () => {
    expect(cases.length).toBe(1);
  });

  for (const [ci, v] of cases.entries()) {
    const setup = async () => {
      const cs = await cipherSuite("node");
      const gc: GroupContext = {
        version: "mls10",
        cipherSuite: SUITE_NAME,
        groupId: fromHex(v.group_id),
        epoch: BigInt(v.epoch),
        treeHash: fromHex(v.tree_hash),
        confirmedTranscriptHash: fromHex(v.confirmed_transcript_hash),
        extensions: [],
      };
      const secretTree = await createSecretTree(2, fromHex(v.encryption_secret), cs.kdf);
      return { cs, gc, secretTree, sigPub: fromHex(v.signature_pub) };
    };

    for (const kind of ["proposal", "commit"] as const) {
      it(`case ${ci}: ${kind} PublicMessage from the vector`, async () => {
        const { cs, gc, sigPub } = await setup();
        const msg = decodeMlsMessage(fromHex(v[`${kind}_pub`]), 0)![0];
        if (msg.wireformat !== "mls_public_message") throw new Error("expected a PublicMessage");
        const ac = await unprotectPublicMessage(fromHex(v.membership_key), gc, [], msg.publicMessage, cs, sigPub);
        expect(ac.content.sender).toEqual({ senderType: "member", leafIndex: SENDER });
        expect(payloadHex(ac)).toBe(v[kind]);
        // Wrong membership key or wrong signer must be rejected.
        await expect(unprotectPublicMessage(new Uint8Array(32), gc, [], msg.publicMessage, cs, sigPub)).rejects.toThrow();
        const otherKey = (await cs.signature.keygen()).publicKey;
        await expect(unprotectPublicMessage(fromHex(v.membership_key), gc, [], msg.publicMessage, cs, otherKey)).rejects.toThrow();
      });
    }

    for (const kind of ["proposal", "commit", "application"] as const) {
      it(`case ${ci}: ${kind} PrivateMessage from the vector`, async () => {
        const { cs, gc, secretTree, sigPub } = await setup();
        const msg = decodeMlsMessage(fromHex(v[`${kind}_priv`]), 0)![0];
        if (msg.wireformat !== "mls_private_message") throw new Error("expected a PrivateMessage");
        const r = await unprotectPrivateMessage(fromHex(v.sender_data_secret), msg.privateMessage, secretTree, [], gc, defaultKeyRetentionConfig, cs, sigPub);
        expect(r.content.content.sender).toEqual({ senderType: "member", leafIndex: SENDER });
        expect(payloadHex(r.content)).toBe(v[kind]);
        const otherKey = (await cs.signature.keygen()).publicKey;
        await expect(
          unprotectPrivateMessage(fromHex(v.sender_data_secret), msg.privateMessage, secretTree, [], gc, defaultKeyRetentionConfig, cs, otherKey),
        ).rejects.toThrow();
      });

      it(`case ${ci}: ${kind} PrivateMessage round trip`, async () => {
        const { cs, gc, secretTree, sigPub } = await setup();
        const content = framedContent(kind, v, gc);
        const auth = await sign(content, "mls_private_message", gc, v, cs);
        const pmc = { ...content, auth } as PrivateMessageContent;
        const sealed = await protect(fromHex(v.sender_data_secret), content.authenticatedData, gc, secretTree, pmc, SENDER, defaultPaddingConfig, cs);
        const wire = encodeMlsMessage({ version: "mls10", wireformat: "mls_private_message", privateMessage: sealed.privateMessage });
        const parsed = decodeMlsMessage(wire, 0)![0];
        if (parsed.wireformat !== "mls_private_message") throw new Error("round trip changed the wire format");
        const fresh = await createSecretTree(2, fromHex(v.encryption_secret), cs.kdf);
        const r = await unprotectPrivateMessage(fromHex(v.sender_data_secret), parsed.privateMessage, fresh, [], gc, defaultKeyRetentionConfig, cs, sigPub);
        expect(payloadHex(r.content)).toBe(v[kind]);
        expect(toHex(r.content.auth.signature)).toBe(toHex(auth.signature));
        expect(toHex(r.content.content.authenticatedData)).toBe("a0a1a2");
      });
    }

    for (const kind of ["proposal", "commit"] as const) {
      it(`case ${ci}: ${kind} PublicMessage round trip`, async () => {
        const { cs, gc, sigPub } = await setup();
        const content = framedContent(kind, v, gc);
        const ac: AuthenticatedContent = { wireformat: "mls_public_message", content, auth: await sign(content, "mls_public_message", gc, v, cs) };
        const pm = await protectPublicMessage(fromHex(v.membership_key), gc, ac, cs);
        const wire = encodeMlsMessage({ version: "mls10", wireformat: "mls_public_message", publicMessage: pm });
        const parsed = decodeMlsMessage(wire, 0)![0];
        if (parsed.wireformat !== "mls_public_message") throw new Error("round trip changed the wire format");
        const back = await unprotectPublicMessage(fromHex(v.membership_key), gc, [], parsed.publicMessage, cs, sigPub);
        expect(payloadHex(back)).toBe(v[kind]);
      });
    }
  }
});
