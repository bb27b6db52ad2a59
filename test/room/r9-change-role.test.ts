import { describe, expect, it } from "vitest";
import { RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { ALICE, BOB, CAROL, client, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK, policy, roomOf, SAM } from "./helpers.js";

const change = (target: string, roleIndex: number) => ({ kind: "changeRole" as const, target, role: roleIndex });

describe("R9 change role (canChangeUserRole)", () => {
  const room = cooperativeRoom([[SAM, 4]]);

  it("lets an admin promote an ordinary user", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, change(BOB, 3)))).toEqual({ ok: true });
  });

  const refusals: [string, string, ReturnType<typeof change>][] = [
    ["by a role without canChangeUserRole", BOB, change(CAROL, 3)],
    ["of a user who is not listed", ALICE, change(DAVE, 2)],
    ["of a banned user (that is an unban)", ALICE, change(FRANK, 2)],
    ["to role 1 (that is a ban)", ALICE, change(BOB, 1)],
    ["to role 0 (that is a removal)", ALICE, change(BOB, 0)],
    ["to the current role", ALICE, change(BOB, 2)],
    ["without an entry current → new", ALICE, change(BOB, 4)],
    ["to a role that does not exist", SAM, change(BOB, 9)],
    ["of the last group_admin", SAM, change(ALICE, 2)],
  ];
  for (const [what, actor, action] of refusals) {
    it(`refuses a role change ${what}`, () => {
      expect(authorize(policy(room, COOPERATIVE_MEMBERS, actor, action))).toMatchObject({ ok: false, code: "notAllowed", rule: "R9" });
    });
  }

  it("leaves a change of one's own role to R20 (canChangeOwnRole, which Appendix A.1's group_admin lacks)", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, change(ALICE, 2)))).toMatchObject({ ok: false, code: "notAllowed", rule: "R20", reason: expect.stringContaining("lacks canChangeOwnRole") });
  });

  it("moves a user into a role with maximum active 0 only while it is inactive", () => {
    const r = roomOf(RESTRICTED_ROLES, [[ALICE, 3], [BOB, 2], [ERIN, 2]]);
    const members = membersOfClients([client("alice"), client("bob")]);
    expect(authorize(policy(r, members, ALICE, change(ERIN, 4))).ok).toBe(true);
    expect(authorize(policy(r, members, ALICE, change(BOB, 4)))).toMatchObject({ ok: false, rule: "R9", reason: expect.stringContaining("maximum active 0") });
  });

  it("refuses going over the new role's maximum participants", () => {
    // Restricted moderators are at most 2.
    const r = roomOf(RESTRICTED_ROLES, [[ALICE, 3], [CAROL, 3], [BOB, 2]]);
    expect(authorize(policy(r, [], ALICE, change(BOB, 3)))).toMatchObject({ ok: false, rule: "R9", reason: expect.stringContaining("maximum 2") });
  });
});
