// Franking (draft-ietf-mimi-protocol §5.4.1): the sender's tag, the hub's server frank and its integrity
// signature, and what each party recomputes.
//   franking_tag   = HMAC_SHA256(key = salt, application_data)            (sender, in frank_aad)
//   context        = ServerFrankingContext { IdentifierUri sender_uri; IdentifierUri room_uri;
//                                            uint64 accepted_timestamp; }
//   server_frank   = HMAC_SHA256(hub_key, franking_tag || context)        (hub; hub_key never leaves it)
//   signature      = SignWithLabel(franking_private_key, "FrankingIntegrityTBS",
//                      FrankingIntegrityTBS { uint8 server_frank[32]; CipherSuite franking_signature_ciphersuite;
//                                             ServerFrankingContext context; })
// application_data is the MLS application message's plaintext, the encoded MIMI content (no content
// advertisement framing is used here).
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import type { CiphersuiteImpl } from "ts-mls";
import { signWithLabel, verifyWithLabel } from "ts-mls/crypto/signature.js";
import { encodeWith } from "../codec/exact.js";
import { SERVER_FRANK_LENGTH, type Frank } from "../codec/frank.js";
import { writeIdentifierUri } from "../codec/identifier-uri.js";
import type { Writer } from "../codec/writer.js";

export const FRANKING_INTEGRITY_LABEL = "FrankingIntegrityTBS";
/** MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519: Ed25519 signatures, the suite of every room here. */
export const FRANKING_SIGNATURE_CIPHERSUITE = 1;

export interface ServerFrankingContext {
  senderUri: string;
  roomUri: string;
  acceptedTimestamp: bigint;
}

/** The sender's franking tag over the message's plaintext, keyed with the content's 16-octet salt. */
export function frankingTag(salt: Uint8Array, applicationData: Uint8Array): Uint8Array {
  return hmac(sha256, salt, applicationData);
}

function writeContext(w: Writer, context: ServerFrankingContext): void {
  writeIdentifierUri(w, context.senderUri);
  writeIdentifierUri(w, context.roomUri);
  w.uint64(context.acceptedTimestamp);
}

export function encodeServerFrankingContext(context: ServerFrankingContext): Uint8Array {
  return encodeWith(writeContext, context);
}

/** server_frank = HMAC_SHA256(hub_key, franking_tag || context). */
export function serverFrank(hubKey: Uint8Array, tag: Uint8Array, context: ServerFrankingContext): Uint8Array {
  const contextBytes = encodeServerFrankingContext(context);
  const input = new Uint8Array(tag.length + contextBytes.length);
  input.set(tag, 0);
  input.set(contextBytes, tag.length);
  return hmac(sha256, hubKey, input);
}

export function encodeFrankingIntegrityTbs(serverFrankBytes: Uint8Array, ciphersuite: number, context: ServerFrankingContext): Uint8Array {
  return encodeWith((w: Writer) => {
    w.fixedOpaque(serverFrankBytes, SERVER_FRANK_LENGTH);
    w.uint16(ciphersuite);
    writeContext(w, context);
  }, undefined);
}

/** The hub's frank of a message it accepted: server frank and integrity signature. */
export async function issueFrank(keys: { hubKey: Uint8Array; signKey: Uint8Array }, tag: Uint8Array, context: ServerFrankingContext, cs: CiphersuiteImpl): Promise<Frank> {
  const frankBytes = serverFrank(keys.hubKey, tag, context);
  const tbs = encodeFrankingIntegrityTbs(frankBytes, FRANKING_SIGNATURE_CIPHERSUITE, context);
  return { serverFrank: frankBytes, frankingSignatureCiphersuite: FRANKING_SIGNATURE_CIPHERSUITE, frankingIntegritySignature: await signWithLabel(keys.signKey, FRANKING_INTEGRITY_LABEL, tbs, cs.signature) };
}

/** Whether `frank` carries the franking agent's integrity signature over itself and `context`. */
export async function verifyFrankSignature(publicKey: Uint8Array, frank: Frank, context: ServerFrankingContext, cs: CiphersuiteImpl): Promise<boolean> {
  if (frank.serverFrank.length !== SERVER_FRANK_LENGTH) return false;
  try {
    const tbs = encodeFrankingIntegrityTbs(frank.serverFrank, frank.frankingSignatureCiphersuite, context);
    return await verifyWithLabel(publicKey, FRANKING_INTEGRITY_LABEL, tbs, frank.frankingIntegritySignature, cs.signature);
  } catch {
    return false;
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
