/**
 * HPKE (RFC 9180), mode_base only, on synchronous node:crypto:
 * KEM DHKEM(X25519, HKDF-SHA256), KDF HKDF-SHA256/384/512, AEAD AES-128-GCM / AES-256-GCM.
 *
 * MLS uses HPKE in single-shot form (one seal/open per context, sequence number 0)
 * and the secret-export interface (external init), which is all that is provided.
 *
 * ts-mls types HPKE keys as WebCrypto `CryptoKey`s, but only ever hands them back to
 * the same `Hpke` object that made them, so our keys are CryptoKey-shaped plain
 * objects whose key material is kept in a WeakMap.
 */
import { randomBytes, diffieHellman, type KeyObject } from "node:crypto";
import type { Hpke, PrivateKey, PublicKey, HashAlgorithm } from "ts-mls";
import { CryptoError } from "ts-mls/mlsError.js";
import { aeadKeyLength, aeadNonceLength, aeadOpen, aeadSeal, type NodeAeadAlgorithm } from "./aead.js";
import { bytesOf, concat, i2osp, toU8 } from "./bytes.js";
import { hashLength } from "./hash.js";
import { hkdfExpand, hkdfExtract } from "./kdf.js";
import { importOkpPrivate, importOkpPublic, rawPublicKey } from "./okp-keys.js";

/** RFC 9180 §7 identifiers. */
const KEM_ID_X25519_SHA256 = 0x0020;
const KDF_IDS: Record<HashAlgorithm, number> = { "SHA-256": 0x0001, "SHA-384": 0x0002, "SHA-512": 0x0003 };
const AEAD_IDS: Record<NodeAeadAlgorithm, number> = { AES128GCM: 0x0001, AES256GCM: 0x0002 };
const MODE_BASE = 0x00;

/** DHKEM(X25519, HKDF-SHA256) uses HKDF-SHA256 internally whatever the suite's KDF. */
const KEM_HASH: HashAlgorithm = "SHA-256";
const X25519_NSK = 32;
const X25519_NSECRET = 32; // Nsecret of DHKEM(X25519, HKDF-SHA256)

const HPKE_V1 = bytesOf("HPKE-v1");
const EMPTY = new Uint8Array(0);

// ---------------------------------------------------------------------------
// Keys

interface KeyMaterial {
  keyObject: KeyObject;
  raw: Uint8Array;
  /** For private keys: the matching public key, computed on first use. */
  publicRaw?: Uint8Array;
}

const material = new WeakMap<object, KeyMaterial>();

function makePrivate(raw: Uint8Array, keyObject: KeyObject, publicRaw?: Uint8Array): PrivateKey {
  const k = { type: "private" as const, algorithm: { name: "X25519" }, extractable: true, usages: ["deriveBits"] as KeyUsage[] };
  material.set(k, { keyObject, raw, publicRaw });
  return k;
}

function makePublic(raw: Uint8Array, keyObject: KeyObject): PublicKey {
  const k = { type: "public" as const, algorithm: { name: "X25519" }, extractable: true, usages: [] as KeyUsage[] };
  material.set(k, { keyObject, raw });
  return k;
}

function materialOf(k: PrivateKey | PublicKey): KeyMaterial {
  const m = material.get(k);
  if (m === undefined) throw new CryptoError("HPKE key was not created by the node:crypto provider");
  return m;
}

function publicOfPrivate(sk: PrivateKey): Uint8Array {
  const m = materialOf(sk);
  if (m.publicRaw === undefined) m.publicRaw = rawPublicKey(m.keyObject);
  return m.publicRaw;
}

function importPrivateRaw(raw: Uint8Array): PrivateKey {
  if (raw.length !== X25519_NSK) throw new CryptoError(`X25519 private key must be 32 bytes, got ${raw.length}`);
  return makePrivate(toU8(raw), importOkpPrivate("X25519", raw));
}

function importPublicRaw(raw: Uint8Array): PublicKey {
  if (raw.length !== 32) throw new CryptoError(`X25519 public key must be 32 bytes, got ${raw.length}`);
  return makePublic(toU8(raw), importOkpPublic("X25519", raw));
}

// ---------------------------------------------------------------------------
// The HPKE suite

export interface NodeHpkeSuite {
  kdfHash: HashAlgorithm;
  aead: NodeAeadAlgorithm;
}

/** A sender/receiver context after SetupBase (single-shot use: sequence number 0). */
interface HpkeContext {
  key: Uint8Array;
  baseNonce: Uint8Array;
  exporterSecret: Uint8Array;
}

/** Synchronous HPKE operations for one suite; the ts-mls `Hpke` wraps these. */
export class NodeHpke {
  private readonly kemSuiteId: Uint8Array;
  private readonly hpkeSuiteId: Uint8Array;
  private readonly nk: number;
  private readonly nh: number;
  private readonly pskIdHash: Uint8Array;

