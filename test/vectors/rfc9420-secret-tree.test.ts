/**
 * RFC 9420 §9 secret tree and §6.3.2 sender-data keys against secret-tree.json
 * (suite-1 cases: 1, 8 and 32 leaves), driven through ts-mls's `createSecretTree`,
 * `ratchetToGeneration` and `expandSenderDataKey/Nonce` with the node:crypto provider.
 *
 * Per leaf and listed generation: the application and handshake key and nonce.
 * A zero reuse guard is used, so the nonce ts-mls returns is the ratchet's nonce.
 * (ts-mls selects the handshake ratchet by content type "proposal"/"commit".)
 */
import { describe, expect, it } from "vitest";
import { defaultKeyRetentionConfig } from "ts-mls";
import { createSecretTree, ratchetToGeneration } from "ts-mls/secretTree.js";
import { decodeReuseGuard, expandSenderDataKey, expandSenderDataNonce } from "ts-mls/sender.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";

interface LeafGeneration {
  generation: number;
  application_key: string;
  application_nonce: string;
  handshake_key: string;
  handshake_nonce: string;
}
interface SecretTreeCase {
  cipher_suite: number;
  encryption_secret: string;
  sender_data: { sender_data_secret: string; ciphertext: string; key: string; nonce: string };
  leaves: LeafGeneration[][];
}

const cases = suite1(loadVectors<SecretTreeCase>("secret-tree"));
const zeroGuard = decodeReuseGuard(new Uint8Array(4), 0)![0];

describe("secret-tree.json, suite 1, node provider", () => {
  it("has the suite-1 cases", () => {
    expect(cases.length).toBe(3);
  });

  for (const [ci, c] of cases.entries()) {
    it(`case ${ci} (${c.leaves.length} leaves): sender data key/nonce`, async () => {
      const cs = await cipherSuite("node");
      const sd = c.sender_data;
      expect(toHex(await expandSenderDataKey(cs, fromHex(sd.sender_data_secret), fromHex(sd.ciphertext)))).toBe(sd.key);
      expect(toHex(await expandSenderDataNonce(cs, fromHex(sd.sender_data_secret), fromHex(sd.ciphertext)))).toBe(sd.nonce);
    });

    it(`case ${ci} (${c.leaves.length} leaves): application and handshake ratchets`, async () => {
      const cs = await cipherSuite("node");
      const tree = await createSecretTree(c.leaves.length, fromHex(c.encryption_secret), cs.kdf);
      let checked = 0;
      for (const [leafIndex, gens] of c.leaves.entries()) {
        for (const g of gens) {
          const senderData = { leafIndex, generation: g.generation, reuseGuard: zeroGuard };
          const app = await ratchetToGeneration(tree, senderData, "application", defaultKeyRetentionConfig, cs);
          const hs = await ratchetToGeneration(tree, senderData, "commit", defaultKeyRetentionConfig, cs);
          expect(app.generation).toBe(g.generation);
          expect(
            { application_key: toHex(app.key), application_nonce: toHex(app.nonce), handshake_key: toHex(hs.key), handshake_nonce: toHex(hs.nonce) },
            `leaf ${leafIndex} generation ${g.generation}`,
          ).toEqual({
            application_key: g.application_key,
            application_nonce: g.application_nonce,
            handshake_key: g.handshake_key,
            handshake_nonce: g.handshake_nonce,
          });
          checked++;
        }
      }
      expect(checked).toBe(c.leaves.reduce((n, l) => n + l.length, 0));
    });
  }
});
