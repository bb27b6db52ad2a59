// P10 (a Welcome only after its commit, only to its KeyPackages' providers), P23 (GroupInfo only to
// entitled requesters) and P24 (the served GroupInfo matches the hub's GroupContext) catch their planted
// defects through the harness, each judged alone, found and shrunk to a short trace; and hold on the same
// runs without the defect. Fixed seed; the runs are checked to have exercised what each judges.
import { describe, expect, it } from "vitest";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { counterexampleLength, onlyInvariant, report, run, setupFor } from "./helpers.js";

const CASES: { id: string; name: string; fault: keyof HubFaults; message: RegExp }[] = [
  { id: "P10", name: "a Welcome only after its commit, only to its KeyPackages' providers", fault: "broadcastWelcome", message: /^the hub sent [abc]\.example a Welcome for KeyPackages of [bc]\.example$/ },
  { id: "P10", name: "a Welcome only after its commit, only to its KeyPackages' providers", fault: "welcomeBeforeCommit", message: /^the hub sent [bc]\.example a Welcome before fanning out its commit$/ },
  { id: "P23", name: "GroupInfo only to entitled requesters", fault: "skipGroupInfoCheck", message: /^the hub served the GroupInfo to mimi:\/\/\S+, whose (user was not listed|role \w+ lacks canAddOwnClient)$|while u\d was blocked$/ },
  { id: "P23", name: "GroupInfo only to entitled requesters", fault: "skipExternalJoinCheck", message: /^the hub served the GroupInfo to / },
  { id: "P24", name: "the served GroupInfo matches the hub's GroupContext", fault: "serveStaleGroupInfo", message: /^the hub serves the GroupInfo of epoch \d+, its group is in epoch \d+$/ },
];

describe("the Welcome and GroupInfo invariants catch their planted defects", () => {
  for (const c of CASES)
    it(`${c.id} catches ${c.fault}, shrunk to at most 6 steps`, async () => {
      const setup = setupFor("same-commit/must-include", { hubFaults: { [c.fault]: true }, compareWithModel: false, invariants: onlyInvariant(c.id) });
      const result = await run(setup, 200);
      expect(result.failure, `${c.id} missed ${c.fault}`).toBeDefined();
      expect(result.failure!.trace.failure!.check, report(result)).toBe(`${c.id} ${c.name}`);
      expect(result.failure!.trace.failure!.message, report(result)).toMatch(c.message);
      expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
    });

  it("P10, P23 and P24 hold on the same runs without the defects, with Welcomes and GroupInfos served", async () => {
    const setup = setupFor("same-commit/must-include", { compareWithModel: false, invariants: ["P10", "P23", "P24"].flatMap((id) => onlyInvariant(id)!) });
    const result = await run(setup, 40);
    expect(result.failure, report(result)).toBeUndefined();
    // Not vacuous: steps on which a Welcome was sent (P10) and a GroupInfo asked for (P23).
    expect(result.coverage.invariantPremises.get("P10") ?? 0).toBeGreaterThanOrEqual(20);
    expect(result.coverage.invariantPremises.get("P23") ?? 0).toBeGreaterThanOrEqual(10);
  });
});
