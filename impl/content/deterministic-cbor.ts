// Deterministic CBOR (RFC 8949 §4.2.1) as MIMI content requires it (draft-ietf-mimi-content §6).
//
// cbor2 does most of the checking: with its CDE options plus rejectDuplicateKeys and rejectLongLoundNaN
// it refuses non-shortest integers, lengths and bignums, indefinite lengths, duplicate and unsorted map
// keys, invalid UTF-8, and NaNs other than 0xF97E00. Two things it cannot do without doing too much,
// checked here: (1) a float that fits a shorter width — its own check (rejectLongFloats) also refuses
// floats with integral values such as 0xF93C00 (1.0), which §4.2.1 allows; (2) a NaN with the sign bit
// set (0xF9FE00) passes its NaN check. Values are decoded "boxed" so that every item keeps its original
// encoding: re-encoding an extension value then gives back its own bytes (a float 1.0 stays a float).
import { Tag, cdeDecodeOptions, cdeEncodeOptions, decode, encode, getEncoded, unbox, type DecodeOptions } from "cbor2";
import { ContentError, type ContentErrorReason } from "./content-error.js";
import { contentFaults } from "./content-faults.js";

/** A decoded CBOR item: boxed primitives, Uint8Array, arrays, Maps and cbor2 Tags. */
export type CborValue = unknown;

const DECODE_OPTIONS: DecodeOptions = {
  ...cdeDecodeOptions,
  rejectDuplicateKeys: true,
  rejectLongLoundNaN: true,
  boxed: true,
  preferMap: true,
  ignoreGlobalTags: true,
};

// The planted lenientCborDecoding defect: the library's defaults, keeping boxes for re-encoding.
const LENIENT_OPTIONS: DecodeOptions = { boxed: true, preferMap: true, ignoreGlobalTags: true };

// Only used on the error path, to tell a duplicate key from an unsorted one (cbor2 reports both alike).
const DUPLICATES_ONLY: DecodeOptions = { ...DECODE_OPTIONS, sortKeys: null };

const ENCODE_OPTIONS = { ...cdeEncodeOptions, ignoreOriginalEncoding: false };

function reasonOf(message: string, bytes: Uint8Array): ContentErrorReason {
  if (/long integer encoding|could have been int/i.test(message)) return "nonShortestEncoding";
  if (/streaming|indefinite/i.test(message)) return "indefiniteLength";
  if (/NaN/.test(message)) return "nonCanonicalNaN";
  if (/utf-?8/i.test(message)) return "invalidUtf8";
  if (/Duplicate or out of order key/.test(message)) {
    try {
      decode(bytes, DUPLICATES_ONLY);
      return "unsortedMapKeys";
    } catch (e) {
      return /Duplicate key/.test(String((e as Error).message)) ? "duplicateMapKey" : "unsortedMapKeys";
    }
  }
  return "malformedCbor";
}

/** The first byte of a float's own encoding, or undefined when `value` is not a float. */
function floatEncoding(value: unknown): Uint8Array | undefined {
  if (!(value instanceof Number)) return undefined;
  const encoded = getEncoded(value);
  if (encoded === undefined || encoded.length === 0) return undefined;
  return encoded[0] >= 0xf9 && encoded[0] <= 0xfb ? encoded : undefined;
}

function checkFloat(encoded: Uint8Array, value: number): void {
  if (Number.isNaN(value)) {
    if (!(encoded.length === 3 && encoded[0] === 0xf9 && encoded[1] === 0x7e && encoded[2] === 0x00)) {
      throw new ContentError("nonCanonicalNaN", "the only NaN allowed is 0xF97E00");
    }
    return;
  }
  // The shortest float width for this value, whatever its integral-ness (avoidInts keeps it a float).
  if (encode(value, { avoidInts: true }).length < encoded.length) {
    throw new ContentError("nonShortestFloat", `float ${value} encoded in ${encoded.length} bytes`);
  }
}

function checkBignum(tag: Tag): void {
  if (tag.tag !== 2 && tag.tag !== 3) return;
  const contents = tag.contents;
  if (!(contents instanceof Uint8Array)) return;
  if (contents.length <= 8 || contents[0] === 0) {
    throw new ContentError("nonShortestEncoding", `bignum (tag ${tag.tag}) that fits an integer or has leading zeros`);
  }
}

/** Walks a decoded item: floats in their shortest width, canonical NaN, bignums that need to be. */
function checkItems(value: unknown): void {
  const float = floatEncoding(value);
  if (float !== undefined) {
    if (!contentFaults.skipFloatCheck) checkFloat(float, Number(value));
    return;
  }
  if (Array.isArray(value)) for (const v of value) checkItems(v);
  else if (value instanceof Map) {
    for (const [k, v] of value) {
      checkItems(k);
      checkItems(v);
    }
  } else if (value instanceof Tag) {
    checkBignum(value);
    checkItems(value.contents);
  }
}

/**
 * Decodes one deterministically encoded CBOR item filling `bytes` exactly, or throws a ContentError
 * naming the first rule broken. Items keep their original encoding (see {@link encodeDeterministic}).
 */
export function decodeDeterministic(bytes: Uint8Array): CborValue {
  let value: unknown;
  try {
    value = decode(bytes, contentFaults.lenientCborDecoding ? LENIENT_OPTIONS : DECODE_OPTIONS);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ContentError(reasonOf(message, bytes), "CBOR refused by the deterministic decoder");
  }
  checkItems(value);
  return value;
}

/**
 * Encodes a value deterministically: shortest forms, definite lengths, map keys sorted bytewise.
 * Items that came from {@link decodeDeterministic} keep their original (already checked) encoding.
 */
export function encodeDeterministic(value: CborValue): Uint8Array {
  try {
    return encode(value, ENCODE_OPTIONS);
  } catch (e) {
    throw new ContentError("invalidField", `cannot encode: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The plain value of a boxed item (numbers, strings, booleans, bigints); other items unchanged. */
export function plain(value: CborValue): unknown {
  return unbox(value);
}

/** The major type of an item's original encoding, or undefined for values not from the decoder. */
export function majorTypeOf(value: CborValue): number | undefined {
  if (value === null || value === undefined || typeof value !== "object") return undefined;
  const encoded = getEncoded(value as object);
  return encoded === undefined || encoded.length === 0 ? undefined : encoded[0] >> 5;
}
