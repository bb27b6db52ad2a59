// Credential attacks X01–X06 (properties/adversaries/credential-attacks.ts) under x509 credentials: a
// compromised member's self-update carries a credential no honest party may accept. Each is refused by
// the hub with the draft's code and changes nothing; with the hub's validation step off, every honest
// client that receives it refuses it; and with the step off at the hub and in the clients, a run aimed at
// the class finds it and shrinks it (RFC 9420 §5.3.1; docs/identity.md).
import { describe, expect, it } from "vitest";
import type { CredentialCheckFaults } from "../../impl/identity/credential-validation.js";
import { CLIENT_ATTACKS } from "../../properties/adversaries/client-attacks.js";
import { CREDENTIAL_ATTACKS } from "../../properties/adversaries/credential-attacks.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import type { Command } from "../../properties/commands/command.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";

/** Each class, the validation step that refuses it, and (for a leaf naming another client) H14's switches too. */
const CASES: { id: string; step: keyof CredentialCheckFaults; hubReason: RegExp; alsoH14?: true }[] = [
  { id: "X01", step: "skipCredentialDomain", hubReason: /^H14: mimi:\/\/a\.example\/d\/u3\/d0 replaces its leaf with one naming mimi:\/\/b\.example\/d\/u1\/d0$/, alsoH14: true },
  { id: "X02", step: "skipCredentialKeyBinding", hubReason: /^H14: mimi:\/\/a\.example\/d\/u3\/d0 replaces its leaf with one naming mimi:\/\/a\.example\/d\/u0\/d0$/, alsoH14: true },
  { id: "X03", step: "skipCredentialExpiry", hubReason: /^H1: MLS: credential of the committer's new leaf invalid: the certificate CN=mimi:\/\/a\.example\/d\/u3\/d0 is not valid at \d+/ },
  { id: "X04", step: "skipCredentialRevocation", hubReason: /^H1: MLS: credential of the committer's new leaf invalid: the certificate CN=mimi:\/\/a\.example\/d\/u3\/d0 \(serial [0-9a-f]+\) is revoked by a\.example$/ },
  { id: "X05", step: "skipCredentialChain", hubReason: /^H1: MLS: credential of the committer's new leaf invalid: the chain for mimi:\/\/a\.example\/d\/u3\/d0 ends at no trust anchor/ },
  { id: "X06", step: "skipCredentialKeyBinding", hubReason: /^H1: MLS: credential of the committer's new leaf invalid: the certificate for mimi:\/\/a\.example\/d\/u3\/d0 binds another key than the leaf's signature key$/ },
];

const indexOf = (id: string) => CLIENT_ATTACKS.length + CREDENTIAL_ATTACKS.findIndex((a) => a.id === id);

/** u0/d0 (a.example) creates the room and adds u3 (a.example too) with u3/d0; u3/d0 attacks. */
const trace = (id: string): Command[] => [
  { op: "addParticipant", actor: 0, target: 2, scope: "fitting", role: 1, clients: "first" },
  { op: "attack", attacker: 1, attack: indexOf(id), target: 0, variant: 0 },
];

const base: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["client"]), credentials: "x509" };

async function run(id: string, setup: RunSetup) {
  const runner = await TraceRunner.start(setup);
  for (const c of trace(id)) await runner.step(c);
  const result = runner.result();
  const attack = result.steps.at(-1)!;
  expect(attack.text).toContain(`[${id} `);
  expect(attack.text).toContain("u3/d0 (");
  return { result, attack, impl: runner.impl };
}

describe.each(CASES)("$id", ({ id, step, hubReason, alsoH14 }) => {
  it("the hub refuses it (notAllowed) and the room does not change", async () => {
    const { result, attack, impl } = await run(id, base);
    expect(result.failure).toBeUndefined();
    expect(attack.implCode).toBe("notAllowed");
    expect(`${impl.system.hub.lastDecision?.rule}: ${impl.system.hub.lastDecision?.reason}`).toMatch(hubReason);
  });

  it("with the hub's check off, every honest client holding the room refuses it", async () => {
    const hubFaults = { [step]: true, ...(alsoH14 ? { skipJoinBinding: true } : {}) };
    const { impl } = await run(id, { ...base, compareWithModel: false, invariants: [], hubFaults });
    expect(impl.system.hub.lastDecision?.code).toBe("accepted");
    const refusal = impl.client("u0/d0").refusals.at(-1);
    expect(refusal?.what).toBe("commit");
    expect(refusal?.rule).toBe(alsoH14 ? "H14" : "MLS");
  });
});

describe.each(CASES)("$id with its validation step off at the hub and in every client", ({ id, step, alsoH14 }) => {
  it("a run aimed at the class finds it (the hub accepts what the draft refuses) and shrinks it to ≤ 6 steps", async () => {
    const setup: RunSetup = {
      ...base,
      attackClasses: [id],
      skipRefusedOperations: true,
      hubFaults: { [step]: true, ...(alsoH14 ? { skipJoinBinding: true } : {}) },
      clientFaults: { [step]: true, ...(alsoH14 ? { skipResyncCheck: true } : {}) },
    };
    const result = await checkRoomProperty({ setup, seed: 1, runs: 30, maxCommands: 10 });
    expect(result.error).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const failure = result.failure!.trace.failure!;
    const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
    // The hub accepts what the draft refuses; a client that takes it in is reported as such.
    expect(["verdict", "client accepted what the model refuses"]).toContain(failure.check);
    expect(ran.at(-1)!.text).toContain(`[${id} `);
    expect(ran.length).toBeLessThanOrEqual(6);
  });
});

describe("P19 under x509: every member's certificate was issued by its user's provider", () => {
  it("finds X01 alone (no model) once domain validation and H14 are off at the hub and in the clients, shrunk to ≤ 6 steps", async () => {
    const setup: RunSetup = {
      ...base,
      attackClasses: ["X01"],
      hubFaults: { skipCredentialDomain: true, skipJoinBinding: true },
      clientFaults: { skipCredentialDomain: true, skipResyncCheck: true },
      compareWithModel: false,
      invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id === "P19"),
    };
    const result = await checkRoomProperty({ setup, seed: 1, runs: 30, maxCommands: 10 });
    expect(result.error).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const failure = result.failure!.trace.failure!;
    const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
    expect(failure.check.startsWith("P19 "), failure.check).toBe(true);
    expect(failure.message).toMatch(/names mimi:\/\/(\w)\.example\/d\/\w+\/d\d, whose certificate was not issued by \1\.example \(issuer .*CN=(?!\1\.example)\w\.example/);
    expect(ran.at(-1)!.text).toContain("[X01 ");
    expect(ran.length).toBeLessThanOrEqual(6);
  });
});
