/**
 * A ts-mls `CryptoProvider` whose primitives run on Node's synchronous `node:crypto`.
 *
 * ts-mls's default provider goes through WebCrypto and @hpke/core, where every
 * primitive is an asynchronous round trip; for the small inputs MLS handles that
 * overhead dominates. Here every operation does its work synchronously and the
 * returned Promise is only what the ts-mls interfaces demand.
 *
 * Natively supported: any cipher suite made of SHA-256/384/512, HKDF, DHKEM(X25519,
 * HKDF-SHA256), AES-128-GCM or AES-256-GCM and Ed25519 — among the registered MLS
 * suites that is suite 1, MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519. Every other
 * suite is delegated to ts-mls's `defaultCryptoProvider`, so the provider is total.
 */
import { defaultCryptoProvider, type Ciphersuite, type CiphersuiteImpl, type CryptoProvider } from "ts-mls";
import type { NodeAeadAlgorithm } from "./aead.js";
import { makeNodeHash } from "./hash.js";
import { makeNodeHpke } from "./hpke.js";
import { makeNodeKdf } from "./kdf.js";
import { nodeRng } from "./rng.js";
import { makeNodeEd25519 } from "./signature.js";

/** True when every component of `cs` is implemented here on node:crypto. */
export function isNativelySupported(cs: Ciphersuite): boolean {
  const kdfMatchesHash =
    (cs.hpke.kdf === "HKDF-SHA256" && cs.hash === "SHA-256") ||
    (cs.hpke.kdf === "HKDF-SHA384" && cs.hash === "SHA-384") ||
    (cs.hpke.kdf === "HKDF-SHA512" && cs.hash === "SHA-512");
  return (
    kdfMatchesHash &&
    cs.hpke.kem === "DHKEM-X25519-HKDF-SHA256" &&
    (cs.hpke.aead === "AES128GCM" || cs.hpke.aead === "AES256GCM") &&
    cs.signature === "Ed25519"
  );
}

function buildNative(cs: Ciphersuite): CiphersuiteImpl {
  return {
    hash: makeNodeHash(cs.hash),
    kdf: makeNodeKdf(cs.hash),
    signature: makeNodeEd25519(),
    hpke: makeNodeHpke({ kdfHash: cs.hash, aead: cs.hpke.aead as NodeAeadAlgorithm }),
    rng: nodeRng,
    name: cs.name,
  };
}

const nativeImpls = new Map<string, CiphersuiteImpl>();

/** Cache key: the suite's components (a custom suite may reuse a registered name). */
function suiteKey(cs: Ciphersuite): string {
  return [cs.name, cs.hash, cs.hpke.kem, cs.hpke.kdf, cs.hpke.aead, cs.signature].join("|");
}

export const nodeCryptoProvider: CryptoProvider = {
  async getCiphersuiteImpl(cs: Ciphersuite): Promise<CiphersuiteImpl> {
    if (!isNativelySupported(cs)) return defaultCryptoProvider.getCiphersuiteImpl(cs);
    const key = suiteKey(cs);
    let impl = nativeImpls.get(key);
    if (impl === undefined) {
      impl = buildNative(cs);
      nativeImpls.set(key, impl);
    }
    return impl;
  },
};
