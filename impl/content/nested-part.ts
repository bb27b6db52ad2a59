// The body of MIMI content (draft-ietf-mimi-content §4.4): a NestedPart, which is a NullPart (no
// content: deletes, unlikes), a SinglePart (inline content), an ExternalPart (§4.5) or a MultiPart of
// at least two NestedParts with its partSemantics. Parts have an implied zero-based, depth-first index.
// §6.3 and §9.1: at most 4 levels of nesting, at most 1024 parts, partSemantics 0–2 only.
import { ContentError } from "./content-error.js";
import { contentFaults } from "./content-faults.js";
import { checkUint, readArray, readBytes, readText, readUint, readUint64 } from "./cbor-fields.js";
import type { CborValue } from "./deterministic-cbor.js";
import { checkExternalPart, type ExternalPartFields } from "./external-part.js";

/** NestedParts nest at most this many levels, the body being level 1 (§6.3). */
export const MAX_PART_DEPTH = 4;
/** A body holds at most this many parts, MultiParts included (§9.1). */
export const MAX_PARTS = 1024;

/** Cardinality codes (the third element of a NestedPart). */
export const CARDINALITY = { nullPart: 0, single: 1, external: 2, multi: 3 } as const;

/** MultiPart semantics: pick one part, process all as one unit, or process each part (§4.4). */
export const PART_SEMANTICS = { chooseOne: 0, singleUnit: 1, processAll: 2 } as const;
/** A MultiPart semantics name. */
export type PartSemantics = keyof typeof PART_SEMANTICS;

interface PartCommon {
  /** Disposition code 0–255 (see disposition.ts); unknown ones are rendered. */
  disposition: number;
  /** Empty, or a comma-separated list of RFC 5646 language tags. */
  language: string;
}

/** A part with no content. */
export interface NullPart extends PartCommon {
  kind: "null";
}
/** An inline part. */
export interface SinglePart extends PartCommon {
  kind: "single";
  contentType: string;
  content: Uint8Array;
}
/** A part whose content lives at a URL (§4.5). */
export interface ExternalPart extends PartCommon, ExternalPartFields {
  kind: "external";
}
/** Two or more parts with their relationship. */
export interface MultiPart extends PartCommon {
  kind: "multi";
  partSemantics: PartSemantics;
  parts: NestedPart[];
}
/** Any NestedPart. */
export type NestedPart = NullPart | SinglePart | ExternalPart | MultiPart;

const SEMANTICS_BY_CODE: PartSemantics[] = ["chooseOne", "singleUnit", "processAll"];

interface DecodeState {
  count: number;
}

function decodePart(value: CborValue, depth: number, state: DecodeState): NestedPart {
  if (depth > MAX_PART_DEPTH && !contentFaults.skipDepthLimit) {
    throw new ContentError("nestingTooDeep", `NestedPart at level ${depth}`);
  }
  state.count += 1;
  if (state.count > MAX_PARTS) throw new ContentError("tooManyParts", `more than ${MAX_PARTS} parts`);
  const a = readArray(value, "NestedPart");
  if (a.length < 3) throw new ContentError("invalidField", "NestedPart has fewer than 3 elements");
  const common = { disposition: readUint(a[0], "disposition", 8), language: readText(a[1], "language") };
  const cardinality = readUint(a[2], "cardinality", 53);
  const arity = (n: number): void => {
    if (a.length !== n) throw new ContentError("invalidField", `NestedPart of cardinality ${cardinality} has ${a.length} elements`);
  };
  switch (cardinality) {
    case CARDINALITY.nullPart:
      arity(3);
      return { kind: "null", ...common };
    case CARDINALITY.single:
      arity(5);
      return { kind: "single", ...common, contentType: readText(a[3], "contentType"), content: readBytes(a[4], "content") };
    case CARDINALITY.external: {
      arity(15);
      const part: ExternalPart = {
        kind: "external",
        ...common,
        contentType: readText(a[3], "contentType"),
        url: readText(a[4], "url"),
        expires: readUint(a[5], "expires", 32),
        size: readUint64(a[6], "size"),
        encAlg: readUint(a[7], "encAlg", 16),
        key: readBytes(a[8], "key"),
        nonce: readBytes(a[9], "nonce"),
        aad: readBytes(a[10], "aad"),
        hashAlg: readUint(a[11], "hashAlg", 8),
        contentHash: readBytes(a[12], "contentHash"),
        description: readText(a[13], "description"),
        filename: readText(a[14], "filename"),
      };
      checkExternalPart(part);
      return part;
    }
    case CARDINALITY.multi: {
      arity(5);
      const code = readUint(a[3], "partSemantics", 53);
      const partSemantics = SEMANTICS_BY_CODE[code];
      if (partSemantics === undefined) throw new ContentError("unknownPartSemantics", `partSemantics ${code}`);
      const children = readArray(a[4], "parts");
      if (children.length < 2) throw new ContentError("tooFewParts", `MultiPart with ${children.length} parts`);
      return { kind: "multi", ...common, partSemantics, parts: children.map((c) => decodePart(c, depth + 1, state)) };
    }
    default:
      throw new ContentError("unknownCardinality", `cardinality ${cardinality}`);
  }
}

/** Decodes a body from its CBOR item, with the depth and count limits of §6.3 and §9.1. */
export function decodeNestedPart(value: CborValue): NestedPart {
  return decodePart(value, 1, { count: 0 });
}

/** The CBOR item of a part (checks ranges; the caller encodes deterministically). */
export function nestedPartToCbor(part: NestedPart): CborValue {
  checkUint(part.disposition, "disposition", 8);
  const head = [part.disposition, part.language];
  switch (part.kind) {
    case "null":
      return [...head, CARDINALITY.nullPart];
    case "single":
      return [...head, CARDINALITY.single, part.contentType, part.content];
    case "external":
      checkUint(part.expires, "expires", 32);
      checkUint(part.size, "size", 64);
      checkUint(part.encAlg, "encAlg", 16);
      checkUint(part.hashAlg, "hashAlg", 8);
      checkExternalPart(part);
      return [
        ...head, CARDINALITY.external, part.contentType, part.url, part.expires, part.size, part.encAlg,
        part.key, part.nonce, part.aad, part.hashAlg, part.contentHash, part.description, part.filename,
      ];
    case "multi":
      if (part.parts.length < 2) throw new ContentError("tooFewParts", `MultiPart with ${part.parts.length} parts`);
      return [...head, CARDINALITY.multi, PART_SEMANTICS[part.partSemantics], part.parts.map(nestedPartToCbor)];
  }
}

/** Every part in implied part-index order (zero-based, depth-first; the body is part 0). */
export function partsInIndexOrder(body: NestedPart): NestedPart[] {
  const out: NestedPart[] = [];
  const visit = (p: NestedPart): void => {
    out.push(p);
    if (p.kind === "multi") p.parts.forEach(visit);
  };
  visit(body);
  return out;
}

/**
 * The part a `cid:<partIndex>@local.invalid` URI names, or undefined when the index is out of range or
 * names a NullPart or MultiPart (§4.4: such a URI references only a Single or External part).
 */
export function partForContentId(body: NestedPart, uri: string): SinglePart | ExternalPart | undefined {
  const m = /^cid:(0|[1-9][0-9]*)@local\.invalid$/.exec(uri);
  if (m === null) return undefined;
  const part = partsInIndexOrder(body)[Number(m[1])];
  return part !== undefined && (part.kind === "single" || part.kind === "external") ? part : undefined;
}
