// The hub's policy enforcer on real MLS (room-policy §4, §8 intro; Appendix A.1; docs/rules.md R18): the
// room lists the hub's enforcer user in the policy_enforcer role at creation, the hub's external proposals
// act with that role, and every client judges them with it. Expected outcomes are the draft's: A.1's
// policy_enforcer holds canRemoveParticipant, canChangeUserRole, canBan, canUnban, entries (0,[1]) (1,[0])
// (2,[0,1]) (3,[0,1]) (4,[0,1]), min 1, max 2, max active 0; no canAddParticipant.
import { describe, expect, it } from "vitest";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import { PUBLIC_CREATOR_ROLE, PUBLIC_ROLES } from "../../impl/room/fixtures/public-room.js";
import type { RoleData } from "../../impl/codec/roles.js";
import type { HubConfig } from "../../impl/hub/hub-config.js";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { CredentialMode } from "../../impl/identity/credential-validation.js";

const ROOM = "mimi://a.example/r/enforced";
const ALICE = "mimi://a.example/u/alice";
const BOB = "mimi://b.example/u/bob";
const CATHY = "mimi://c.example/u/cathy";
const ENFORCER = "mimi://a.example/u/policy-enforcer";
const MUST_INCLUDE = { pendingProposals: "must-include", leaveOrder: "same-commit" } as const;

async function room(roles: RoleData, creatorRole: number, options: { hub?: HubConfig; clientFaults?: ClientFaults; credentials?: CredentialMode } = {}) {
  const cs = await cipherSuite(process.env.MIMI_PROVIDER === "default" ? "default" : "node");
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, hubConfig: options.hub, credentials: options.credentials });
  const alice = system.addClient("mimi://a.example/d/alice/phone", undefined, undefined, options.clientFaults);
  const bob = system.addClient("mimi://b.example/d/bob/phone", undefined, undefined, options.clientFaults);
  system.addClient("mimi://c.example/d/cathy/laptop");
  expect(await system.createRoom(ROOM, alice, roles, creatorRole)).toBeUndefined();
  return { system, alice, bob };
}

const listed = (system: MimiSystem) => system.hub.snapshot(ROOM)!.committed.participants.participants.map((p) => [p.user, p.roleIndex]);

