// One valid request of the seed corpus, with the structure the mutators work on.
import type { MimiRequest } from "../../impl/transport/mimi-request.js";
import type { Layout } from "../layout/layout.js";
import { locateStructs } from "../layout/struct-locator.js";
import { locateVectors } from "../layout/vector-locator.js";

export interface CorpusEntry {
  /** What the request is, in words ("commit adding Erin, with a Welcome"). */
  label: string;
  /** Where it is sent. */
  to: string;
  /** The request as sent; for a target provider's answer, the request whose relay it answers. */
  request: MimiRequest;
  /** The bytes the fuzzer mutates: the request's body, or the answer's. */
  body: Uint8Array;
  decoded: unknown;
  layout: Layout;
}

/** An entry, its bytes decoded with `decode` (which must succeed: the corpus is valid) and laid out. */
export function corpusEntry(label: string, to: string, request: MimiRequest, body: Uint8Array, decode: (bytes: Uint8Array) => unknown): CorpusEntry {
  const decoded = decode(body);
  return { label, to, request, body, decoded, layout: { vectors: locateVectors(body, decoded), structs: locateStructs(body, decoded) } };
}
