// The impostor join (attack class A26): u3 (a.example, ordinary user) has a new device, u3/d1. It fetches
// the GroupInfo under its own name and key, then joins by external commit with a leaf carrying u0/d0's
// credential (the creator, another user of a.example; copied from the tree) and its own key, removing
// u0/d0's leaf as a "resync". Digest §2.6 H14: "the joiner's credential should match the one in its
// earlier GroupInfoRequest"; RFC 9420 §5.3.3: a replaced credential must name a valid successor of the
// old identity. Under basic credentials (the first two blocks) the signature key is the only proof, and
// H14 is what stops it; under x509 (the last block) the certificate binds u0/d0's URI to u0/d0's key, so
// every party's credential validation refuses the impostor's leaf even with H14 off.
import { describe, expect, it } from "vitest";
import { createApplicationMessage, emptyPskIndex, processMessage } from "ts-mls";
import { clientUriOfCredential } from "../../impl/mls/client-credential.js";
import { CLIENT_ATTACKS, impostorStates } from "../../properties/adversaries/client-attacks.js";
import type { Command } from "../../properties/commands/command.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";

const VICTIM = "mimi://a.example/d/u0/d0";
const IMPOSTOR = "mimi://a.example/d/u3/d1";
const A26 = CLIENT_ATTACKS.findIndex((a) => a.id === "A26");

/** u0/d0 creates the room and adds u3 (a.example too) with u3/d0 only; then u3/d0's user attacks. */
const TRACE: Command[] = [
  { op: "addParticipant", actor: 0, target: 2, scope: "fitting", role: 1, clients: "first" },
  { op: "attack", attacker: 1, attack: A26, target: 0, variant: 0 },
];

const base: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["client"]), credentials: "basic" };
/** Without the model or invariants, to see what the deployment itself does. */
const bare = (setup: Partial<RunSetup>): RunSetup => ({ ...base, compareWithModel: false, invariants: [], ...setup });

async function run(setup: RunSetup) {
  const runner = await TraceRunner.start(setup);
  for (const c of TRACE) await runner.step(c);
  const result = runner.result();
  const attack = result.steps.at(-1)!;
  expect(attack.text).toContain(`u3/d1 fetches the GroupInfo as itself, then joins as u0/d0`);
  return { runner, result, attack, impl: runner.impl, room: runner.impl.roomId };
}

describe("the impostor join", () => {
  it("with the hub's join binding and the clients' resync check off, it is accepted: u0/d0 drops out and the impostor reads the next message", async () => {
    const { impl, room, attack } = await run(bare({ hubFaults: { skipJoinBinding: true }, clientFaults: { skipResyncCheck: true } }));
    expect(attack.text).not.toContain("skipped");
    expect(impl.system.hub.lastDecision?.code).toBe("accepted");
    // The hub's tree names u0/d0 once, and that leaf carries the impostor's key.
    const tree = impl.system.hub.room(room)!.view.tree;
    const leaves = tree.flatMap((n) => (n?.nodeType === "leaf" ? [n.leaf] : []));
    const named = leaves.filter((l) => clientUriOfCredential(l.credential) === VICTIM);
    expect(named).toHaveLength(1);
    expect(impl.system.client(IMPOSTOR).signatureKeysHeld().has(Buffer.from(named[0]!.signaturePublicKey).toString("base64"))).toBe(true);
    // The real u0/d0 processed its own removal; the honest member u3/d0 followed into the new epoch.
    expect(impl.system.client(VICTIM).session(room)).toBeUndefined();
    const member = impl.client("u3/d0").session(room)!.state;
    expect(member.groupContext.epoch).toBe(impl.system.hub.room(room)!.view.groupContext.epoch);
    // u3/d0's next message is readable with the impostor's state.
    const sent = await createApplicationMessage({ ...member, unappliedProposals: {} }, new TextEncoder().encode("for members only"), impl.system.hub.suite);
    const message = { version: "mls10", wireformat: "mls_private_message", privateMessage: sent.privateMessage } as unknown as Parameters<typeof processMessage>[0];
    const read = await processMessage(message, impostorStates.get(impl)!, emptyPskIndex, () => "reject", impl.system.hub.suite);
    expect(read.kind).toBe("applicationMessage");
    expect(new TextDecoder().decode((read as { message: Uint8Array }).message)).toBe("for members only");
  });

  it("the hub refuses it (H14, notAllowed) and the room does not change", async () => {
    const { result, attack, impl } = await run(base);
    expect(result.failure).toBeUndefined();
    expect(attack.implCode).toBe("notAllowed");
    expect(impl.system.hub.lastDecision).toMatchObject({ code: "notAllowed", rule: "H14" });
    expect(impl.system.hub.lastDecision?.reason).toContain(`no GroupInfo request of ${VICTIM}`);
  });

  it("with the hub's binding off, every honest client holding the room refuses the commit (H14)", async () => {
    const { impl, room } = await run(bare({ hubFaults: { skipJoinBinding: true } }));
    expect(impl.system.hub.lastDecision?.code).toBe("accepted");
    const holders = ["u0/d0", "u3/d0"].map((c) => impl.client(c));
    for (const c of holders) {
      const refusal = c.refusals.find((r) => r.what === "commit" && r.rule === "H14");
      expect(refusal, `${c.uri} took the impostor's commit`).toBeDefined();
      expect(refusal!.reason).toContain("its signature key is not that client's");
    }
    expect(impl.system.client(VICTIM).session(room)).toBeDefined();
  });

  it("with the clients' check off alone, the hub still refuses it", async () => {
    const { attack, impl } = await run({ ...base, clientFaults: { skipResyncCheck: true } });
    expect(attack.implCode).toBe("notAllowed");
    expect(impl.system.hub.lastDecision?.rule).toBe("H14");
  });
});