describe("the policy enforcer (R18)", () => {
  it("is listed at creation in the policy_enforcer role, without clients, in a set that has the role; not otherwise", async () => {
    const coop = await room(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
    expect(listed(coop.system)).toEqual([[ALICE, COOPERATIVE_ROLE.groupAdmin], [ENFORCER, COOPERATIVE_ROLE.policyEnforcer]]);
    expect(coop.system.hub.snapshot(ROOM)!.members).toEqual(["mimi://a.example/d/alice/phone"]);
    const pub = await room(PUBLIC_ROLES, PUBLIC_CREATOR_ROLE);
    expect(listed(pub.system).map(([u]) => u)).toEqual([ALICE]);
  });

  it("removes, bans and unbans with the role's rights; a member commits each; every client agrees", async () => {
    const { system, alice, bob } = await room(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
    expect(await alice.addParticipant(ROOM, BOB, COOPERATIVE_ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
    // A removal: bob's delisting and his client's Remove, pending; bob is blocked at once (P3).
    expect(await system.hub.enforce(ROOM, { kind: "remove", target: BOB })).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ epoch: 1n, pending: 2, blocked: [BOB] });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system)).toEqual([[ALICE, COOPERATIVE_ROLE.groupAdmin], [ENFORCER, COOPERATIVE_ROLE.policyEnforcer]]);
    expect(system.hub.snapshot(ROOM)!.members).toEqual(["mimi://a.example/d/alice/phone"]);
    // A ban of a listed user with a client: role 1 and the Remove, then an unban, which A.1's enforcer may
    // only make to role 0 (its entry (1,[0])): the banned user is cleaned off the list.
    expect(await alice.addParticipant(ROOM, CATHY, COOPERATIVE_ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
    expect(await system.hub.enforce(ROOM, { kind: "ban", target: CATHY })).toMatchObject({ code: "success" });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system)).toContainEqual([CATHY, 1]);
    expect(await system.hub.enforce(ROOM, { kind: "unban", target: CATHY, role: 0 })).toMatchObject({ code: "success" });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system).map(([u]) => u)).toEqual([ALICE, ENFORCER]);
    // A ban of an unlisted user lists it in role 1 (D9, the entry (0,[1])); it has no client to block.
    expect(await system.hub.enforce(ROOM, { kind: "ban", target: CATHY })).toMatchObject({ code: "success" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ pending: 1, blocked: [] });
    expect(await alice.selfUpdate(ROOM, true)).toMatchObject({ code: "success" });
    expect(listed(system)).toContainEqual([CATHY, 1]);
    expect(alice.refusals).toEqual([]);
    expect(bob.refusals).toEqual([]);
    expect(alice.roomView(ROOM)!.participants).toEqual(system.hub.snapshot(ROOM)!.committed.participants.participants);
  });

  it("refuses what the role does not allow: an add, promoting itself, the last group_admin; and everything where no enforcer is listed", async () => {
    const { system, alice } = await room(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
    expect(await system.hub.enforce(ROOM, { kind: "add", target: CATHY, role: COOPERATIVE_ROLE.ordinaryUser })).toMatchObject({ code: "notAllowed" });
    expect(await system.hub.enforce(ROOM, { kind: "changeRole", target: ENFORCER, role: COOPERATIVE_ROLE.superAdmin })).toMatchObject({ code: "notAllowed" });
    expect(await system.hub.enforce(ROOM, { kind: "ban", target: ALICE })).toMatchObject({ code: "notAllowed" });
    expect(system.hub.lastDecision).toMatchObject({ rule: "R7", reason: expect.stringMatching(/minimum/i) });
    // Removing an unlisted user has no wire form (D1).
    expect(await system.hub.enforce(ROOM, { kind: "remove", target: BOB })).toMatchObject({ code: "invalidProposal" });
    expect(system.hub.snapshot(ROOM)).toMatchObject({ epoch: 0n, pending: 0, blocked: [] });
    expect(alice.refusals).toEqual([]);

    const pub = await room(PUBLIC_ROLES, PUBLIC_CREATOR_ROLE);
    expect(await pub.alice.addParticipant(ROOM, BOB, 2, true)).toMatchObject({ code: "success" });
    expect(await pub.system.hub.enforce(ROOM, { kind: "remove", target: BOB })).toMatchObject({ code: "notAllowed" });
    expect(pub.system.hub.lastDecision).toMatchObject({ rule: "R18" });
  });

  it("with X.509 credentials, the hub's certificate names its provider and the clients find the enforcer the same way", async () => {
    const { system, alice, bob } = await room(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, { credentials: "x509" });
    expect(await alice.addParticipant(ROOM, BOB, COOPERATIVE_ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
    expect(await system.hub.enforce(ROOM, { kind: "remove", target: BOB })).toMatchObject({ code: "success" });
    expect(alice.refusals).toEqual([]);
    expect(bob.refusals).toEqual([]);
  });

  it("planted skipEnforcerRoleCheck: the hub proposes beyond the role; every honest client refuses; trustEnforcerProposals accepts it", async () => {
    const hub = { variants: MUST_INCLUDE, faults: { skipEnforcerRoleCheck: true } } satisfies HubConfig;
    const honest = await room(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, { hub });
    expect(await honest.system.hub.enforce(ROOM, { kind: "changeRole", target: ENFORCER, role: COOPERATIVE_ROLE.superAdmin })).toMatchObject({ code: "success" });
    // A change of its own role: canChangeOwnRole (R20), which the enforcer lacks.
    expect(honest.alice.refusals).toMatchObject([{ what: "proposal", code: "notAllowed", rule: "R20" }]);

    const trusting = await room(COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, { hub, clientFaults: { trustEnforcerProposals: true } });
    expect(await trusting.system.hub.enforce(ROOM, { kind: "changeRole", target: ENFORCER, role: COOPERATIVE_ROLE.superAdmin })).toMatchObject({ code: "success" });
    expect(trusting.alice.refusals).toEqual([]);
  });
});
