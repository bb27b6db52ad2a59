// checkCommit on commit descriptions shaped like the ones impl/mls/describe-commit.ts builds.
import { describe, expect, it } from "vitest";
import { checkCommit } from "../../impl/room/commit-check.js";
import type { CommitItem } from "../../impl/room/commit-item.js";
import { RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import {
  addItem, ALICE, BOB, CAROL, client, commitOf, context, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK,
  gceWithList, listItem, listOf, memberActor, removeItem, roomOf,
} from "./helpers.js";

const room = cooperativeRoom(); // alice 3, bob 2, carol 2, erin 2, frank 1, at indexes 0–4
// Expected lists, written out from the draft's update semantics (protocol §7.5).
const WITH_DAVE = [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1], [DAVE, 2]] as const;
const ctx = context(room, COOPERATIVE_MEMBERS);
const alice = memberActor(client("alice"));
const bob = memberActor(client("bob"));
const carol = memberActor(client("carol"));

describe("commit check: adding a user with its clients (R3)", () => {
  it("accepts the listing and the Adds in one commit, and reports the new room and members", () => {
    const verdict = checkCommit(ctx, commitOf(room, bob, [
      listItem(bob, { addedParticipants: [{ user: DAVE, roleIndex: 2 }] }),
      addItem(bob, client("dave")),
      addItem(bob, client("dave", "2")),
    ], WITH_DAVE));
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.nextRoom.participants).toEqual(listOf(WITH_DAVE));
    expect(verdict.nextMembers.map((m) => m.client)).toContain(client("dave", "2"));
    expect(verdict.effects.addedUsers).toEqual([DAVE]);
    expect(verdict.effects.addedClients).toHaveLength(2);
    expect(verdict.effects.actions[0]).toMatchObject({ action: { kind: "addParticipant", withClients: true }, authorised: true });
  });

  it("accepts the Add before the list change in commit order (both are in the same commit)", () => {
    const verdict = checkCommit(ctx, commitOf(room, bob, [addItem(bob, client("dave")), listItem(bob, { addedParticipants: [{ user: DAVE, roleIndex: 2 }] })], WITH_DAVE));
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(WITH_DAVE));
  });

  it("refuses an Add for a user who is not listed", () => {
    expect(checkCommit(ctx, commitOf(room, bob, [addItem(bob, client("dave"))]))).toMatchObject({ ok: false, code: "notAllowed", rule: "R3" });
  });

  it("refuses an Add for another listed user's client (only its own user adds it later)", () => {
    expect(checkCommit(ctx, commitOf(room, bob, [addItem(bob, client("erin"))]))).toMatchObject({ ok: false, rule: "R3" });
  });

  it("refuses clients for a user listed in a role that allows none", () => {
    const r = roomOf(RESTRICTED_ROLES, [[ALICE, 3]]);
    const c = context(r, membersOfClients([client("alice")]));
    const withObserver = [[ALICE, 3], [DAVE, 4]] as const;
    const listed = checkCommit(c, commitOf(r, alice, [listItem(alice, { addedParticipants: [{ user: DAVE, roleIndex: 4 }] })], withObserver));
    expect(listed.ok && listed.nextRoom.participants).toEqual(listOf(withObserver));
    expect(checkCommit(c, commitOf(r, alice, [listItem(alice, { addedParticipants: [{ user: DAVE, roleIndex: 4 }] }), addItem(alice, client("dave"))], withObserver)))
      .toMatchObject({ ok: false, rule: "R3", reason: expect.stringContaining("maximum active 0") });
  });

  it("lets a member Add another client of its own user (canAddOwnClient)", () => {
    const verdict = checkCommit(ctx, commitOf(room, bob, [addItem(bob, client("bob", "2"))]));
    expect(verdict.ok && verdict.effects.actions.map((a) => a.action.kind)).toEqual(["addOwnClient"]);
  });
});

describe("commit check: removing a user (R5)", () => {
  const twoCarols = [...COOPERATIVE_MEMBERS, ...membersOfClients([client("carol", "2")])];
  const c = context(room, twoCarols);
  const withoutCarol = [[ALICE, 3], [BOB, 2], [ERIN, 2], [FRANK, 1]] as const;

  it("accepts the delisting with the Remove of every client of the user", () => {
    const verdict = checkCommit(c, commitOf(room, bob, [listItem(bob, { removedIndices: [2] }), removeItem(bob, client("carol")), removeItem(bob, client("carol", "2"))], withoutCarol));
    expect(verdict.ok && verdict.effects.removedUsers).toEqual([CAROL]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(withoutCarol));
  });

  it("refuses a delisting that leaves one of the user's clients in the group", () => {
    expect(checkCommit(c, commitOf(room, bob, [listItem(bob, { removedIndices: [2] }), removeItem(bob, client("carol"))], withoutCarol)))
      .toMatchObject({ ok: false, code: "notAllowed", rule: "R5", reason: expect.stringContaining(client("carol", "2")) });
  });

  it("refuses a Remove of a client that is not a member", () => {
    expect(checkCommit(c, commitOf(room, bob, [removeItem(bob, client("dave"))]))).toMatchObject({ ok: false, code: "invalidProposal" });
  });
});

