import { describe, expect, it } from "vitest";
import { DEFAULT_VARIANTS } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { exploreModel, formatExploreReport } from "../../properties/explore/index.js";

/** A deliberately broken hub must be caught by exploration, with a short path; a defended one not. */
describe("exploration catches a disabled guard", () => {
  it("removal that keeps the target's clients, with the after-commit check off: a 3-step path", () => {
    const report = exploreModel({
      config: cooperativeConfig(DEFAULT_VARIANTS, { skipRemoveAllClients: true, skipPostCommitCheck: true }),
      depth: 3,
    });
    const violation = report.violations.find((v) => v.invariant === "membershipWithinParticipation");
    expect(violation, formatExploreReport(report)).toBeDefined();
    expect(violation!.path.map((e) => e.type)).toEqual(["createRoom", "addParticipant", "removeParticipant"]);
    expect(report.violations.map((v) => v.invariant)).toContain("participantMachinesAgree");
  });

  it("minimum constraints off, after-commit check off: the last admin leaves in 2 steps", () => {
    const report = exploreModel({
      config: cooperativeConfig(DEFAULT_VARIANTS, { skipMinConstraints: true, skipPostCommitCheck: true }),
      depth: 3,
    });
    const violation = report.violations.find((v) => v.invariant === "creatorRoleMinimumHolds");
    expect(violation, formatExploreReport(report)).toBeDefined();
    expect(violation!.path).toEqual([
      { type: "createRoom", creator: "u0", creatorClient: "u0/d0" },
      { type: "leave", actor: "u0/d0" },
    ]);
  });

  it("one disabled guard alone is caught by the hub's after-commit check (R13): no violation", () => {
    for (const faults of [{ skipRemoveAllClients: true }, { skipPostCommitCheck: true }]) {
      const report = exploreModel({ config: cooperativeConfig(DEFAULT_VARIANTS, faults), depth: 4 });
      expect(report.violations, formatExploreReport(report)).toEqual([]);
    }
  });
});
