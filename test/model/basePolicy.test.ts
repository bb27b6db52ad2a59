import { describe, expect, it } from "vitest";
import { checkModelInvariants, step, type ModelConfig, type ModelEvent } from "../../model/index.js";
import type { ModelBasePolicy } from "../../model/basePolicy.js";
import { publicConfig } from "../../model/fixtures/index.js";
import { exploreModel, formatExploreReport } from "../../properties/explore/index.js";
import { accepts, add, ADMIN, ban, BANNED, commit, create, given, joinOwnClient, refuses, room } from "./helpers.js";

// The base room policy (room-policy §5; docs/rules.md R21). Expected verdicts are the draft's:
// "multi_device … if false, at most one client per user"; max_clients counts MLS leaves; max_users counts
// the list's entries outside role 1; under fixed_membership the participants are set at creation and no
// role other than 0 and 1 holds canAddParticipant. The public set (model/fixtures/publicRoles.ts): 0 no_role
// (canOpenJoin), 2 member (at most 2), 3 admin (every membership capability, entry 0 → [1, 2, 3, 4]).
const MEMBER = 2;
const PERMISSIVE: ModelBasePolicy = { fixedMembership: false, multiDevice: true };
const withPolicy = (config: ModelConfig, basePolicy: ModelBasePolicy): ModelConfig => ({ ...config, basePolicy });
/** The same roles without canAddParticipant anywhere: what a fixed membership needs. */
const withoutAdders = (config: ModelConfig): ModelConfig => ({
  ...config,
  roles: config.roles.map((r) => ({ ...r, capabilities: new Set([...r.capabilities].filter((c) => c !== "canAddParticipant")) })),
});
const openJoin = (client: string): ModelEvent => ({ type: "openJoin", actor: client, user: client.split("/")[0]! });

describe("base room policy (R21)", () => {
  it("multi_device false: a user may bring one client, not two, by add or by its own external commit", () => {
    const start = given(withPolicy(publicConfig(), { ...PERMISSIVE, multiDevice: false }), [create("u0")]);
    refuses(start, add("u0/d0", "u1", MEMBER, ["u1/d0", "u1/d1"]), { code: "notAllowed", rule: "R21", reason: "multiDevice" });
    const one = accepts(start, add("u0/d0", "u1", MEMBER, ["u1/d0"]), "R3", room(1, { u0: [ADMIN, "u0/d0"], u1: [MEMBER, "u1/d0"] }));
    refuses(one, joinOwnClient("u1/d1"), { code: "notAllowed", rule: "R21", reason: "multiDevice" });
  });

  it("max_clients counts the group's clients; users without clients are not held back by it", () => {
    const start = given(withPolicy(publicConfig(), { ...PERMISSIVE, maxClients: 2 }), [create("u0"), add("u0/d0", "u1", MEMBER, ["u1/d0"])]);
    refuses(start, add("u0/d0", "u2", MEMBER, ["u2/d0"]), { code: "notAllowed", rule: "R21", reason: "maxClients" });
    refuses(start, joinOwnClient("u1/d1"), { code: "notAllowed", rule: "R21", reason: "maxClients" });
    accepts(start, add("u0/d0", "u2", MEMBER), "R3", room(2, { u0: [ADMIN, "u0/d0"], u1: [MEMBER, "u1/d0"], u2: [MEMBER] }));
  });

  it("max_users counts listed users outside role 1: a third is refused, a banned one is not counted", () => {
    const start = given(withPolicy(publicConfig(), { ...PERMISSIVE, maxUsers: 2 }), [create("u0"), add("u0/d0", "u1", MEMBER)]);
    refuses(start, add("u0/d0", "u2", MEMBER), { code: "notAllowed", rule: "R21", reason: "maxUsers" });
    // A pre-emptive ban lists u2 in role 1 (D9), which max_users does not count.
    accepts(start, ban("u0/d0", "u2"), "R7", room(2, { u0: [ADMIN, "u0/d0"], u1: [MEMBER], u2: [BANNED] }));
  });

  it("max_users refuses an open join past it (R4, like a role's maximum)", () => {
    const start = given(withPolicy(publicConfig(), { ...PERMISSIVE, maxUsers: 1 }), [create("u0")]);
    refuses(start, openJoin("u1/d0"), { code: "notAllowed", rule: "R4", reason: "maxUsers" });
  });

  it("fixed_membership: a role set giving canAddParticipant to a role other than 0 and 1 is refused at creation", () => {
    const model = given(withPolicy(publicConfig(), { ...PERMISSIVE, fixedMembership: true }), []);
    refuses(model, create("u0"), { code: "invalidProposal", rule: "R0", reason: "fixedMembershipAdder" });
  });

  it("fixed_membership: nobody new is listed, not even in role 1 or by open join; the creator's own clients still join", () => {
    const fixed = { ...PERMISSIVE, fixedMembership: true };
    const start = given(withPolicy(withoutAdders(publicConfig()), fixed), [create("u0")]);
    refuses(start, ban("u0/d0", "u1"), { code: "notAllowed", rule: "R21", reason: "fixedMembership" });
    accepts(start, joinOwnClient("u0/d1"), "R4", room(1, { u0: [ADMIN, "u0/d0", "u0/d1"] }));
    const open = given(withPolicy(withoutAdders(publicConfig()), fixed), [create("u0")]);
    refuses(open, openJoin("u1/d0"), { code: "notAllowed", rule: "R4", reason: "fixedMembership" });
  });

  it("a permissive policy changes nothing", () => {
    const start = given(withPolicy(publicConfig(), PERMISSIVE), [create("u0")]);
    accepts(start, add("u0/d0", "u1", MEMBER, ["u1/d0", "u1/d1"]), "R3", room(1, { u0: [ADMIN, "u0/d0"], u1: [MEMBER, "u1/d0", "u1/d1"] }));
  });

  it("planted skipBasePolicy: the model invariant basePolicyHolds catches the commit it lets through", () => {
    const config = withPolicy(publicConfig(), { ...PERMISSIVE, multiDevice: false });
    const start = given({ ...config, faults: { skipBasePolicy: true } }, [create("u0")]);
    const { model, verdict } = step(start, add("u0/d0", "u1", MEMBER, ["u1/d0", "u1/d1"]));
    expect(verdict.accepted).toBe(true);
    expect(checkModelInvariants(model)).toEqual(["basePolicyHolds"]);
    const unchanged = step(given(config, [create("u0")]), commit("u0/d0"));
    expect(checkModelInvariants(unchanged.model)).toEqual([]);
  });

  it("exploration (depth 4): a tight policy keeps every model invariant, and R21 both accepts and refuses; skipBasePolicy breaks basePolicyHolds", () => {
    const tight = withPolicy(publicConfig(), { fixedMembership: false, multiDevice: false, maxClients: 3, maxUsers: 2 });
    const report = exploreModel({ config: tight, depth: 4 });
    expect(report.violations, formatExploreReport(report)).toEqual([]);
    expect(report.guardOutcomes["R21:accepted"]).toBeGreaterThan(0);
    expect(report.guardOutcomes["R21:refused"]).toBeGreaterThan(0);
    const broken = exploreModel({ config: { ...tight, faults: { skipBasePolicy: true } }, depth: 2 });
    expect(broken.violations.map((v) => v.invariant)).toContain("basePolicyHolds");
  });
});
