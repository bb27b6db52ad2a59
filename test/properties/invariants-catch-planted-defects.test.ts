// Each implementation invariant, checked alone and without the model, must catch a hub with one rule
// switched off: the invariant is not vacuous, and it guards the room even where no model is at hand.
// P9 and P12 have no such hub switch: the hub's own MLS view and MLS itself keep them (see below and
// implementation-invariants.test.ts for checks that they can fail at all).
import { describe, expect, it } from "vitest";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { counterexampleLength, onlyInvariant, report, run, withFault } from "./helpers.js";

const PLANTED: { invariant: string; fault: keyof HubFaults; variant: string }[] = [
  { invariant: "P1", fault: "skipExternalJoinCheck", variant: "same-commit/must-include" },
  { invariant: "P2", fault: "skipCommitPolicy", variant: "same-commit/must-include" },
  { invariant: "P3", fault: "skipBlockedCheck", variant: "clients-first/must-include" },
  { invariant: "P8", fault: "skipPendingInclusion", variant: "same-commit/must-include" },
  { invariant: "P8", fault: "skipCommitPolicy", variant: "same-commit/must-include" },
  { invariant: "P17", fault: "skipMessageSenderCheck", variant: "same-commit/must-include" },
];

describe("invariants alone catch a hub with one rule switched off", () => {
  for (const { invariant, fault, variant } of PLANTED) {
    it(`${invariant} catches ${fault} (${variant})`, async () => {
      const result = await run(withFault(variant, fault, { compareWithModel: false, invariants: onlyInvariant(invariant) }), 300);
      expect(result.failure, `${invariant} missed ${fault}`).toBeDefined();
      expect(result.failure!.trace.failure!.check.startsWith(`${invariant} `), report(result)).toBe(true);
      expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
    });
  }

  it("P9 holds even with the hub's epoch check off: its MLS view cannot verify a commit built for an old epoch", async () => {
    const result = await run(withFault("same-commit/must-include", "skipEpochCheck", { compareWithModel: false, invariants: onlyInvariant("P9") }), 60);
    expect(result.failure, report(result)).toBeUndefined();
    // ... and yet the hub's answer is wrong (notAllowed instead of wrongEpoch): the model comparison sees it.
    const compared = await run(withFault("same-commit/must-include", "skipEpochCheck"), 60);
    expect(compared.failure?.trace.failure?.message).toMatch(/hub answered notAllowed, model says wrongEpoch/);
  });
});
