/**
 * RFC 9420 §8.2 transcript hashes (and the confirmation tag, §6.1) against
 * transcript-hashes.json, suite-1 case, through ts-mls's `decodeAuthenticatedContent`,
 * `createConfirmedHash`, `createInterimHash`, `verifyConfirmationTag` and
 * `createConfirmationTag` with the node:crypto provider.
 */
import { describe, expect, it } from "vitest";
import { decodeAuthenticatedContent, encodeAuthenticatedContent } from "ts-mls/authenticatedContent.js";
import { createConfirmedHash, createInterimHash } from "ts-mls/transcriptHash.js";
import { createConfirmationTag, verifyConfirmationTag } from "ts-mls/framedContent.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";

interface TranscriptCase {
  cipher_suite: number;
  confirmation_key: string;
  authenticated_content: string;
  interim_transcript_hash_before: string;
  confirmed_transcript_hash_after: string;
  interim_transcript_hash_after: string;
}

const cases = suite1(loadVectors<TranscriptCase>("transcript-hashes"));

describe("transcript-hashes.json, suite 1, node provider", () => {
  it("has the suite-1 case", () => {
    expect(cases.length).toBe(1);
  });

  for (const [i, v] of cases.entries()) {
    it(`case ${i}`, async () => {
      const cs = await cipherSuite("node");
      const bytes = fromHex(v.authenticated_content);
      const decoded = decodeAuthenticatedContent(bytes, 0);
      expect(decoded).toBeDefined();
      const [ac, used] = decoded!;
      expect(used).toBe(bytes.length);
      expect(toHex(encodeAuthenticatedContent(ac))).toBe(v.authenticated_content);
      if (ac.content.contentType !== "commit" || ac.auth.contentType !== "commit") throw new Error("vector content is not a commit");

      const confirmed = await createConfirmedHash(
        fromHex(v.interim_transcript_hash_before),
        { wireformat: ac.wireformat, content: ac.content, signature: ac.auth.signature },
        cs.hash,
      );
      expect(toHex(confirmed)).toBe(v.confirmed_transcript_hash_after);

      const key = fromHex(v.confirmation_key);
      expect(await verifyConfirmationTag(key, ac.auth.confirmationTag, confirmed, cs.hash)).toBe(true);
      expect(toHex(await createConfirmationTag(key, confirmed, cs.hash))).toBe(toHex(ac.auth.confirmationTag));
      const wrong = ac.auth.confirmationTag.slice();
      wrong[0] ^= 1;
      expect(await verifyConfirmationTag(key, wrong, confirmed, cs.hash)).toBe(false);

      const interim = await createInterimHash(confirmed, ac.auth.confirmationTag, cs.hash);
      expect(toHex(interim)).toBe(v.interim_transcript_hash_after);
    });
  }
});
