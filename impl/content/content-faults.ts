// Planted defects in the MIMI content code. Each switch turns one check off, so a test can show that
// the check is what refuses bad content and that the tests and properties notice its absence. All off
// by default; only tests turn them on, through withContentFault, which turns them off again.

/** The content code's planted-defect switches (module state, read on every call). */
export interface ContentFaults {
  /** Accept a float that fits a shorter width, and any NaN (RFC 8949 §4.2.1, content §6.2). */
  skipFloatCheck: boolean;
  /** Accept NestedParts and extension values nested deeper than 4 levels (content §6.3, §9.1). */
  skipDepthLimit: boolean;
  /** Decode with cbor2's default (lenient) options: non-shortest forms, indefinite lengths, unsorted keys pass the library. */
  lenientCborDecoding: boolean;
  /** Accept decoded content that does not re-encode to the bytes it came from. */
  skipReencodeCheck: boolean;
  /** Hash the URI lengths in UTF-16 code units instead of octets (content -09 §3.3 counts octets). */
  uriLengthInCodeUnits: boolean;
  /** The timeline keeps a second message with an ID it already holds (content §9.1). */
  acceptDuplicateIds: boolean;
  /** The timeline accepts an edit or delete from anyone (content §9.3). */
  skipReplaceAuthorization: boolean;
  /** The timeline does not walk inReplyTo chains (content §4.1). */
  skipReplyLoopCheck: boolean;
  /** The timeline breaks timestamp ties by arrival instead of the lowest message ID (content §5.11). */
  tieBreakByArrival: boolean;
}

/** The current switches. Tests set a field through {@link withContentFault}. */
export const contentFaults: ContentFaults = {
  skipFloatCheck: false,
  skipDepthLimit: false,
  lenientCborDecoding: false,
  skipReencodeCheck: false,
  uriLengthInCodeUnits: false,
  acceptDuplicateIds: false,
  skipReplaceAuthorization: false,
  skipReplyLoopCheck: false,
  tieBreakByArrival: false,
};

/** Every content fault by name, with one line on what it does. */
export const CONTENT_FAULTS = {
  skipFloatCheck: "accept a non-shortest float or a NaN other than 0xF97E00",
  skipDepthLimit: "accept NestedParts or extension values nested deeper than 4 levels",
  lenientCborDecoding: "decode with the CBOR library's lenient defaults (only the re-encode check remains)",
  skipReencodeCheck: "accept content that does not re-encode to its own bytes",
  uriLengthInCodeUnits: "hash URI lengths in UTF-16 code units, not octets",
  acceptDuplicateIds: "keep a message whose ID the timeline already holds",
  skipReplaceAuthorization: "accept edits and deletes from anyone",
  skipReplyLoopCheck: "do not look for inReplyTo loops",
  tieBreakByArrival: "order equal timestamps by arrival, not by lowest message ID",
} as const satisfies Record<keyof ContentFaults, string>;

/** Runs `body` with one content fault switched on, and restores it however `body` ends. */
export function withContentFault<R>(fault: keyof ContentFaults, body: () => R): R {
  const before = contentFaults[fault];
  contentFaults[fault] = true;
  try {
    return body();
  } finally {
    contentFaults[fault] = before;
  }
}
