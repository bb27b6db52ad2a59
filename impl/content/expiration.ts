// Expiration (draft-ietf-mimi-content §4.1): [relative: bool, time: uint .size 4]. Relative: seconds the
// message stays visible after it is read; absolute: Unix seconds at which it is deleted.
import { checkUint, readArray, readBool, readUint } from "./cbor-fields.js";
import { ContentError } from "./content-error.js";
import type { CborValue } from "./deterministic-cbor.js";

/** When a message expires. */
export interface Expiration {
  relative: boolean;
  /** uint32 seconds: a duration when relative, a Unix time otherwise. */
  time: number;
}

/** Reads an Expiration from its CBOR item. */
export function decodeExpiration(value: CborValue): Expiration {
  const a = readArray(value, "expires");
  if (a.length !== 2) throw new ContentError("invalidField", "expires is not [relative, time]");
  return { relative: readBool(a[0], "expires.relative"), time: readUint(a[1], "expires.time", 32) };
}

/** The CBOR item of an Expiration. */
export function expirationToCbor(expiration: Expiration): CborValue {
  checkUint(expiration.time, "expires.time", 32);
  return [expiration.relative, expiration.time];
}
