/**
 * RFC 9420 §8.4 psk_secret derivation against psk_secret.json (suite-1 cases,
 * 0 to several external PSKs), through ts-mls's `computePskSecret` and the
 * `accumulatePskSecret` path that commit processing uses, on the node:crypto provider.
 */
import { describe, expect, it } from "vitest";
import { bytesToBase64, makePskIndex } from "ts-mls";
import { computePskSecret, type PreSharedKeyID } from "ts-mls/presharedkey.js";
import { accumulatePskSecret } from "ts-mls/pskIndex.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";

interface PskSecretCase {
  cipher_suite: number;
  psks: { psk_id: string; psk: string; psk_nonce: string }[];
  psk_secret: string;
}

const cases = suite1(loadVectors<PskSecretCase>("psk_secret"));

describe("psk_secret.json, suite 1, node provider", () => {
  it("has the suite-1 cases", () => {
    expect(cases.length).toBe(11);
  });

  for (const [i, v] of cases.entries()) {
    it(`case ${i}: ${v.psks.length} external PSKs`, async () => {
      const cs = await cipherSuite("node");
      const ids: PreSharedKeyID[] = v.psks.map((p) => ({ psktype: "external", pskId: fromHex(p.psk_id), pskNonce: fromHex(p.psk_nonce) }));
      const pairs = ids.map((id, k) => [id, fromHex(v.psks[k].psk)] as [PreSharedKeyID, Uint8Array]);
      expect(toHex(await computePskSecret(pairs, cs))).toBe(v.psk_secret);

      const store: Record<string, Uint8Array> = {};
      for (const p of v.psks) store[bytesToBase64(fromHex(p.psk_id))] = fromHex(p.psk);
      const [secret] = await accumulatePskSecret(ids, makePskIndex(undefined, store), cs, new Uint8Array(cs.kdf.size));
      expect(toHex(secret)).toBe(v.psk_secret);
    });
  }
});
