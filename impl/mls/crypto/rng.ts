/** ts-mls `Rng` on node:crypto's CSPRNG. */
import { randomFillSync } from "node:crypto";
import type { Rng } from "ts-mls";

export const nodeRng: Rng = {
  randomBytes(n: number): Uint8Array {
    return randomFillSync(new Uint8Array(n));
  },
};
