// One fuzz input, derived from its seed alone: a corpus request to start from and a chain of mutations.
//
// The start is a fresh request (valid now) most of the time, else a replay: a request the set-up already
// sent (accepted then; now of an earlier epoch, or the same request again), or a fresh request sent twice
// (the first copy as it is, accepted; the second, possibly mutated, judged). Then 1–3 mutations: the first
// one of any kind, the later ones byte-level (a structure-aware mutation needs the layout of the bytes it
// starts from). A pure replay may go unmutated.
import type { CorpusEntry } from "./corpus/corpus-entry.js";
import { bitFlip } from "./mutators/bit-flip.js";
import { lengthField } from "./mutators/length-field.js";
import type { MutationContext, Mutator } from "./mutators/mutator.js";
import { spliceField } from "./mutators/splice-field.js";
import { swapStruct } from "./mutators/swap-struct.js";
import { truncateOrExtend } from "./mutators/truncate-extend.js";
import { Prng } from "./prng.js";

/** Every mutator, with how often it is chosen first. */
export const MUTATORS: readonly { weight: number; value: Mutator }[] = [
  { weight: 25, value: bitFlip },
  { weight: 15, value: truncateOrExtend },
  { weight: 30, value: lengthField },
  { weight: 15, value: spliceField },
  { weight: 15, value: swapStruct },
];

const BYTE_LEVEL = MUTATORS.filter((m) => !m.value.structural);

export interface FuzzInput {
  /** The corpus request the bytes come from. */
  base: CorpusEntry;
  /** "fresh", "replay" (a request of the set-up) or "twice" (sent once as it is, then these bytes). */
  start: "fresh" | "replay" | "twice";
  /** Names and details of the mutations applied, in order. */
  chain: string[];
  bytes: Uint8Array;
}

export interface CorpusView {
  fresh: readonly CorpusEntry[];
  history: readonly CorpusEntry[];
  structs: MutationContext["structs"];
}

/** The input of seed `seed` over `corpus`. */
export function makeInput(seed: number, corpus: CorpusView): FuzzInput {
  const prng = new Prng(seed);
  const roll = prng.int(100);
  const start: FuzzInput["start"] = roll < 8 && corpus.history.length > 0 ? "replay" : roll < 12 ? "twice" : "fresh";
  const base = start === "replay" ? prng.pick(corpus.history) : prng.pick(corpus.fresh);
  const context: MutationContext = { prng, base, sameEndpoint: [...corpus.fresh, ...corpus.history], structs: corpus.structs };
  const steps = start !== "fresh" && prng.chance(0.5) ? 0 : prng.chance(0.7) ? 1 : prng.chance(0.7) ? 2 : 3;
  let bytes = base.body;
  const chain: string[] = [];
  for (let i = 0; i < steps; i++) {
    let mutation;
    for (let attempt = 0; attempt < 8 && mutation === undefined; attempt++) {
      const mutator = prng.weighted(i === 0 ? MUTATORS : BYTE_LEVEL);
      const m = mutator.apply(bytes, context);
      if (m !== undefined) mutation = { name: mutator.name, ...m };
    }
    if (mutation === undefined) break;
    bytes = mutation.bytes;
    chain.push(`${mutation.name}: ${mutation.detail}`);
  }
  return { base, start, chain, bytes };
}
