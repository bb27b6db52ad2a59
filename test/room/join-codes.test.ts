// Join codes on real MLS (room-policy §8.1.1 canUseJoinCode; docs/rules.md R4 "Join codes"): an unlisted
// user's /groupInfo request carrying a joiningCode makes the hub, which alone holds the code table, list it
// in the code's role by its own proposal; every client judges that listing by what it can see; a member
// commits it; then the user's client joins by external commit. Expected outcomes are the draft's sentence
// ("join externally with a valid join code that names a valid target role, subject to max constraints")
// and docs/rules.md's readings: expired is a configured state, a single-use code is spent on acceptance.
import { describe, expect, it } from "vitest";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { STRICT_CREATOR_ROLE, STRICT_ROLE, STRICTLY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/strictly-administered.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import type { RoleData } from "../../impl/codec/roles.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import type { JoinCode } from "../../impl/room/authorize-join-code.js";
import { authorizeJoinCode, authorizeJoinCodeListing } from "../../impl/room/authorize-join-code.js";
import type { RoomState } from "../../impl/room/room-state.js";

const ROOM = "mimi://a.example/r/lobby";
const ALICE = "mimi://a.example/u/alice";
const BOB = "mimi://b.example/u/bob";
const CATHY = "mimi://c.example/u/cathy";

const CODES: readonly JoinCode[] = [
  { code: "once", roleIndex: STRICT_ROLE.ordinaryUser, state: "single-use" },
  { code: "many", roleIndex: STRICT_ROLE.ordinaryUser, state: "valid" },
  { code: "old", roleIndex: STRICT_ROLE.ordinaryUser, state: "expired" },
  { code: "ghost", roleIndex: 9, state: "valid" },
  { code: "ban", roleIndex: STRICT_ROLE.banned, state: "valid" },
];

async function lobby(roles: RoleData, creatorRole: number, faults: HubFaults = {}, pendingProposals: "must-include" | "may-omit" = "must-include") {
  const cs = await cipherSuite(process.env.MIMI_PROVIDER === "default" ? "default" : "node");
  const hubConfig = { variants: { pendingProposals, leaveOrder: "same-commit" as const }, faults, joinCodes: { [ROOM]: CODES } };
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, hubConfig });
  const alice = system.addClient("mimi://a.example/d/alice/phone");
  const bob = system.addClient("mimi://b.example/d/bob/phone");
  const cathy = system.addClient("mimi://c.example/d/cathy/laptop");
  await system.createRoom(ROOM, alice, roles, creatorRole);
  return { system, alice, bob, cathy };
}

/** Appendix A.2 with ordinary_user capped at 2 participants (to reach the maximum). */
const CAPPED: RoleData = { ...STRICTLY_ADMINISTERED_ROLES, roles: STRICTLY_ADMINISTERED_ROLES.roles.map((r) => (r.roleIndex === STRICT_ROLE.ordinaryUser ? { ...r, maximumParticipantsConstraint: 2 } : r)) };
const PEOPLE = [ALICE, BOB, CATHY];
/** The committed list, for the users of these tests (the room may list more, e.g. a policy enforcer). */
const listed = (system: MimiSystem) => system.hub.snapshot(ROOM)!.committed.participants.participants.filter((p) => PEOPLE.includes(p.user)).map((p) => [p.user, p.roleIndex]);

