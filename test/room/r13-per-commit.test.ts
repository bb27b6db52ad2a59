import { describe, expect, it } from "vitest";
import { checkCommit, checkProposalBundle } from "../../impl/room/commit-check.js";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { constraintsBrokenAfter } from "../../impl/room/role-constraints.js";
import {
  ALICE, BOB, CAROL, client, commitOf, context, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK, listItem, listOf, memberActor, removeItem, roomOf,
} from "./helpers.js";

const room = cooperativeRoom();
const ctx = context(room, COOPERATIVE_MEMBERS);
const alice = memberActor(client("alice"));
const carol = memberActor(client("carol"));

describe("R13 per-commit rules", () => {
  it("refuses a user touched by two participant-list updates of one commit", () => {
    const items = [
      listItem(alice, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }] }),
      listItem(alice, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 2 }] }),
    ];
    expect(checkCommit(ctx, { committer: alice, items })).toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });

  it("refuses a user touched twice inside one update", () => {
    const items = [listItem(alice, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }], removedIndices: [1] })];
    expect(checkCommit(ctx, { committer: alice, items })).toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });

  it("answers invalidProposal for a malformed update", () => {
    const items = [listItem(alice, { removedIndices: [17] })];
    expect(checkCommit(ctx, { committer: alice, items })).toMatchObject({ ok: false, code: "invalidProposal", rule: "R13" });
    const unknownRole = [listItem(alice, { addedParticipants: [{ user: DAVE, roleIndex: 9 }] })];
    expect(checkCommit(ctx, { committer: alice, items: unknownRole })).toMatchObject({ ok: false, code: "invalidProposal" });
  });

  it("checks the role constraints after the commit, even for by-reference proposals (R17 skips only the capability check)", () => {
    // A by-reference demotion of the only admin: not re-authorised, but the commit would leave no admin.
    const demote = listItem(memberActor(client("bob")), { changedRoleParticipants: [{ userIndex: 0, roleIndex: 2 }] }, true);
    expect(checkCommit(ctx, commitOf(room, carol, [demote], [[ALICE, 2], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1]]))).toMatchObject({ ok: false, code: "notAllowed", rule: "R13", reason: expect.stringContaining("minimum 1") });
  });

  it("refuses a commit after which a member's user is not listed", () => {
    // By reference, so nothing but the whole-commit checks sees it: the delisting keeps bob's client.
    const delist = listItem(memberActor(client("carol")), { removedIndices: [1] }, true);
    expect(checkCommit(ctx, commitOf(room, alice, [delist], [[ALICE, 3], [CAROL, 2], [ERIN, 2], [FRANK, 1]]))).toMatchObject({ ok: false, rule: "R5" });
  });

  it("tolerates a constraint already broken before, unless the change makes it worse", () => {
    // The cooperative room here lists no policy_enforcer (minimum 1): unrelated commits still pass.
    const withDave = [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1], [DAVE, 2]] as const;
    const added = checkCommit(ctx, commitOf(room, alice, [listItem(alice, { addedParticipants: [{ user: DAVE, roleIndex: 2 }] })], withDave));
    expect(added.ok && added.nextRoom.participants).toEqual(listOf(withDave));
    const before = { room, activeUsers: new Set([ALICE]) };
    expect(constraintsBrokenAfter(before, before, false)).toBeUndefined();
    expect(constraintsBrokenAfter(before, before, true)).toContain("policy_enforcer");
  });

  it("allows role-definition changes only alone and with canChangeRoleDefinitions", () => {
    const gce = (roles = COOPERATIVELY_ADMINISTERED_ROLES) => ({
      kind: "groupContextExtensions" as const, participantList: room.participants, roles, otherExtensionsChanged: false, proposer: alice,
    });
    const newRoles = { roles: COOPERATIVELY_ADMINISTERED_ROLES.roles.map((r) => (r.roleIndex === 2 ? { ...r, roleDescription: "changed" } : r)) };
    // No group_admin of Appendix A.1 holds canChangeRoleDefinitions (room-policy §8.6; R22, the room-state changes).
    expect(checkCommit(ctx, { committer: alice, items: [gce(newRoles)] })).toMatchObject({ ok: false, code: "notAllowed", rule: "R22" });
    const editorRoles = { roles: [...newRoles.roles.filter((r) => r.roleIndex !== 3), role({ index: 3, name: "group_admin", capabilities: ["canChangeRoleDefinitions"], minParticipants: 1 })] };
    const editorRoom = roomOf(editorRoles, room.participants.participants.map((p) => [p.user, p.roleIndex] as const));
    const changed = checkCommit(context(editorRoom, COOPERATIVE_MEMBERS), { committer: alice, items: [gce(COOPERATIVELY_ADMINISTERED_ROLES)] });
    expect(changed.ok && changed.effects.rolesChanged).toBe(true);
    // Dropping a role someone holds is malformed.
    const orphaning = { roles: editorRoles.roles.filter((r) => r.roleIndex !== 2) };
    expect(checkCommit(context(editorRoom, COOPERATIVE_MEMBERS), { committer: alice, items: [{ ...gce(), roles: orphaning }] })).toMatchObject({ ok: false, code: "invalidProposal" });
  });

  it("refuses other GroupContext extension changes", () => {
    const gce = { kind: "groupContextExtensions" as const, participantList: room.participants, roles: room.roles, otherExtensionsChanged: true, proposer: alice };
    expect(checkCommit(ctx, { committer: alice, items: [gce] })).toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });

  it("refuses a GroupContextExtensions proposal in a bundle", () => {
    const gce = { kind: "groupContextExtensions" as const, participantList: room.participants, roles: room.roles, otherExtensionsChanged: false, proposer: alice };
    expect(checkProposalBundle(ctx, alice, [gce])).toMatchObject({ ok: false, rule: "R13" });
  });

  it("applies a bundle's two updates in order and answers the hub-live state", () => {
    const verdict = checkProposalBundle(ctx, alice, [
      listItem(alice, { removedIndices: [1] }, true),
      removeItem(alice, client("bob"), true),
      listItem(alice, { addedParticipants: [{ user: DAVE, roleIndex: 2 }] }, true),
    ]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf([[ALICE, 3], [CAROL, 2], [ERIN, 2], [FRANK, 1], [DAVE, 2]]));
    expect(verdict.ok && verdict.blocks).toEqual([BOB]);
  });
});
