// Malformed-message builder for tests: takes the bytes of a valid request and writes one `<V>` length
// prefix in a longer form than RFC 9420 §2.1.2 allows ("The encoded value MUST use the smallest number of
// bits required to represent the value. When decoding, values using more bits than necessary MUST be
// treated as malformed."). Nothing else changes: the vectors that enclose the rewritten prefix get their
// lengths grown to match (written minimally), so a lenient decoder reads the very same value back.
//
// Positions are byte offsets of length prefixes; the helpers below find the usual ones (a vector by its
// content, the fields of an MLS PublicMessage commit) from the layout the RFC and the draft give.

/** A varint of `value` written in exactly `size` bytes (RFC 9420 §2.1.2 layout), minimal or not. */
export function varintOfSize(value: number, size: 1 | 2 | 4): Uint8Array {
  const limit = size === 1 ? 0x3f : size === 2 ? 0x3fff : 0x3fffffff;
  if (!Number.isInteger(value) || value < 0 || value > limit) throw new Error(`${value} does not fit a ${size}-byte varint`);
  if (size === 1) return Uint8Array.from([value]);
  if (size === 2) return Uint8Array.from([0x40 | (value >>> 8), value & 0xff]);
  return Uint8Array.from([0x80 | (value >>> 24), (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

/** The minimal varint of `value`. */
export function minimalVarint(value: number): Uint8Array {
  return varintOfSize(value, value < 0x40 ? 1 : value < 0x4000 ? 2 : 4);
}

/** Reads the varint at `at`: its value and size; throws unless it is a well-formed varint. */
export function varintAt(bytes: Uint8Array, at: number): { value: number; size: 1 | 2 | 4 } {
  const prefix = bytes[at] >> 6;
  if (prefix === 3 || at >= bytes.length) throw new Error(`no varint at offset ${at}`);
  const size = (1 << prefix) as 1 | 2 | 4;
  if (at + size > bytes.length) throw new Error(`varint at offset ${at} runs past the end`);
  let value = bytes[at] & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + bytes[at + i];
  return { value, size };
}

/** Every offset at which `needle` occurs in `haystack`. */
export function occurrences(haystack: Uint8Array, needle: Uint8Array): number[] {
  const found: number[] = [];
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    found.push(i);
  }
  return found;
}

/** The offset of the one occurrence of `needle`; throws if there is none or more than one. */
export function uniqueOffset(haystack: Uint8Array, needle: Uint8Array, what: string): number {
  const found = occurrences(haystack, needle);
  if (found.length !== 1) throw new Error(`${what}: expected one occurrence, found ${found.length}`);
  return found[0]!;
}

/** Offsets of the length prefixes of every `<V>` vector whose content is `content` (minimally prefixed). */
export function vectorPrefixes(bytes: Uint8Array, content: Uint8Array): number[] {
  const prefix = minimalVarint(content.length);
  const whole = new Uint8Array(prefix.length + content.length);
  whole.set(prefix);
  whole.set(content, prefix.length);
  return occurrences(bytes, whole);
}

/** Where a length prefix is, and the prefixes of the vectors that enclose it, outermost first. */
export interface LengthField {
  at: number;
  enclosing?: readonly number[];
}

/**
 * `bytes` with the length prefix at `field.at` written in `size` bytes (default: the next size up, 1 → 2
 * or 2 → 4) and each enclosing vector's length grown by what the vectors inside it grew.
 * Throws if a given offset holds no minimal varint, or an enclosing vector does not contain the field.
 */
export function lengthenLengthField(bytes: Uint8Array, field: LengthField, size?: 2 | 4): Uint8Array {
  const enclosing = field.enclosing ?? [];
  const target = varintAt(bytes, field.at);
  const newSize = size ?? (target.size === 1 ? 2 : 4);
  if (newSize <= target.size) throw new Error(`the ${target.size}-byte length at ${field.at} cannot be written in ${newSize} bytes`);
  const edits: ByteEdit[] = [
    { at: field.at, oldSize: target.size, replacement: varintOfSize(target.value, newSize) },
  ];
  let growth = newSize - target.size;
  let innerStart = field.at;
  let innerEnd = field.at + target.size + target.value;
  for (const at of [...enclosing].reverse()) {
    const outer = varintAt(bytes, at);
    if (minimalVarint(outer.value).length !== outer.size) throw new Error(`the length at ${at} is not minimal`);
    const bodyStart = at + outer.size;
    if (!(bodyStart <= innerStart && innerEnd <= bodyStart + outer.value)) {
      throw new Error(`the vector at ${at} does not contain the one at ${innerStart}`);
    }
    const replacement = minimalVarint(outer.value + growth);
    edits.push({ at, oldSize: outer.size, replacement });
    growth += replacement.length - outer.size;
    innerStart = at;
    innerEnd = bodyStart + outer.value;
  }
  return applyEdits(bytes, edits);
}

/** One replacement of `oldSize` bytes at `at`. */
export interface ByteEdit {
  at: number;
  oldSize: number;
  replacement: Uint8Array;
}

/** `bytes` with non-overlapping edits applied, each at its offset in the original bytes. */
export function applyEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const sorted = [...edits].sort((a, b) => a.at - b.at);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const edit of sorted) {
    parts.push(bytes.subarray(from, edit.at), edit.replacement);
    from = edit.at + edit.oldSize;
  }
  parts.push(bytes.subarray(from));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Offset just past the `<V>` vector whose length prefix is at `at`. */
export function afterVector(bytes: Uint8Array, at: number): number {
  const { value, size } = varintAt(bytes, at);
  return at + size + value;
}

/**
 * Length-prefix offsets in an MLSMessage holding a PublicMessage commit from a member, starting at
 * `messageAt` (RFC 9420 §6, §6.2, §12.4):
 *   uint16 version; uint16 wire_format;
 *   FramedContent { opaque group_id<V>; uint64 epoch; Sender sender (uint8 type, uint32 leaf_index);
 *                   opaque authenticated_data<V>; ContentType content_type;
 *                   Commit { ProposalOrRef proposals<V>; optional<UpdatePath> path; } } ...
 */
export function memberCommitLayout(bytes: Uint8Array, messageAt: number): { groupId: number; authenticatedData: number; proposals: number } {
  const groupId = messageAt + 4;
  const senderAt = afterVector(bytes, groupId) + 8;
  if (bytes[senderAt] !== 1) throw new Error(`sender type ${bytes[senderAt]} at ${senderAt} is not member`);
  const authenticatedData = senderAt + 1 + 4;
  const contentTypeAt = afterVector(bytes, authenticatedData);
  if (bytes[contentTypeAt] !== 3) throw new Error(`content type ${bytes[contentTypeAt]} at ${contentTypeAt} is not commit`);
  return { groupId, authenticatedData, proposals: contentTypeAt + 1 };
}
