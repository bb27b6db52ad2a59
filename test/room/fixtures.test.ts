import { describe, expect, it } from "vitest";
import { decodeRoleData, encodeRoleData } from "../../impl/codec/roles.js";
import { CAPABILITY, hasCapability } from "../../impl/room/capabilities.js";
import { COOPERATIVE_CREATOR_ROLE, COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { initialRoomState } from "../../impl/room/fixtures/initial-room.js";
import { RESTRICTED_CREATOR_ROLE, RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { sameRoleData } from "../../impl/room/room-equality.js";
import { constraintsBrokenAfter } from "../../impl/room/role-constraints.js";
import { hasBannedRole, roleByIndex } from "../../impl/room/room-state.js";
import { ALICE, HUB } from "./helpers.js";

describe("role-set fixtures", () => {
  it("transcribes Appendix A.1's constraints and role changes", () => {
    const roles = COOPERATIVELY_ADMINISTERED_ROLES;
    expect(roles.roles.map((r) => r.roleName)).toEqual(["no_role", "banned", "ordinary_user", "group_admin", "super_admin", "policy_enforcer"]);
    expect(hasBannedRole(roles)).toBe(true);
    expect(roleByIndex(roles, 1)!.maximumActiveParticipantsConstraint).toBe(0);
    expect(roleByIndex(roles, 3)!.minimumParticipantsConstraint).toBe(1);
    const enforcer = roleByIndex(roles, 5)!;
    expect([enforcer.minimumParticipantsConstraint, enforcer.maximumParticipantsConstraint, enforcer.maximumActiveParticipantsConstraint]).toEqual([1, 2, 0]);
    expect(hasCapability(enforcer, CAPABILITY.canAddParticipant)).toBe(false);
    expect(hasCapability(roleByIndex(roles, 2), CAPABILITY.canKick)).toBe(false);
    expect(hasCapability(roleByIndex(roles, 3), CAPABILITY.canKick)).toBe(true);
    expect(roleByIndex(roles, 2)!.authorizedRoleChanges).toEqual([{ fromRoleIndex: 0, targetRoleIndexes: [2] }, { fromRoleIndex: 2, targetRoleIndexes: [0] }]);
  });

  it("survives the roles_list codec", () => {
    for (const roles of [COOPERATIVELY_ADMINISTERED_ROLES, RESTRICTED_ROLES]) {
      expect(sameRoleData(decodeRoleData(encodeRoleData(roles)), roles)).toBe(true);
    }
  });

  it("gives creators a role whose minimum they satisfy; with the hub as enforcer every constraint holds", () => {
    const room = initialRoomState({ roles: COOPERATIVELY_ADMINISTERED_ROLES, creator: ALICE, creatorRole: COOPERATIVE_CREATOR_ROLE, others: [{ user: HUB, roleIndex: 5 }] });
    const view = { room, activeUsers: new Set([ALICE]) };
    expect(constraintsBrokenAfter(view, view, true)).toBeUndefined();
    const restricted = initialRoomState({ roles: RESTRICTED_ROLES, creator: ALICE, creatorRole: RESTRICTED_CREATOR_ROLE });
    const restrictedView = { room: restricted, activeUsers: new Set([ALICE]) };
    expect(constraintsBrokenAfter(restrictedView, restrictedView, true)).toBeUndefined();
  });
});
