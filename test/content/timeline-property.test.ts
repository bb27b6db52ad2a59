// The receivers' content rules wired into the clients, in property runs (fixed seeds, small worlds): runs
// aimed at A29 (an edit of another user's message) and A30 (a message ID sent twice) hold P38 and P37 with
// the clients' timelines on, on a floor of attacks the hub accepted (it cannot see the content); with each
// planted client defect the invariant finds a receiver holding the message, shrunk to ≤ 6 steps.
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { counterexampleLength, onlyInvariant, report, setupFor } from "../properties/helpers.js";

const aimed = (attack: "A29" | "A30", invariant: "P37" | "P38", clientFaults: ClientFaults = {}) =>
  setupFor("same-commit/must-include", {
    adversaries: new Set(["client"]),
    attackClasses: [attack],
    skipRefusedOperations: true,
    compareWithModel: false,
    invariants: onlyInvariant(invariant),
    clientFaults,
    users: 3,
  });

describe("A29, an edit of another user's message: P38", () => {
  it("holds with the receivers' timelines on, on a floor of accepted A29 messages", async () => {
    // A29 is one command kind among many, and often unbuildable (no other member's text yet): the generator's
    // mix decides how many a seed gets. Seed 6, 40 runs: 11 accepted (measured).
    const result = await checkRoomProperty({ setup: aimed("A29", "P38"), seed: 6, runs: 40, maxCommands: 24 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.coverage.attacks.get("A29 accepted") ?? 0).toBeGreaterThanOrEqual(5);
    expect(result.coverage.invariantPremises.get("P38") ?? 0).toBeGreaterThanOrEqual(10);
  });

  it("planted acceptEditFromAnyone: P38 finds a receiver holding the edit, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: aimed("A29", "P38", { acceptEditFromAnyone: true }), seed: 1, runs: 20, maxCommands: 24 });
    expect(result.failure).toBeDefined();
    const rep = report(result);
    expect(result.failure!.trace.failure!.check, rep).toBe("P38 edits and deletes only from the original sender, or as the room's policy grants");
    expect(result.failure!.trace.failure!.message, rep).toMatch(/^u\d\/d\d holds u\d's edit of u\d's message$/);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  });
});

describe("A30, a message ID sent twice: P37", () => {
  it("holds with the receivers' timelines on, on a floor of accepted A30 messages", async () => {
    const result = await checkRoomProperty({ setup: aimed("A30", "P37"), seed: 1, runs: 20, maxCommands: 24 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.coverage.attacks.get("A30 accepted") ?? 0).toBeGreaterThanOrEqual(5);
    expect(result.coverage.invariantPremises.get("P37") ?? 0).toBeGreaterThanOrEqual(10);
  });

  it("planted keepDuplicateIds: P37 finds a receiver holding the ID twice, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: aimed("A30", "P37", { keepDuplicateIds: true }), seed: 1, runs: 20, maxCommands: 24 });
    expect(result.failure).toBeDefined();
    const rep = report(result);
    expect(result.failure!.trace.failure!.check, rep).toBe("P37 no message ID held twice");
    expect(result.failure!.trace.failure!.message, rep).toMatch(/^u\d\/d\d holds two messages with ID [0-9a-f]{16}… \(from u\d\)$/);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  });
});
