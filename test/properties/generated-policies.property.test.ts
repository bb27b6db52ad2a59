// Generated room policies (properties/world/generated-role-set.ts): for each generated role set the model
// and the implementation (hub, followers, clients on real MLS) create the room and agree on every verdict
// and state of a short command sequence; a set broken in one way the drafts forbid is refused at creation
// by the model (R0), by the creator's client and by the hub, no client is left holding the room, and no
// client joins such a room by Welcome. With the check switched off (skipRoleSetCheck) in the hub and the
// clients, the harness finds the disagreement.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initialModel, step } from "../../model/index.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { ImplementationUnderTest } from "../../properties/runner/implementation-under-test.js";
import { worldFor, type RunSetup } from "../../properties/runner/run-setup.js";
import {
  describeRoleSet, implementationRolesOf, INVALIDITY_KINDS, invalidRoleSetArbitrary, roleSetArbitrary, type GeneratedRoleSet, type InvalidityKind,
} from "../../properties/world/generated-role-set.js";
import { report, run, SEED, setupFor } from "./helpers.js";
import { defaultHubConfig } from "../../impl/hub/hub-config.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";

const VALID_SETS = 40;
const INVALID_SETS = 16;

/** The model's creation verdict and the hub's answer for one set; and who holds the room afterwards. */
async function create(setup: RunSetup): Promise<{ model: string; modelReason?: string; hub: string; hubHasRoom: boolean; holders: string[] }> {
  const world = worldFor(setup);
  const creator = world.users[0]!;
  const event = { type: "createRoom", creator, creatorClient: world.clientsOf[creator]![0]! } as const;
  const verdict = step(initialModel(world.config), event).verdict;
  const impl = await ImplementationUnderTest.create({ world, roleSet: setup.roleSet, variants: setup.variants, hubFaults: setup.hubFaults, clientFaults: setup.clientFaults, provider: setup.provider, credentials: "basic" });
  const hub = await impl.apply(event);
  const holders = world.clients.filter((c) => impl.client(c).session(world.roomId) !== undefined);
  return {
    model: verdict.accepted ? "accepted" : verdict.code,
    ...(verdict.accepted ? {} : { modelReason: verdict.reason }),
    hub,
    hubHasRoom: impl.system.hub.hasRoom(world.roomId),
    holders,
  };
}

