// P33 and P34 in property runs (fixed seeds, small worlds): with honest clients sending MIMI content of
// every kind, both hold, on a floor of franked messages; each planted defect is found by its invariant
// alone and shrunk to ≤ 6 steps.
import { describe, expect, it } from "vitest";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { counterexampleLength, onlyInvariant, report, setupFor } from "../properties/helpers.js";

const franking = (hubFaults: HubFaults = {}) =>
  setupFor("same-commit/must-include", {
    hubFaults,
    adversaries: new Set(),
    skipRefusedOperations: true,
    compareWithModel: false,
    invariants: [...onlyInvariant("P33"), ...onlyInvariant("P34")],
    users: 3,
  });

describe("franking in property runs (P33, P34)", () => {
  it("holds with honest senders, on a floor of franked messages", async () => {
    const result = await checkRoomProperty({ setup: franking(), seed: 7, runs: 30, maxCommands: 20 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.coverage.invariantPremises.get("P33") ?? 0).toBeGreaterThanOrEqual(10);
    expect(result.coverage.invariantPremises.get("P34") ?? 0).toBeGreaterThanOrEqual(10);
  });

  it("planted frankOverWrongTime: P33 finds receivers refusing the hub's frank, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: { ...franking({ frankOverWrongTime: true }), invariants: onlyInvariant("P33") }, seed: 7, runs: 30, maxCommands: 10 });
    expect(result.failure).toBeDefined();
    const rep = report(result);
    expect(result.failure!.trace.failure!.check, rep).toBe("P33 franking round-trips");
    expect(result.failure!.trace.failure!.message, rep).toMatch(/refused u\d\/d\d's message \(F61: the frank's integrity signature does not verify\)|the hub refuses a report/);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  });

  it("planted skipServerFrankCheck: P34 finds the hub accepting a report of altered content, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: { ...franking({ skipServerFrankCheck: true }), invariants: onlyInvariant("P34") }, seed: 7, runs: 30, maxCommands: 10 });
    expect(result.failure).toBeDefined();
    const rep = report(result);
    expect(result.failure!.trace.failure!.check, rep).toBe("P34 a report about a message never sent, or altered, is refused");
    expect(result.failure!.trace.failure!.message, rep).toMatch(/^the hub accepts a report of u\d\/d\d's frank with its content altered$/);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  });
});
