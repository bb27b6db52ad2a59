// The compound command "members leave, then one commits with an operation of its own" reaches commits
// that carry several participant-list updates and several proposers' pending proposals, which single
// commands rarely line up by chance.
import { describe, expect, it } from "vitest";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import type { Command } from "../../properties/commands/command.js";
import { expandCommand } from "../../properties/commands/expand-command.js";
import { measureGenerationDepth } from "../../properties/commands/generation-depth.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { setupFor } from "./helpers.js";

const addWithClients = (target: number): Command => ({ op: "addParticipant", actor: 0, target, scope: "fitting", role: 1, clients: "all" });

describe("leaves then a commit", () => {
  it("expands into the leaves, by members still staying, then the committer's own operation", () => {
    expect(expandCommand({ op: "leavesThenCommit", leavers: [1, 4], committer: 2, own: { op: "changeRole", target: 3, role: 1 } })).toEqual([
      { op: "leave", actor: 1, actorScope: "staying" },
      { op: "leave", actor: 4, actorScope: "staying" },
      { op: "changeRole", actor: 2, target: 3, role: 1, scope: "fitting", actorScope: "staying" },
    ]);
    expect(expandCommand({ op: "leave", actor: 3 })).toEqual([{ op: "leave", actor: 3 }]);
  });

  for (const variant of ["same-commit/must-include", "clients-first/must-include"]) {
    it(`runs part by part: two users leave and a third commits both leaves (${variant})`, async () => {
      const trace = await runTrace(setupFor(variant), [
        addWithClients(0),
        addWithClients(0),
        { op: "leavesThenCommit", leavers: [1, 1], committer: 0, own: { op: "commit" } },
      ]);
      expect(trace.failure).toBeUndefined();
      // Members after the adds: u0/d0, u1/d0, u1/d1, u2/d0, u2/d1. Leaver index 1 is u1/d0; once u1 is
      // leaving, the staying members are u0/d0, u2/d0, u2/d1 and index 1 is u2/d0; committer 0 is u0/d0.
      expect(trace.steps.map((s) => `${s.text} → ${s.implCode}`)).toEqual([
        "u0 creates the room with u0/d0 → accepted",
        "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1 → accepted",
        "u0/d0 (group_admin) adds u2 as role 2 with u2/d0,u2/d1 → accepted",
        "u1/d0 (ordinary_user) leaves → accepted",
        "u2/d0 (ordinary_user) leaves → accepted",
        "u0/d0 (group_admin) commits → accepted",
      ]);
    });
  }

  it("at the default budget, more runs reach commits with ≥ 2 list updates, and some reach ≥ 2 proposers", () => {
    // Model only (no MLS): 150 runs × ≤ 25 commands, as `npm start` generates them.
    const config = cooperativeConfig({ leaveOrder: "same-commit", pendingProposals: "must-include" });
    const budget = { config, seed: 1, runs: 150, maxCommands: 25 };
    const without = measureGenerationDepth({ ...budget, compound: false });
    const withCompound = measureGenerationDepth(budget);
    expect(withCompound.runsWithMultiUpdateCommit).toBeGreaterThan(without.runsWithMultiUpdateCommit);
    expect(withCompound.runsWithMultiProposerCommit).toBeGreaterThanOrEqual(1);
  });
});
