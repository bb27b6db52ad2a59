// A mutation turns the bytes of a request into other bytes and says what it did, in words a crash report
// can print. Structure-aware mutators read the layout of the corpus request they start from; once an
// earlier mutation has moved bytes, only the byte-level ones (bit flips, truncations) follow.
import type { CorpusEntry } from "../corpus/corpus-entry.js";
import type { StructField } from "../layout/layout.js";
import type { Prng } from "../prng.js";

export interface MutationContext {
  prng: Prng;
  /** The corpus request the bytes started from (its layout describes them while `structural` holds). */
  base: CorpusEntry;
  /** Every corpus request of the same endpoint (for spliced fields). */
  sameEndpoint: readonly CorpusEntry[];
  /** Sub-structs of every corpus request of the deployment, by kind (for swapped structs). */
  structs: ReadonlyMap<string, readonly { bytes: Uint8Array; from: string }[]>;
}

export interface Mutation {
  bytes: Uint8Array;
  /** What was done, e.g. "flip bit 3 of byte 120". */
  detail: string;
}

export interface Mutator {
  name: string;
  /** Needs the base request's layout (so only as the first mutation of a chain). */
  structural: boolean;
  /** Undefined when there is nothing to do on these bytes (the chain then picks again). */
  apply(bytes: Uint8Array, context: MutationContext): Mutation | undefined;
}

/** The struct pool key of a located struct. */
export const structKey = (s: Pick<StructField, "kind">) => s.kind;
