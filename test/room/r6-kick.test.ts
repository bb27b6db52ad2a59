import { describe, expect, it } from "vitest";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { ALICE, BOB, CAROL, client, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, policy, roomOf } from "./helpers.js";

const kick = (target: string) => ({ kind: "kick" as const, target });

describe("R6 kick (canKick)", () => {
  const room = cooperativeRoom();

  it("lets an admin kick an active user", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, kick(BOB)))).toEqual({ ok: true });
  });

  const refusals: [string, string, string][] = [
    ["by a role without canKick", BOB, CAROL],
    ["of oneself", ALICE, ALICE],
    ["of an inactive user", ALICE, ERIN],
    ["of a user who is not listed", ALICE, DAVE],
  ];
  for (const [what, actor, target] of refusals) {
    it(`refuses a kick ${what}`, () => {
      expect(authorize(policy(room, COOPERATIVE_MEMBERS, actor, kick(target)))).toMatchObject({ ok: false, code: "notAllowed", rule: "R6" });
    });
  }

  it("refuses a kick that breaks the target role's minimum active", () => {
    const roles = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((x) => x.roleIndex !== 2), role({ index: 2, name: "ordinary_user", minActive: 1 })] };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2]]);
    expect(authorize(policy(r, membersOfClients([client("alice"), client("bob")]), ALICE, kick(BOB)))).toMatchObject({ ok: false, rule: "R6", reason: expect.stringContaining("minimum 1") });
  });
});

describe("own-client removal (canRemoveOwnClient, reported under R6)", () => {
  it("lets a user drop a client, and its last one while its role's minimum active holds", () => {
    const room = cooperativeRoom();
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, { kind: "removeOwnClient", leavesUserInactive: true })).ok).toBe(true);
  });

  it("refuses dropping the last client below the role's minimum active, and a role without the capability", () => {
    const roles = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((x) => x.roleIndex !== 2), role({ index: 2, name: "ordinary_user", capabilities: ["canRemoveOwnClient"], minActive: 1 })] };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2]]);
    const members = membersOfClients([client("alice"), client("bob"), client("bob", "2")]);
    expect(authorize(policy(r, members, BOB, { kind: "removeOwnClient", leavesUserInactive: false })).ok).toBe(true);
    expect(authorize(policy(r, members, BOB, { kind: "removeOwnClient", leavesUserInactive: true }))).toMatchObject({ ok: false, rule: "R6" });
    expect(authorize(policy(r, members, ALICE, { kind: "removeOwnClient" })).ok).toBe(true);
    const noCapability = roomOf({ roles: [...roles.roles.filter((x) => x.roleIndex !== 2), role({ index: 2, name: "ordinary_user" })] }, [[ALICE, 3], [BOB, 2]]);
    expect(authorize(policy(noCapability, members, BOB, { kind: "removeOwnClient" }))).toMatchObject({ ok: false, rule: "R6", reason: expect.stringContaining("canRemoveOwnClient") });
  });
});