describe("commit check: ban (R7)", () => {
  const bobBanned = [[ALICE, 3], [BOB, 1], [CAROL, 2], [ERIN, 2], [FRANK, 1]] as const;
  const carolBanned = [[ALICE, 3], [BOB, 2], [CAROL, 1], [ERIN, 2], [FRANK, 1]] as const;
  const frankUnbanned = [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 2]] as const;

  it("accepts role → 1 together with the Remove of all the user's clients", () => {
    const verdict = checkCommit(ctx, commitOf(room, alice, [listItem(alice, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 1 }] }), removeItem(alice, client("bob"))], bobBanned));
    expect(verdict.ok && verdict.effects.bannedUsers).toEqual([BOB]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(bobBanned));
    expect(verdict.ok && verdict.nextMembers.some((m) => m.user === BOB)).toBe(false);
  });

  it("refuses a ban that keeps the user's clients", () => {
    expect(checkCommit(ctx, commitOf(room, alice, [listItem(alice, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 1 }] })], bobBanned))).toMatchObject({ ok: false, rule: "R7" });
  });

  it("refuses a ban by an ordinary user", () => {
    expect(checkCommit(ctx, commitOf(room, bob, [listItem(bob, { changedRoleParticipants: [{ userIndex: 2, roleIndex: 1 }] }), removeItem(bob, client("carol"))], carolBanned)))
      .toMatchObject({ ok: false, rule: "R7", reason: expect.stringContaining("canBan") });
  });

  it("classifies 1 → other role as an unban, which brings no client back", () => {
    const verdict = checkCommit(ctx, commitOf(room, alice, [listItem(alice, { changedRoleParticipants: [{ userIndex: 4, roleIndex: 2 }] })], frankUnbanned));
    expect(verdict.ok && verdict.effects.unbannedUsers).toEqual([FRANK]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(frankUnbanned));
    expect(checkCommit(ctx, commitOf(room, alice, [listItem(alice, { changedRoleParticipants: [{ userIndex: 4, roleIndex: 2 }] }), addItem(alice, client("frank"))], frankUnbanned)))
      .toMatchObject({ ok: false, rule: "R3" });
  });
});

describe("commit check: kick (R6) and own-client removal", () => {
  it("accepts Removes of all of another user's clients with no list change as a kick", () => {
    const verdict = checkCommit(ctx, commitOf(room, alice, [removeItem(alice, client("bob"))]));
    expect(verdict.ok && verdict.effects.kickedUsers).toEqual([BOB]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(room.participants);
  });

  it("refuses a kick of only some of the user's clients", () => {
    const c = context(room, [...COOPERATIVE_MEMBERS, ...membersOfClients([client("bob", "2")])]);
    expect(checkCommit(c, commitOf(room, alice, [removeItem(alice, client("bob"))]))).toMatchObject({ ok: false, rule: "R6", reason: expect.stringContaining("all its clients") });
  });

  it("refuses a kick by a role without canKick", () => {
    expect(checkCommit(ctx, commitOf(room, bob, [removeItem(bob, client("carol"))]))).toMatchObject({ ok: false, rule: "R6", reason: expect.stringContaining("canKick") });
  });

  it("lets a member remove another client of its own user, but not itself", () => {
    const verdict = checkCommit(ctx, commitOf(room, alice, [removeItem(alice, client("alice", "2"))]));
    expect(verdict.ok && verdict.effects.actions.map((a) => a.action)).toEqual([{ kind: "removeOwnClient", leavesUserInactive: false }]);
    expect(checkCommit(ctx, commitOf(room, alice, [removeItem(alice, client("alice"))]))).toMatchObject({ ok: false, code: "invalidProposal" });
  });
});

describe("commit check: evolving state within one commit", () => {
  const sam = memberActor(client("sam"));
  const withSam = cooperativeRoom([[user("sam"), 4]]);
  const c = context(withSam, [...COOPERATIVE_MEMBERS, ...membersOfClients([client("sam")])]);
  function user(id: string) {
    return `mimi://a.example/u/${id}`;
  }

  it("judges a later action on the state the earlier ones left", () => {
    // Promoting bob first lets alice, the only admin, be demoted afterwards.
    const promoteThenDemote = [
      listItem(sam, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }] }),
      listItem(sam, { changedRoleParticipants: [{ userIndex: 0, roleIndex: 2 }] }),
    ];
    const swapped = [[ALICE, 2], [BOB, 3], [CAROL, 2], [ERIN, 2], [FRANK, 1], [user("sam"), 4]] as const;
    const verdict = checkCommit(c, commitOf(withSam, sam, promoteThenDemote, swapped));
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(swapped));
    expect(checkCommit(c, commitOf(withSam, sam, [...promoteThenDemote].reverse(), swapped))).toMatchObject({ ok: false, rule: "R9", reason: expect.stringContaining("minimum 1") });
  });
});

