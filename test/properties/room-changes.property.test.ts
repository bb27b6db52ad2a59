// Changes of the room's own state (docs/rules.md R22; room-policy §3, §5, §8.2, §8.6; protocol §7.6), model
// versus implementation: roles_list, base_room_policy and room_metadata replaced by a commit, judged alike by
// the model, the hub and every client. The expected verdicts are the drafts': Appendix A.4's super_admin
// holds every canChangeRoom* capability, canChangeRoomMembershipStyle and canChangeRoleDefinitions, its
// org_b_user none of them. The planted skipRoomChangeCheck is found and shrunk.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, report, run, setupFor, withFault } from "./helpers.js";

type ChangeOp = "changeRoleDefinitions" | "changeRoomPolicy" | "changeMetadata";
const change = (op: ChangeOp, actor: number, index: number): Command => ({ op, actor, change: index });
const MULTI_ORG = { roleSet: "multi-org" as const, concurrency: 1, roomChanges: true };
// Assignable roles are 1…9 (and the added 200 never): index 2 is org_b_user (3), index 7 super_admin (8).
const addFirstClient = (role: number): Command => ({ op: "addParticipant", actor: 0, target: 0, scope: "fitting", role, clients: "first" });

const changesOf = (map: ReadonlyMap<string, number>, op: ChangeOp) => [...map].filter(([k]) => k === op || k.startsWith(`${op} `)).reduce((n, [, c]) => n + c, 0);

describe("room-state changes (R22), model versus implementation", () => {
  it("a fixed trace in the multi-org room: each change accepted from its holder, refused as the drafts say", async () => {
    const trace = await runTrace(setupFor("same-commit/must-include", MULTI_ORG), [
      change("changeMetadata", 0, 0), // room_name: canChangeRoomName
      change("changeMetadata", 0, 4), // room_uri: no capability changes it
      change("changeRoleDefinitions", 0, 3), // a second role 0: each index once (§3)
      change("changeRoleDefinitions", 0, 2), // a new role 200
      change("changeRoomPolicy", 0, 4), // max_clients 0: no room for its members
      change("changeRoomPolicy", 0, 1), // multi_device false: one client each holds
      addFirstClient(2), // u1 as org_b_user
      change("changeMetadata", 1, 1), // room_subject and room_mood without canChangeRoomSubject
      change("changeRoomPolicy", 1, 0),
      change("changeRoleDefinitions", 1, 1),
      addFirstClient(7), // u2 as super_admin: two in the role
      change("changeRoleDefinitions", 0, 0), // super_admin's maximum 1, with two in it
      { op: "leave", actor: 1 }, // u1's delisting pending
      change("changeRoleDefinitions", 0, 1), // a RoleUpdate beside a participant-list change
      change("changeMetadata", 0, 3), // metadata may share the commit with the delisting
    ]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.text).slice(1)).toEqual([
      "u0/d0 (super_admin) changes the room metadata (change 0)",
      "u0/d0 (super_admin) changes the room metadata (change 4)",
      "u0/d0 (super_admin) changes the role definitions (change 3)",
      "u0/d0 (super_admin) changes the role definitions (change 2)",
      "u0/d0 (super_admin) replaces the base room policy with policy 4",
      "u0/d0 (super_admin) replaces the base room policy with policy 1",
      "u0/d0 (super_admin) adds u1 as role 3 with u1/d0",
      "u1/d0 (org_b_user) changes the room metadata (change 1)",
      "u1/d0 (org_b_user) replaces the base room policy with policy 0",
      "u1/d0 (org_b_user) changes the role definitions (change 1)",
      "u0/d0 (super_admin) adds u2 as role 8 with u2/d0",
      "u0/d0 (super_admin) changes the role definitions (change 0)",
      "u1/d0 (org_b_user) leaves",
      "u0/d0 (super_admin) changes the role definitions (change 1)",
      "u0/d0 (super_admin) changes the room metadata (change 3)",
    ]);
    expect(trace.steps.map((s) => s.implCode)).toEqual([
      "accepted",
      "accepted", "invalidProposal", "invalidProposal", "accepted", "invalidProposal", "accepted",
      "accepted", "notAllowed", "notAllowed", "notAllowed",
      "accepted", "notAllowed", "accepted", "invalidProposal", "accepted",
    ]);
  });

  it("the property holds with room changes generated, with floors of accepted and refused changes per operation", async () => {
    const result = await run(setupFor("same-commit/must-include", MULTI_ORG), 15, 25, 5);
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    // Floors below what seed 5 gives (metadata 5/4, roles 3/4, policy 5/6 accepted/refused), above zero
    // everywhere. (Seed 7 fell to metadata 3/0 as the generated mix moved.)
    const floors = { changeMetadata: [3, 2], changeRoleDefinitions: [2, 1], changeRoomPolicy: [1, 1] } as const;
    for (const [op, [accepted, refused]] of Object.entries(floors) as [ChangeOp, readonly [number, number]][]) {
      expect(result.coverage.acceptances.get(op) ?? 0, `${op} accepted`).toBeGreaterThanOrEqual(accepted);
      expect(changesOf(result.coverage.refusals, op), `${op} refused`).toBeGreaterThanOrEqual(refused);
    }
  });

  it("skipRoomChangeCheck (hub) is found by the verdict comparison and shrunk to at most 6 commands", async () => {
    const result = await run(withFault("same-commit/must-include", "skipRoomChangeCheck", MULTI_ORG), 40, 15);
    expect(result.failure, "skipRoomChangeCheck was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.message).toMatch(/R22/);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });

  // Clients read every component the commit changes and the committer's role, so they defend R22 fully: with
  // the hub's switch alone, u1/d0 refuses the commit; with the clients' switch too, its acceptance is the failure.
  it("an honest client refuses what the faulty hub accepts; with ClientFaults.skipRoomChangeCheck it accepts it, and that is the failure", async () => {
    const commands = [addFirstClient(2), change("changeMetadata", 0, 4)];
    const hubOnly = await runTrace(withFault("same-commit/must-include", "skipRoomChangeCheck", MULTI_ORG), commands);
    expect(hubOnly.failure?.check).toBe("verdict");
    expect(hubOnly.failure?.message).toBe("hub accepted, model says invalidProposal (R22: roomUriChanged); every honest client that received it refused it (u1/d0): the clients saved the room");
    const both = await runTrace(withFault("same-commit/must-include", "skipRoomChangeCheck", { ...MULTI_ORG, clientFaults: { skipRoomChangeCheck: true } }), commands);
    expect(both.failure?.check).toBe("client accepted what the model refuses");
    expect(both.failure?.message).toMatch(/^hub accepted, model says invalidProposal \(R22: roomUriChanged\); u1\/d0 accepted it too/);
  });
});
