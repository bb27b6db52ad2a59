// Content §5.11, every receiver orders the room's messages alike (P48), in property runs aimed at M15: a
// compromised hub hands one provider two messages in the reverse of the order the others get. With a hub
// that stamps coarsely (one timestamp per second, so the two share a stamp), only the lowest-message-ID
// tie-break keeps receivers together: it holds on a floor of reorderings, and the planted orderByArrival is
// found by P48 alone and shrunk to ≤ 6 steps. With the default stamps (one millisecond apart) the same
// defect changes nothing any run can see.
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { counterexampleLength, onlyInvariant, report, setupFor } from "../properties/helpers.js";

const aimed = (clientFaults: ClientFaults = {}, messageTimestampGranularityMs = 1000) =>
  setupFor("same-commit/must-include", {
    adversaries: new Set(["hub"]),
    attackClasses: ["M15"],
    skipRefusedOperations: true,
    compareWithModel: false,
    invariants: onlyInvariant("P48"),
    clientFaults,
    users: 3,
    messageTimestampGranularityMs,
  });

describe("M15, messages reordered for one provider: P48", () => {
  it("holds under coarse hub timestamps, on a floor of accepted reorderings", async () => {
    const result = await checkRoomProperty({ setup: aimed(), seed: 3, runs: 16, maxCommands: 16 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.coverage.attacks.get("M15 accepted") ?? 0).toBeGreaterThanOrEqual(5);
    expect(result.coverage.invariantPremises.get("P48") ?? 0).toBeGreaterThanOrEqual(5);
  });

  it("planted orderByArrival: P48 finds two receivers showing the messages in different orders, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: aimed({ orderByArrival: true }), seed: 3, runs: 16, maxCommands: 16 });
    expect(result.failure).toBeDefined();
    const rep = report(result);
    expect(result.failure!.trace.failure!.check, rep).toBe("P48 every receiver orders the room's messages alike");
    expect(result.failure!.trace.failure!.message, rep).toMatch(/^u\d\/d\d shows [0-9a-f]{12}… as message \d+ of the \d+ it shares with u\d\/d\d, which shows [0-9a-f]{12}… there$/);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  });

  it("with one millisecond per message, orderByArrival is invisible: timestamps alone order the messages", async () => {
    const result = await checkRoomProperty({ setup: aimed({ orderByArrival: true }, 1), seed: 3, runs: 8, maxCommands: 16 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.coverage.attacks.get("M15 accepted") ?? 0).toBeGreaterThanOrEqual(2);
  });
});
