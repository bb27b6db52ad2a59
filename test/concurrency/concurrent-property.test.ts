// The model-versus-implementation property with operations in flight together (--concurrency 2), at a
// fixed seed, and P18 against its planted defect: found by the invariant alone, shrunk to a short run
// whose report says which request overtook which.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commandArbitrary } from "../../properties/commands/command.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { formatTrace } from "../../properties/report/format-failure.js";
import { counterexampleLength, onlyInvariant, report, run, setupFor, SEED } from "../properties/helpers.js";

describe("concurrent operations (--concurrency 2)", () => {
  it.each(["same-commit/must-include", "clients-first/may-omit"])("model and implementation agree on every interleaving: %s", async (variant) => {
    const setup = setupFor(variant, { concurrency: 2, users: 3 });
    let batches = 0;
    let lost = 0;
    let retried = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary({ concurrency: 2 }), { minLength: 1, maxLength: 20, size: "max" }), async (commands) => {
        const trace = await runTrace(setup, commands);
        expect(trace.failure, formatTrace(trace).join("\n")).toBeUndefined();
        const races = trace.steps.filter((s) => s.race !== undefined);
        batches += races.filter((s) => /reached the hub 1st/.test(s.race!)).length;
        lost += races.filter((s) => /built in epoch|built before/.test(s.race!)).length;
        retried += trace.steps.filter((s) => s.text.startsWith("↻") && !s.skipped).length;
      }),
      { seed: SEED, numRuns: 20 },
    );
    // Floors on the non-trivial cases: batches delivered, requests that lost their race, losers that tried again.
    console.log(`${variant}: ${batches} batches delivered, ${lost} requests lost their race, ${retried} retries`);
    expect(batches).toBeGreaterThanOrEqual(20);
    expect(lost).toBeGreaterThanOrEqual(3);
    expect(retried).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("P18 alone finds the hub that lets a removed user's in-flight message through, shrunk to a short readable interleaving", async () => {
    // Two users: the smallest room where one removes the other (seed 13 finds it within 60 runs).
    const setup = setupFor("same-commit/must-include", { users: 2, concurrency: 2, hubFaults: { acceptStaleAfterRemoval: true }, compareWithModel: false, invariants: onlyInvariant("P18") });
    const result = await run(setup, 60, 20, 13);
    expect(result.failure, "P18 should have failed").toBeDefined();
    const text = report(result);
    expect(result.failure!.trace.failure!.check, text).toBe("P18 a removed user cannot win a race to stay");
    expect(counterexampleLength(result), text).toBeLessThanOrEqual(6);
    // The report names the request that lost its place in the hub's order and the one that overtook it.
    expect(text).toMatch(/⇄ \[.\] in flight from epoch \d+ with \[.\] .* (removes|bans) u\d/);
    expect(text).toMatch(/reached the hub 2nd of 2; built in epoch \d+, the hub is in \d+/);
    expect(text).toMatch(/--concurrency 2/);
    // The printed path and replayPath give the same run, interleaving included.
    const { path, replayPath, trace } = result.failure!;
    const replayed = await checkRoomProperty({ setup, seed: 13, runs: 60, maxCommands: 20, path, ...(replayPath !== undefined ? { replayPath } : {}) });
    expect(replayed.failure?.trace.steps.map((s) => [s.text, s.race])).toEqual(trace.steps.map((s) => [s.text, s.race]));
  }, 120_000);

  it("with the model the same defect is a verdict the model refuses (epochTooOld)", async () => {
    const setup = setupFor("same-commit/must-include", { users: 2, concurrency: 2, hubFaults: { acceptStaleAfterRemoval: true } });
    const result = await run(setup, 60, 20, 13);
    expect(result.failure).toBeDefined();
    const text = report(result);
    expect(text).toMatch(/model says epochTooOld \(R1/);
    expect(counterexampleLength(result), text).toBeLessThanOrEqual(6);
  }, 120_000);
});
