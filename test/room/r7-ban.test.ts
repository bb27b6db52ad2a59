import { describe, expect, it } from "vitest";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { ALICE, BOB, CAROL, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK, HUB, policy, roomOf, SAM } from "./helpers.js";

const ban = (target: string) => ({ kind: "ban" as const, target });

describe("R7 ban (canBan)", () => {
  const room = cooperativeRoom([[SAM, 4], [HUB, 5]]);

  it("lets an admin ban an active or an inactive user", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, ban(BOB)))).toEqual({ ok: true });
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, ban(ERIN)))).toEqual({ ok: true });
  });

  it("lets the policy enforcer ban", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, HUB, ban(BOB))).ok).toBe(true);
  });

  const refusals: [string, string, string][] = [
    ["by a role without canBan", BOB, CAROL],
    ["of oneself", ALICE, ALICE],
    ["of a user who is not listed", ALICE, DAVE],
    ["of a user already banned", ALICE, FRANK],
    ["of the last group_admin", SAM, ALICE],
  ];
  for (const [what, actor, target] of refusals) {
    it(`refuses a ban ${what}`, () => {
      expect(authorize(policy(room, COOPERATIVE_MEMBERS, actor, ban(target)))).toMatchObject({ ok: false, code: "notAllowed", rule: "R7" });
    });
  }

  it('refuses when role 1 is not named "banned"', () => {
    const roles = { roles: COOPERATIVELY_ADMINISTERED_ROLES.roles.map((r) => (r.roleIndex === 1 ? { ...r, roleName: "muted" } : r)) };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2]]);
    expect(authorize(policy(r, COOPERATIVE_MEMBERS, ALICE, ban(BOB)))).toMatchObject({ ok: false, rule: "R7", reason: expect.stringContaining("banned") });
  });

  it("refuses without an authorized_role_changes entry current → 1", () => {
    const roles = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((x) => x.roleIndex !== 3), role({ index: 3, name: "group_admin", capabilities: ["canBan"], changes: [[2, [0]]] })] };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2]]);
    expect(authorize(policy(r, COOPERATIVE_MEMBERS, ALICE, ban(BOB)))).toMatchObject({ ok: false, rule: "R7", reason: expect.stringContaining("2 → 1") });
  });
});
