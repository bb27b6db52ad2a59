// P7 (digest §7 A5–A6): with the hub's and the clients' check of the clients after a commit switched off,
// a compromised client's commit that delists or bans a user and keeps its leaves (A04–A06) goes through,
// and P7 alone finds it and shrinks it; with the check on, the same generation holds under P7 while
// judging commits that changed the list or the leaves.
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { CLIENT_ATTACKS } from "../../properties/adversaries/client-attacks.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import type { Command } from "../../properties/commands/command.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { report } from "./helpers.js";

type Switch = keyof HubFaults & keyof ClientFaults;

function setup(faulty: boolean, fault: Switch = "skipClientsAfterCommitCheck"): RunSetup {
  const faults = faulty ? { [fault]: true } : {};
  return {
    ...DEFAULT_SETUP,
    adversaries: new Set(["client"]),
    hubFaults: faults,
    clientFaults: faults,
    compareWithModel: false,
    invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id === "P7"),
  };
}

describe("P7: participant-list and MLS changes in the right order", () => {
  it("finds a commit that keeps a removed or banned user's leaf when hub and clients skip the check, shrunk to ≤ 6 steps", async () => {
    const result = await checkRoomProperty({ setup: setup(true), seed: 1, runs: 200, maxCommands: 15 });
    expect(result.error).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const failure = result.failure!.trace.failure!;
    const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
    expect(failure.check).toBe("P7 participant-list and MLS changes in the right order");
    expect(failure.message).toMatch(/^A[56]: /);
    expect(ran.at(-1)!.text).toMatch(/\[A0[146] /);
    expect(ran.at(-1)!.text).toContain("compromised client");
    expect(ran.length).toBeLessThanOrEqual(6);
  });

  it("holds with the check on, having judged commits that changed the list or the leaves", async () => {
    const result = await checkRoomProperty({ setup: setup(false), seed: 1, runs: 100, maxCommands: 15 });
    expect(result.error).toBeUndefined();
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.coverage.invariantPremises.get("P7") ?? 0).toBeGreaterThanOrEqual(40);
  });

  // Fixed traces, one per rule and way of breaking it; the expected messages name the user and client
  // the draft's rule is about. Step 2 of the removal traces is an honest Add that lists u1 in the same
  // commit as its clients' Adds, which A5 allows.
  const addU1WithClients: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" };
  const attack = (id: string): Command => ({ op: "attack", attacker: 0, attack: CLIENT_ATTACKS.findIndex((a) => a.id === id), target: 0, variant: 0 });
  it.each<[string, Switch, Command[], number, string]>([
    ["A01 (an Add of an unlisted user's client)", "skipCommitPolicy", [attack("A01")], 2,
      "A5: mimi://b.example/d/u1/d0 entered the group (an Add in the commit for epoch 0) while mimi://b.example/u/u1 is not listed before or after the commit"],
    ["A04 (a removal that keeps a client)", "skipClientsAfterCommitCheck", [addU1WithClients, attack("A04")], 3,
      "A6: the commit delisted mimi://b.example/u/u1 but left its leaves mimi://b.example/d/u1/d1"],
    ["A05 (a ban that keeps a client)", "skipCommitPolicy", [addU1WithClients, attack("A05")], 3,
      "A6: the commit banned mimi://b.example/u/u1 but left its leaves mimi://b.example/d/u1/d1"],
  ])("names the user, the client and the rule: %s", async (_, fault, commands, step, message) => {
    const result = await runTrace(setup(true, fault), commands);
    expect(result.failure).toEqual({ step, check: "P7 participant-list and MLS changes in the right order", message });
  });
});
