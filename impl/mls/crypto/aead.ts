/**
 * AES-GCM (128/256) with a 16-byte tag on synchronous node:crypto.
 * Ciphertexts are `ct ‖ tag`, as in RFC 5116 / HPKE / MLS.
 */
import { createCipheriv, createDecipheriv } from "node:crypto";
import { CryptoError } from "ts-mls/mlsError.js";
import { concat } from "./bytes.js";

export type NodeAeadAlgorithm = "AES128GCM" | "AES256GCM";

const TAG_LENGTH = 16;
const NONCE_LENGTH = 12;

export function aeadKeyLength(alg: NodeAeadAlgorithm): number {
  return alg === "AES128GCM" ? 16 : 32;
}

export const aeadNonceLength = NONCE_LENGTH;

function cipherName(alg: NodeAeadAlgorithm): "aes-128-gcm" | "aes-256-gcm" {
  return alg === "AES128GCM" ? "aes-128-gcm" : "aes-256-gcm";
}

function checkParams(alg: NodeAeadAlgorithm, key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== aeadKeyLength(alg)) throw new CryptoError(`${alg}: key must be ${aeadKeyLength(alg)} bytes`);
  if (nonce.length !== NONCE_LENGTH) throw new CryptoError(`${alg}: nonce must be ${NONCE_LENGTH} bytes`);
}

export function aeadSeal(alg: NodeAeadAlgorithm, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkParams(alg, key, nonce);
  const c = createCipheriv(cipherName(alg), key, nonce, { authTagLength: TAG_LENGTH });
  if (aad.length > 0) c.setAAD(aad);
  const body = c.update(plaintext);
  const last = c.final();
  return concat(body, last, c.getAuthTag());
}

export function aeadOpen(alg: NodeAeadAlgorithm, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkParams(alg, key, nonce);
  if (ciphertext.length < TAG_LENGTH) throw new CryptoError(`${alg}: ciphertext shorter than the tag`);
  const split = ciphertext.length - TAG_LENGTH;
  const d = createDecipheriv(cipherName(alg), key, nonce, { authTagLength: TAG_LENGTH });
  d.setAuthTag(ciphertext.subarray(split));
  if (aad.length > 0) d.setAAD(aad);
  const body = d.update(ciphertext.subarray(0, split));
  try {
    const last = d.final();
    return concat(body, last);
  } catch {
    throw new CryptoError(`${alg}: authentication failed`);
  }
}
