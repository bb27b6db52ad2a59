// The one error type the MIMI content codec throws (draft-ietf-mimi-content §6 and §9.1).

/**
 * Why bytes are not acceptable MIMI content, or a value cannot be encoded as such:
 * - `malformedCbor`: not well-formed CBOR, or bytes left over after the item;
 * - `nonShortestEncoding`: an integer, length or bignum not in its shortest form (RFC 8949 §4.2.1);
 * - `indefiniteLength`: an indefinite-length string, array or map (RFC 8949 §4.2.1);
 * - `duplicateMapKey`, `unsortedMapKeys`: map keys repeated, or not in bytewise order of their encodings;
 * - `nonShortestFloat`: a float that fits a shorter float width (RFC 8949 §4.2.1);
 * - `nonCanonicalNaN`: a NaN other than the half-width quiet NaN 0xF97E00 (content §6.2);
 * - `invalidUtf8`: a text string that is not valid UTF-8 (content §6.2);
 * - `nonDeterministicEncoding`: bytes that do not re-encode to themselves, whatever the cause;
 * - `invalidField`: a field of the wrong CBOR type or out of its range (the draft's CDDL);
 * - `unknownCardinality`, `unknownPartSemantics`: a part kind, or a MultiPart semantics, the draft does not define (§9.1);
 * - `tooFewParts`: a MultiPart with fewer than two parts (CDDL `2* NestedPart`);
 * - `tooManyParts`: more than 1024 parts in a body (§9.1);
 * - `nestingTooDeep`: NestedParts nested more than 4 levels, or extension values more than 4 (§6.3, §9.1);
 * - `topicIdTooLong`: a topicId longer than 4096 octets (§9.1);
 * - `unknownHashAlgorithm`: a message ID whose first octet is not a known hash algorithm (§9.1);
 * - `invalidExtensionKey`: an extension key that is not an int within ±(2^53−1) or a 1–255-octet text
 *   string, or a nested map key that is not an int, text or byte string (§4.3, §6.2);
 * - `invalidExternalPart`: key, nonce or hash of an ExternalPart inconsistent with its algorithms (§4.5);
 * - `missingUri`, `uriTooLong`: a message ID needs sender and room URIs of at most 65535 octets (§3.3).
 */
export type ContentErrorReason =
  | "malformedCbor"
  | "nonShortestEncoding"
  | "indefiniteLength"
  | "duplicateMapKey"
  | "unsortedMapKeys"
  | "nonShortestFloat"
  | "nonCanonicalNaN"
  | "invalidUtf8"
  | "nonDeterministicEncoding"
  | "invalidField"
  | "unknownCardinality"
  | "unknownPartSemantics"
  | "tooFewParts"
  | "tooManyParts"
  | "nestingTooDeep"
  | "topicIdTooLong"
  | "unknownHashAlgorithm"
  | "invalidExtensionKey"
  | "invalidExternalPart"
  | "missingUri"
  | "uriTooLong";

/** A MIMI content decoding (or encoding) failure with its reason; the message carries no input bytes. */
export class ContentError extends Error {
  override readonly name = "ContentError";

  constructor(
    readonly reason: ContentErrorReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** True when `error` is a {@link ContentError}. */
export function isContentError(error: unknown): error is ContentError {
  return error instanceof ContentError;
}
