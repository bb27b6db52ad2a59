import { describe, expect, it } from "vitest";
import type { RoleData } from "../../impl/codec/roles.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { ALICE, BOB, CAROL, client, FRANK, policy, roomOf } from "./helpers.js";

// Two small role sets written here (room-policy-03 §8.1.3): a warden (3) holds canChangeUserRole and
// canKick but not canBan; a clerk (4) holds canChangeUserRole alone; both with entries 2 → 1 and 1 → 2.
// Role 1 is named "banned", or "muted" in the second set.
function roles(nameOfRole1: string): RoleData {
  return {
    roles: [
      role({ index: 0, name: "no_role", maxActive: 0 }),
      role({ index: 1, name: nameOfRole1, maxActive: 0 }),
      role({ index: 2, name: "member", capabilities: ["canSendMessage"] }),
      role({ index: 3, name: "warden", capabilities: ["canAddParticipant", "canChangeUserRole", "canKick", "canUnban"], changes: [[0, [2, 3, 4]], [2, [1]], [1, [2]]] }),
      role({ index: 4, name: "clerk", capabilities: ["canChangeUserRole", "canUnban"], changes: [[2, [1]], [1, [2]]] }),
    ],
  };
}

const MEMBERS = membersOfClients([client("alice"), client("bob"), client("carol")]);
const entries = [[ALICE, 3], [BOB, 2], [CAROL, 4], [FRANK, 1]] as const;

describe("ban rights and the banned role's name", () => {
  it("lets a holder of canChangeUserRole and canKick ban (§8.1.3: they 'would allow the same action')", () => {
    expect(authorize(policy(roomOf(roles("banned"), entries), MEMBERS, ALICE, { kind: "ban", target: BOB }))).toEqual({ ok: true });
  });

  it("refuses a holder of canChangeUserRole alone: the ban's Removes need canKick", () => {
    expect(authorize(policy(roomOf(roles("banned"), entries), MEMBERS, CAROL, { kind: "ban", target: BOB }))).toMatchObject({ ok: false, rule: "R7", reason: expect.stringContaining("lacks canBan") });
  });

  it("refuses an unban out of a role 1 that is not named \"banned\", and accepts it when it is", () => {
    const unban = { kind: "unban" as const, target: FRANK, role: 2 };
    expect(authorize(policy(roomOf(roles("muted"), entries), MEMBERS, ALICE, unban))).toMatchObject({ ok: false, rule: "R8", reason: 'role 1 is not named "banned"' });
    expect(authorize(policy(roomOf(roles("banned"), entries), MEMBERS, ALICE, unban))).toEqual({ ok: true });
  });

  it("refuses a ban into a role 1 that is not named \"banned\"", () => {
    expect(authorize(policy(roomOf(roles("muted"), entries), MEMBERS, ALICE, { kind: "ban", target: BOB }))).toMatchObject({ ok: false, rule: "R7", reason: 'role 1 is missing or not named "banned"' });
  });
});
