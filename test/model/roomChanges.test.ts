import { describe, expect, it } from "vitest";
import { abstractState, step, type Model, type ModelEvent } from "../../model/index.js";
import { multiOrgConfig } from "../../model/fixtures/index.js";
import { exploreModel } from "../../properties/explore/index.js";
import { accepts, add, create, given, joinOwnClient, leave, refuses, room, send } from "./helpers.js";

// Changes of the room's own state (docs/rules.md R22; room-policy §3, §5, §8.2, §8.6; protocol §7.6) in
// Appendix A.4's multi-organization room: u0 is super_admin (8), which holds every canChangeRoom*
// capability, canChangeRoomMembershipStyle and canChangeRoleDefinitions; org_b_user (3) holds none of
// them. Expected values from the drafts: each changed metadata field needs its own capability and
// room_uri none can change; a new base policy must be one a room could be created with and hold for the
// room; a RoleUpdate never shares a commit with a participant-list change, and a new role set must be
// valid and hold for the current list.
const [ORG_B_USER, SUPER_ADMIN] = [3, 8];
const metadata = (actor: string, change: number): ModelEvent => ({ type: "changeMetadata", actor, change });
const policy = (actor: string, index: number): ModelEvent => ({ type: "changeRoomPolicy", actor, policy: index });
const roles = (actor: string, change: number): ModelEvent => ({ type: "changeRoleDefinitions", actor, change });
const start = (): Model => given(multiOrgConfig(), [create("u0"), add("u0/d0", "u1", ORG_B_USER, ["u1/d0"])]);
const BOTH = { u0: [SUPER_ADMIN, "u0/d0"], u1: [ORG_B_USER, "u1/d0"] } as const;

describe("room_metadata (protocol §7.6, room-policy §8.2)", () => {
  it("the super_admin renames the room: a commit, and the new name is the room's", () => {
    const renamed = accepts(start(), metadata("u0/d0", 0), "R22", room(2, BOTH));
    expect(renamed.context.metadata).toEqual({ uri: "", name: "m0", description: "", avatar: "", subject: "", mood: "" });
  });

  it("room_uri changes for nobody (invalidProposal); a field without its capability is refused (notAllowed)", () => {
    refuses(start(), metadata("u0/d0", 4), { code: "invalidProposal", rule: "R22", reason: "roomUriChanged" });
    refuses(start(), metadata("u1/d0", 1), { code: "notAllowed", rule: "R22", reason: "missingCanChangeRoomSubject" });
    refuses(start(), metadata("u1/d0", 2), { code: "notAllowed", rule: "R22", reason: "missingCanChangeRoomDescription" });
  });

  it("putting in place what the room already holds changes no field and needs no capability", () => {
    const renamed = given(multiOrgConfig(), [metadata("u0/d0", 0)], start());
    accepts(renamed, metadata("u1/d0", 0), "R22", room(3, BOTH));
  });
});

describe("base_room_policy (room-policy §5, §8.6 canChangeRoomMembershipStyle)", () => {
  it("multi_device false put in place by the super_admin is then enforced: a second client of u0 is refused (R21)", () => {
    const single = accepts(start(), policy("u0/d0", 1), "R22", room(2, BOTH));
    expect(single.context.config.basePolicy).toEqual({ fixedMembership: false, multiDevice: false });
    refuses(single, joinOwnClient("u0/d1"), { code: "notAllowed", rule: "R21", reason: "multiDevice" });
  });

  it("refuses a non-holder, a fixed membership while roles hold canAddParticipant, max_clients 0, and max_users 2 with three listed", () => {
    refuses(start(), policy("u1/d0", 0), { code: "notAllowed", rule: "R22", reason: "missingCanChangeRoomMembershipStyle" });
    refuses(start(), policy("u0/d0", 3), { code: "invalidProposal", rule: "R22", reason: "fixedMembershipAdder" });
    refuses(start(), policy("u0/d0", 4), { code: "invalidProposal", rule: "R22", reason: "basePolicyExcludesCreator" });
    const three = given(multiOrgConfig(), [add("u0/d0", "u2", ORG_B_USER)], start());
    refuses(three, policy("u0/d0", 2), { code: "notAllowed", rule: "R22", reason: "maxUsers" });
  });
});

describe("roles_list (room-policy §3, §8.6 canChangeRoleDefinitions)", () => {
  it("dropping canSendMessage from super_admin: accepted, after which u0's messages are refused (R14)", () => {
    const silent = accepts(start(), roles("u0/d0", 1), "R22", room(2, BOTH));
    expect(silent.context.config.roles.find((r) => r.index === SUPER_ADMIN)!.capabilities.has("canSendMessage")).toBe(false);
    refuses(silent, send("u0/d0"), { code: "notAllowed", rule: "R14", reason: "missingCanSendMessage" });
  });

  it("adds a role 200; a second role 0 is an invalid set", () => {
    const added = accepts(start(), roles("u0/d0", 2), "R22", room(2, BOTH));
    expect(added.context.config.roles.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 200]);
    refuses(start(), roles("u0/d0", 3), { code: "invalidProposal", rule: "R22", reason: "duplicateRoleIndex" });
  });

  it("refuses a non-holder, a maximum the current list breaks, and a change beside a pending delisting", () => {
    refuses(start(), roles("u1/d0", 1), { code: "notAllowed", rule: "R22", reason: "missingCanChangeRoleDefinitions" });
    const twoAdmins = given(multiOrgConfig(), [add("u0/d0", "u2", SUPER_ADMIN)], start());
    refuses(twoAdmins, roles("u0/d0", 0), { code: "notAllowed", rule: "R22", reason: "redefinedMaxParticipants" });
    accepts(start(), roles("u0/d0", 0), "R22", room(2, BOTH));
    const leaving = given(multiOrgConfig(), [leave("u1/d0")], start());
    refuses(leaving, roles("u0/d0", 1), { code: "invalidProposal", rule: "R22", reason: "rolesWithListChange" });
    // Metadata has no such rule: it shares the commit with the delisting.
    const { verdict } = step(leaving, metadata("u0/d0", 0));
    expect(verdict).toMatchObject({ accepted: true, rule: "R22" });
    expect(abstractState(step(leaving, metadata("u0/d0", 0)).model).users.u1).toBeUndefined();
  });
});

describe("exploration with the room-state changes", () => {
  it("keeps every model invariant in the multi-org room to depth 3, with R22 accepted and refused", () => {
    const report = exploreModel({ config: multiOrgConfig(), depth: 3, roomChanges: true });
    expect(report.violations).toEqual([]);
    expect(report.guardOutcomes["R22:accepted"]).toBeGreaterThan(0);
    expect(report.guardOutcomes["R22:refused"]).toBeGreaterThan(0);
  });
});
