/**
 * Ed25519 (RFC 8032) signatures for ts-mls on synchronous node:crypto.
 *
 * Key formats (matching what ts-mls and its other providers use):
 *  - public keys: the raw 32-byte encoding (as carried in LeafNode.signature_key);
 *  - signing keys: the raw 32-byte seed (what our `keygen` returns and what the MLS
 *    test vectors contain). For interoperability we also accept the 48-byte PKCS#8
 *    DER form that ts-mls's default (WebCrypto) provider returns from `keygen`, and
 *    the 64-byte seed‖public form some libraries use.
 */
import { randomBytes, sign as nodeSign, verify as nodeVerify, type KeyObject } from "node:crypto";
import type { Signature } from "ts-mls";
import { CryptoError } from "ts-mls/mlsError.js";
import { toU8 } from "./bytes.js";
import { KeyObjectCache } from "./key-cache.js";
import { ED25519_PKCS8_PREFIX, importOkpPrivate, importOkpPublic, rawPublicKey } from "./okp-keys.js";

const privateKeys = new KeyObjectCache(256);
const publicKeys = new KeyObjectCache(1024);

function startsWith(b: Uint8Array, prefix: Uint8Array): boolean {
  if (b.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (b[i] !== prefix[i]) return false;
  return true;
}

/** The 32-byte seed inside any accepted signing-key encoding. */
export function ed25519Seed(signKey: Uint8Array): Uint8Array {
  if (signKey.length === 32) return signKey;
  if (signKey.length === 48 && startsWith(signKey, ED25519_PKCS8_PREFIX)) return signKey.subarray(16);
  if (signKey.length === 64) return signKey.subarray(0, 32);
  throw new CryptoError(`Ed25519: unsupported signing key encoding (${signKey.length} bytes)`);
}

function signingKeyObject(signKey: Uint8Array): KeyObject {
  return privateKeys.get(ed25519Seed(signKey), (seed) => importOkpPrivate("Ed25519", seed));
}

export function ed25519SignSync(signKey: Uint8Array, message: Uint8Array): Uint8Array {
  return toU8(nodeSign(null, message, signingKeyObject(signKey)));
}

export function ed25519VerifySync(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  // Malformed keys or signatures are simply "not valid".
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  let key: KeyObject;
  try {
    key = publicKeys.get(publicKey, (raw) => importOkpPublic("Ed25519", raw));
  } catch {
    return false;
  }
  return nodeVerify(null, message, key, signature);
}

/** Raw 32-byte public key for a signing key in any accepted encoding. */
export function ed25519PublicKey(signKey: Uint8Array): Uint8Array {
  return rawPublicKey(signingKeyObject(signKey));
}

export function ed25519KeygenSync(): { publicKey: Uint8Array; signKey: Uint8Array } {
  const signKey = toU8(randomBytes(32));
  return { signKey, publicKey: ed25519PublicKey(signKey) };
}

/** ts-mls `Signature` for Ed25519; synchronous work behind the Promise interface. */
export function makeNodeEd25519(): Signature {
  return {
    async sign(signKey: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
      return ed25519SignSync(signKey, message);
    },
    async verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
      return ed25519VerifySync(publicKey, message, signature);
    },
    async keygen(): Promise<{ publicKey: Uint8Array; signKey: Uint8Array }> {
      return ed25519KeygenSync();
    },
  };
}
