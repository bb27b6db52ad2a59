/**
 * Building node:crypto KeyObjects from raw 32-byte Ed25519 / X25519 keys.
 *
 * Two import routes exist:
 *  - JWK (`{kty:"OKP", crv, d, x}`): fast (tens of µs) because Node hands `d`
 *    straight to `EVP_PKEY_new_raw_private_key`. Node requires an `x` string for
 *    private JWKs but derives the public half from `d`, so for private keys we pass
 *    a placeholder `x` (the public key is what we want to compute in the first place).
 *  - DER (PKCS#8 with the fixed RFC 8410 prefix): always correct, but
 *    OpenSSL 3's decoder path costs ~0.5 ms per private key.
 *
 * At module load we check, on RFC 8032 §7.1 test 1, that the JWK route really derives
 * the public key from `d`; if a future Node validated `x` instead, we fall back to DER.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

export type OkpCurve = "Ed25519" | "X25519";

// RFC 8410 PKCS#8 DER prefix for a 32-byte raw private key.
const PKCS8_PREFIX: Record<OkpCurve, Uint8Array> = {
  Ed25519: Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]),
  X25519: Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]),
};

/** The PKCS#8 DER prefix for an Ed25519 seed (used to recognise WebCrypto-exported keys). */
export const ED25519_PKCS8_PREFIX = PKCS8_PREFIX.Ed25519;

const PLACEHOLDER_X = Buffer.alloc(32).toString("base64url");

function b64u(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64url");
}

function checkLen(raw: Uint8Array, what: string): void {
  if (raw.length !== 32) throw new RangeError(`${what}: expected 32 bytes, got ${raw.length}`);
}

function privateViaJwk(curve: OkpCurve, raw: Uint8Array): KeyObject {
  return createPrivateKey({ key: { kty: "OKP", crv: curve, d: b64u(raw), x: PLACEHOLDER_X }, format: "jwk" });
}

function privateViaDer(curve: OkpCurve, raw: Uint8Array): KeyObject {
  const der = Buffer.concat([PKCS8_PREFIX[curve], raw]);
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
}

/** Raw 32-byte public key of a KeyObject (private or public) on an OKP curve. */
export function rawPublicKey(k: KeyObject): Uint8Array {
  const pub = k.type === "private" ? createPublicKey(k) : k;
  const jwk = pub.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new Error("OKP key export without x");
  return new Uint8Array(Buffer.from(jwk.x, "base64url"));
}

const jwkDerivesPublicFromD: boolean = (() => {
  try {
    const seed = Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex");
    const expected = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    return Buffer.from(rawPublicKey(privateViaJwk("Ed25519", seed))).toString("hex") === expected;
  } catch {
    return false;
  }
})();

/** KeyObject for a raw 32-byte private key (Ed25519 seed or X25519 scalar). */
export function importOkpPrivate(curve: OkpCurve, raw: Uint8Array): KeyObject {
  checkLen(raw, `${curve} private key`);
  return jwkDerivesPublicFromD ? privateViaJwk(curve, raw) : privateViaDer(curve, raw);
}

/** KeyObject for a raw 32-byte public key. */
export function importOkpPublic(curve: OkpCurve, raw: Uint8Array): KeyObject {
  checkLen(raw, `${curve} public key`);
  return createPublicKey({ key: { kty: "OKP", crv: curve, x: b64u(raw) }, format: "jwk" });
}

/** Raw 32-byte private key (seed / scalar) of a KeyObject. */
export function rawPrivateKey(k: KeyObject): Uint8Array {
  const jwk = k.export({ format: "jwk" });
  if (typeof jwk.d !== "string") throw new Error("OKP key export without d");
  return new Uint8Array(Buffer.from(jwk.d, "base64url"));
}

/** Exposed for tests: which import route is in use. */
export function okpImportRoute(): "jwk" | "der" {
  return jwkDerivesPublicFromD ? "jwk" : "der";
}

/** For tests: import through the DER route explicitly (to cross-check the fast route). */
export function importOkpPrivateDer(curve: OkpCurve, raw: Uint8Array): KeyObject {
  checkLen(raw, `${curve} private key`);
  return privateViaDer(curve, raw);
}
