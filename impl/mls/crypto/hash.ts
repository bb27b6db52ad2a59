/**
 * Hash and MAC (ts-mls `Hash`) on synchronous node:crypto.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Hash, HashAlgorithm } from "ts-mls";
import { toU8 } from "./bytes.js";

/** node:crypto digest name for an MLS hash algorithm. */
export function nodeHashName(alg: HashAlgorithm): "sha256" | "sha384" | "sha512" {
  switch (alg) {
    case "SHA-256":
      return "sha256";
    case "SHA-384":
      return "sha384";
    case "SHA-512":
      return "sha512";
  }
}

/** Output length in bytes of an MLS hash algorithm. */
export function hashLength(alg: HashAlgorithm): number {
  switch (alg) {
    case "SHA-256":
      return 32;
    case "SHA-384":
      return 48;
    case "SHA-512":
      return 64;
  }
}

export function digestSync(alg: HashAlgorithm, data: Uint8Array): Uint8Array {
  return toU8(createHash(nodeHashName(alg)).update(data).digest());
}

export function hmacSync(alg: HashAlgorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  return toU8(createHmac(nodeHashName(alg), key).update(data).digest());
}

/** ts-mls `Hash` implementation; the work is synchronous, the Promise is only the interface. */
export function makeNodeHash(alg: HashAlgorithm): Hash {
  return {
    async digest(data: Uint8Array): Promise<Uint8Array> {
      return digestSync(alg, data);
    },
    async mac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
      return hmacSync(alg, key, data);
    },
    async verifyMac(key: Uint8Array, mac: Uint8Array, data: Uint8Array): Promise<boolean> {
      const expected = hmacSync(alg, key, data);
      return expected.length === mac.length && timingSafeEqual(expected, mac);
    },
  };
}
