import { describe, expect, it } from "vitest";
import { checkCommit } from "../../impl/room/commit-check.js";
import { ALICE, BOB, CAROL, client, commitOf, context, COOPERATIVE_MEMBERS, cooperativeRoom, ERIN, FRANK, listItem, listOf, memberActor, removeItem } from "./helpers.js";

const room = cooperativeRoom();
const ctx = context(room, COOPERATIVE_MEMBERS);
const alice = memberActor(client("alice"));
const carol = memberActor(client("carol"));

describe("R17 authority of proposals committed by reference", () => {
  const ban = (proposer: typeof alice, byReference: boolean) => [
    listItem(proposer, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 1 }] }, byReference),
    removeItem(proposer, client("bob"), byReference),
  ];
  const bobBanned = [[ALICE, 3], [BOB, 1], [CAROL, 2], [ERIN, 2], [FRANK, 1]] as const;

  it("lets a committer without canBan commit an admin's ban by reference", () => {
    const verdict = checkCommit(ctx, commitOf(room, carol, ban(alice, true), bobBanned));
    expect(verdict.ok && verdict.effects.bannedUsers).toEqual([BOB]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(bobBanned));
    expect(verdict.ok && verdict.effects.actions[0]).toMatchObject({ actor: alice, authorised: false, byReference: true });
  });

  it("judges the same ban by value against the committer", () => {
    expect(checkCommit(ctx, commitOf(room, carol, ban(carol, false), bobBanned))).toMatchObject({ ok: false, rule: "R7", reason: expect.stringContaining("canBan") });
  });

  it("still judges the committer's own by-value actions next to by-reference ones", () => {
    const items = [...ban(alice, true), removeItem(carol, client("alice", "2"))];
    expect(checkCommit(ctx, commitOf(room, carol, items, bobBanned))).toMatchObject({ ok: false, rule: "R6", reason: expect.stringContaining("canKick") });
  });
});
