// Liveness of a room (exploration, properties/explore/liveness.ts): from every reachable state every
// accepted leave can still be committed by someone, or the room ends. The scenarios are written from the
// rules: a leaver may not commit its own removal (R2 refuses a blocked committer), under must-include
// every commit omitting a pending proposal is refused (R11), and an external commit cannot carry it.
import { describe, expect, it } from "vitest";
import {
  ALL_CAPABILITIES,
  initialModel,
  run,
  step,
  type ModelConfig,
  type ModelEvent,
  type ModelVariants,
  type RoomEnd,
  type RoomEvent,
} from "../../model/index.js";
import { COOPERATIVE_ROLES, cooperativeConfig } from "../../model/fixtures/index.js";
import { exploreModel } from "../../properties/explore/index.js";

const must = (roomEnd: RoomEnd, leaveOrder: ModelVariants["leaveOrder"] = "same-commit"): ModelVariants => ({
  leaveOrder,
  pendingProposals: "must-include",
  roomEnd,
});
/** The cooperative room of Appendix A.1 with its creator made super_admin (role 4, no minimum, canDestroyRoom). */
const superAdminCreated = (variants: ModelVariants): ModelConfig => ({ ...cooperativeConfig(variants), creatorRole: 4 });

const create: ModelEvent = { type: "createRoom", creator: "u0", creatorClient: "u0/d0" };
// u0 is the only group_admin with a client; u1, a second group_admin, has none. u0's leave keeps the
// role's minimum of 1 (u1 stays), and then nobody unblocked has a client to commit it.
const lastMemberLeaves: readonly ModelEvent[] = [
  create,
  { type: "addParticipant", actor: "u0/d0", target: "u1", role: 3, clients: [] },
  { type: "leave", actor: "u0/d0" },
];

describe("liveness under today's reading (roomEnd stuck)", () => {
  it("finds the stuck room: the last member leaves and nobody may commit its leave", () => {
    const report = exploreModel({ variants: must("stuck"), depth: 4 });
    expect(report.liveness.required).toBe(false);
    expect(report.liveness.shortest).toEqual({ path: lastMemberLeaves, users: ["u0"] });
    expect(report.liveness.stuckStates).toBeGreaterThan(0);
    // Reported, not a violation: the runner's reading keeps its explore rows as they were.
    expect(report.violations).toEqual([]);
  });

  it("finds it in clients-first too, where the leave pending is the removal of the leaver's client", () => {
    const report = exploreModel({ variants: must("stuck", "clients-first"), depth: 4 });
    expect(report.liveness.shortest).toEqual({ path: lastMemberLeaves, users: ["u0"] });
  });

  it("the stuck state has no way out: the joiner's external commit and the leaver's own commit are refused", () => {
    const { model } = run(initialModel(cooperativeConfig(must("stuck"))), lastMemberLeaves);
    expect(step(model, { type: "addOwnClient", client: "u1/d0", user: "u1" }).verdict).toMatchObject({ accepted: false, rule: "R11" });
    expect(step(model, { type: "commit", actor: "u0/d0", includePending: true }).verdict).toMatchObject({ accepted: false, rule: "R2" });
    expect(model.value).toBe("open");
  });

  it("under may-omit the room is live: u1 joins by external commit, discarding the leave, which u0 then repeats and u1 commits", () => {
    const report = exploreModel({ variants: { leaveOrder: "same-commit", pendingProposals: "may-omit" }, depth: 4 });
    expect(report.liveness.statesWithLeavePending).toBeGreaterThan(0);
    expect(report.liveness.stuckStates).toBe(0);
  });

  it("a stuck state at the depth bound is undecided, not stuck: its successors were never tried", () => {
    const report = exploreModel({ variants: must("stuck"), depth: 3 });
    expect(report.liveness.stuckStates).toBe(0);
    expect(report.liveness.undecided).toBeGreaterThan(0);
  });
});

