// R21, the base room policy (room-policy §5), in the room brick the hub and every client run. Expected
// verdicts are the draft's: "multi_device … if false, at most one client per user"; max_clients counts
// MLS leaves; max_users counts the list's entries outside role 1; fixed_membership: "the participants are
// set at creation" and "no non-zero, non-banned role may hold canAddParticipant".
import { describe, expect, it } from "vitest";
import { PERMISSIVE_BASE_ROOM_POLICY, type BaseRoomPolicy } from "../../impl/codec/base-room-policy.js";
import type { RoleData } from "../../impl/codec/roles.js";
import { authorizeOpenJoin } from "../../impl/room/authorize-open-join.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";
import { checkCommit } from "../../impl/room/commit-check.js";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { PUBLIC_ROLES } from "../../impl/room/fixtures/public-room.js";
import { initialRoomProblem } from "../../impl/room/role-set-validity.js";
import { membersOfClients, type RoomState } from "../../impl/room/room-state.js";
import { addItem, ALICE, BOB, CAROL, client, commitOf, context, cooperativeRoom, DAVE, ERIN, FRANK, listItem, memberActor, roomOf, user } from "./helpers.js";

const policyOf = (fields: Partial<BaseRoomPolicy>): BaseRoomPolicy => ({ ...PERMISSIVE_BASE_ROOM_POLICY, ...fields });
const withPolicy = (room: RoomState, fields: Partial<BaseRoomPolicy>): RoomState => ({ ...room, basePolicy: policyOf(fields) });
const withoutAdders = (roles: RoleData): RoleData => ({
  roles: roles.roles.map((r) => (r.roleIndex <= 1 ? r : { ...r, roleCapabilities: r.roleCapabilities.filter((c) => c !== CAPABILITY.canAddParticipant) })),
});

// alice group_admin, bob and carol ordinary_user with one client each; erin ordinary_user without; frank banned.
const ONE_EACH = membersOfClients([client("alice"), client("bob"), client("carol")]);
const alice = memberActor(client("alice"));
const bob = memberActor(client("bob"));
const LISTED = [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1]] as const;

/** alice adds dave as ordinary_user (role 2), with `clients` of his. */
const addDave = (room: RoomState, clients: string[], roleIndex = 2) =>
  commitOf(room, alice, [listItem(alice, { addedParticipants: [{ user: DAVE, roleIndex }] }), ...clients.map((c) => addItem(alice, c))], [...LISTED, [DAVE, roleIndex]]);

describe("R21 base room policy", () => {
  it("multi_device false: a second client of one user is refused; one client is not", () => {
    const room = withPolicy(cooperativeRoom(), { multiDevice: false });
    const ctx = context(room, ONE_EACH);
    expect(checkCommit(ctx, commitOf(room, bob, [addItem(bob, client("bob", "2"))]))).toMatchObject({ ok: false, code: "notAllowed", rule: "R21", reason: expect.stringMatching(/^multiDevice/) });
    expect(checkCommit(ctx, addDave(room, [client("dave", "1"), client("dave", "2")]))).toMatchObject({ ok: false, rule: "R21", reason: expect.stringMatching(/^multiDevice/) });
    expect(checkCommit(ctx, addDave(room, [client("dave")]))).toMatchObject({ ok: true });
  });

  it("max_clients counts the MLS leaves", () => {
    const room = withPolicy(cooperativeRoom(), { maxClients: 3 });
    const ctx = context(room, ONE_EACH);
    expect(checkCommit(ctx, addDave(room, [client("dave")]))).toMatchObject({ ok: false, rule: "R21", reason: expect.stringMatching(/^maxClients: 4 clients, max_clients is 3/) });
    expect(checkCommit(ctx, addDave(room, []))).toMatchObject({ ok: true });
  });

  it("max_users counts listed users outside role 1: a fifth is refused, a banned one is not counted", () => {
    // alice, bob, carol and erin count; frank (banned) does not.
    const room = withPolicy(cooperativeRoom(), { maxUsers: 4 });
    const ctx = context(room, ONE_EACH);
    expect(checkCommit(ctx, addDave(room, []))).toMatchObject({ ok: false, rule: "R21", reason: expect.stringMatching(/^maxUsers: 5 users outside role 1/) });
    // A pre-emptive ban lists dave in role 1.
    expect(checkCommit(ctx, addDave(room, [], 1))).toMatchObject({ ok: true });
  });

  it("fixed_membership: nobody new is listed, not even in role 1; a role change among the listed is fine", () => {
    const room: RoomState = { ...withPolicy(cooperativeRoom(), { fixedMembership: true }), roles: withoutAdders(COOPERATIVELY_ADMINISTERED_ROLES) };
    const ctx = context(room, ONE_EACH);
    expect(checkCommit(ctx, addDave(room, [], 1))).toMatchObject({ ok: false, rule: "R21", reason: expect.stringMatching(/^fixedMembership/) });
    const promote = commitOf(room, alice, [listItem(alice, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }] })], [[ALICE, 3], [BOB, 3], [CAROL, 2], [ERIN, 2], [FRANK, 1]]);
    expect(checkCommit(ctx, promote)).toMatchObject({ ok: true });
  });

  it("fixed_membership at creation: refused while a role other than 0 and 1 holds canAddParticipant", () => {
    const creator = [[ALICE, 3]] as const;
    const fixed = policyOf({ fixedMembership: true });
    expect(initialRoomProblem({ ...roomOf(COOPERATIVELY_ADMINISTERED_ROLES, creator), basePolicy: fixed })).toMatch(/^fixedMembershipAdder: .* role 2 holds canAddParticipant/);
    expect(initialRoomProblem({ ...roomOf(withoutAdders(COOPERATIVELY_ADMINISTERED_ROLES), creator), basePolicy: fixed })).toBeUndefined();
    expect(initialRoomProblem({ ...roomOf(COOPERATIVELY_ADMINISTERED_ROLES, creator), basePolicy: policyOf({ maxClients: 0 }) })).toMatch(/^basePolicyExcludesCreator/);
  });

  it("an open join is refused by a fixed membership and past max_users (R4, like the role's maximum)", () => {
    const view = (fields: Partial<BaseRoomPolicy>) => ({ room: withPolicy(roomOf(PUBLIC_ROLES, [[ALICE, 3]]), fields), activeUsers: new Set([ALICE]), blockedUsers: new Set<string>() });
    expect(authorizeOpenJoin(view({}), user("dave"), 2)).toEqual({ ok: true });
    expect(authorizeOpenJoin(view({ fixedMembership: true }), user("dave"), 2)).toMatchObject({ ok: false, rule: "R4", reason: expect.stringMatching(/^fixedMembership/) });
    expect(authorizeOpenJoin(view({ maxUsers: 1 }), user("dave"), 2)).toMatchObject({ ok: false, rule: "R4", reason: expect.stringMatching(/^maxUsers/) });
    // The planted skipBasePolicyCheck lets it through.
    expect(authorizeOpenJoin(view({ maxUsers: 1 }), user("dave"), 2, { skipBasePolicy: true })).toEqual({ ok: true });
  });

  it("the planted skip (HubFaults and ClientFaults skipBasePolicyCheck) lets a commit past the caps", () => {
    const room = withPolicy(cooperativeRoom(), { maxClients: 3 });
    expect(checkCommit(context(room, ONE_EACH, [], { skip: new Set(["basePolicy"]) }), addDave(room, [client("dave")]))).toMatchObject({ ok: true });
  });
});
