import { describe, expect, it } from "vitest";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { ALICE, BOB, CAROL, client, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, policy, roomOf } from "./helpers.js";

const add = (target: string, roleIndex: number, withClients = false) => ({ kind: "addParticipant" as const, target, role: roleIndex, withClients });

describe("R3 add participant (canAddParticipant)", () => {
  const room = cooperativeRoom();

  it("lets an ordinary user add a non-listed user as ordinary user, with or without clients", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, add(DAVE, 2)))).toEqual({ ok: true });
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, add(DAVE, 2, true)))).toEqual({ ok: true });
  });

  it("lets an admin add straight into the admin role (entry 0 → 3)", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, add(DAVE, 3))).ok).toBe(true);
  });

  const refusals: [string, string, ReturnType<typeof add>][] = [
    ["a role the actor's entry from 0 does not name", BOB, add(DAVE, 3)],
    ["a user already listed", BOB, add(CAROL, 2)],
    ["the actor itself", ALICE, add(ALICE, 2)],
    ["role 1 (banned)", ALICE, add(DAVE, 1)],
    ["role 0", ALICE, add(DAVE, 0)],
    ["a role that does not exist", ALICE, add(DAVE, 9)],
  ];
  for (const [what, actor, action] of refusals) {
    it(`refuses adding ${what}`, () => {
      expect(authorize(policy(room, COOPERATIVE_MEMBERS, actor, action))).toMatchObject({ ok: false, code: "notAllowed", rule: "R3" });
    });
  }

  it("refuses an actor whose role lacks canAddParticipant", () => {
    const restricted = roomOf(RESTRICTED_ROLES, [[ALICE, 3], [BOB, 2]]);
    const members = membersOfClients([client("alice"), client("bob")]);
    expect(authorize(policy(restricted, members, BOB, add(DAVE, 2)))).toMatchObject({ ok: false, rule: "R3", reason: expect.stringContaining("canAddParticipant") });
  });

  it("refuses going over the target role's maximum participants", () => {
    const capped = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((r) => r.roleIndex !== 2), role({ index: 2, name: "ordinary_user", capabilities: ["canAddParticipant"], maxParticipants: 2, changes: [[0, [2]]] })] };
    const r = roomOf(capped, [[ALICE, 3], [BOB, 2], [CAROL, 2]]);
    expect(authorize(policy(r, [], ALICE, add(DAVE, 2)))).toMatchObject({ ok: false, rule: "R3", reason: expect.stringContaining("maximum 2") });
  });

  it("adds into a role with maximum active 0 only without clients", () => {
    const restricted = roomOf(RESTRICTED_ROLES, [[ALICE, 3]]);
    const members = membersOfClients([client("alice")]);
    expect(authorize(policy(restricted, members, ALICE, add(DAVE, 4, false))).ok).toBe(true);
    expect(authorize(policy(restricted, members, ALICE, add(DAVE, 4, true)))).toMatchObject({ ok: false, rule: "R3", reason: expect.stringContaining("maximum active 0") });
  });

  it("refuses clients beyond the target role's maximum active", () => {
    const roles = { roles: [...COOPERATIVELY_ADMINISTERED_ROLES.roles.filter((r) => r.roleIndex !== 2), role({ index: 2, name: "ordinary_user", maxActive: 1 })] };
    const r = roomOf(roles, [[ALICE, 3], [BOB, 2]]);
    const members = membersOfClients([client("alice"), client("bob")]);
    expect(authorize(policy(r, members, ALICE, add(DAVE, 2, false))).ok).toBe(true);
    expect(authorize(policy(r, members, ALICE, add(DAVE, 2, true)))).toMatchObject({ ok: false, rule: "R3" });
  });
});