describe("liveness when the hub closes the room (roomEnd hub-closes)", () => {
  it("holds: the room the last member leaves is closed", () => {
    const report = exploreModel({ variants: must("hub-closes"), depth: 4 });
    expect(report.liveness.required).toBe(true);
    expect(report.liveness.statesWithLeavePending).toBeGreaterThan(0);
    expect(report.liveness.stuckStates).toBe(0);
    expect(report.violations).toEqual([]);
  });

  it("a closed room accepts nothing and does not change", () => {
    const { model } = run(initialModel(cooperativeConfig(must("hub-closes"))), lastMemberLeaves);
    expect(model.value).toBe("closed");
    const attempts: RoomEvent[] = [
      { type: "addOwnClient", client: "u1/d0", user: "u1" },
      { type: "commit", actor: "u0/d0", includePending: true },
      { type: "sendMessage", actor: "u0/d0", epochOffset: 0 },
      create,
    ];
    for (const event of attempts) {
      const result = step(model, event);
      expect(result.verdict).toMatchObject({ accepted: false, code: "notAllowed", rule: "R0", reason: "roomClosed" });
      expect(result.model).toBe(model);
    }
  });

  it("an ordinary leave with another member left does not close the room", () => {
    const { model } = run(initialModel(cooperativeConfig(must("hub-closes"))), [
      create,
      { type: "addParticipant", actor: "u0/d0", target: "u1", role: 2, clients: ["u1/d0"] },
      { type: "leave", actor: "u1/d0" },
    ]);
    expect(model.value).toBe("open");
  });

  it("planted defect: a hub refusing every commit that carries a leave is found stuck, on the shortest such room", () => {
    const report = exploreModel({ config: cooperativeConfig(must("hub-closes"), { refuseLeaveCommits: true }), depth: 4 });
    const path: ModelEvent[] = [
      create,
      { type: "addParticipant", actor: "u0/d0", target: "u1", role: 2, clients: ["u1/d0"] },
      { type: "leave", actor: "u1/d0" },
    ];
    expect(report.liveness.shortest).toEqual({ path, users: ["u1"] });
    expect(report.violations).toContainEqual({ invariant: "liveness", path });
  });
});

describe("liveness when a canDestroyRoom holder may destroy the room (roomEnd destroy)", () => {
  it("canDestroyRoom is a registered capability, held in Appendix A.1 by super_admin and policy_enforcer only", () => {
    expect(ALL_CAPABILITIES).toContain("canDestroyRoom");
    expect(COOPERATIVE_ROLES.filter((r) => r.capabilities.has("canDestroyRoom")).map((r) => r.name)).toEqual(["super_admin", "policy_enforcer"]);
  });

  it("with the appendix's group_admin creator nobody can ever hold it, so the room still gets stuck", () => {
    const report = exploreModel({ variants: must("destroy"), depth: 4 });
    expect(report.liveness.shortest).toEqual({ path: lastMemberLeaves, users: ["u0"] });
    expect(report.violations).toContainEqual({ invariant: "liveness", path: lastMemberLeaves });
  });

  it("with a super_admin creator: stuck as soon as the creator alone leaves, unless it may destroy the room", () => {
    const alone: ModelEvent[] = [create, { type: "leave", actor: "u0/d0" }];
    expect(exploreModel({ config: superAdminCreated(must("stuck")), depth: 3 }).liveness.shortest).toEqual({ path: alone, users: ["u0"] });
    const destroying = exploreModel({ config: superAdminCreated(must("destroy")), depth: 3 });
    expect(destroying.liveness.statesWithLeavePending).toBeGreaterThan(0);
    expect(destroying.liveness.stuckStates).toBe(0);
    const { model } = run(initialModel(superAdminCreated(must("destroy"))), alone);
    expect(step(model, { type: "destroyRoom", actor: "u0/d0" }).model.value).toBe("closed");
  });

  it("is refused without the capability, from a non-member, and in the other readings", () => {
    const admin = run(initialModel(cooperativeConfig(must("destroy"))), [create]).model;
    expect(step(admin, { type: "destroyRoom", actor: "u0/d0" }).verdict).toMatchObject({ accepted: false, rule: "R0", reason: "missingCanDestroyRoom" });
    const superAdmin = run(initialModel(superAdminCreated(must("destroy"))), [create]).model;
    expect(step(superAdmin, { type: "destroyRoom", actor: "u0/d1" }).verdict).toMatchObject({ accepted: false, rule: "R0", reason: "destroyerNotMember" });
    const stuckReading = run(initialModel(superAdminCreated(must("stuck"))), [create]).model;
    expect(step(stuckReading, { type: "destroyRoom", actor: "u0/d0" }).verdict).toMatchObject({
      accepted: false,
      rule: "R0",
      reason: "roomDestructionNotOffered",
    });
  });
});
