// Decision on digest §8 q.15 (docs/rules.md): every participant-list update of an epoch, by value or by
// reference, indexes the committed list; a commit applies them merged. A bundle is judged after the
// proposals the hub already accepted (`pending`), against the live state they make.
import { describe, expect, it } from "vitest";
import { checkCommit, checkProposalBundle } from "../../impl/room/commit-check.js";
import { liveRoom } from "../../impl/room/live-room.js";
import {
  ALICE, BOB, CAROL, client, commitOf, context, COOPERATIVE_MEMBERS, cooperativeRoom, ERIN, FRANK, listItem, listOf, memberActor, removeItem,
} from "./helpers.js";

const room = cooperativeRoom(); // alice 0, bob 1, carol 2, erin 3, frank 4
const alice = memberActor(client("alice"));
const bob = memberActor(client("bob"));
const carol = memberActor(client("carol"));
const bobLeaves = [listItem(bob, { removedIndices: [1] }, true), removeItem(bob, client("bob"), true)];

describe("participant-list indices point into the committed list", () => {
  it("reads a second update's index in the committed list, not in the list the first one left", () => {
    // Index 3 of the committed list is erin; read in the list bob's removal leaves, it would be frank.
    const withoutBobAndErin = [[ALICE, 3], [CAROL, 2], [FRANK, 1]] as const;
    const verdict = checkCommit(context(room, COOPERATIVE_MEMBERS), commitOf(room, carol, [
      ...bobLeaves,
      listItem(carol, { removedIndices: [3] }),
    ], withoutBobAndErin));
    expect(verdict.ok && verdict.effects.removedUsers).toEqual([ERIN]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(withoutBobAndErin));
  });

  it("builds the hub-live state by merging the pending updates", () => {
    const live = liveRoom(context(room, COOPERATIVE_MEMBERS), [...bobLeaves, listItem(alice, { removedIndices: [3] }, true)]);
    expect(live.room.participants).toEqual(listOf([[ALICE, 3], [CAROL, 2], [FRANK, 1]]));
    expect(live.members.some((m) => m.user === BOB)).toBe(false);
  });
});

describe("a bundle after pending proposals", () => {
  const withPending = context(room, COOPERATIVE_MEMBERS, [BOB], { pending: bobLeaves });

  it("indexes the committed list and reports only its own effects", () => {
    const verdict = checkProposalBundle(withPending, alice, [listItem(alice, { removedIndices: [3] }, true)]);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.effects.removedUsers).toEqual([ERIN]);
    expect(verdict.effects.leftUsers).toEqual([]);
    expect(verdict.blocks).toEqual([ERIN]);
    expect(verdict.nextRoom.participants).toEqual(listOf([[ALICE, 3], [CAROL, 2], [FRANK, 1]]));
  });

  it("refuses touching a user a pending proposal touches (R13)", () => {
    expect(checkProposalBundle(withPending, alice, [listItem(alice, { changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }] }, true)]))
      .toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });

  it("authorises against the live state the pending proposals make", () => {
    const promoteCarol = listItem(alice, { changedRoleParticipants: [{ userIndex: 2, roleIndex: 3 }] }, true);
    const kickBob = [removeItem(carol, client("bob"), true)];
    // Carol is ordinary in the committed state, an admin once the pending promotion counts.
    expect(checkProposalBundle(context(room, COOPERATIVE_MEMBERS), carol, kickBob)).toMatchObject({ ok: false, rule: "R6" });
    const verdict = checkProposalBundle(context(room, COOPERATIVE_MEMBERS, [], { pending: [promoteCarol] }), carol, kickBob);
    expect(verdict.ok && verdict.effects.kickedUsers).toEqual([BOB]);
  });

  it("refuses a proposer whose client a pending proposal already removes", () => {
    const kicked = context(room, COOPERATIVE_MEMBERS, [], { pending: [removeItem(alice, client("bob"), true)] });
    expect(checkProposalBundle(kicked, bob, [removeItem(bob, client("bob"), true)])).toMatchObject({ ok: false, rule: "R2" });
  });
});
