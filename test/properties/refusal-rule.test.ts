// A refusal is compared by its code and by the rule that decided it. The planted defect: a hub that hands
// its GroupInfo to anyone (skipGroupInfoCheck) but still judges every external commit. A join the room
// policy refuses (R4) is then refused later, by the commit's checks, with the same code: only the rule
// tells that the layer meant to refuse it was skipped. With pending proposals the later check is R11.
// P23 (GroupInfo only to entitled requesters) watches the same defect off the wire and would stop the run
// first, so it is left out here: the question is what the comparison alone sees.
import { describe, expect, it } from "vitest";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { counterexampleLength, report, run, withFault } from "./helpers.js";

const WITHOUT_P23 = { invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id !== "P23") };

const VARIANT = "same-commit/must-include";
const RUNS = 150;

describe("the comparison sees the rule behind a refusal, not only its code", () => {
  it("skipGroupInfoCheck is caught as a rule mismatch, shrunk to at most 6 commands", async () => {
    const result = await run(withFault(VARIANT, "skipGroupInfoCheck", WITHOUT_P23), RUNS);
    expect(result.failure, "skipGroupInfoCheck was not caught").toBeDefined();
    const failure = result.failure!.trace.failure!;
    expect(failure.check, report(result)).toBe("rule");
    // The model refuses the join under R4 (docs/rules.md: a leaving or unlisted user cannot add a client);
    // the hub, asked only at the commit, under some other rule.
    expect(failure.message).toMatch(/model under R4 /);
    expect(failure.message).not.toMatch(/^hub refused under R4 /);
    const failing = result.failure!.trace.steps.find((s) => s.index === failure.step)!;
    expect(failing.event?.type).toBe("addOwnClient");
    // Same code on both sides: the code-only comparison had nothing to see here.
    expect(failing.modelVerdict?.accepted).toBe(false);
    expect(failing.implCode).toBe(failing.modelVerdict?.accepted === false ? failing.modelVerdict.code : undefined);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });

  it("compared by code alone, the same runs with skipGroupInfoCheck hold", async () => {
    const result = await run(withFault(VARIANT, "skipGroupInfoCheck", { ...WITHOUT_P23, compareRules: false }), RUNS);
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
  });
});
