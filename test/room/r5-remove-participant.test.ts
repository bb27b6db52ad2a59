import { describe, expect, it } from "vitest";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { ALICE, BOB, CAROL, client, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK, HUB, policy, roomOf, SAM } from "./helpers.js";

const remove = (target: string) => ({ kind: "removeParticipant" as const, target });

describe("R5 remove participant (canRemoveParticipant)", () => {
  const room = cooperativeRoom([[SAM, 4], [HUB, 5]]);

  it("lets an ordinary user remove another ordinary user, active or not", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, remove(CAROL)))).toEqual({ ok: true });
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, remove(ERIN)))).toEqual({ ok: true });
  });

  it("lets the policy enforcer clean a banned user off the list", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, HUB, remove(FRANK)))).toEqual({ ok: true });
  });

  const refusals: [string, string, string][] = [
    ["a user in a role the actor's entries cannot take to 0", BOB, ALICE],
    ["oneself (that is a leave)", BOB, BOB],
    ["a user who is not listed", ALICE, DAVE],
    ["the last group_admin (minimum 1 participant)", SAM, ALICE],
  ];
  for (const [what, actor, target] of refusals) {
    it(`refuses removing ${what}`, () => {
      expect(authorize(policy(room, COOPERATIVE_MEMBERS, actor, remove(target)))).toMatchObject({ ok: false, code: "notAllowed", rule: "R5" });
    });
  }

  it("refuses a role without canRemoveParticipant", () => {
    const r = roomOf({ roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((x) => x.roleIndex !== 2), role({ index: 2, name: "ordinary_user", changes: [[2, [0]]] })] }, [[ALICE, 3], [BOB, 2], [CAROL, 2]]);
    expect(authorize(policy(r, [], BOB, remove(CAROL)))).toMatchObject({ ok: false, rule: "R5", reason: expect.stringContaining("canRemoveParticipant") });
  });

  it("counts the minimum active only when the target is active", () => {
    const roles = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((x) => x.roleIndex !== 2), role({ index: 2, name: "ordinary_user", capabilities: ["canRemoveParticipant"], minActive: 1, changes: [[2, [0]]] })] };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2]]);
    const members = membersOfClients([client("bob"), client("carol")]);
    expect(authorize(policy(r, members, BOB, remove(ERIN))).ok).toBe(true);
    expect(authorize(policy(r, members, BOB, remove(CAROL))).ok).toBe(true);
    const onlyCarolActive = membersOfClients([client("carol")]);
    expect(authorize(policy(r, onlyCarolActive, BOB, remove(CAROL)))).toMatchObject({ ok: false, rule: "R5", reason: expect.stringContaining("active") });
  });
});
