// draft-ietf-mimi-content §6 and §9.1 as properties: valid content round-trips through the codec, and
// mutated encodings of the draft's examples are either refused with a ContentError — never anything
// else — or decoded into content that re-encodes to exactly those bytes (deterministic CBOR has one
// encoding per value). Fixed seeds; floors on the cases that decoded after a mutation and on refusals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContentError, decodeMimiContent, encodeMimiContent, withContentFault } from "../../impl/content/index.js";
import { mimiContent } from "./content-arbitrary.js";
import { readCbor, vectorNames } from "./edn-expectations.js";

const EXAMPLES = vectorNames().filter((n) => n !== "implied-original").map(readCbor);
const SPECIAL = [0x00, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1f, 0x38, 0x40, 0x58, 0x5f, 0x60, 0x78, 0x7f, 0x80, 0x98, 0x9f, 0xa0, 0xbf, 0xc2, 0xd8, 0xf4, 0xf6, 0xf7, 0xf9, 0xfa, 0xfb, 0xff];

type Mutation =
  | { kind: "set"; at: number; value: number }
  | { kind: "insert"; at: number; value: number }
  | { kind: "delete"; at: number }
  | { kind: "truncate"; at: number }
  | { kind: "repeat"; at: number; length: number }
  | { kind: "widen"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...SPECIAL), fc.nat({ max: 255 })) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...SPECIAL), fc.nat({ max: 255 })) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  // An encoder's typical slip: the first head at or after `at` with a short argument, in the 1-byte form.
  fc.record({ kind: fc.constant("widen" as const), at: fc.nat() }),
);

function mutate(source: Uint8Array, m: Mutation): Uint8Array {
  const b = [...source];
  const at = m.at % b.length;
  switch (m.kind) {
    case "set": b[at] = m.value; break;
    case "insert": b.splice(at, 0, m.value); break;
    case "delete": b.splice(at, 1); break;
    case "truncate": b.length = at; break;
    case "repeat": b.splice(at, 0, ...b.slice(at, at + m.length)); break;
    case "widen": {
      // Heads are found by position only: the byte may be inside a string, which is a mutation too.
      const i = b.findIndex((x, j) => j >= at && x >> 5 <= 5 && (x & 0x1f) < 24);
      if (i >= 0) b.splice(i, 1, (b[i] & 0xe0) | 24, b[i] & 0x1f);
      break;
    }
  }
  return new Uint8Array(b);
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const mutated = fc.tuple(fc.nat({ max: EXAMPLES.length - 1 }), mutation).map(([i, m]) => ({ source: EXAMPLES[i], bytes: mutate(EXAMPLES[i], m) }));

/** The property, counting what happened. */
function mutationProperty(counts: { changedAccepted: number; refused: number }) {
  return fc.property(mutated, ({ source, bytes }) => {
    try {
      const content = decodeMimiContent(bytes);
      if (!same(bytes, source)) counts.changedAccepted++;
      return same(encodeMimiContent(content), bytes);
    } catch (e) {
      if (!(e instanceof ContentError)) throw e;
      counts.refused++;
      return true;
    }
  });
}

describe("content codec properties (§6, §9.1)", () => {
  it("generated valid content (every part kind, 4 levels, extensions of every kind) encodes, decodes to itself and re-encodes identically", () => {
    let multiparts = 0;
    fc.assert(
      fc.property(mimiContent(), (content) => {
        const bytes = encodeMimiContent(content);
        const decoded = decodeMimiContent(bytes);
        if (content.body.kind === "multi") multiparts++;
        expect(decoded.body).toEqual(content.body);
        expect(decoded.salt).toEqual(content.salt);
        expect(same(encodeMimiContent(decoded), bytes)).toBe(true);
      }),
      { seed: 8949, numRuns: 150 },
    );
    expect(multiparts).toBeGreaterThanOrEqual(25);
  });

  it("a mutated example is refused with a ContentError, or decodes to content that re-encodes to the mutated bytes", () => {
    const counts = { changedAccepted: 0, refused: 0 };
    fc.assert(mutationProperty(counts), { seed: 8949, numRuns: 1500 });
    expect(counts.changedAccepted).toBeGreaterThanOrEqual(120); // 153 at this seed
    expect(counts.refused).toBeGreaterThanOrEqual(1000); // 1347 at this seed
  });

  it("planted lenientCborDecoding + skipReencodeCheck: the property fails and shrinks to one mutation of one example", () => {
    withContentFault("lenientCborDecoding", () =>
      withContentFault("skipReencodeCheck", () => {
        const result = fc.check(mutationProperty({ changedAccepted: 0, refused: 0 }), { seed: 8949, numRuns: 1500 });
        expect(result.failed).toBe(true);
        const [{ source, bytes }] = result.counterexample!;
        // At this seed: the container's head 0x87 of the attachment example written 0x98 0x07, after 3 shrinks.
        expect(Math.abs(bytes.length - source.length)).toBeLessThanOrEqual(8);
      }),
    );
  });

  it("planted lenientCborDecoding alone: the re-encode check keeps the property", () => {
    withContentFault("lenientCborDecoding", () => {
      const counts = { changedAccepted: 0, refused: 0 };
      fc.assert(mutationProperty(counts), { seed: 8949, numRuns: 1500 });
      expect(counts.refused).toBeGreaterThanOrEqual(600);
    });
  });
});
