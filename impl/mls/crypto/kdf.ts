/**
 * HKDF (RFC 5869) as separate Extract and Expand steps built on HMAC.
 *
 * node:crypto's `hkdfSync` only offers extract+expand in one call, while MLS
 * and HPKE need the two halves independently, so both are written on `createHmac`.
 */
import { createHmac } from "node:crypto";
import type { HashAlgorithm, Kdf } from "ts-mls";
import { hashLength, nodeHashName } from "./hash.js";

/** HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes. */
export function hkdfExtract(alg: HashAlgorithm, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  const key = salt.length === 0 ? new Uint8Array(hashLength(alg)) : salt;
  return new Uint8Array(createHmac(nodeHashName(alg), key).update(ikm).digest());
}

/** HKDF-Expand(PRK, info, L): T(i) = HMAC(PRK, T(i-1) | info | i), output the first L bytes. */
export function hkdfExpand(alg: HashAlgorithm, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const hLen = hashLength(alg);
  if (!Number.isInteger(length) || length < 0 || length > 255 * hLen) {
    throw new RangeError(`HKDF-Expand: invalid output length ${length}`);
  }
  const name = nodeHashName(alg);
  const out = new Uint8Array(length);
  let prev: Uint8Array = new Uint8Array(0);
  const counter = new Uint8Array(1);
  for (let i = 1, off = 0; off < length; i++) {
    counter[0] = i;
    prev = createHmac(name, prk).update(prev).update(info).update(counter).digest();
    const take = Math.min(hLen, length - off);
    out.set(prev.subarray(0, take), off);
    off += take;
  }
  return out;
}

/** ts-mls `Kdf` for HKDF with the given hash. */
export function makeNodeKdf(alg: HashAlgorithm): Kdf {
  return {
    async extract(salt: Uint8Array, ikm: Uint8Array): Promise<Uint8Array> {
      return hkdfExtract(alg, salt, ikm);
    },
    async expand(prk: Uint8Array, info: Uint8Array, len: number): Promise<Uint8Array> {
      return hkdfExpand(alg, prk, info, len);
    },
    size: hashLength(alg),
  };
}
