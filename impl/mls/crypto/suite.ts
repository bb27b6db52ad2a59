/**
 * The project's MLS cipher suite (suite 1, MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519)
 * with a choice of crypto provider: "node" (synchronous node:crypto, the fast default)
 * or "default" (ts-mls's WebCrypto provider, for cross-checking).
 */
import { defaultCryptoProvider, getCiphersuiteFromName, getCiphersuiteImpl, type CiphersuiteImpl, type CiphersuiteName } from "ts-mls";
import { nodeCryptoProvider } from "./node-crypto-provider.js";

export type ProviderKind = "node" | "default";

export const SUITE_NAME: CiphersuiteName = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519";

const cache = new Map<ProviderKind, Promise<CiphersuiteImpl>>();

export async function cipherSuite(kind: ProviderKind = "node"): Promise<CiphersuiteImpl> {
  let p = cache.get(kind);
  if (p === undefined) {
    const provider = kind === "node" ? nodeCryptoProvider : defaultCryptoProvider;
    p = getCiphersuiteImpl(getCiphersuiteFromName(SUITE_NAME), provider);
    cache.set(kind, p);
    // Do not keep a failed attempt cached.
    p.catch(() => cache.delete(kind));
  }
  return p;
}
