import { describe, expect, it } from "vitest";
import { checkCommit, checkProposalBundle } from "../../impl/room/commit-check.js";
import { RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import type { CommitItem } from "../../impl/room/commit-item.js";
import type { Entries } from "./helpers.js";
import {
  ALICE, BOB, CAROL, client, commitOf, context, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, FRANK, HUB, listItem, listOf, memberActor, policy, removeItem, roomOf,
} from "./helpers.js";

const room = cooperativeRoom();
const bob = memberActor(client("bob"));
const carol = memberActor(client("carol"));
const ctx = context(room, COOPERATIVE_MEMBERS);
// Bob's leave bundle as describeProposal reports it: every item by reference, proposed by bob's client.
const leaveBundle = [listItem(bob, { removedIndices: [1] }, true), removeItem(bob, client("bob"), true)];
// The list once bob's entry (index 1) is gone.
const WITHOUT_BOB = [[ALICE, 3], [CAROL, 2], [ERIN, 2], [FRANK, 1]] as const;

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
    expect(verdict.nextRoom.participants).toEqual(listOf(WITHOUT_BOB));
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
    const verdict = checkCommit(ctx, commitOf(room, carol, leaveBundle, WITHOUT_BOB));
    expect(verdict.ok && verdict.effects.leftUsers).toEqual([BOB]);
    expect(verdict.ok && verdict.nextRoom.participants).toEqual(listOf(WITHOUT_BOB));
    expect(verdict.ok && verdict.effects.actions.every((a) => !a.authorised)).toBe(true);
  });

  it("refuses the leaver committing its own leave", () => {
    expect(checkCommit(ctx, commitOf(room, bob, [listItem(bob, { removedIndices: [1] })], WITHOUT_BOB))).toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
    // With the Remove of its own leaf the commit is not even valid MLS (RFC 9420: no self-removal).
    const withOwnLeaf = [listItem(bob, { removedIndices: [1] }), removeItem(bob, client("bob"))];
    expect(checkCommit(ctx, commitOf(room, bob, withOwnLeaf, WITHOUT_BOB))).toMatchObject({ ok: false, code: "invalidProposal" });
  });

  it("refuses a commit that includes the delisting but not the Remove of the leaver's client", () => {
    expect(checkCommit(ctx, commitOf(room, carol, [leaveBundle[0]], WITHOUT_BOB))).toMatchObject({ ok: false, rule: "R10" });
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

  it("takes the hub's delisting only of a leaver it holds blocked: not of another participant without clients, nor of a banned one (M13)", () => {
    const afterClients = (more: Parameters<typeof context>[3] = {}) => context(room, COOPERATIVE_MEMBERS.filter((m) => m.user !== BOB), [BOB], { leaveOrder: "clients-first", ...more });
    const hub = { kind: "hub" as const };
    const delisting = (index: number, more: Parameters<typeof context>[3] = {}) => checkProposalBundle(afterClients(more), hub, [listItem(hub, { removedIndices: [index] }, true)]);
    // erin (index 3) is listed without clients and did not leave; frank (index 4) is banned.
    expect(delisting(3)).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    expect(delisting(4)).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    // A client that joined in this epoch never saw bob's leave: it cannot tell bob from erin, but keeps the ban.
    expect(delisting(1, { hubDelisting: "unbanned" }).ok).toBe(true);
    expect(delisting(3, { hubDelisting: "unbanned" }).ok).toBe(true);
    expect(delisting(4, { hubDelisting: "unbanned" })).toMatchObject({ ok: false, rule: "R12" });
    // The planted defect (looseHubDelisting): any participant without clients, the banned one too.
    expect(delisting(4, { hubDelisting: "any" }).ok).toBe(true);
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

describe("R12: a leaving user is not the target of anyone else's removal, ban or role change (D4)", () => {
  const alice = memberActor(client("alice"));
  const role = (userIndex: number, roleIndex: number) => ({ changedRoleParticipants: [{ userIndex, roleIndex }] });
  // Bob's clients-first leave, accepted this epoch: his Removes are pending, he is blocked and still listed.
  const bobClientsLeave = [removeItem(bob, client("bob"), true)];
  const leaving = context(room, COOPERATIVE_MEMBERS, [BOB], { leaveOrder: "clients-first", pending: bobClientsLeave });

  it("refuses a role change, a ban or a delisting of the leaver proposed after its leave", () => {
    expect(checkProposalBundle(leaving, alice, [listItem(alice, role(1, 3), true)])).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    expect(checkProposalBundle(leaving, alice, [listItem(alice, role(1, 1), true)])).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    expect(checkProposalBundle(leaving, alice, [listItem(alice, { removedIndices: [1] }, true)]))
      .toMatchObject({ ok: false, code: "notAllowed", rule: "R12", reason: expect.stringContaining("leaving") });
    // An ordinary user may delist an ordinary user (entry 2 → 0), but not one who is leaving.
    expect(checkProposalBundle(leaving, carol, [listItem(carol, { removedIndices: [1] }, true)])).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    // The others stay targets as usual.
    expect(checkProposalBundle(leaving, alice, [listItem(alice, role(2, 3), true)]).ok).toBe(true);
  });

  it("refuses the same by value in a commit that carries the leave by reference", () => {
    const committed = context(room, COOPERATIVE_MEMBERS, [BOB], { leaveOrder: "clients-first" });
    const by = (items: CommitItem[], expected: Entries) => checkCommit(committed, commitOf(room, alice, [...bobClientsLeave, ...items], expected));
    expect(by([listItem(alice, role(1, 3))], [[ALICE, 3], [BOB, 3], [CAROL, 2], [ERIN, 2], [FRANK, 1]])).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    expect(by([listItem(alice, role(1, 1))], [[ALICE, 3], [BOB, 1], [CAROL, 2], [ERIN, 2], [FRANK, 1]])).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    expect(by([listItem(alice, { removedIndices: [1] })], WITHOUT_BOB)).toMatchObject({ ok: false, code: "notAllowed", rule: "R12" });
    const carolPromoted = [[ALICE, 3], [BOB, 2], [CAROL, 3], [ERIN, 2], [FRANK, 1]] as const;
    const promoted = by([listItem(alice, role(2, 3))], carolPromoted);
    expect(promoted.ok && promoted.nextRoom.participants).toEqual(listOf(carolPromoted));
  });

  it("same-commit: the leaver's delisting is already pending, so a second update of it is refused as touching it twice", () => {
    const sameCommitLeaving = context(room, COOPERATIVE_MEMBERS, [BOB], { pending: leaveBundle });
    expect(checkProposalBundle(sameCommitLeaving, alice, [listItem(alice, role(1, 3), true)])).toMatchObject({ ok: false, code: "notAllowed" });
  });
});

describe("minimum constraints do not count leaving users (D5)", () => {
  // Two group_admins (minimum 1): alice (clients 1 and 2) and dave (client 1, index 5).
  const twoAdmins = cooperativeRoom([[DAVE, 3]]);
  const members = [...COOPERATIVE_MEMBERS, ...membersOfClients([client("dave")])];
  const alice = memberActor(client("alice"));
  const dave = memberActor(client("dave"));
  const aliceClientsLeave = [removeItem(alice, client("alice"), true), removeItem(alice, client("alice", "2"), true)];
  const daveClientsLeave = [removeItem(dave, client("dave"), true)];

  it("clients-first: one admin may leave, but not the second while the first's clients-only leave is pending", () => {
    const calm = context(twoAdmins, members, [], { leaveOrder: "clients-first" });
    expect(checkProposalBundle(calm, dave, daveClientsLeave).ok).toBe(true);
    expect(checkProposalBundle(calm, alice, aliceClientsLeave).ok).toBe(true);

    const aliceLeaving = context(twoAdmins, members, [ALICE], { leaveOrder: "clients-first", pending: aliceClientsLeave });
    expect(checkProposalBundle(aliceLeaving, dave, daveClientsLeave))
      .toMatchObject({ ok: false, code: "notAllowed", rule: "R10", reason: expect.stringContaining("below its minimum 1") });
    // The pending Removes alone leave alice listed; only her being blocked (leaving) keeps her out of the count.
    expect(checkProposalBundle({ ...aliceLeaving, blocked: new Set() }, dave, daveClientsLeave).ok).toBe(true);

    // The other order.
    const daveLeaving = context(twoAdmins, members, [DAVE], { leaveOrder: "clients-first", pending: daveClientsLeave });
    expect(checkProposalBundle(daveLeaving, alice, aliceClientsLeave)).toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
  });

  it("clients-first: also once the first admin's clients are gone and only the hub's delisting is pending", () => {
    const hub = { kind: "hub" as const };
    const withoutAlice = members.filter((m) => m.user !== ALICE);
    const delisting = context(twoAdmins, withoutAlice, [ALICE], { leaveOrder: "clients-first", pending: [listItem(hub, { removedIndices: [0] }, true)] });
    expect(checkProposalBundle(delisting, dave, daveClientsLeave)).toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
    // Before the hub proposes the delisting (alice listed without clients, blocked), the same.
    const beforeProposal = context(twoAdmins, withoutAlice, [ALICE], { leaveOrder: "clients-first" });
    expect(checkProposalBundle(beforeProposal, dave, daveClientsLeave)).toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
  });

  it("same-commit: the second admin's leave is refused in either order", () => {
    const aliceLeave = [listItem(alice, { removedIndices: [0] }, true), ...aliceClientsLeave];
    const daveLeave = [listItem(dave, { removedIndices: [5] }, true), ...daveClientsLeave];
    expect(checkProposalBundle(context(twoAdmins, members), dave, daveLeave).ok).toBe(true);
    expect(checkProposalBundle(context(twoAdmins, members, [ALICE], { pending: aliceLeave }), dave, daveLeave))
      .toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
    expect(checkProposalBundle(context(twoAdmins, members, [DAVE], { pending: daveLeave }), alice, aliceLeave))
      .toMatchObject({ ok: false, code: "notAllowed", rule: "R10" });
  });
});
