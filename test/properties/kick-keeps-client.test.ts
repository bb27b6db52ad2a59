// A kick of a subset of a user's clients (attack class A27) is refused by the hub and every client
// (docs/rules.md D12, R6: a kick removes every client of its target). With that check off in both
// (planted defect skipClientsAfterCommitCheck), the harness finds the attack and shrinks it; with it on,
// the same commands pass.
import { describe, expect, it } from "vitest";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, report } from "./helpers.js";

const aimed = (defenceOff: boolean): RunSetup => ({
  ...DEFAULT_SETUP,
  adversaries: new Set(["client"]),
  attackClasses: ["A27"],
  // Only operations the model accepts are sent, so that a failure can only come from the attack.
  skipRefusedOperations: true,
  hubFaults: defenceOff ? { skipClientsAfterCommitCheck: true } : {},
  clientFaults: defenceOff ? { skipClientsAfterCommitCheck: true } : {},
});

describe("A27 kick keeps a client", () => {
  it("with skipClientsAfterCommitCheck on the hub and every client, the harness finds it and shrinks it to at most 6 steps", async () => {
    const result = await checkRoomProperty({ setup: aimed(true), seed: 1, runs: 200, maxCommands: 12 });
    expect(result.error).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
    expect(ran.at(-1)!.text, report(result)).toContain("[A27 ");
    // Hub and clients alike took it in: the model's refusal is the only judge left.
    expect(result.failure!.trace.failure!.check).toBe("client accepted what the model refuses");
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
    const defended = await runTrace(aimed(false), result.failure!.commands);
    expect(defended.failure, report(result)).toBeUndefined();
  });
});