describe("join codes (R4, canUseJoinCode): the hub and its clients", () => {
  it("a single-use code lists the requester in the code's role by the hub's proposal, committed before its client joins; then it is spent", async () => {
    const { system, alice, bob, cathy } = await lobby(STRICTLY_ADMINISTERED_ROLES, STRICT_CREATOR_ROLE);
    expect(await bob.askToOpenJoin(ROOM, "once")).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ epoch: 0n, pending: 1 });
    expect(alice.refusals).toEqual([]);
    // Spent on acceptance: Cathy's request with it is refused, while Bob's listing is still pending.
    expect(await cathy.askToOpenJoin(ROOM, "once")).toMatchObject({ code: "notAllowed" });
    expect(system.hub.lastDecision).toMatchObject({ endpoint: "groupInfo", rule: "R4", reason: expect.stringContaining("already used") });
    expect(await bob.joinByExternalCommit(ROOM)).toMatchObject({ code: "notAllowed" });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system)).toEqual([[ALICE, STRICT_ROLE.groupAdmin], [BOB, STRICT_ROLE.ordinaryUser]]);
    expect(await bob.joinByExternalCommit(ROOM)).toMatchObject({ code: "success" });
    expect(bob.roomView(ROOM)!.participants).toEqual(system.hub.snapshot(ROOM)!.committed.participants.participants);
    expect(alice.roomView(ROOM)!.participants).toEqual(system.hub.snapshot(ROOM)!.committed.participants.participants);
    expect([alice.refusals, bob.refusals]).toEqual([[], []]);
  });

  it("refuses unknown, expired and role-less codes, a participant, role 0 without canUseJoinCode, and past the role's maximum", async () => {
    const { system, alice, bob, cathy } = await lobby(CAPPED, STRICT_CREATOR_ROLE);
    const refusedFor = async (client: typeof bob, code: string, reason: string) => {
      expect(await client.askToOpenJoin(ROOM, code), code).toMatchObject({ code: "notAllowed" });
      expect(system.hub.lastDecision, code).toMatchObject({ endpoint: "groupInfo", rule: "R4", reason: expect.stringContaining(reason) });
    };
    await refusedFor(bob, "nope", "unknown");
    await refusedFor(bob, "old", "expired");
    await refusedFor(bob, "ghost", "role 9");
    await refusedFor(bob, "ban", "role 1");
    // A listed user is a participant: no code lists it again.
    await refusedFor(alice, "many", "already listed");
    // ordinary_user holds at most 2 here: Bob and Cathy take both places (pending counts), Dan is refused.
    expect(await bob.askToOpenJoin(ROOM, "many")).toMatchObject({ code: "success" });
    expect(await cathy.askToOpenJoin(ROOM, "many")).toMatchObject({ code: "success" });
    const dan = system.addClient("mimi://b.example/d/dan/phone");
    await refusedFor(dan, "many", "maximum 2");
    expect(system.hub.snapshot(ROOM)).toMatchObject({ epoch: 0n, pending: 2 });
    expect(alice.refusals).toEqual([]);

    const coop = await lobby(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
    expect(await coop.bob.askToOpenJoin(ROOM, "once")).toMatchObject({ code: "notAllowed" });
    expect(coop.system.hub.lastDecision).toMatchObject({ endpoint: "groupInfo", rule: "R4", reason: expect.stringContaining("canUseJoinCode") });
  });

  it("may-omit: the hub proposes an omitted code listing again, in the code's role", async () => {
    const { system, alice, bob } = await lobby(STRICTLY_ADMINISTERED_ROLES, STRICT_CREATOR_ROLE, {}, "may-omit");
    expect(await bob.askToOpenJoin(ROOM, "once")).toMatchObject({ code: "success" });
    expect(await alice.selfUpdate(ROOM, false)).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ epoch: 1n, pending: 1 });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system)).toEqual([[ALICE, STRICT_ROLE.groupAdmin], [BOB, STRICT_ROLE.ordinaryUser]]);
    expect(alice.refusals).toEqual([]);
  });

  it("planted skipJoinCodeCheck lists with an unknown code (clients cannot tell); with a role-less one every client refuses", async () => {
    const { system, alice, bob, cathy } = await lobby(STRICTLY_ADMINISTERED_ROLES, STRICT_CREATOR_ROLE, { skipJoinCodeCheck: true });
    expect(await bob.askToOpenJoin(ROOM, "nope")).toMatchObject({ code: "success" });
    expect(alice.refusals).toEqual([]);
    const coop = await lobby(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, { skipJoinCodeCheck: true });
    expect(await coop.cathy.askToOpenJoin(ROOM, "ghost")).toMatchObject({ code: "success" });
    // Refused by the client (under R4, or R3 where the room lists the hub's policy enforcer, whose role then judges it).
    expect(coop.alice.refusals).toMatchObject([{ what: "proposal" }]);
    expect(system.hub.snapshot(ROOM)).toMatchObject({ pending: 1 });
    void cathy;
  });

  it("planted reuseJoinCodes: a single-use code lists a second user", async () => {
    const { system, bob, cathy } = await lobby(STRICTLY_ADMINISTERED_ROLES, STRICT_CREATOR_ROLE, { reuseJoinCodes: true });
    expect(await bob.askToOpenJoin(ROOM, "once")).toMatchObject({ code: "success" });
    expect(await cathy.askToOpenJoin(ROOM, "once")).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ pending: 2 });
  });
});

describe("join codes: the rule alone", () => {
  const room = (roles: RoleData): RoomState => ({ roles, participants: { participants: [{ user: ALICE, roleIndex: STRICT_ROLE.groupAdmin }] } }) as unknown as RoomState;
  const view = (roles: RoleData, blocked: string[] = []) => ({ room: room(roles), activeUsers: new Set([ALICE]), blockedUsers: new Set(blocked) });
  const code = (name: string) => CODES.find((c) => c.code === name);

  it("allows a known, unexpired, unused code naming a joinable role with room; refuses each failing condition", () => {
    expect(authorizeJoinCode(view(STRICTLY_ADMINISTERED_ROLES), BOB, code("once"), false)).toEqual({ ok: true });
    expect(authorizeJoinCode(view(STRICTLY_ADMINISTERED_ROLES), BOB, code("once"), true)).toMatchObject({ ok: false, code: "notAllowed", rule: "R4" });
    expect(authorizeJoinCode(view(STRICTLY_ADMINISTERED_ROLES), BOB, undefined, false)).toMatchObject({ ok: false, reason: expect.stringContaining("unknown") });
    expect(authorizeJoinCode(view(STRICTLY_ADMINISTERED_ROLES), BOB, code("old"), false)).toMatchObject({ ok: false, reason: expect.stringContaining("expired") });
    expect(authorizeJoinCode(view(STRICTLY_ADMINISTERED_ROLES, [BOB]), BOB, code("once"), false)).toMatchObject({ ok: false, reason: expect.stringContaining("leaving") });
    expect(authorizeJoinCode(view(COOPERATIVELY_ADMINISTERED_ROLES), BOB, code("once"), false)).toMatchObject({ ok: false, reason: expect.stringContaining("canUseJoinCode") });
  });

  it("what a client checks of the hub's listing: everything but the code", () => {
    expect(authorizeJoinCodeListing(view(STRICTLY_ADMINISTERED_ROLES), BOB, STRICT_ROLE.superAdmin)).toEqual({ ok: true });
    expect(authorizeJoinCodeListing(view(STRICTLY_ADMINISTERED_ROLES), BOB, STRICT_ROLE.banned)).toMatchObject({ ok: false, rule: "R4" });
    expect(authorizeJoinCodeListing(view(STRICTLY_ADMINISTERED_ROLES), ALICE, STRICT_ROLE.ordinaryUser)).toMatchObject({ ok: false, reason: expect.stringContaining("already listed") });
    expect(authorizeJoinCodeListing(view(COOPERATIVELY_ADMINISTERED_ROLES), BOB, 2)).toMatchObject({ ok: false, reason: expect.stringContaining("canUseJoinCode") });
  });
});
