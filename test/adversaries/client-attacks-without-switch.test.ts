// The compromised-client classes no switch can open: what refuses them is MLS itself, so a planted defect
// would have to fake it. With every skip switch of the hub and of the clients on at once, each is still
// refused (RFC 9420 H1, digest §2.6), and nothing changes:
//   A12 a commit naming, by reference, a proposal the hub never received: no party holds the proposal, so
//       none can compute the epoch the commit opens (RFC 9420 §12.4: proposals by reference are resolved
//       from those received in the epoch);
//   A20 a commit framed as a PrivateMessage: the hub is not a member and holds no epoch secret to decrypt
//       it (RFC 9420 §6.3; protocol §5.3 asks for PublicMessages);
//   A21 a commit whose group id was rewritten after signing, A22 one whose signature was bit-flipped: the
//       signature ts-mls verifies over the FramedContentTBS (RFC 9420 §6.1) no longer holds.
import { describe, expect, it } from "vitest";
import { CLIENT_FAULT_NAMES, type ClientFaults } from "../../impl/client/client-faults.js";
import { HUB_FAULTS, type HubFaults } from "../../impl/hub/hub-config.js";
import { CLIENT_ATTACKS } from "../../properties/adversaries/client-attacks.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";

/** Every switch that turns a check off (the planted defects that add behaviour are left out). */
const allSkips = <T extends string>(names: readonly T[]) => Object.fromEntries(names.filter((n) => n.startsWith("skip")).map((n) => [n, true]));
const hubFaults = allSkips(Object.keys(HUB_FAULTS)) as HubFaults;
const clientFaults = allSkips(Object.keys(CLIENT_FAULT_NAMES)) as ClientFaults;
const setup: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["client"]), hubFaults, clientFaults, compareWithModel: false, invariants: [] };

/** u0/d0 (group_admin) adds u1 and u2 with both their clients; then u0/d0 attacks. */
const ROOM: Command[] = [
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
];

// Per class: the hub's reason, as the MLS rule it applies (H1) words it.
const CASES: Record<string, RegExp> = {
  A12: /^MLS: commit references a proposal the hub never accepted$/,
  A20: /^handshakes must be PublicMessages$/,
  A21: /^MLS: handshake signature invalid$/,
  A22: /^MLS: handshake signature invalid$/,
};

describe("with every skip switch of the hub and the clients on, MLS still refuses", () => {
  for (const [id, reason] of Object.entries(CASES)) {
    const index = CLIENT_ATTACKS.findIndex((a) => a.id === id);
    it(`${id} ${CLIENT_ATTACKS[index]!.name}`, async () => {
      const runner = await TraceRunner.start(setup);
      for (const c of ROOM) await runner.step(c);
      const hub = runner.impl.system.hub;
      const before = hub.snapshot(runner.impl.roomId)!;
      const refusalsBefore = runner.impl.system.allClients().map((c) => c.refusals.length);
      await runner.step({ op: "attack", attacker: 0, attack: index, target: 0, variant: 0 });
      const step = runner.result().steps.at(-1)!;
      expect(step.text).toContain(`[${id} `);
      expect(step.skipped, step.text).toBe(false);
      expect(["notAllowed", "invalidProposal"]).toContain(step.implCode);
      expect(hub.lastDecision?.rule).toBe("H1");
      expect(hub.lastDecision?.reason).toMatch(reason);
      const after = hub.snapshot(runner.impl.roomId)!;
      expect([after.epoch, after.members, after.pending]).toEqual([before.epoch, before.members, before.pending]);
      // Nothing was fanned out, so no client had anything to refuse.
      expect(runner.impl.system.allClients().map((c) => c.refusals.length)).toEqual(refusalsBefore);
    });
  }
});
