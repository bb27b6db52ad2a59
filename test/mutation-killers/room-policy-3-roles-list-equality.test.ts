// room-policy §3 (Role, RoleData): a roles_list is the whole Role struct, field by field. A commit's
// GroupContextExtensions is compared with the room the rules compute (mls-extensions §4.7; a RoleUpdate is
// invalid in a commit that also changes the participant list), so a difference in any one field, or in the
// participant list's users or roles, must make the two differ. Expected values are the struct's fields.
import { describe, expect, it } from "vitest";
import type { ParticipantListData } from "../../impl/codec/participant-list.js";
import type { Role, RoleData } from "../../impl/codec/roles.js";
import { sameParticipantList, sameRoleData } from "../../impl/room/room-equality.js";

function admin(): Role {
  return {
    roleIndex: 3,
    roleName: "group_admin",
    roleDescription: "administers the room",
    roleCapabilities: [1, 2, 3],
    minimumParticipantsConstraint: 1,
    maximumParticipantsConstraint: 5,
    minimumActiveParticipantsConstraint: 1,
    maximumActiveParticipantsConstraint: 4,
    authorizedRoleChanges: [{ fromRoleIndex: 0, targetRoleIndexes: [2, 3] }],
  };
}

const roles = (...r: Role[]): RoleData => ({ roles: r });

/** One Role field changed at a time: each makes a different Role struct on the wire. */
const ONE_FIELD_CHANGED: [string, (r: Role) => Role][] = [
  ["role_index", (r) => ({ ...r, roleIndex: 4 })],
  ["role_name", (r) => ({ ...r, roleName: "admin" })],
  ["role_description", (r) => ({ ...r, roleDescription: "" })],
  ["role_capabilities (one value)", (r) => ({ ...r, roleCapabilities: [1, 2, 4] })],
  ["role_capabilities (one fewer)", (r) => ({ ...r, roleCapabilities: [1, 2] })],
  ["minimum_participants_constraint", (r) => ({ ...r, minimumParticipantsConstraint: 0 })],
  ["maximum_participants_constraint", (r) => ({ ...r, maximumParticipantsConstraint: undefined })],
  ["minimum_active_participants_constraint", (r) => ({ ...r, minimumActiveParticipantsConstraint: 0 })],
  ["maximum_active_participants_constraint", (r) => ({ ...r, maximumActiveParticipantsConstraint: 0 })],
  ["authorized_role_changes (one entry fewer)", (r) => ({ ...r, authorizedRoleChanges: [] })],
  ["authorized_role_changes (from_role_index)", (r) => ({ ...r, authorizedRoleChanges: [{ fromRoleIndex: 2, targetRoleIndexes: [2, 3] }] })],
  ["authorized_role_changes (target_role_indexes)", (r) => ({ ...r, authorizedRoleChanges: [{ fromRoleIndex: 0, targetRoleIndexes: [2, 1] }] })],
];

describe("room-policy §3: roles_list compared as the Role structs it holds", () => {
  it("an equal copy (another object) is the same roles_list", () => {
    expect(sameRoleData(roles(admin()), roles(admin()))).toBe(true);
  });

  for (const [field, change] of ONE_FIELD_CHANGED) {
    it(`a different ${field} is a different roles_list`, () => {
      expect(sameRoleData(roles(admin()), roles(change(admin())))).toBe(false);
      expect(sameRoleData(roles(change(admin())), roles(admin()))).toBe(false);
    });
  }

  it("one role more is a different roles_list", () => {
    expect(sameRoleData(roles(admin()), roles(admin(), { ...admin(), roleIndex: 4 }))).toBe(false);
  });

  it("an absent roles_list equals only an absent one", () => {
    expect(sameRoleData(undefined, undefined)).toBe(true);
    expect(sameRoleData(undefined, roles(admin()))).toBe(false);
    expect(sameRoleData(roles(admin()), undefined)).toBe(false);
  });
});

describe("protocol §7.5: participant_list compared as its (user, role_index) pairs in order", () => {
  const list = (...p: [string, number][]): ParticipantListData => ({ participants: p.map(([user, roleIndex]) => ({ user, roleIndex })) });
  const A = "mimi://a.example/u/alice";
  const B = "mimi://a.example/u/bob";

  it("an equal copy is the same list; another user, role, order or length is not", () => {
    expect(sameParticipantList(list([A, 3], [B, 2]), list([A, 3], [B, 2]))).toBe(true);
    expect(sameParticipantList(list([A, 3], [B, 2]), list([A, 3], ["mimi://a.example/u/carol", 2]))).toBe(false);
    expect(sameParticipantList(list([A, 3], [B, 2]), list([A, 3], [B, 3]))).toBe(false);
    expect(sameParticipantList(list([A, 3], [B, 2]), list([B, 2], [A, 3]))).toBe(false);
    expect(sameParticipantList(list([A, 3], [B, 2]), list([A, 3]))).toBe(false);
  });

  it("an absent list equals only an absent one", () => {
    expect(sameParticipantList(undefined, undefined)).toBe(true);
    expect(sameParticipantList(undefined, list([A, 3]))).toBe(false);
    expect(sameParticipantList(list([A, 3]), undefined)).toBe(false);
  });
});
