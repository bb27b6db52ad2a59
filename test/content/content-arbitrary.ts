// fast-check arbitraries of valid MIMI content (draft-ietf-mimi-content §4): every part kind, nesting
// within the draft's limits, extension values of every CBOR kind the codec keeps.
import fc from "fast-check";
import type { MimiContent, NestedPart } from "../../impl/content/index.js";

const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const messageId = bytes(31, 31).map((b) => new Uint8Array([0x01, ...b]));
const common = { disposition: fc.integer({ min: 0, max: 255 }), language: fc.constantFrom("", "en", "fr", "en,fr") };

const single = fc.record({ kind: fc.constant("single" as const), ...common, contentType: fc.constantFrom("text/plain;charset=utf-8", "text/markdown;variant=GFM-MIMI", "image/png"), content: bytes(0, 40) });
const nullPart = fc.record({ kind: fc.constant("null" as const), ...common });
const external = fc.oneof(
  fc.record({ encAlg: fc.constant(1), key: bytes(16, 16), nonce: bytes(12, 12), aad: bytes(0, 8) }),
  fc.record({ encAlg: fc.constant(0), key: fc.constant(new Uint8Array()), nonce: fc.constant(new Uint8Array()), aad: fc.constant(new Uint8Array()) }),
).chain((aead) =>
  fc.record({
    kind: fc.constant("external" as const), ...common, contentType: fc.constantFrom("video/mp4", ""), url: fc.webUrl(),
    expires: fc.nat({ max: 0xffffffff }), size: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    encAlg: fc.constant(aead.encAlg), key: fc.constant(aead.key), nonce: fc.constant(aead.nonce), aad: fc.constant(aead.aad),
    hashAlg: fc.constant(1), contentHash: bytes(32, 32), description: fc.string({ maxLength: 12 }), filename: fc.string({ maxLength: 12 }),
  }),
);

/** A NestedPart of at most `depth` levels (the draft allows 4). */
export function nestedPart(depth: number): fc.Arbitrary<NestedPart> {
  const leaf: fc.Arbitrary<NestedPart> = fc.oneof(single, nullPart, external);
  if (depth <= 1) return leaf;
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("multi" as const), ...common,
        partSemantics: fc.constantFrom("chooseOne" as const, "singleUnit" as const, "processAll" as const),
        parts: fc.array(nestedPart(depth - 1), { minLength: 2, maxLength: 3 }),
      }),
    },
  );
}

const extensionValue = fc.oneof(
  fc.integer(), fc.string({ maxLength: 10 }), bytes(0, 6), fc.boolean(), fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
  fc.double({ noNaN: true }),
);

/** Valid content; `uris` fixes the sender and room (extensions 1 and 2). */
export function mimiContent(uris?: { senderUri: string; roomUri: string }): fc.Arbitrary<MimiContent> {
  const uriPair = uris === undefined
    ? fc.record({ senderUri: fc.constantFrom("mimi://a.example/u/alice", "mimi://b.example/u/bøb"), roomUri: fc.constant("mimi://a.example/r/room") })
    : fc.constant(uris);
  return fc.record({
    salt: bytes(16, 16),
    replaces: fc.option(messageId, { nil: null }),
    topicId: bytes(0, 8),
    expires: fc.option(fc.record({ relative: fc.boolean(), time: fc.nat({ max: 0xffffffff }) }), { nil: null }),
    inReplyTo: fc.option(messageId, { nil: null }),
    uris: uriPair,
    more: fc.array(fc.tuple(fc.oneof(fc.integer({ min: -1000, max: 1000 }).filter((k) => k !== 1 && k !== 2), fc.string({ minLength: 1, maxLength: 8 })), extensionValue), { maxLength: 3 }),
    body: nestedPart(4),
  }).map(({ uris: u, more, ...rest }) => ({
    ...rest,
    extensions: new Map<number | string, unknown>([[1, u.senderUri], [2, u.roomUri], ...more]),
  }));
}
