// Planted defects against the compromised client: each defence the attack classes test is switched off
// (on the hub and in every honest client, or on the hub alone), and the harness, generating honest
// operations and attacks, finds the attack and shrinks it to a few steps. Judged by the invariant named
// (invariants only), or by the model, whose report says which party's check saved the room.
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { CLIENT_ATTACKS } from "../../properties/adversaries/client-attacks.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { CLIENT_ACCEPTED_CHECK } from "../../properties/runner/compare-step.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";

type Switch = keyof HubFaults & keyof ClientFaults;

function setup(fault: Switch, options: { clientsToo: boolean; invariants?: string[] }): RunSetup {
  return {
    ...DEFAULT_SETUP,
    adversaries: new Set(["client"]),
    hubFaults: { [fault]: true },
    clientFaults: options.clientsToo ? { [fault]: true } : {},
    compareWithModel: options.invariants === undefined,
    invariants: options.invariants === undefined ? DEFAULT_SETUP.invariants : IMPLEMENTATION_INVARIANTS.filter((i) => options.invariants!.includes(i.id)),
  };
}

async function findFailure(runSetup: RunSetup) {
  const result = await checkRoomProperty({ setup: runSetup, seed: 1, runs: 200, maxCommands: 15 });
  expect(result.error).toBeUndefined();
  const failure = result.failure!;
  expect(failure, "the planted defect was not found").toBeDefined();
  const ran = failure.trace.steps.filter((s) => !s.skipped);
  return { failure: failure.trace.failure!, ran, last: ran.at(-1)!.text };
}

describe("a defence switched off on the hub and in every client: the invariant finds the attack", () => {
  const cases: { fault: Switch; invariants: string[]; attack: RegExp; says: RegExp }[] = [
    { fault: "skipUnknownProposalCheck", invariants: ["P6"], attack: /\[A11 /, says: /C32: an AppDataUpdate update for component 0x7f01 was accepted/ },
    { fault: "skipExternalSendersCheck", invariants: ["P6"], attack: /\[A10 /, says: /C37: the GroupContext's external_senders no longer holds the hub/ },
    { fault: "skipDictionaryCheck", invariants: ["P6"], attack: /\[A0[89] /, says: /C3[12]: / },
    { fault: "skipDictionaryCheck", invariants: ["P5"], attack: /\[A09 /, says: /listed twice|which roles_list does not define/ },
    { fault: "skipClientsAfterCommitCheck", invariants: ["P1", "P2"], attack: /\[A0[4-6] /, says: /is not listed|banned/ },
  ];
  for (const c of cases) {
    it(`${c.fault}: ${c.invariants.join(", ")} catches it, shrunk to ≤ 6 steps`, async () => {
      const { failure, ran, last } = await findFailure(setup(c.fault, { clientsToo: true, invariants: c.invariants }));
      expect(c.invariants.map((id) => failure.check.startsWith(`${id} `)).some(Boolean), failure.check).toBe(true);
      expect(failure.message).toMatch(c.says);
      expect(last).toMatch(c.attack);
      expect(last).toContain("compromised client");
      expect(ran.length).toBeLessThanOrEqual(6);
    });
  }
});

describe("which party's check saves the room (model comparison)", () => {
  it("hub alone skips the unknown-component check: the hub's verdict is wrong, and every client refused", async () => {
    const { failure, ran, last } = await findFailure(setup("skipUnknownProposalCheck", { clientsToo: false }));
    expect(failure.check).toBe("verdict");
    expect(failure.message).toMatch(/^hub accepted, model says notAllowed \(A11: /);
    expect(failure.message).toMatch(/the clients saved the room|no other client received it/);
    expect(last).toMatch(/\[A11 /);
    expect(ran.length).toBeLessThanOrEqual(6);
  });

  it("hub and clients skip the external_senders check: the clients took the forged GroupContext too", async () => {
    const { failure, ran, last } = await findFailure(setup("skipExternalSendersCheck", { clientsToo: true }));
    expect(failure.check).toMatch(new RegExp(`^(${CLIENT_ACCEPTED_CHECK}|verdict)$`));
    expect(failure.message).toMatch(/^hub accepted, model says notAllowed \(A10: /);
    expect(last).toMatch(/\[A10 /);
    expect(ran.length).toBeLessThanOrEqual(6);
  });

  it("a removal that keeps a client, with the hub alone skipping: the clients refuse it and say so", async () => {
    const a04 = CLIENT_ATTACKS.findIndex((a) => a.id === "A04");
    const result = await runTrace(setup("skipClientsAfterCommitCheck", { clientsToo: false }), [
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
      { op: "attack", attacker: 0, attack: a04, target: 0, variant: 0 },
    ]);
    expect(result.failure?.check).toBe("verdict");
    expect(result.failure?.message).toBe(
      "hub accepted, model says notAllowed (A04: removal keeps a client (H7; §7 A6 (room-policy §8.1.2 MUST NOT))); every honest client that received it refused it (u1/d0, u1/d1): the clients saved the room",
    );
    expect(result.steps.at(-1)?.text).toBe("u0/d0 (group_admin, compromised client) sends a removal of u1 that keeps u1/d1 [A04 removal keeps a client]");
  });
});

describe("P15: no client joins unless an authorised operation added it", () => {
  it("a leaked GroupInfo lets an unlisted user's client join when the hub skips the join check", async () => {
    const a19 = CLIENT_ATTACKS.findIndex((a) => a.id === "A19");
    const result = await runTrace(setup("skipExternalJoinCheck" as Switch, { clientsToo: false, invariants: ["P15"] }), [
      { op: "attack", attacker: 0, attack: a19, target: 0, variant: 0 },
    ]);
    expect(result.failure?.check).toBe("P15 no member without an authorised operation");
    expect(result.failure?.message).toBe("u1/d0 became a member while u1 is not listed");
  });
});
