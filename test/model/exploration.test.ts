import { describe, expect, it } from "vitest";
import { ALL_VARIANTS, guardOutcomeKey } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import { exploreModel, formatExploreReport, reachableStateKeysByXStateGraph } from "../../properties/explore/index.js";

describe("model exploration (3 users × 2 clients, every event template in every state)", () => {
  it.each(ALL_VARIANTS.map((v) => [`${v.leaveOrder}/${v.pendingProposals}`, v] as const))(
    "finds no invariant violation in the cooperative room (%s)",
    (_name, variants) => {
      const report = exploreModel({ config: cooperativeConfig(variants), depth: 4 });
      expect(report.violations, formatExploreReport(report)).toEqual([]);
      expect(report.states).toBeGreaterThan(300);
      expect(report.transitions).toBeGreaterThan(report.states);
      expect(report.truncated).toBe(false);
    },
  );

  it("finds no invariant violation in the restricted room (every variant)", () => {
    for (const variants of ALL_VARIANTS) {
      const report = exploreModel({ config: restrictedConfig(variants), depth: 4 });
      expect(report.violations, formatExploreReport(report)).toEqual([]);
      expect(report.states).toBeGreaterThan(50);
    }
  });

  it("exercises every rule × outcome pair that can occur (same-commit at depth 4, clients-first at depth 5)", () => {
    // clients-first needs one more step to refuse with R13: leave, commit the clients' removal, re-add.
    for (const [variants, depth] of [[ALL_VARIANTS[0]!, 4], [ALL_VARIANTS[3]!, 5]] as const) {
      const report = exploreModel({ config: cooperativeConfig(variants), depth });
      expect(report.neverHit.map(guardOutcomeKey)).toEqual([]);
    }
  });

  it("reaches exactly the states @xstate/graph's getAdjacencyMap reaches (depth 3)", () => {
    const config = cooperativeConfig(ALL_VARIANTS[2]!);
    const ours = exploreModel({ config, depth: 3, keepStateKeys: true });
    const library = reachableStateKeysByXStateGraph(config, 3);
    expect([...library].sort()).toEqual([...ours.stateKeys!].sort());
  });

  it("prints a summary with states, transitions and the depth", () => {
    const text = formatExploreReport(exploreModel({ depth: 2 }));
    expect(text).toMatch(/depth 2/);
    expect(text).toMatch(/states \d+/);
    expect(text).toMatch(/invariants: all hold/);
  });
});
