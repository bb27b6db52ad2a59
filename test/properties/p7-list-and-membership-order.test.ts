// P7 (digest §7 A5–A6): with the hub's and the clients' check of the clients after a commit switched off,
// a compromised client's commit that delists or bans a user and keeps its leaves (A04–A06) goes through,
// and P7 alone finds it and shrinks it; with the check on, the same generation holds under P7 while
// judging commits that changed the list or the leaves.
import { describe, expect, it } from "vitest";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { report } from "./helpers.js";

function setup(faulty: boolean): RunSetup {
  const faults = faulty ? { skipClientsAfterCommitCheck: true } : {};
  return {
    ...DEFAULT_SETUP,
    adversaries: new Set(["client"]),
    hubFaults: faults,
    clientFaults: faults,
    compareWithModel: false,
    invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id === "P7"),
  };
}

describe("P7: participant-list and MLS changes in the right order", () => {
  it("finds a commit that keeps a removed or banned user's leaf when hub and clients skip the check, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: setup(true), seed: 1, runs: 200, maxCommands: 15 });
    expect(result.error).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const failure = result.failure!.trace.failure!;
    const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
    expect(failure.check).toBe("P7 participant-list and MLS changes in the right order");
    expect(failure.message).toMatch(/^A[56]: /);
    expect(ran.at(-1)!.text).toMatch(/\[A0[146] /);
    expect(ran.at(-1)!.text).toContain("compromised client");
    expect(ran.length).toBeLessThanOrEqual(6);
  });

  it("holds with the check on, having judged commits that changed the list or the leaves", async () => {
    const result = await checkRoomProperty({ setup: setup(false), seed: 1, runs: 100, maxCommands: 15 });
    expect(result.error).toBeUndefined();
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.coverage.invariantPremises.get("P7") ?? 0).toBeGreaterThanOrEqual(40);
  });
});