describe("generated room policies", () => {
  it("model and implementation agree on every verdict and state under generated role sets", async () => {
    const sets = fc.sample(roleSetArbitrary, { seed: SEED, numRuns: VALID_SETS });
    let accepted = 0;
    let refused = 0;
    let created = 0;
    // The four variants in turn, so each meets about ten sets.
    const variants = ["same-commit/must-include", "same-commit/may-omit", "clients-first/must-include", "clients-first/may-omit"];
    for (const [i, set] of sets.entries()) {
      const result = await run(setupFor(variants[i % variants.length]!, { generatedRoleSet: set }), 3, 20);
      expect(result.failure, `${describeRoleSet(set)}\n${report(result)}`).toBeUndefined();
      expect(result.error).toBeUndefined();
      created += result.coverage.runs;
      accepted += result.coverage.accepted;
      refused += result.coverage.refused;
    }
    console.log(`generated policies: ${created} rooms, ${accepted} operations accepted, ${refused} refused`);
    expect(created).toBeGreaterThanOrEqual(VALID_SETS * 3);
    // Floors well below what the fixed seed gives (see docs/rules.md "Generated policies").
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(300);
  });

  it("a role set broken in one way the drafts forbid is refused at creation by the model, the creator's client and the hub", async () => {
    const sets = fc.sample(invalidRoleSetArbitrary, { seed: SEED, numRuns: INVALID_SETS });
    const kinds = new Set<InvalidityKind>();
    for (const set of sets) {
      // Honest clients: the creator's client refuses to build the room.
      const outcome = await create(setupFor("same-commit/must-include", { generatedRoleSet: set }));
      expect(outcome, describeRoleSet(set)).toMatchObject({ model: "invalidProposal", hub: "invalidProposal", hubHasRoom: false, holders: [] });
      // A creator's client that builds it anyway: the hub refuses it, and the creator drops its group.
      const byHub = await create(setupFor("same-commit/must-include", { generatedRoleSet: set, clientFaults: { skipRoleSetCheck: true } }));
      expect(byHub, describeRoleSet(set)).toMatchObject({ model: "invalidProposal", hub: "invalidProposal", hubHasRoom: false, holders: [] });
      kinds.add(set.invalidity!);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(INVALIDITY_KINDS.length - 2);
  });

  it("role set generated draws a set for each run, and seed and path draw it again", async () => {
    // A planted hub defect generated sets reach: the failure names the run's set, shrunk with its commands.
    const setup = setupFor("same-commit/must-include", { roleSet: "generated", hubFaults: { skipCommitPolicy: true } });
    const found = await checkRoomProperty({ setup, seed: SEED, runs: 20, maxCommands: 12 });
    const failure = found.failure;
    expect(failure?.generatedRoleSet, report(found)).toBeDefined();
    expect(failure!.trace.steps.filter((s) => !s.skipped).length).toBeLessThanOrEqual(6);
    const again = await checkRoomProperty({ setup, seed: SEED, runs: 20, maxCommands: 12, path: failure!.path, ...(failure!.replayPath ? { replayPath: failure!.replayPath } : {}) });
    expect(again.failure?.generatedRoleSet).toEqual(failure!.generatedRoleSet);
    expect(again.failure?.trace.failure).toEqual(failure!.trace.failure);
  });

  it("with the check switched off (skipRoleSetCheck) in the hub and the clients, the hub creates a room the model refuses", async () => {
    const [set] = fc.sample(invalidRoleSetArbitrary.filter((s: GeneratedRoleSet) => s.invalidity === "undefinedRoleInChanges"), { seed: SEED, numRuns: 1 });
    // The hub alone without its check: the creator's client still refuses, and the run holds.
    const hubOnly = await run(setupFor("same-commit/must-include", { generatedRoleSet: set!, hubFaults: { skipRoleSetCheck: true } }), 1, 1);
    expect(hubOnly.failure, report(hubOnly)).toBeUndefined();
    const result = await run(setupFor("same-commit/must-include", { generatedRoleSet: set!, hubFaults: { skipRoleSetCheck: true }, clientFaults: { skipRoleSetCheck: true } }), 1, 1);
    const failure = result.failure?.trace.failure;
    expect(failure?.check, report(result)).toBe("verdict");
    expect(failure?.step).toBe(1);
    expect(failure?.message).toMatch(/hub answered accepted|hub accepted/);
  });

  it("a client invited by Welcome into a room whose roles_list is unusable refuses to join", async () => {
    // Built by a creator and a hub without the check; Bob's client is honest.
    const none = { capabilities: [], minParticipants: 0, minActive: 0, changes: [] };
    const set: GeneratedRoleSet = {
      roles: [
        { ...none, index: 0, name: "no_role", maxActive: 0 },
        { ...none, index: 1, name: "banned", maxActive: 0 },
        { ...none, index: 2, name: "member", capabilities: ["canAddParticipant", "canAddOwnClient"], changes: [[0, [2]]] },
        // At least 2 and at most 1: no room can meet it.
        { ...none, index: 3, name: "unmeetable", minParticipants: 2, maxParticipants: 1 },
      ],
      creatorRole: 2,
      invalidity: "minAboveMax",
    };
    const { roles, creatorRole } = implementationRolesOf(set);
    const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example"], cs: await cipherSuite("node"), hubConfig: { ...defaultHubConfig, faults: { skipRoleSetCheck: true } } });
    const alice = system.addClient("mimi://a.example/d/alice/phone", undefined, undefined, { skipRoleSetCheck: true });
    const bob = system.addClient("mimi://b.example/d/bob/phone");
    const careless = system.addClient("mimi://b.example/d/carol/phone", undefined, undefined, { skipRoleSetCheck: true });
    const room = "mimi://a.example/r/generated";
    expect(await system.createRoom(room, alice, roles, creatorRole)).toBeUndefined();
    const outcome = await alice.addParticipant(room, "mimi://b.example/u/bob", creatorRole, true);
    expect(outcome.code, "description" in outcome ? String(outcome.description) : "").toBe("success");
    expect(bob.session(room)).toBeUndefined();
    expect(bob.refusals.map((r) => `${r.what} ${r.code} ${r.rule}`)).toContain("welcome invalidProposal R0");
    // The planted client switch: a client without the check joins.
    expect((await alice.addParticipant(room, "mimi://b.example/u/carol", creatorRole, true)).code).toBe("success");
    expect(careless.session(room)).toBeDefined();
  });
});
