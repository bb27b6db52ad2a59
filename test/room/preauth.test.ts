// Preauthorised users (room-policy §4, §8.1.1 canJoinIfPreauthorized, §8.1.3 canChangeOwnRole, §8.6
// canChangePreauthorizedUserList; docs/rules.md R20). Expected values are read off the draft's text:
// entries in order, the first match wins; preauth is read only for users not in the list (joins) and for
// one's own role; authorized_role_changes is not consulted; max constraints on the target role, min on
// the role left; a preauth change only beside participant removals.
import { describe, expect, it } from "vitest";
import type { PreAuthData } from "../../impl/codec/preauth-list.js";
import type { RoleData } from "../../impl/codec/roles.js";
import { authorizeOutsiderListing, authorizePreauthChange, authorizePreauthJoin } from "../../impl/room/authorize-preauth.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { authorize } from "../../impl/room/policy.js";
import { entryMatches, firstNonZeroPreauthMatch, firstPreauthMatch, preauthEntry } from "../../impl/room/preauth-match.js";
import { membersOfClients, type RoomState } from "../../impl/room/room-state.js";
import { ALICE, BOB, CAROL, client, DAVE, FRANK, listOf, policy } from "./helpers.js";

const ZOE = "mimi://b.example/u/zoe";

function roles(openJoin = false): RoleData {
  return {
    roles: [
      role({ index: 0, name: "no_role", maxActive: 0, capabilities: openJoin ? ["canOpenJoin"] : [], changes: openJoin ? [[0, [4]]] : [] }),
      role({ index: 1, name: "banned", maxActive: 0 }),
      role({ index: 2, name: "member", maxParticipants: 2, minParticipants: 0, capabilities: ["canJoinIfPreauthorized", "canChangeOwnRole", "canAddOwnClient"] }),
      role({ index: 3, name: "admin", capabilities: ["canChangePreauthorizedUserList", "canChangeOwnRole"], minParticipants: 1, changes: [[0, [2, 4]]] }),
      role({ index: 4, name: "guest", maxParticipants: 1, capabilities: ["canChangeOwnRole", "canAddOwnClient"] }),
    ],
  };
}

// a.example users → member; bob → guest; carol → role 0 (a non-zero match is what own-role changes read).
const PREAUTH: PreAuthData = {
  preauthorizedEntries: [
    preauthEntry([{ kind: "user", uri: CAROL }], 0),
    preauthEntry([{ kind: "provider", domain: "a.example" }], 2),
    preauthEntry([{ kind: "user", uri: BOB }], 4),
  ],
};

function room(entries: readonly (readonly [string, number])[], preauth: PreAuthData | null = PREAUTH, openJoin = false): RoomState {
  return { participants: listOf(entries), roles: roles(openJoin), ...(preauth === null ? {} : { preauth }) };
}
const MEMBERS = membersOfClients([client("alice"), client("bob")]);
const view = (r: RoomState, blocked: string[] = []) => ({ room: r, activeUsers: new Set(MEMBERS.map((m) => m.user)), blockedUsers: new Set(blocked) });

describe("preauth claims and the first match", () => {
  it("takes the first entry whose claims all hold, in list order", () => {
    expect(firstPreauthMatch(PREAUTH, BOB)?.targetRoleIndex).toBe(2); // a.example comes before bob's own entry
    expect(firstPreauthMatch({ preauthorizedEntries: [...PREAUTH.preauthorizedEntries].reverse() }, BOB)?.targetRoleIndex).toBe(4);
    expect(firstPreauthMatch(PREAUTH, ZOE)).toBeUndefined();
    expect(firstPreauthMatch(undefined, BOB)).toBeUndefined();
  });

  it("needs every claim of an entry; an entry without claims, or with a claim nobody presents, matches nobody", () => {
    expect(entryMatches(preauthEntry([{ kind: "provider", domain: "a.example" }, { kind: "user", uri: BOB }], 2), BOB)).toBe(true);
    expect(entryMatches(preauthEntry([{ kind: "provider", domain: "b.example" }, { kind: "user", uri: BOB }], 2), BOB)).toBe(false);
    expect(entryMatches(preauthEntry([], 2), BOB)).toBe(false);
    const unknown = { claimset: [{ claimId: { credentialType: 3, id: Uint8Array.from([1]) }, claimValue: new TextEncoder().encode(BOB) }], targetRoleIndex: 2 };
    expect(entryMatches(unknown, BOB)).toBe(false);
  });

  it("for one's own role skips matches to role 0", () => {
    expect(firstPreauthMatch(PREAUTH, CAROL)?.targetRoleIndex).toBe(0);
    expect(firstNonZeroPreauthMatch(PREAUTH, CAROL)?.targetRoleIndex).toBe(2);
  });
});

