// An honest deployment on unreliable links holds: the model comparison and every invariant, with the
// network's five fault classes among the commands, at a fixed seed. Two generations: the main job's own
// (`--adversary network`), and one narrowed to what reaches a follower's clients, where every class must
// take effect a floor number of times and every outage must end in convergence within the bound.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { RunCoverage } from "../../properties/coverage/run-coverage.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { add, command } from "./helpers.js";

const setup: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["network"]) };

describe("an honest deployment on unreliable links", () => {
  it("holds in the main job's generation with --adversary network (seed 1)", async () => {
    const result = await checkRoomProperty({ setup, seed: 1, runs: 12, maxCommands: 20 });
    expect(result.error).toBeUndefined();
    expect(result.failure?.trace.failure).toBeUndefined();
    expect(result.coverage.accepted).toBeGreaterThanOrEqual(20);
    expect([...result.coverage.networkFaults.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it("holds where the faults reach followers' clients: every class takes effect, every outage converges (seed 1)", async () => {
    const coverage = new RunCoverage();
    const details = await fc.check(
      fc.asyncProperty(add, fc.array(command, { minLength: 1, maxLength: 9 }), async (first, rest) => {
        const result = await runTrace(setup, [first, ...rest]);
        coverage.merge(result.coverage);
        if (result.failure !== undefined) throw new Error(`${result.failure.check} at step ${result.failure.step}: ${result.failure.message}\n${result.steps.map((s) => `${s.index}. ${s.text}`).join("\n")}`);
      }),
      { seed: 1, numRuns: 20 },
    );
    expect(details.failed, String(details.errorInstance)).toBe(false);
    // Floors: each class took effect, outages ended with their followers' members caught up at once.
    for (const id of ["N01", "N02", "N03", "N04", "N05"]) expect(coverage.networkFaults.get(id) ?? 0, id).toBeGreaterThanOrEqual(2);
    expect(coverage.convergence.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...coverage.convergence)).toBe(0);
    // Each network invariant had something to judge on some steps, and not on every step.
    const executed = coverage.accepted + coverage.refused;
    for (const id of ["P25", "P26", "P27", "P28"]) {
      expect(coverage.invariantPremises.get(id) ?? 0, id).toBeGreaterThanOrEqual(2);
      expect(coverage.invariantPremises.get(id) ?? 0, id).toBeLessThan(executed);
    }
  }, 60_000);
});