  constructor(private readonly suite: NodeHpkeSuite) {
    this.kemSuiteId = concat(bytesOf("KEM"), i2osp(KEM_ID_X25519_SHA256, 2));
    this.hpkeSuiteId = concat(
      bytesOf("HPKE"),
      i2osp(KEM_ID_X25519_SHA256, 2),
      i2osp(KDF_IDS[suite.kdfHash], 2),
      i2osp(AEAD_IDS[suite.aead], 2),
    );
    this.nk = aeadKeyLength(suite.aead);
    this.nh = hashLength(suite.kdfHash);
    this.pskIdHash = this.labeledExtract(this.hpkeSuiteId, this.suite.kdfHash, EMPTY, "psk_id_hash", EMPTY);
  }

  get keyLength(): number {
    return this.nk;
  }

  get nonceLength(): number {
    return aeadNonceLength;
  }

  // --- RFC 9180 §4 labeled KDF ---------------------------------------------

  private labeledExtract(suiteId: Uint8Array, alg: HashAlgorithm, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
    return hkdfExtract(alg, salt, concat(HPKE_V1, suiteId, bytesOf(label), ikm));
  }

  private labeledExpand(suiteId: Uint8Array, alg: HashAlgorithm, prk: Uint8Array, label: string, info: Uint8Array, length: number): Uint8Array {
    return hkdfExpand(alg, prk, concat(i2osp(length, 2), HPKE_V1, suiteId, bytesOf(label), info), length);
  }

  // --- DHKEM(X25519, HKDF-SHA256), RFC 9180 §4.1 ----------------------------