describe("joining by preauthorisation (canJoinIfPreauthorized)", () => {
  const listed = [[ALICE, 3], [FRANK, 1]] as const;

  it("lets an unlisted user join in its first match's role, whose role holds canJoinIfPreauthorized", () => {
    expect(authorizePreauthJoin(view(room(listed)), DAVE, 2)).toEqual({ ok: true });
  });

  it("refuses another role than the match's, no match, and a first match whose role lacks the capability", () => {
    expect(authorizePreauthJoin(view(room(listed)), DAVE, 4)).toMatchObject({ ok: false, rule: "R4" });
    expect(authorizePreauthJoin(view(room(listed)), ZOE, 2)).toMatchObject({ ok: false, rule: "R4", reason: `no preauth entry matches ${ZOE}` });
    const guestFirst: PreAuthData = { preauthorizedEntries: [preauthEntry([{ kind: "user", uri: DAVE }], 4), ...PREAUTH.preauthorizedEntries] };
    expect(authorizePreauthJoin(view(room(listed, guestFirst)), DAVE, 4)).toMatchObject({ ok: false, reason: expect.stringContaining("lacks canJoinIfPreauthorized") });
  });

  it("does not read preauth for a listed user: a banned user matching an entry stays out", () => {
    expect(authorizePreauthJoin(view(room(listed)), FRANK, 2)).toMatchObject({ ok: false, reason: expect.stringContaining("banned") });
  });

  it("keeps the target role's maximum; authorized_role_changes is not consulted", () => {
    // member holds at most 2; no role has an entry 0 → 2 for a non-participant, and none is needed.
    expect(authorizePreauthJoin(view(room([...listed, [BOB, 2], [CAROL, 2]])), DAVE, 2)).toMatchObject({ ok: false, reason: expect.stringContaining("above its maximum 2") });
  });

  it("falls back to an open join where role 0 offers one and preauth does not let the user in", () => {
    expect(authorizeOutsiderListing(view(room(listed, PREAUTH, true)), ZOE, 4)).toEqual({ ok: true });
    expect(authorizeOutsiderListing(view(room(listed, PREAUTH, false)), ZOE, 4)).toMatchObject({ ok: false, rule: "R4" });
  });
});

describe("changing one's own role (canChangeOwnRole)", () => {
  const entries = [[ALICE, 3], [BOB, 4], [DAVE, 2]] as const;
  const change = (actor: string, roleIndex: number, r = room(entries)) => authorize(policy(r, MEMBERS, actor, { kind: "changeRole", target: actor, role: roleIndex }));

  it("moves a participant to its first non-zero preauth role, with no authorized_role_changes entry", () => {
    expect(change(BOB, 2)).toEqual({ ok: true }); // guest → member: bob's first match is a.example's entry
  });

  it("refuses any other role, a match-less user, and a role without canChangeOwnRole", () => {
    expect(change(BOB, 3)).toMatchObject({ ok: false, rule: "R20" });
    expect(change(DAVE, 2)).toMatchObject({ ok: false, rule: "R20", reason: expect.stringContaining("already in role 2") });
    const noPreauth = room(entries, null);
    expect(change(BOB, 2, noPreauth)).toMatchObject({ ok: false, rule: "R20", reason: expect.stringContaining("no preauth entry") });
    const banned = room([[ALICE, 3], [BOB, 1]]);
    expect(authorize(policy(banned, MEMBERS, BOB, { kind: "changeRole", target: BOB, role: 2 }))).toMatchObject({ ok: false });
  });

  it("keeps the old role's minimum and the new role's maximum", () => {
    // alice is the only admin (minimum 1): leaving it for member is refused.
    expect(change(ALICE, 2)).toMatchObject({ ok: false, rule: "R20", reason: expect.stringContaining("below its minimum 1") });
    // member already holds 2 (dave, carol): bob cannot be the third.
    expect(change(BOB, 2, room([[ALICE, 3], [BOB, 4], [DAVE, 2], [CAROL, 2]]))).toMatchObject({ ok: false, reason: expect.stringContaining("above its maximum 2") });
  });
});

describe("changing the preauth list (canChangePreauthorizedUserList)", () => {
  const r = room([[ALICE, 3], [BOB, 4]]);
  const next: PreAuthData = { preauthorizedEntries: [preauthEntry([{ kind: "user", uri: ZOE }], 2)] };

  it("lets a holder replace the list in a commit with no list change, or only removals", () => {
    expect(authorizePreauthChange(r, next, ALICE, { additions: 0, roleChanges: 0 })).toBeUndefined();
    expect(authorizePreauthChange(r, undefined, ALICE, { additions: 0, roleChanges: 0 })).toBeUndefined();
  });

  it("refuses it beside an addition or a role change, from a non-holder, and naming an undefined role", () => {
    expect(authorizePreauthChange(r, next, ALICE, { additions: 1, roleChanges: 0 })).toMatchObject({ rule: "R20", code: "notAllowed" });
    expect(authorizePreauthChange(r, next, ALICE, { additions: 0, roleChanges: 1 })).toMatchObject({ rule: "R20", code: "notAllowed" });
    expect(authorizePreauthChange(r, next, BOB, { additions: 0, roleChanges: 0 })).toMatchObject({ rule: "R20", code: "notAllowed" });
    expect(authorizePreauthChange(r, { preauthorizedEntries: [preauthEntry([{ kind: "user", uri: ZOE }], 9)] }, ALICE, { additions: 0, roleChanges: 0 })).toMatchObject({ code: "invalidProposal" });
  });

  it("is no change when the list stays the same", () => {
    expect(authorizePreauthChange(r, { preauthorizedEntries: [...PREAUTH.preauthorizedEntries] }, BOB, { additions: 1, roleChanges: 1 })).toBeUndefined();
  });
});
