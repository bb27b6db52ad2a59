// The one error type every decoder (and encoder) in impl/codec throws.

/**
 * Why bytes could not be decoded (or a value could not be encoded):
 * - `truncated`: the input ended before the value did; more bytes might have made it valid.
 * - `lengthOverflow`: a length prefix (or a value inside a length-delimited region) runs past the end
 *   of the region that encloses it, or a length is too large to encode. No extra input can fix it.
 * - `trailingBytes`: a complete value was decoded but bytes are left over.
 * - `invalidValue`: a field holds a value its type does not allow (enum code, optional flag,
 *   non-minimal or reserved varint, invalid UTF-8, unsorted dictionary, malformed MLS structure, …).
 */
export type CodecErrorCode = "truncated" | "lengthOverflow" | "trailingBytes" | "invalidValue";

export class CodecError extends Error {
  override readonly name = "CodecError";

  constructor(
    readonly code: CodecErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export function isCodecError(error: unknown): error is CodecError {
  return error instanceof CodecError;
}
