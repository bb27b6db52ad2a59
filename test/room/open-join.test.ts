// Open join on real MLS (room-policy §8.1.1 canOpenJoin; docs/rules.md R4 "Open join"): an unlisted
// user's /groupInfo request makes the hub list it by its own proposal, which every client judges; a member
// commits it; then the user's client joins by external commit. Expected outcomes are the draft's.
import { describe, expect, it } from "vitest";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { PUBLIC_CREATOR_ROLE, PUBLIC_ROLE, PUBLIC_ROLES } from "../../impl/room/fixtures/public-room.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import type { RoleData } from "../../impl/codec/roles.js";
import type { HubConfig } from "../../impl/hub/hub-config.js";

const ROOM = "mimi://a.example/r/lobby";
const ALICE = "mimi://a.example/u/alice";
const BOB = "mimi://b.example/u/bob";
const CATHY = "mimi://c.example/u/cathy";

async function lobby(roles: RoleData, creatorRole: number, hubConfig?: HubConfig) {
  const cs = await cipherSuite(process.env.MIMI_PROVIDER === "default" ? "default" : "node");
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, hubConfig });
  const alice = system.addClient("mimi://a.example/d/alice/phone");
  const bob = system.addClient("mimi://b.example/d/bob/phone");
  const cathy = system.addClient("mimi://c.example/d/cathy/laptop");
  await system.createRoom(ROOM, alice, roles, creatorRole);
  return { system, alice, bob, cathy };
}

const listed = (system: MimiSystem) => system.hub.snapshot(ROOM)!.committed.participants.participants.map((p) => [p.user, p.roleIndex]);

describe("open join (R4, canOpenJoin)", () => {
  it("lists the requester in role 0's target role by the hub's proposal, committed before its client joins", async () => {
    const { system, alice, bob } = await lobby(PUBLIC_ROLES, PUBLIC_CREATOR_ROLE);
    expect(await bob.askToOpenJoin(ROOM)).toMatchObject({ code: "success" });
    // Pending at the hub, not committed; Alice's client took the hub's proposal without refusing it.
    expect(system.hub.snapshot(ROOM)).toMatchObject({ epoch: 0n, pending: 1, blocked: [] });
    expect(listed(system)).toEqual([[ALICE, PUBLIC_ROLE.admin]]);
    expect(alice.refusals).toEqual([]);
    // Bob's client cannot come in before the listing is committed (its external commit cannot carry it).
    expect(await bob.joinByExternalCommit(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system)).toEqual([[ALICE, PUBLIC_ROLE.admin], [BOB, PUBLIC_ROLE.member]]);
    expect(await bob.joinByExternalCommit(ROOM)).toMatchObject({ code: "success" });
    const hub = system.hub.snapshot(ROOM)!;
    expect(hub.epoch).toBe(2n);
    expect([...hub.members].sort()).toEqual(["mimi://a.example/d/alice/phone", "mimi://b.example/d/bob/phone"]);
    expect(alice.roomView(ROOM)!.participants).toEqual(hub.committed.participants.participants);
    expect(bob.roomView(ROOM)!.participants).toEqual(hub.committed.participants.participants);
    expect(alice.refusals).toEqual([]);
    expect(bob.refusals).toEqual([]);
  });

  it("refuses where role 0 lacks canOpenJoin (Appendix A.1), a banned user, and past the target role's maximum", async () => {
    const coop = await lobby(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
    expect(await coop.bob.askToOpenJoin(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(coop.system.hub.snapshot(ROOM)).toMatchObject({ epoch: 0n, pending: 0 });
    expect(coop.system.hub.lastDecision).toMatchObject({ endpoint: "groupInfo", rule: "R4", reason: expect.stringContaining("canOpenJoin") });

    const pub = await lobby(PUBLIC_ROLES, PUBLIC_CREATOR_ROLE);
    expect(await pub.alice.ban(ROOM, CATHY)).toMatchObject({ code: "success" });
    expect(await pub.cathy.askToOpenJoin(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(pub.system.hub.lastDecision).toMatchObject({ endpoint: "groupInfo", rule: "R4", reason: expect.stringContaining("banned") });
    // member holds at most 2: one listed and a second pending leave no room for a third.
    expect(await pub.alice.addParticipant(ROOM, "mimi://c.example/u/dan", PUBLIC_ROLE.member, false)).toMatchObject({ code: "success" });
    expect(await pub.bob.askToOpenJoin(ROOM)).toMatchObject({ code: "success" });
    const frank = pub.system.addClient("mimi://b.example/d/frank/phone");
    expect(await frank.askToOpenJoin(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(pub.system.hub.lastDecision).toMatchObject({ endpoint: "groupInfo", rule: "R4", reason: expect.stringContaining("maximum 2") });
    expect(pub.system.hub.snapshot(ROOM)).toMatchObject({ pending: 1 });
  });

  it("may-omit: a commit that leaves the hub's listing out is accepted, and the hub proposes the listing again", async () => {
    const { system, alice, bob } = await lobby(PUBLIC_ROLES, PUBLIC_CREATOR_ROLE, { variants: { pendingProposals: "may-omit", leaveOrder: "same-commit" }, faults: {} });
    expect(await bob.askToOpenJoin(ROOM)).toMatchObject({ code: "success" });
    expect(await alice.selfUpdate(ROOM, false)).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ epoch: 1n, pending: 1 });
    expect(listed(system)).toEqual([[ALICE, PUBLIC_ROLE.admin]]);
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system)).toEqual([[ALICE, PUBLIC_ROLE.admin], [BOB, PUBLIC_ROLE.member]]);
    expect(alice.refusals).toEqual([]);
  });

  it("planted skipOpenJoinCheck: the hub lists a requester role 0 does not allow, and every client refuses its proposal", async () => {
    const { system, alice, bob } = await lobby(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, {
      variants: { pendingProposals: "must-include", leaveOrder: "same-commit" },
      faults: { skipOpenJoinCheck: true },
    });
    expect(await bob.askToOpenJoin(ROOM)).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ pending: 1 });
    // Not an open join (role 0 lacks canOpenJoin), and A.1's policy_enforcer, whose role the hub's proposals
    // carry there (R18), may not add: refused as the enforcer's add (R3).
    expect(alice.refusals).toMatchObject([{ what: "proposal", rule: "R3" }]);
    expect(alice.refusals[0]!.reason).toMatch(/canAddParticipant/);
  });
});
