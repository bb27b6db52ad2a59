// ExternalPart (draft-ietf-mimi-content §4.5): content fetched from a URL, usually encrypted with an
// IANA AEAD algorithm before upload; AES-128-GCM (AEAD id 1: 16-octet key, 12-octet nonce) is mandatory
// to implement. With encAlg 0 the content is not encrypted and key, nonce and aad are empty. hashAlg is
// an IANA named-information id: 1 is SHA-256 (32-octet contentHash), 0 none (empty contentHash).
import { ContentError } from "./content-error.js";

/** AEAD algorithm ids used here (IANA AEAD registry). */
export const AEAD_NONE = 0;
/** AES-128-GCM (RFC 5116): 16-octet key, 12-octet nonce. */
export const AEAD_AES_128_GCM = 1;
/** Named-information hash ids used here. */
export const HASH_NONE = 0;
/** SHA-256: 32-octet hash. */
export const HASH_SHA256 = 1;

/** The fields of an ExternalPart, in CDDL order (after its cardinality, 2). */
export interface ExternalPartFields {
  contentType: string;
  url: string;
  /** Unix seconds after which the content is invalid; 0: never. uint32. */
  expires: number;
  /** Size of the content in octets, 0 when not given. uint64. */
  size: bigint;
  /** IANA AEAD algorithm, 0 for none. uint16. */
  encAlg: number;
  key: Uint8Array;
  nonce: Uint8Array;
  aad: Uint8Array;
  /** IANA named-information hash algorithm, 0 for none. uint8. */
  hashAlg: number;
  contentHash: Uint8Array;
  description: string;
  filename: string;
}

/**
 * Checks the algorithm-dependent lengths the draft states: none → empty key/nonce/aad; AES-128-GCM →
 * 16-octet key and 12-octet nonce; SHA-256 → 32-octet hash; no hash → empty. Other (unknown) ids are
 * left alone: a receiver may not be able to use them, which is not malice.
 */
export function checkExternalPart(part: ExternalPartFields): void {
  const bad = (detail: string): never => {
    throw new ContentError("invalidExternalPart", detail);
  };
  if (part.encAlg === AEAD_NONE && (part.key.length | part.nonce.length | part.aad.length) !== 0) {
    bad("encAlg 0 with a key, nonce or aad");
  }
  if (part.encAlg === AEAD_AES_128_GCM && (part.key.length !== 16 || part.nonce.length !== 12)) {
    bad(`AES-128-GCM with a ${part.key.length}-octet key and ${part.nonce.length}-octet nonce`);
  }
  if (part.hashAlg === HASH_SHA256 && part.contentHash.length !== 32) bad("SHA-256 contentHash not 32 octets");
  if (part.hashAlg === HASH_NONE && part.contentHash.length !== 0) bad("hashAlg 0 with a contentHash");
}