describe("commit check: GroupContextExtensions must mirror the list change", () => {
  const items: CommitItem[] = [listItem(bob, { addedParticipants: [{ user: DAVE, roleIndex: 2 }] })];

  it("refuses a participant-list update without a GCE", () => {
    expect(checkCommit(ctx, { committer: bob, items })).toMatchObject({ ok: false, code: "invalidProposal", rule: "R13" });
  });

  it("refuses a GCE whose list differs from the one the updates produce", () => {
    const gce = gceWithList(room, bob, WITH_DAVE);
    const wrong = { ...gce, participantList: { participants: [...room.participants.participants, { user: DAVE, roleIndex: 3 }] } };
    expect(checkCommit(ctx, { committer: bob, items: [...items, wrong] })).toMatchObject({ ok: false, code: "invalidProposal", rule: "R13" });
  });

  it("refuses a GCE that also changes other extensions or the roles", () => {
    const gce = gceWithList(room, bob, WITH_DAVE);
    expect(checkCommit(ctx, { committer: bob, items: [...items, { ...gce, otherExtensionsChanged: true }] })).toMatchObject({ ok: false, code: "invalidProposal" });
    const roles = { roles: room.roles.roles.slice(0, 5) };
    expect(checkCommit(ctx, { committer: bob, items: [...items, { ...gce, roles }] })).toMatchObject({ ok: false, code: "invalidProposal", reason: expect.stringContaining("roles_list") });
  });

  it("refuses two GCEs", () => {
    const gce = gceWithList(room, bob, WITH_DAVE);
    expect(checkCommit(ctx, { committer: bob, items: [...items, gce, gce] })).toMatchObject({ ok: false, code: "invalidProposal" });
  });

  it("refuses a GCE that changes the list without a ParticipantListUpdate", () => {
    const gce = gceWithList(room, bob, WITH_DAVE);
    expect(checkCommit(ctx, { committer: bob, items: [gce] })).toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });

  it("accepts a GCE that changes nothing, and an empty commit (self-update, R15)", () => {
    const unchanged = [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1]] as const;
    expect(checkCommit(ctx, { committer: bob, items: [gceWithList(room, bob, unchanged)] }).ok).toBe(true);
    expect(checkCommit(ctx, { committer: bob, items: [] }).ok).toBe(true);
  });
});

describe("commit check: external commits (R4)", () => {
  const join = (id: string) => {
    const joiner = { kind: "newMember" as const, client: client(id), user: `mimi://a.example/u/${id}` };
    return { committer: joiner, items: [{ kind: "externalInit" as const, client: joiner.client, user: joiner.user }] };
  };

  it("accepts an inactive listed user joining with canAddOwnClient", () => {
    const verdict = checkCommit(ctx, join("erin"));
    expect(verdict.ok && verdict.nextMembers.map((m) => m.user)).toContain(ERIN);
  });

  it("refuses a banned user, a non-listed user and a blocked user", () => {
    expect(checkCommit(ctx, join("frank"))).toMatchObject({ ok: false, code: "notAllowed", rule: "R4", reason: expect.stringContaining("banned") });
    expect(checkCommit(ctx, join("dave"))).toMatchObject({ ok: false, rule: "R4", reason: expect.stringContaining("not listed") });
    expect(checkCommit(context(room, COOPERATIVE_MEMBERS, [ERIN]), join("erin"))).toMatchObject({ ok: false, rule: "R4", reason: expect.stringContaining("blocked") });
  });

  it("refuses an external commit that changes the list or lacks its ExternalInit", () => {
    const base = join("dave");
    const selfListing = listItem(base.committer, { addedParticipants: [{ user: DAVE, roleIndex: 2 }] });
    expect(checkCommit(ctx, { ...base, items: [...base.items, selfListing] })).toMatchObject({ ok: false, rule: "R4" });
    expect(checkCommit(ctx, { ...base, items: [] })).toMatchObject({ ok: false, code: "invalidProposal" });
  });

  it("accepts a resync: the joiner removes its own old leaf", () => {
    const base = join("bob");
    const resync = { kind: "remove" as const, client: client("bob"), user: BOB, proposer: base.committer, byReference: false };
    expect(checkCommit(ctx, { ...base, items: [...base.items, resync] }).ok).toBe(true);
  });
});

describe("commit check: unknown proposals", () => {
  it("refuses a proposal type the room does not use", () => {
    expect(checkCommit(ctx, { committer: carol, items: [{ kind: "unknown", proposalType: 5, proposer: carol }] })).toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });
});
