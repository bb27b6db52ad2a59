import { describe, expect, it } from "vitest";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { ALICE, BOB, client, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK, HUB, policy, roomOf } from "./helpers.js";

const join = { kind: "addOwnClient" as const };

describe("R4 add own client (canAddOwnClient)", () => {
  const room = cooperativeRoom([[HUB, 5]]);

  it("lets an inactive listed user bring a client back", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ERIN, join))).toEqual({ ok: true });
  });

  it("lets an active user add another client", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, join))).toEqual({ ok: true });
  });

  const refusals: [string, string, string[]][] = [
    ["a user who is not listed", DAVE, []],
    ["a banned user", FRANK, []],
    ["a blocked user", ERIN, [ERIN]],
    ["a role without canAddOwnClient", HUB, []],
  ];
  for (const [what, actor, blocked] of refusals) {
    it(`refuses ${what}`, () => {
      expect(authorize(policy(room, COOPERATIVE_MEMBERS, actor, join, blocked))).toMatchObject({ ok: false, code: "notAllowed", rule: "R4" });
    });
  }

  it("refuses an inactive user whose role is full of active users", () => {
    const roles = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((r) => r.roleIndex !== 2), role({ index: 2, name: "ordinary_user", capabilities: ["canAddOwnClient"], maxActive: 1 })] };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2], [ERIN, 2]]);
    const members = membersOfClients([client("alice"), client("bob")]);
    expect(authorize(policy(r, members, ERIN, join))).toMatchObject({ ok: false, rule: "R4", reason: expect.stringContaining("maximum 1") });
    // An already active user adds a client without changing the active count.
    expect(authorize(policy(r, members, BOB, join)).ok).toBe(true);
  });
});
