import { describe, expect, it } from "vitest";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { checkCommit } from "../../impl/room/commit-check.js";
import { addItem, ALICE, BOB, CAROL, client, commitOf, context, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK, HUB, listItem, memberActor, policy, roomOf, SAM } from "./helpers.js";

const ban = (target: string) => ({ kind: "ban" as const, target });

describe("R7 ban (canBan)", () => {
  const room = cooperativeRoom([[SAM, 4], [HUB, 5]]);

  it("lets an admin ban an active or an inactive user", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, ban(BOB)))).toEqual({ ok: true });
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, ban(ERIN)))).toEqual({ ok: true });
  });

  it("lets an admin ban a user not in the list pre-emptively (group_admin has (0,[1])), but not an ordinary user", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, ban(DAVE)))).toEqual({ ok: true });
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, ban(DAVE)))).toMatchObject({ ok: false, rule: "R7", reason: expect.stringContaining("lacks canBan") });
  });

  it("lets the policy enforcer ban", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, HUB, ban(BOB))).ok).toBe(true);
  });

  const refusals: [string, string, string][] = [
    ["by a role without canBan", BOB, CAROL],
    ["of oneself", ALICE, ALICE],
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

describe("a pre-emptive ban on the wire: an addition in role 1 (room-policy §8.1.3, the entry 0 → 1)", () => {
  const room = cooperativeRoom();
  const members = COOPERATIVE_MEMBERS;
  const alice = memberActor(client("alice"));
  const bob = memberActor(client("bob"));
  const listed = [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1], [DAVE, 1]] as const;
  const addDaveBanned = (by: ReturnType<typeof memberActor>) => listItem(by, { addedParticipants: [{ user: DAVE, roleIndex: 1 }] });

  it("is accepted from an admin and lists the user in role 1, with no client", () => {
    const verdict = checkCommit(context(room, members), commitOf(room, alice, [addDaveBanned(alice)], listed));
    expect(verdict).toMatchObject({ ok: true, effects: { bannedUsers: [DAVE], addedUsers: [] } });
  });

  it("is refused from an ordinary user, and with a client of the user (a ban leaves it none), both under R7", () => {
    expect(checkCommit(context(room, members), commitOf(room, bob, [addDaveBanned(bob)], listed))).toMatchObject({ ok: false, rule: "R7" });
    const withClient = commitOf(room, alice, [addDaveBanned(alice), addItem(alice, client("dave"))], listed);
    expect(checkCommit(context(room, members), withClient)).toMatchObject({ ok: false, code: "notAllowed", rule: "R7", reason: expect.stringContaining("must remove all its clients") });
  });
});
