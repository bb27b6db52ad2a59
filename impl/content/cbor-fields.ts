// Typed reads of decoded CBOR items, for the fields of MIMI content's CDDL. A wrong type or range is
// `invalidField`; an integer field must be a CBOR integer (a float 1.0 is not the uint 1).
import { ContentError } from "./content-error.js";
import { majorTypeOf, plain, type CborValue } from "./deterministic-cbor.js";

export function readArray(value: CborValue, field: string): CborValue[] {
  if (!Array.isArray(value)) throw new ContentError("invalidField", `${field} is not an array`);
  return value;
}

export function readBytes(value: CborValue, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new ContentError("invalidField", `${field} is not a byte string`);
  return new Uint8Array(value);
}

export function readText(value: CborValue, field: string): string {
  const v = plain(value);
  if (typeof v !== "string") throw new ContentError("invalidField", `${field} is not a text string`);
  return v;
}

export function readBool(value: CborValue, field: string): boolean {
  const v = plain(value);
  if (typeof v !== "boolean") throw new ContentError("invalidField", `${field} is not a boolean`);
  return v;
}

export function isNull(value: CborValue): boolean {
  return plain(value) === null;
}

function readInteger(value: CborValue, field: string): bigint {
  const v = plain(value);
  const major = majorTypeOf(value);
  if (major !== undefined && major !== 0 && major !== 1) throw new ContentError("invalidField", `${field} is not an integer`);
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  throw new ContentError("invalidField", `${field} is not an integer`);
}

/** An unsigned integer of at most `bits` bits (bits ≤ 53), as a number. */
export function readUint(value: CborValue, field: string, bits: number): number {
  const n = readInteger(value, field);
  if (n < 0n || n >= 1n << BigInt(bits)) throw new ContentError("invalidField", `${field} is not a uint${bits}`);
  return Number(n);
}

/** An unsigned 64-bit integer, as a bigint. */
export function readUint64(value: CborValue, field: string): bigint {
  const n = readInteger(value, field);
  if (n < 0n || n >= 1n << 64n) throw new ContentError("invalidField", `${field} is not a uint64`);
  return n;
}

/** Checks that an integer about to be encoded fits `bits` bits unsigned. */
export function checkUint(n: number | bigint, field: string, bits: number): void {
  const b = BigInt(n);
  if (b < 0n || b >= 1n << BigInt(bits) || (typeof n === "number" && !Number.isInteger(n))) {
    throw new ContentError("invalidField", `${field} is not a uint${bits}`);
  }
}
