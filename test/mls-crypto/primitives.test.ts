/**
 * The node:crypto provider's primitives on published known-answer tests, and
 * cross-checked against ts-mls's default (WebCrypto / @hpke/core) provider:
 *  - HKDF-SHA256: RFC 5869 A.1;
 *  - Ed25519: RFC 8032 §7.1 tests 1 and 2;
 *  - AES-128-GCM: the GCM specification's (McGrew–Viega) test cases 3 and 4;
 *  - HPKE: RFC 9180 A.1.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base
 *    mode): DeriveKeyPair, the key schedule, the first encryption and three exports.
 */
import { describe, expect, it } from "vitest";
import { CryptoError } from "ts-mls/mlsError.js";
import { aeadOpen, aeadSeal } from "../../impl/mls/crypto/aead.js";
import { hkdfExpand, hkdfExtract } from "../../impl/mls/crypto/kdf.js";
import { makeNodeHpke, NodeHpke } from "../../impl/mls/crypto/hpke.js";
import { ed25519PublicKey, ed25519SignSync, ed25519VerifySync } from "../../impl/mls/crypto/signature.js";
import { importOkpPrivate, importOkpPrivateDer, okpImportRoute, rawPublicKey } from "../../impl/mls/crypto/okp-keys.js";
import { isNativelySupported, nodeCryptoProvider } from "../../impl/mls/crypto/node-crypto-provider.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { ciphersuites, defaultCryptoProvider, getCiphersuiteFromName, type CiphersuiteName } from "ts-mls";
import { fromHex, toHex } from "../vectors/vector-files.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("HKDF (RFC 5869 A.1)", () => {
  it("extract and expand", () => {
    const prk = hkdfExtract("SHA-256", fromHex("000102030405060708090a0b0c"), fromHex("0b".repeat(22)));
    expect(toHex(prk)).toBe("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    const okm = hkdfExpand("SHA-256", prk, fromHex("f0f1f2f3f4f5f6f7f8f9"), 42);
    expect(toHex(okm)).toBe("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  });

  it("empty salt means HashLen zero bytes; over-long output is refused", () => {
    expect(toHex(hkdfExtract("SHA-256", new Uint8Array(), utf8("x")))).toBe(toHex(hkdfExtract("SHA-256", new Uint8Array(32), utf8("x"))));
    expect(hkdfExpand("SHA-256", new Uint8Array(32), new Uint8Array(), 0).length).toBe(0);
    expect(() => hkdfExpand("SHA-256", new Uint8Array(32), new Uint8Array(), 255 * 32 + 1)).toThrow(RangeError);
  });
});

describe("Ed25519 (RFC 8032 §7.1)", () => {
  const tests = [
    {
      sk: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
      pk: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
      msg: "",
      sig: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    },
    {
      sk: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
      pk: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
      msg: "72",
      sig: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    },
  ];
  for (const [i, t] of tests.entries()) {
    it(`test ${i + 1}`, () => {
      expect(toHex(ed25519PublicKey(fromHex(t.sk)))).toBe(t.pk);
      expect(toHex(ed25519SignSync(fromHex(t.sk), fromHex(t.msg)))).toBe(t.sig);
      expect(ed25519VerifySync(fromHex(t.pk), fromHex(t.msg), fromHex(t.sig))).toBe(true);
      expect(ed25519VerifySync(fromHex(t.pk), utf8("other"), fromHex(t.sig))).toBe(false);
    });
  }

  it("accepts the 48-byte PKCS#8 and 64-byte seed‖pub signing-key forms; rejects others", () => {
    const t = tests[1];
    const pkcs8 = fromHex(`302e020100300506032b657004220420${t.sk}`);
    expect(toHex(ed25519SignSync(pkcs8, fromHex(t.msg)))).toBe(t.sig);
    expect(toHex(ed25519SignSync(fromHex(t.sk + t.pk), fromHex(t.msg)))).toBe(t.sig);
    expect(() => ed25519SignSync(new Uint8Array(31), fromHex(t.msg))).toThrow(CryptoError);
  });

  it("malformed public keys or signatures verify as false rather than throwing", () => {
    const t = tests[0];
    expect(ed25519VerifySync(new Uint8Array(31), new Uint8Array(), fromHex(t.sig))).toBe(false);
    expect(ed25519VerifySync(fromHex(t.pk), new Uint8Array(), new Uint8Array(63))).toBe(false);
  });

  it(`fast JWK key import (route in use: ${okpImportRoute()}) agrees with the DER route`, () => {
    for (const curve of ["Ed25519", "X25519"] as const) {
      for (let i = 0; i < 5; i++) {
        const raw = crypto.getRandomValues(new Uint8Array(32));
        expect(toHex(rawPublicKey(importOkpPrivate(curve, raw)))).toBe(toHex(rawPublicKey(importOkpPrivateDer(curve, raw))));
      }
    }
  });
});

describe("AES-128-GCM (GCM spec test cases 3 and 4)", () => {
  const K = fromHex("feffe9928665731c6d6a8f9467308308");
  const IV = fromHex("cafebabefacedbaddecaf888");
  const P =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
  const C =
    "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985";

  it("test case 3 (no AAD)", () => {
    const ct = aeadSeal("AES128GCM", K, IV, new Uint8Array(), fromHex(P));
    expect(toHex(ct)).toBe(`${C}4d5c2af327cd64a62cf35abd2ba6fab4`);
    expect(toHex(aeadOpen("AES128GCM", K, IV, new Uint8Array(), ct))).toBe(P);
  });

  it("test case 4 (with AAD), and tampering is detected", () => {
    const aad = fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    const ct = aeadSeal("AES128GCM", K, IV, aad, fromHex(P.slice(0, 120)));
    expect(toHex(ct)).toBe(`${C.slice(0, 120)}5bc94fbc3221a5db94fae95ae7121a47`);
    expect(toHex(aeadOpen("AES128GCM", K, IV, aad, ct))).toBe(P.slice(0, 120));
    const bad = ct.slice();
    bad[3] ^= 1;
    expect(() => aeadOpen("AES128GCM", K, IV, aad, bad)).toThrow(CryptoError);
    expect(() => aeadOpen("AES128GCM", K, IV, new Uint8Array(), ct)).toThrow(CryptoError);
    expect(() => aeadOpen("AES128GCM", K, IV, aad, ct.subarray(0, 10))).toThrow(CryptoError);
  });
});

describe("HPKE (RFC 9180 A.1.1, base mode)", () => {
  const ikmE = fromHex("7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234");
  const ikmR = fromHex("6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037");
  const info = fromHex("4f6465206f6e2061204772656369616e2055726e");

  it("DeriveKeyPair, key schedule, first encryption and exports", async () => {
    const hp = new NodeHpke({ kdfHash: "SHA-256", aead: "AES128GCM" });
    const w = makeNodeHpke({ kdfHash: "SHA-256", aead: "AES128GCM" });
    const r = hp.deriveKeyPair(ikmR);
    const e = hp.deriveKeyPair(ikmE);
    expect(toHex(await w.exportPrivateKey(r.privateKey))).toBe("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8");
    expect(toHex(await w.exportPublicKey(r.publicKey))).toBe("3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d");
    const skE = await w.exportPrivateKey(e.privateKey);
    expect(toHex(skE)).toBe("52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736");

    const { enc, ctx } = hp.setupBaseS(r.publicKey, info, skE);
    expect(toHex(enc)).toBe("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431");
    expect(toHex(ctx.key)).toBe("4531685d41d65f03dc48f6b8302c05b0");
    expect(toHex(ctx.baseNonce)).toBe("56d890e5accaaf011cff4b7d");
    expect(toHex(ctx.exporterSecret)).toBe("45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8");

    const pt = fromHex("4265617574792069732074727574682c20747275746820626561757479");
    const aad = fromHex("436f756e742d30");
    const sealed = hp.seal(r.publicKey, info, aad, pt, skE);
    expect(toHex(sealed.ct)).toBe("f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a");
    expect(toHex(hp.open(sealed.enc, r.privateKey, info, aad, sealed.ct))).toBe(toHex(pt));

    expect(toHex(hp.exportFrom(ctx, new Uint8Array(), 32))).toBe("3853fe2b4035195a573ffc53856e77058e15d9ea064de3e59f4961d0095250ee");
    expect(toHex(hp.exportFrom(ctx, fromHex("00"), 32))).toBe("2e8f0b54673c7029649d4eb9d5e33bf1872cf76d623ff164ac185da9e88c21a5");
    expect(toHex(hp.exportFrom(ctx, utf8("TestContext"), 32))).toBe("e9e43065102c3836401bed8c3c3c75ae46be1639869391d62c61f1ec7af54931");
    // The receiver side derives the same exporter secret.
    expect(toHex(hp.receiveExport(enc, r.privateKey, info, utf8("TestContext"), 32))).toBe(
      "e9e43065102c3836401bed8c3c3c75ae46be1639869391d62c61f1ec7af54931",
    );
  });

  it("rejects keys it did not make, bad lengths, and the all-zero DH value", async () => {
    const node = (await cipherSuite("node")).hpke;
    const dflt = (await cipherSuite("default")).hpke;
    const foreign = await dflt.generateKeyPair();
    await expect(node.exportPublicKey(foreign.publicKey)).rejects.toThrow(CryptoError);
    await expect(node.importPrivateKey(new Uint8Array(31))).rejects.toThrow(CryptoError);
    await expect(node.importPublicKey(new Uint8Array(33))).rejects.toThrow(CryptoError);
    const mine = await node.generateKeyPair();
    // A zero KEM output is a small-order point: X25519 gives the all-zero value.
    await expect(node.open(mine.privateKey, new Uint8Array(32), new Uint8Array(32), new Uint8Array())).rejects.toThrow(CryptoError);
  });
});

describe("cross-provider agreement with ts-mls's default provider (suite 1)", () => {
  it("HPKE seal/open and secret export in both directions", async () => {
    const node = (await cipherSuite("node")).hpke;
    const dflt = (await cipherSuite("default")).hpke;
    const info = utf8("info");
    const aad = utf8("aad");
    const pt = utf8("hello across providers");
    for (const [from, to] of [
      [node, dflt],
      [dflt, node],
    ] as const) {
      const recipient = await to.generateKeyPair();
      const pubBytes = await to.exportPublicKey(recipient.publicKey);
      const sealed = await from.seal(await from.importPublicKey(pubBytes), pt, info, aad);
      expect(toHex(await to.open(recipient.privateKey, sealed.enc, sealed.ct, info, aad))).toBe(toHex(pt));
      const exp = await from.exportSecret(await from.importPublicKey(pubBytes), utf8("ctx"), 32, info);
      expect(toHex(await to.importSecret(recipient.privateKey, utf8("ctx"), exp.enc, 32, info))).toBe(toHex(exp.secret));
    }
  });

  it("DeriveKeyPair and private-key round trips agree", async () => {
    const node = (await cipherSuite("node")).hpke;
    const dflt = (await cipherSuite("default")).hpke;
    for (let i = 0; i < 5; i++) {
      const ikm = crypto.getRandomValues(new Uint8Array(32));
      const a = await node.deriveKeyPair(ikm);
      const b = await dflt.deriveKeyPair(ikm);
      expect(toHex(await node.exportPrivateKey(a.privateKey))).toBe(toHex(await dflt.exportPrivateKey(b.privateKey)));
      expect(toHex(await node.exportPublicKey(a.publicKey))).toBe(toHex(await dflt.exportPublicKey(b.publicKey)));
    }
  });

  it("signatures: keys from either keygen work with either provider", async () => {
    const node = (await cipherSuite("node")).signature;
    const dflt = (await cipherSuite("default")).signature;
    const msg = utf8("signed");
    for (const gen of [node, dflt]) {
      const k = await gen.keygen();
      for (const signer of [node, dflt]) {
        const sig = await signer.sign(k.signKey, msg);
        expect(await node.verify(k.publicKey, msg, sig)).toBe(true);
        expect(await dflt.verify(k.publicKey, msg, sig)).toBe(true);
      }
    }
  });

  it("hash, MAC and KDF agree", async () => {
    const n = await cipherSuite("node");
    const d = await cipherSuite("default");
    const key = crypto.getRandomValues(new Uint8Array(32));
    const data = crypto.getRandomValues(new Uint8Array(100));
    expect(toHex(await n.hash.digest(data))).toBe(toHex(await d.hash.digest(data)));
    const mac = await n.hash.mac(key, data);
    expect(toHex(mac)).toBe(toHex(await d.hash.mac(key, data)));
    expect(await n.hash.verifyMac(key, mac, data)).toBe(true);
    expect(await n.hash.verifyMac(key, mac.subarray(1), data)).toBe(false);
    expect(toHex(await n.kdf.extract(key, data))).toBe(toHex(await d.kdf.extract(key, data)));
    expect(toHex(await n.kdf.expand(key, data, 77))).toBe(toHex(await d.kdf.expand(key, data, 77)));
    expect(n.kdf.size).toBe(d.kdf.size);
    expect([n.hpke.keyLength, n.hpke.nonceLength]).toEqual([d.hpke.keyLength, d.hpke.nonceLength]);
  });

  it("returns plain Uint8Arrays (never Buffers) that the caller may mutate", async () => {
    const n = await cipherSuite("node");
    const outs = [
      await n.hash.digest(utf8("a")),
      await n.hash.mac(utf8("k"), utf8("a")),
      await n.kdf.expand(new Uint8Array(32), utf8("i"), 12),
      await n.signature.sign((await n.signature.keygen()).signKey, utf8("m")),
      await n.hpke.encryptAead(new Uint8Array(16), new Uint8Array(12), undefined, utf8("p")),
      n.rng.randomBytes(4),
    ];
    for (const o of outs) expect(Object.getPrototypeOf(o)).toBe(Uint8Array.prototype);
    const a = await n.kdf.expand(new Uint8Array(32), utf8("i"), 12);
    a.fill(0);
    expect(toHex(await n.kdf.expand(new Uint8Array(32), utf8("i"), 12))).not.toBe(toHex(a));
  });
});

describe("provider assembly", () => {
  it("serves suite 1 natively and delegates every other registered suite", async () => {
    for (const name of Object.keys(ciphersuites) as CiphersuiteName[]) {
      const cs = getCiphersuiteFromName(name);
      expect(isNativelySupported(cs), name).toBe(name === "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519");
    }
    const p256 = await nodeCryptoProvider.getCiphersuiteImpl(getCiphersuiteFromName("MLS_128_DHKEMP256_AES128GCM_SHA256_P256"));
    const ref = await defaultCryptoProvider.getCiphersuiteImpl(getCiphersuiteFromName("MLS_128_DHKEMP256_AES128GCM_SHA256_P256"));
    expect(p256.name).toBe("MLS_128_DHKEMP256_AES128GCM_SHA256_P256");
    expect(toHex(await p256.hash.digest(utf8("x")))).toBe(toHex(await ref.hash.digest(utf8("x"))));
    const kp = await p256.signature.keygen();
    expect(await ref.signature.verify(kp.publicKey, utf8("m"), await p256.signature.sign(kp.signKey, utf8("m")))).toBe(true);
  });

  it("cipherSuite() caches per provider kind", async () => {
    expect(await cipherSuite("node")).toBe(await cipherSuite());
    expect(await cipherSuite("default")).toBe(await cipherSuite("default"));
    expect(await cipherSuite("node")).not.toBe(await cipherSuite("default"));
  });
});
