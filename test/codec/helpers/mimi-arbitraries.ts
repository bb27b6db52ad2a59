// fast-check arbitraries for MIMI protocol values that hold no MLS objects.

import fc from "fast-check";
import type { Frank } from "../../../impl/codec/frank.js";

export const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

export const frankArb: fc.Arbitrary<Frank> = fc.record({
  serverFrank: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  frankingSignatureCiphersuite: fc.integer({ min: 0, max: 0xffff }),
  frankingIntegritySignature: fc.uint8Array({ maxLength: 80 }),
});
