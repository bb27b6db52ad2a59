/**
 * RFC 9420 §5.1–5.2 (RefHash, ExpandWithLabel, DeriveSecret, DeriveTreeSecret,
 * SignWithLabel, EncryptWithLabel) against crypto-basics.json, suite-1 case,
 * with ts-mls's labeled helpers fed the CiphersuiteImpl of each provider.
 * The "default" provider runs too, as a check on the test itself.
 */
import { describe, expect, it } from "vitest";
import { refhash } from "ts-mls/crypto/hash.js";
import { deriveSecret, deriveTreeSecret, expandWithLabel } from "ts-mls/crypto/kdf.js";
import { signWithLabel, verifyWithLabel } from "ts-mls/crypto/signature.js";
import { decryptWithLabel, encryptWithLabel } from "ts-mls/crypto/hpke.js";
import { cipherSuite, type ProviderKind } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";

interface CryptoBasics {
  cipher_suite: number;
  ref_hash: { label: string; value: string; out: string };
  expand_with_label: { secret: string; label: string; context: string; length: number; out: string };
  derive_secret: { secret: string; label: string; out: string };
  derive_tree_secret: { secret: string; label: string; generation: number; length: number; out: string };
  sign_with_label: { priv: string; pub: string; content: string; label: string; signature: string };
  encrypt_with_label: { priv: string; pub: string; label: string; context: string; plaintext: string; kem_output: string; ciphertext: string };
}

const cases = suite1(loadVectors<CryptoBasics>("crypto-basics"));

describe.each<ProviderKind>(["node", "default"])("crypto-basics.json, suite 1, %s provider", (kind) => {
  it("has the suite-1 case", () => {
    expect(cases.length).toBe(1);
  });

  for (const [i, v] of cases.entries()) {
    it(`case ${i}: RefHash`, async () => {
      const cs = await cipherSuite(kind);
      const out = await refhash(v.ref_hash.label, fromHex(v.ref_hash.value), cs.hash);
      expect(toHex(out)).toBe(v.ref_hash.out);
    });

    it(`case ${i}: ExpandWithLabel`, async () => {
      const cs = await cipherSuite(kind);
      const e = v.expand_with_label;
      const out = await expandWithLabel(fromHex(e.secret), e.label, fromHex(e.context), e.length, cs.kdf);
      expect(toHex(out)).toBe(e.out);
    });

    it(`case ${i}: DeriveSecret`, async () => {
      const cs = await cipherSuite(kind);
      const d = v.derive_secret;
      expect(toHex(await deriveSecret(fromHex(d.secret), d.label, cs.kdf))).toBe(d.out);
    });

    it(`case ${i}: DeriveTreeSecret`, async () => {
      const cs = await cipherSuite(kind);
      const d = v.derive_tree_secret;
      const out = await deriveTreeSecret(fromHex(d.secret), d.label, d.generation, d.length, cs.kdf);
      expect(toHex(out)).toBe(d.out);
    });

    it(`case ${i}: SignWithLabel / VerifyWithLabel`, async () => {
      const cs = await cipherSuite(kind);
      const s = v.sign_with_label;
      const content = fromHex(s.content);
      // The vector's signature verifies ...
      expect(await verifyWithLabel(fromHex(s.pub), s.label, content, fromHex(s.signature), cs.signature)).toBe(true);
      // ... and, Ed25519 being deterministic, signing reproduces it exactly.
      const ours = await signWithLabel(fromHex(s.priv), s.label, content, cs.signature);
      expect(toHex(ours)).toBe(s.signature);
      expect(await verifyWithLabel(fromHex(s.pub), s.label, content, ours, cs.signature)).toBe(true);
      // Wrong label, wrong content, or a flipped bit must not verify.
      expect(await verifyWithLabel(fromHex(s.pub), `${s.label}x`, content, ours, cs.signature)).toBe(false);
      const other = content.slice();
      other[0] ^= 1;
      expect(await verifyWithLabel(fromHex(s.pub), s.label, other, ours, cs.signature)).toBe(false);
      const bad = ours.slice();
      bad[5] ^= 0x10;
      expect(await verifyWithLabel(fromHex(s.pub), s.label, content, bad, cs.signature)).toBe(false);
    });

    it(`case ${i}: EncryptWithLabel / DecryptWithLabel`, async () => {
      const cs = await cipherSuite(kind);
      const e = v.encrypt_with_label;
      const priv = await cs.hpke.importPrivateKey(fromHex(e.priv));
      const pub = await cs.hpke.importPublicKey(fromHex(e.pub));
      const context = fromHex(e.context);
      // Decrypt the vector's ciphertext.
      const pt = await decryptWithLabel(priv, e.label, context, fromHex(e.kem_output), fromHex(e.ciphertext), cs.hpke);
      expect(toHex(pt)).toBe(e.plaintext);
      // Round-trip our own encryption to the vector's public key.
      const own = await encryptWithLabel(pub, e.label, context, fromHex(e.plaintext), cs.hpke);
      expect(toHex(own.enc)).not.toBe(e.kem_output); // fresh ephemeral key
      const back = await decryptWithLabel(priv, e.label, context, own.enc, own.ct, cs.hpke);
      expect(toHex(back)).toBe(e.plaintext);
      // A different label or context must fail to decrypt.
      await expect(decryptWithLabel(priv, `${e.label}x`, context, own.enc, own.ct, cs.hpke)).rejects.toThrow();
      await expect(decryptWithLabel(priv, e.label, new Uint8Array(), own.enc, own.ct, cs.hpke)).rejects.toThrow();
    });
  }
});
