import { describe, expect, it } from "vitest";
import { checkCommit, checkProposalBundle } from "../../impl/room/commit-check.js";
import { RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import {
  ALICE, BOB, client, commitOf, context, COOPERATIVE_MEMBERS, cooperativeRoom, ERIN, HUB, listItem, memberActor, policy, removeItem, roomOf,
} from "./helpers.js";

const room = cooperativeRoom();
const bob = memberActor(client("bob"));
const carol = memberActor(client("carol"));
const ctx = context(room, COOPERATIVE_MEMBERS);
// Bob's leave bundle as describeProposal reports it: every item by reference, proposed by bob's client.
const leaveBundle = [listItem(bob, { removedIndices: [1] }, true), removeItem(bob, client("bob"), true)];

describe("R10 leave (canRemoveSelf): the policy", () => {
  it("lets an ordinary user leave", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, { kind: "leave" }))).toEqual({ ok: true });
  });

  it("refuses the last admin and a role without canRemoveSelf", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ALICE, { kind: "leave" }))).toMatchObject({ ok: false, rule: "R10", reason: expect.stringContaining("minimum 1") });
    const r = roomOf(RESTRICTED_ROLES, [[ALICE, 3], [BOB, 2]]);
    expect(authorize(policy(r, [], BOB, { kind: "leave" }))).toMatchObject({ ok: false, rule: "R10", reason: expect.stringContaining("canRemoveSelf") });
  });
});

describe("R10 leave bundle (same-commit leave order)", () => {
  it("accepts delisting self plus the Remove of every own client, and blocks the user", () => {
    const verdict = checkProposalBundle(ctx, bob, leaveBundle);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.blocks).toEqual([BOB]);
    expect(verdict.effects.leftUsers).toEqual([BOB]);
    expect(verdict.nextRoom.participants.participants.some((p) => p.user === BOB)).toBe(false);
    expect(verdict.nextMembers.some((m) => m.user === BOB)).toBe(false);
  });

  it("refuses a leave bundle that keeps one of the user's clients", () => {
    const c = context(room, [...COOPERATIVE_MEMBERS, ...membersOfClients([client("bob", "2")])]);
    expect(checkProposalBundle(c, bob, leaveBundle)).toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
  });

  it("needs the Remove of the leaver's client next to its delisting", () => {
    const c = context(room, [...COOPERATIVE_MEMBERS, ...membersOfClients([client("erin")])]);
    const erin = memberActor(client("erin"));
    expect(checkProposalBundle(c, erin, [listItem(erin, { removedIndices: [3] }, true)])).toMatchObject({ ok: false, rule: "R10" });
    expect(checkProposalBundle(c, erin, [listItem(erin, { removedIndices: [3] }, true), removeItem(erin, client("erin"), true)]).ok).toBe(true);
  });

  it("refuses a bundle whose items come from different senders", () => {
    expect(checkProposalBundle(ctx, bob, [leaveBundle[0], removeItem(carol, client("bob"), true)])).toMatchObject({ ok: false, code: "invalidProposal" });
  });

  it("lets another member commit the leave by reference", () => {
    const verdict = checkCommit(ctx, commitOf(room, carol, leaveBundle));
    expect(verdict.ok && verdict.effects.leftUsers).toEqual([BOB]);
    expect(verdict.ok && verdict.effects.actions.every((a) => !a.authorised)).toBe(true);
  });

  it("refuses the leaver committing its own leave", () => {
    expect(checkCommit(ctx, commitOf(room, bob, [listItem(bob, { removedIndices: [1] })]))).toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
    // With the Remove of its own leaf the commit is not even valid MLS (RFC 9420: no self-removal).
    const withOwnLeaf = [listItem(bob, { removedIndices: [1] }), removeItem(bob, client("bob"))];
    expect(checkCommit(ctx, commitOf(room, bob, withOwnLeaf))).toMatchObject({ ok: false, code: "invalidProposal" });
  });

  it("refuses a commit that includes the delisting but not the Remove of the leaver's client", () => {
    expect(checkCommit(ctx, commitOf(room, carol, [leaveBundle[0]]))).toMatchObject({ ok: false, rule: "R10" });
  });
});

describe("R12 clients-first leave order", () => {
  const clientsFirst = context(room, COOPERATIVE_MEMBERS, [], { leaveOrder: "clients-first" });

  it("accepts the Removes of all own clients as the leave, blocking the user but keeping it listed", () => {
    const verdict = checkProposalBundle(clientsFirst, bob, [removeItem(bob, client("bob"), true)]);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.blocks).toEqual([BOB]);
    expect(verdict.effects.leftUsers).toEqual([BOB]);
    expect(verdict.nextRoom.participants).toEqual(room.participants);
  });

  it("takes the leave order from the options too", () => {
    const verdict = checkProposalBundle(ctx, bob, [removeItem(bob, client("bob"), true)], { leaveOrder: "clients-first" });
    expect(verdict.ok && verdict.blocks).toEqual([BOB]);
    // In the same-commit order the same bundle only drops bob's clients: no leave, no block.
    const sameCommit = checkProposalBundle(ctx, bob, [removeItem(bob, client("bob"), true)]);
    expect(sameCommit.ok && sameCommit.blocks).toEqual([]);
  });

  it("still needs canRemoveSelf and the minimums", () => {
    const c = context(room, COOPERATIVE_MEMBERS, [], { leaveOrder: "clients-first" });
    const alice = memberActor(client("alice"));
    expect(checkProposalBundle(c, alice, [removeItem(alice, client("alice"), true), removeItem(alice, client("alice", "2"), true)]))
      .toMatchObject({ ok: false, rule: "R10" });
  });

  it("refuses a self-delisting from the user: the hub delists", () => {
    expect(checkProposalBundle(clientsFirst, bob, leaveBundle)).toMatchObject({ ok: false, rule: "R12" });
  });

  it("lets the hub propose the delisting of the leaver once its clients are gone, and nothing else", () => {
    const afterClients = context(room, COOPERATIVE_MEMBERS.filter((m) => m.user !== BOB), [BOB], { leaveOrder: "clients-first" });
    const hub = { kind: "hub" as const };
    const delist = checkProposalBundle(afterClients, hub, [listItem(hub, { removedIndices: [1] }, true)]);
    expect(delist.ok && delist.effects.removedUsers).toEqual([BOB]);
    expect(checkProposalBundle(afterClients, hub, [listItem(hub, { removedIndices: [2] }, true)])).toMatchObject({ ok: false, rule: "R12" });
    expect(checkProposalBundle(afterClients, hub, [removeItem(hub, client("carol"), true)])).toMatchObject({ ok: false, rule: "R12" });
  });

  it("with a hub user, authorises the hub's proposals with that user's role", () => {
    const withEnforcer = cooperativeRoom([[HUB, 5]]);
    const c = context(withEnforcer, COOPERATIVE_MEMBERS, [], { hubUser: HUB });
    const hub = { kind: "hub" as const };
    // The policy_enforcer may remove an ordinary user (entry 2 → 0), here inactive erin, but may not add.
    const erinRemoved = checkProposalBundle(c, hub, [listItem(hub, { removedIndices: [3] }, true)]);
    expect(erinRemoved.ok && erinRemoved.effects.removedUsers).toEqual([ERIN]);
    expect(checkProposalBundle(c, hub, [listItem(hub, { addedParticipants: [{ user: "mimi://a.example/u/zed", roleIndex: 2 }] }, true)]))
      .toMatchObject({ ok: false, rule: "R3" });
  });
});