  private dh(sk: KeyObject, pk: KeyObject): Uint8Array {
    let out: Uint8Array;
    try {
      out = diffieHellman({ privateKey: sk, publicKey: pk });
    } catch (e) {
      throw new CryptoError(`X25519 DH failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (out.every((b) => b === 0)) throw new CryptoError("X25519 DH produced the all-zero value");
    return out;
  }

  private extractAndExpand(dh: Uint8Array, kemContext: Uint8Array): Uint8Array {
    const eaePrk = this.labeledExtract(this.kemSuiteId, KEM_HASH, EMPTY, "eae_prk", dh);
    return this.labeledExpand(this.kemSuiteId, KEM_HASH, eaePrk, "shared_secret", kemContext, X25519_NSECRET);
  }

  /** DeriveKeyPair(ikm) for X25519 (§7.1.3): sk = LabeledExpand(LabeledExtract("", "dkp_prk", ikm), "sk", "", 32). */
  deriveKeyPair(ikm: Uint8Array): { privateKey: PrivateKey; publicKey: PublicKey } {
    const dkpPrk = this.labeledExtract(this.kemSuiteId, KEM_HASH, EMPTY, "dkp_prk", ikm);
    const sk = this.labeledExpand(this.kemSuiteId, KEM_HASH, dkpPrk, "sk", EMPTY, X25519_NSK);
    return this.keyPairFromSecret(sk);
  }

  generateKeyPair(): { privateKey: PrivateKey; publicKey: PublicKey } {
    return this.keyPairFromSecret(toU8(randomBytes(X25519_NSK)));
  }

  private keyPairFromSecret(sk: Uint8Array): { privateKey: PrivateKey; publicKey: PublicKey } {
    const skObj = importOkpPrivate("X25519", sk);
    const pkRaw = rawPublicKey(skObj);
    return { privateKey: makePrivate(sk, skObj, pkRaw), publicKey: makePublic(pkRaw, importOkpPublic("X25519", pkRaw)) };
  }

  /** Encap(pkR); `ephemeralSecret` fixes skE (deterministic tests only). */
  encap(pkR: PublicKey, ephemeralSecret?: Uint8Array): { sharedSecret: Uint8Array; enc: Uint8Array } {
    const eph = ephemeralSecret === undefined ? this.generateKeyPair() : this.keyPairFromSecret(toU8(ephemeralSecret));
    const r = materialOf(pkR);
    const dh = this.dh(materialOf(eph.privateKey).keyObject, r.keyObject);
    const enc = materialOf(eph.publicKey).raw;
    return { sharedSecret: this.extractAndExpand(dh, concat(enc, r.raw)), enc: toU8(enc) };
  }

  decap(enc: Uint8Array, skR: PrivateKey): Uint8Array {
    if (enc.length !== 32) throw new CryptoError(`X25519 KEM output must be 32 bytes, got ${enc.length}`);
    let pkE: KeyObject;
    try {
      pkE = importOkpPublic("X25519", enc);
    } catch (e) {
      throw new CryptoError(`bad KEM output: ${e instanceof Error ? e.message : String(e)}`);
    }
    const dh = this.dh(materialOf(skR).keyObject, pkE);
    return this.extractAndExpand(dh, concat(enc, publicOfPrivate(skR)));
  }

  // --- Key schedule, mode_base (§5.1) ----------------------------------------

  private keySchedule(sharedSecret: Uint8Array, info: Uint8Array): HpkeContext {
    const alg = this.suite.kdfHash;
    const sid = this.hpkeSuiteId;
    const infoHash = this.labeledExtract(sid, alg, EMPTY, "info_hash", info);
    const context = concat(i2osp(MODE_BASE, 1), this.pskIdHash, infoHash);
    const secret = this.labeledExtract(sid, alg, sharedSecret, "secret", EMPTY);
    return {
      key: this.labeledExpand(sid, alg, secret, "key", context, this.nk),
      baseNonce: this.labeledExpand(sid, alg, secret, "base_nonce", context, aeadNonceLength),
      exporterSecret: this.labeledExpand(sid, alg, secret, "exp", context, this.nh),
    };
  }

  setupBaseS(pkR: PublicKey, info: Uint8Array, ephemeralSecret?: Uint8Array): { enc: Uint8Array; ctx: HpkeContext } {
    const { sharedSecret, enc } = this.encap(pkR, ephemeralSecret);
    return { enc, ctx: this.keySchedule(sharedSecret, info) };
  }

  setupBaseR(enc: Uint8Array, skR: PrivateKey, info: Uint8Array): HpkeContext {
    return this.keySchedule(this.decap(enc, skR), info);
  }

  /** Context.Export (§5.3). */
  exportFrom(ctx: HpkeContext, exporterContext: Uint8Array, length: number): Uint8Array {
    const alg = this.suite.kdfHash;
    return this.labeledExpand(this.hpkeSuiteId, alg, ctx.exporterSecret, "sec", exporterContext, length);
  }

  // --- Single-shot APIs (§6) -------------------------------------------------

  seal(pkR: PublicKey, info: Uint8Array, aad: Uint8Array, pt: Uint8Array, ephemeralSecret?: Uint8Array): { enc: Uint8Array; ct: Uint8Array } {
    const { enc, ctx } = this.setupBaseS(pkR, info, ephemeralSecret);
    // Sequence number 0: the nonce is the base nonce.
    return { enc, ct: aeadSeal(this.suite.aead, ctx.key, ctx.baseNonce, aad, pt) };
  }

  open(enc: Uint8Array, skR: PrivateKey, info: Uint8Array, aad: Uint8Array, ct: Uint8Array): Uint8Array {
    const ctx = this.setupBaseR(enc, skR, info);
    return aeadOpen(this.suite.aead, ctx.key, ctx.baseNonce, aad, ct);
  }

  sendExport(pkR: PublicKey, info: Uint8Array, exporterContext: Uint8Array, length: number): { enc: Uint8Array; secret: Uint8Array } {
    const { enc, ctx } = this.setupBaseS(pkR, info);
    return { enc, secret: this.exportFrom(ctx, exporterContext, length) };
  }

  receiveExport(enc: Uint8Array, skR: PrivateKey, info: Uint8Array, exporterContext: Uint8Array, length: number): Uint8Array {
    return this.exportFrom(this.setupBaseR(enc, skR, info), exporterContext, length);
  }
}

function asCryptoError(e: unknown): CryptoError {
  return e instanceof CryptoError ? e : new CryptoError(e instanceof Error ? e.message : String(e));
}

/** ts-mls `Hpke` on the synchronous implementation above. */
export function makeNodeHpke(suite: NodeHpkeSuite): Hpke {
  const h = new NodeHpke(suite);
  return {
    async open(privateKey, kemOutput, ciphertext, info, aad) {
      try {
        return h.open(kemOutput, privateKey, info, aad ?? EMPTY, ciphertext);
      } catch (e) {
        throw asCryptoError(e);
      }
    },
    async seal(publicKey, plaintext, info, aad) {
      return h.seal(publicKey, info, aad ?? EMPTY, plaintext);
    },
    async importPrivateKey(k) {
      try {
        return importPrivateRaw(k);
      } catch (e) {
        throw asCryptoError(e);
      }
    },
    async importPublicKey(k) {
      try {
        return importPublicRaw(k);
      } catch (e) {
        throw asCryptoError(e);
      }
    },
    async exportPublicKey(k) {
      return toU8(materialOf(k).raw);
    },
    async exportPrivateKey(k) {
      return toU8(materialOf(k).raw);
    },
    async encryptAead(key, nonce, aad, plaintext) {
      return aeadSeal(suite.aead, key, nonce, aad ?? EMPTY, plaintext);
    },
    async decryptAead(key, nonce, aad, ciphertext) {
      return aeadOpen(suite.aead, key, nonce, aad ?? EMPTY, ciphertext);
    },
    async exportSecret(publicKey, exporterContext, length, info) {
      return h.sendExport(publicKey, info, exporterContext, length);
    },
    async importSecret(privateKey, exporterContext, kemOutput, length, info) {
      try {
        return h.receiveExport(kemOutput, privateKey, info, exporterContext, length);
      } catch (e) {
        throw asCryptoError(e);
      }
    },
    async deriveKeyPair(ikm) {
      return h.deriveKeyPair(ikm);
    },
    async generateKeyPair() {
      return h.generateKeyPair();
    },
    keyLength: h.keyLength,
    nonceLength: h.nonceLength,
  };
}
