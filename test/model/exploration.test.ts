import { describe, expect, it } from "vitest";
import { ALL_VARIANTS, guardOutcomeKey } from "../../model/index.js";
import { cooperativeConfig, moderatedConfig, multiOrgConfig, preauthConfig, restrictedConfig, strictConfig } from "../../model/fixtures/index.js";
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

  it.each([["strict (A.2)", strictConfig], ["moderated (A.3)", moderatedConfig], ["multi-org (A.4)", multiOrgConfig]] as const)(
    "finds no invariant violation in the %s room (every variant, depth 3)",
    (_name, configOf) => {
      for (const variants of ALL_VARIANTS) {
        const report = exploreModel({ config: configOf(variants), depth: 3 });
        expect(report.violations, formatExploreReport(report)).toEqual([]);
        expect(report.states).toBeGreaterThan(90);
      }
    },
  );

  it("exercises every rule × outcome pair that can occur in a correct hub (depth 4); R13 refuses only behind a broken guard", () => {
    // R13 (the after-commit check) is the last line of defence: every refusal it can give is preempted by
    // a per-action check. Its one fault-free refusal was re-adding a leaving user in the commit that delists
    // it (a user touched twice); since D1 that add is malformed (R3 targetAlreadyListed: the user is still
    // in the committed list), and the other touched-twice cases (remove, ban, unban, change role of a
    // leaver) are refused by R12 first. Exploring every variant of both role sets to depth 6 finds no
    // R13 refusal of a commit. The room lists the hub's policy enforcer (R18), whose proposals are no commit:
    // one naming a user that an enforcement already pending touches is R13's (touched twice), the one R13
    // refusal a correct hub gives. Without the enforcer R13:refused stays unexercised, and below, with a
    // fault, it refuses commits.
    // R20 accepts nothing in A.1's room: no A.1 role holds canChangeOwnRole, and canChangePreauthorizedUserList
    // only super_admin, which nobody here can become (the creator is a group_admin, whose changes stop at
    // role 3), nor has the room a preauth list. The preauth set, below, accepts and refuses under R20.
    // The room-state changes (R22) nearly double the states; they are explored below, to depth 3.
    const unreachable = (k: string) => k.startsWith("R21:") || k.startsWith("R22:") || k === "R20:accepted";
    for (const variants of [ALL_VARIANTS[0]!, ALL_VARIANTS[3]!]) {
      const report = exploreModel({ config: { ...cooperativeConfig(variants), hubListsEnforcer: true }, depth: 4, enforcements: true });
      // R21 (base room policy) applies only in a room that has one: test/model/basePolicy.test.ts explores it.
      expect(report.neverHit.map(guardOutcomeKey).filter((k) => !unreachable(k))).toEqual([]);
      expect(report.guardOutcomes["R13:refused"]).toBeGreaterThan(0);
      const alone = exploreModel({ config: cooperativeConfig(variants), depth: 4 });
      expect(alone.guardOutcomes["R13:refused"] ?? 0).toBe(0);
    }
    // With removals and bans that leave the target's clients behind, R13 catches the commit.
    const broken = exploreModel({ config: { ...cooperativeConfig(ALL_VARIANTS[0]!, { skipRemoveAllClients: true }), hubListsEnforcer: true }, depth: 4, enforcements: true });
    expect(broken.neverHit.map(guardOutcomeKey).filter((k) => !unreachable(k))).toEqual([]);
    expect(broken.guardOutcomes["R13:refused"]).toBeGreaterThan(0);
    // A.1's ordinary_user renames the room, a description needs group_admin's canChangeRoomDescription, …
    const changes = exploreModel({ config: { ...cooperativeConfig(ALL_VARIANTS[0]!), hubListsEnforcer: true }, depth: 3, enforcements: true, roomChanges: true });
    expect(changes.guardOutcomes["R22:accepted"]).toBeGreaterThan(0);
    expect(changes.guardOutcomes["R22:refused"]).toBeGreaterThan(0);
    // The preauth set (room-policy §4): its member and guest change their own role, its admin the list.
    const preauth = exploreModel({ config: preauthConfig(ALL_VARIANTS[0]!), depth: 3 });
    expect(preauth.guardOutcomes["R20:accepted"]).toBeGreaterThan(0);
    expect(preauth.guardOutcomes["R20:refused"]).toBeGreaterThan(0);
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
