// The fuzzer's random choices come from one small PRNG, so that a run is reproducible from its seed.
// Each input gets its own generator, seeded from (run seed, endpoint, input index): input i of an
// endpoint makes the same choices whatever ran before it, so a single input can be replayed alone.
//
// Generator: mulberry32 (a 32-bit state, one multiply-xorshift step per output); plenty for choosing
// mutations, not for anything cryptographic.

/** A seeded source of choices; every method advances the state. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next 32-bit unsigned output. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n); n ≥ 1. */
  int(n: number): number {
    if (n < 1) throw new Error(`Prng.int(${n})`);
    return this.next() % n;
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Prng.pick from nothing");
    return items[this.int(items.length)]!;
  }

  /** One of `options`, with probability proportional to its weight. */
  weighted<T>(options: readonly { weight: number; value: T }[]): T {
    const total = options.reduce((n, o) => n + o.weight, 0);
    let x = this.int(total);
    for (const o of options) {
      if (x < o.weight) return o.value;
      x -= o.weight;
    }
    return options[options.length - 1]!.value;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

/** FNV-1a of a string, to mix an endpoint's name into a seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The seed of input `index` of `endpoint` in a run seeded `runSeed`. */
export function inputSeed(runSeed: number, endpoint: string, index: number): number {
  const mixer = new Prng((runSeed ^ fnv1a(endpoint)) >>> 0);
  mixer.next();
  return (mixer.next() ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}
