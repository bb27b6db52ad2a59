import { describe, expect, it } from "vitest";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { ALICE, BOB, COOPERATIVE_MEMBERS, cooperativeRoom, FRANK, HUB, policy, roomOf } from "./helpers.js";

const unban = (target: string, roleIndex: number) => ({ kind: "unban" as const, target, role: roleIndex });

describe("R8 unban (canUnban)", () => {
  const room = cooperativeRoom([[HUB, 5]]);

  it("lets an admin move a banned user back to an ordinary role", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, unban(FRANK, 2)))).toEqual({ ok: true });
  });

  const refusals: [string, string, ReturnType<typeof unban>][] = [
    ["by a role without canUnban", BOB, unban(FRANK, 2)],
    ["of a user who is not banned", ALICE, unban(BOB, 3)],
    ["to role 0", ALICE, unban(FRANK, 0)],
    ["to role 1", ALICE, unban(FRANK, 1)],
    ["to a role the entry from 1 does not name", ALICE, unban(FRANK, 4)],
    // The appendix's enforcer may clean a banned user off the list but not restore them.
    ["by the policy enforcer", HUB, unban(FRANK, 2)],
  ];
  for (const [what, actor, action] of refusals) {
    it(`refuses an unban ${what}`, () => {
      expect(authorize(policy(room, COOPERATIVE_MEMBERS, actor, action))).toMatchObject({ ok: false, code: "notAllowed", rule: "R8" });
    });
  }

  it("refuses an unban into a full role", () => {
    const roles = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((x) => x.roleIndex !== 2), role({ index: 2, name: "ordinary_user", maxParticipants: 1 })] };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2], [FRANK, 1]]);
    expect(authorize(policy(r, COOPERATIVE_MEMBERS, ALICE, unban(FRANK, 2)))).toMatchObject({ ok: false, rule: "R8", reason: expect.stringContaining("maximum 1") });
  });
});
