// The variant matrix (properties/explore/matrix.ts): the model explored under every combination of its
// readings, judged on every model invariant and on liveness. Expected cells are written from the rules
// (see test/model/liveness.test.ts for the reasoning of each stuck room), not read off a run.
import { describe, expect, it } from "vitest";
import { MODEL_INVARIANTS, type ModelEvent } from "../../model/index.js";
import { combinationName, formatMatrix, invariantsHoldEverywhere, MATRIX_PROPERTIES, MATRIX_VARIANTS, runMatrix, type Matrix } from "../../properties/explore/index.js";

const create: ModelEvent = { type: "createRoom", creator: "u0", creatorClient: "u0/d0" };
const lastMemberLeaves: ModelEvent[] = [
  create,
  { type: "addParticipant", actor: "u0/d0", target: "u1", role: 3, clients: [] },
  { type: "leave", actor: "u0/d0" },
];
const creatorAloneLeaves: ModelEvent[] = [create, { type: "leave", actor: "u0/d0" }];

const COMBINATIONS = [
  "same-commit/must-include/stuck",
  "same-commit/must-include/hub-closes",
  "same-commit/must-include/destroy",
  "same-commit/may-omit/stuck",
  "same-commit/may-omit/hub-closes",
  "same-commit/may-omit/destroy",
  "clients-first/must-include/stuck",
  "clients-first/must-include/hub-closes",
  "clients-first/must-include/destroy",
  "clients-first/may-omit/stuck",
  "clients-first/may-omit/hub-closes",
  "clients-first/may-omit/destroy",
];

/** The liveness counterexample of one cell, or undefined when it holds. */
const liveness = (matrix: Matrix, roleSet: string, combination: string) =>
  matrix.rows.find((r) => r.roleSet === roleSet && combinationName(r.variants) === combination)!.counterexamples.liveness;

// Depth 4 reaches the cooperative stuck room (3 events) and expands it; depth 3 does the same for the
// super_admin creator's (2 events).
const cooperative = runMatrix({ roleSets: ["cooperative"], depth: 4 });
const superAdmin = runMatrix({ roleSets: ["cooperative-super-admin"], depth: 3 });

describe("the variant matrix", () => {
  it("has a row per combination of leave order × pending proposals × room end, and a column per invariant and liveness", () => {
    expect(MATRIX_VARIANTS.map(combinationName)).toEqual(COMBINATIONS);
    expect(cooperative.rows.map((r) => combinationName(r.variants))).toEqual(COMBINATIONS);
    expect(MATRIX_PROPERTIES).toEqual([...Object.keys(MODEL_INVARIANTS), "liveness"]);
    expect(cooperative.rows.every((r) => r.states > 1 && r.leavePending > 0)).toBe(true);
  });

  it("liveness fails where nobody can commit the last member's leave: roomEnd stuck under must-include, and destroy, since no user can hold canDestroyRoom", () => {
    for (const combination of COMBINATIONS) {
      const stuck = combination.includes("must-include") && !combination.endsWith("hub-closes");
      expect(liveness(cooperative, "cooperative", combination), combination).toEqual(stuck ? lastMemberLeaves : undefined);
    }
  });

  it("with a super_admin creator the creator alone leaving is stuck whatever the pending policy, unless the hub closes or the creator destroys the room", () => {
    for (const combination of COMBINATIONS)
      expect(liveness(superAdmin, "cooperative-super-admin", combination), combination).toEqual(combination.endsWith("/stuck") ? creatorAloneLeaves : undefined);
  });

  it("every model invariant holds in every combination", () => {
    expect(invariantsHoldEverywhere(cooperative)).toBe(true);
    expect(invariantsHoldEverywhere(superAdmin)).toBe(true);
  });

  it("prints the table with each counterexample in words", () => {
    const lines = formatMatrix(cooperative);
    expect(lines.find((l) => l.startsWith("role set"))).toMatch(/I1 +I2 .* I15 +L +undecided$/);
    expect(lines.find((l) => l.includes("same-commit/must-include/stuck"))).toMatch(/^cooperative +same-commit\/must-include\/stuck +\d+ +(✓ +){15}✗A +\d+$/);
    expect(lines.find((l) => l.includes("same-commit/must-include/hub-closes"))).toMatch(/(✓ +){15}\d+$/);
    expect(lines).toContain("  A: 1. u0 creates the room with u0/d0; 2. u0/d0 adds u1 as role 3 (no clients); 3. u0/d0 leaves");
  });

  it("a liveness cell with no leave ever pending says it judged nothing, rather than holds", () => {
    // At depth 2 the room exists and has one member, whose leave the creator role's minimum refuses.
    const shallow = runMatrix({ roleSets: ["cooperative"], depth: 2 });
    expect(shallow.rows.every((r) => r.leavePending === 0)).toBe(true);
    expect(formatMatrix(shallow).find((l) => l.includes("same-commit/must-include/stuck"))).toMatch(/(✓ +){15}∅ +0$/);
  });

  it("planted defect: bans and removals keeping the target's clients, with the after-commit check off, show in the invariant columns of every combination", () => {
    const broken = runMatrix({ roleSets: ["cooperative"], depth: 3, faults: { skipRemoveAllClients: true, skipPostCommitCheck: true } });
    expect(invariantsHoldEverywhere(broken)).toBe(false);
    for (const row of broken.rows) {
      expect(row.counterexamples.bannedUsersHaveNoClients, combinationName(row.variants)).toBeDefined();
      expect(row.counterexamples.membershipWithinParticipation, combinationName(row.variants)).toBeDefined();
    }
    expect(formatMatrix(broken).some((l) => /^ {2}[A-Z]: .*bans u1/.test(l))).toBe(true);
  });
});