describe("P19 finds the impostor join when hub and clients skip the binding", () => {
  it("generated as A26 by the property, caught by P19 alone, shrunk to ≤ 6 steps", async () => {
    const setup: RunSetup = {
      ...base,
      hubFaults: { skipJoinBinding: true },
      clientFaults: { skipResyncCheck: true },
      compareWithModel: false,
      invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id === "P19"),
    };
    const result = await checkRoomProperty({ setup, seed: 1, runs: 200, maxCommands: 15 });
    expect(result.error).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const failure = result.failure!.trace.failure!;
    const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
    expect(failure.check.startsWith("P19 "), failure.check).toBe(true);
    expect(failure.message).toMatch(/names mimi:\/\/\S+ but carries mimi:\/\/\S+'s signature key/);
    expect(ran.at(-1)!.text).toMatch(/\[A26 impostor join\]/);
    expect(ran.length).toBeLessThanOrEqual(6);
  });
});

describe("under x509 credentials the impostor's leaf fails credential validation at the hub and at every honest client", () => {
  const x509: RunSetup = { ...base, credentials: "x509" };
  const bareX509 = (setup: Partial<RunSetup>): RunSetup => ({ ...x509, compareWithModel: false, invariants: [], ...setup });
  const keyBindingOff = { skipCredentialKeyBinding: true } as const;

  it("the leaf carries u0/d0's certificate chain and the impostor's key; the hub refuses it (H14 first), nothing changes", async () => {
    const { result, attack, impl } = await run(x509);
    expect(result.failure).toBeUndefined();
    expect(attack.implCode).toBe("notAllowed");
    expect(impl.system.hub.lastDecision).toMatchObject({ code: "notAllowed", rule: "H14" });
  });

  it("with the hub's join binding off, the hub's credential validation refuses it: the certificate binds another key", async () => {
    const { attack, impl } = await run({ ...x509, hubFaults: { skipJoinBinding: true }, clientFaults: { skipResyncCheck: true } });
    expect(attack.implCode).toBe("notAllowed");
    expect(impl.system.hub.lastDecision).toMatchObject({ code: "notAllowed", rule: "H1" });
    expect(impl.system.hub.lastDecision?.reason).toContain(`the certificate for ${VICTIM} binds another key than the leaf's signature key`);
  });

  it("with the hub's join binding and key binding off, every honest client holding the room refuses the commit through its ts-mls authentication service", async () => {
    const { impl, room } = await run(bareX509({ hubFaults: { skipJoinBinding: true, ...keyBindingOff }, clientFaults: { skipResyncCheck: true } }));
    expect(impl.system.hub.lastDecision?.code).toBe("accepted");
    for (const c of ["u0/d0", "u3/d0"].map((id) => impl.client(id))) {
      const refusal = c.refusals.find((r) => r.what === "commit" && r.rule === "MLS");
      expect(refusal, `${c.uri} took the impostor's commit`).toBeDefined();
      expect(refusal!.reason).toContain("Could not validate credential");
    }
    expect(impl.system.client(VICTIM).session(room)).toBeDefined();
  });

  it("with key binding off everywhere as well, it is accepted and P19 reports the leaf naming u0/d0 with the impostor's key", async () => {
    const setup: RunSetup = {
      ...x509,
      hubFaults: { skipJoinBinding: true, ...keyBindingOff },
      clientFaults: { skipResyncCheck: true, ...keyBindingOff },
      compareWithModel: false,
      invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id === "P19"),
    };
    const runner = await TraceRunner.start(setup);
    for (const c of TRACE) await runner.step(c);
    const failure = runner.result().failure;
    expect(failure?.check.startsWith("P19 "), failure?.check).toBe(true);
    expect(failure!.message).toContain(`names ${VICTIM} but carries ${IMPOSTOR}'s signature key`);
  });
});
