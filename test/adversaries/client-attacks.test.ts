// Each compromised-client attack class, built in a room where it can be, is refused by the hub with the
// code the draft gives for it and changes nothing (the run compares the room with the model's, unchanged,
// and checks every invariant). The expected codes are written here from the digest's §2.6 and §7 text.
import { describe, expect, it } from "vitest";
import { CLIENT_ATTACKS } from "../../properties/adversaries/client-attacks.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";

const setup: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["client"]) };

/** u0/d0 (the creator, group_admin) adds u1 and u2 as ordinary users with both their clients. */
const ROOM: Command[] = [
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
];
const banU3: Command[] = [
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "none" },
  { op: "ban", actor: 0, target: 2, scope: "fitting" },
];

// Per class: the draft's code(s), and what must happen first for the class to be buildable.
const CASES: Record<string, { codes: string[]; before?: Command[]; attacker?: number; variant?: number; roleSet?: RunSetup["roleSet"] }> = {
  A01: { codes: ["notAllowed", "invalidProposal"] }, // H6: notAllowed or invalidProposal (H5)
  A02: { codes: ["notAllowed", "invalidProposal"], before: banU3 },
  // In the restricted room: u3 listed as observer (role 4, max_active 0), without clients. (In the
  // cooperative room only a super_admin could list a policy_enforcer, and the creator is a group_admin.)
  A03: { codes: ["notAllowed", "invalidProposal"], roleSet: "restricted", before: [{ op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 3, clients: "none" }] },
  A04: { codes: ["notAllowed", "invalidProposal"] }, // H7
  A05: { codes: ["notAllowed", "invalidProposal"] },
  A06: { codes: ["notAllowed", "invalidProposal"] },
  A07: { codes: ["notAllowed", "invalidProposal"], variant: 1 }, // H8
  A08: { codes: ["notAllowed", "invalidProposal"] }, // H9
  A09: { codes: ["notAllowed", "invalidProposal"], variant: 1 },
  A10: { codes: ["notAllowed", "invalidProposal"], variant: 1 }, // H12
  A11: { codes: ["notAllowed", "invalidProposal"] }, // H10
  A12: { codes: ["notAllowed", "invalidProposal"] },
  A13: { codes: ["wrongEpoch"] }, // H2
  A14: { codes: ["notAllowed"], before: [{ op: "leave", actor: 1 }], attacker: 1 }, // H3
  A15: { codes: ["notAllowed"], before: [{ op: "leave", actor: 1 }], attacker: 1 }, // H17
  A16: { codes: ["wrongEpoch"], before: [{ op: "kick", actor: 0, target: 0, scope: "fitting" }] }, // H2
  A17: { codes: ["wrongEpoch"], before: [{ op: "ban", actor: 0, target: 0, scope: "fitting" }] },
  A18: { codes: ["epochTooOld"], before: [{ op: "removeParticipant", actor: 0, target: 0, scope: "fitting" }] }, // H20
  A19: { codes: ["notAllowed"] }, // H14, R4
  A20: { codes: ["notAllowed", "invalidProposal"] }, // H1
  A21: { codes: ["notAllowed", "invalidProposal"] },
  A22: { codes: ["notAllowed", "invalidProposal"] },
  A23: { codes: ["notAllowed", "invalidProposal"] }, // H13
  A24: { codes: ["wrongEpoch"] }, // H2
  A25: { codes: ["notAllowed", "invalidProposal"], before: [{ op: "leave", actor: 1 }], attacker: 0 },
  A26: { codes: ["notAllowed"] }, // H14: the joiner is not the client of the GroupInfo request it follows
  A27: { codes: ["notAllowed", "invalidProposal"] }, // R6 (D12): a kick removes every client of its target
};

describe("compromised client: every attack class is refused and changes nothing", () => {
  for (const [index, attack] of CLIENT_ATTACKS.entries()) {
    const c = CASES[attack.id];
    if (c === undefined) throw new Error(`${attack.id} has no case here`);
    it(`${attack.id} ${attack.name}`, async () => {
      const command: Command = { op: "attack", attacker: c.attacker ?? 0, attack: index, target: 0, variant: c.variant ?? 0 };
      const result = await runTrace({ ...setup, roleSet: c.roleSet ?? setup.roleSet }, [...ROOM, ...(c.before ?? []), command]);
      const last = result.steps.at(-1)!;
      expect(last.skipped, last.text).toBe(false);
      expect(last.text).toContain(`[${attack.id} `);
      expect(c.codes).toContain(last.implCode);
      expect(result.failure).toBeUndefined();
    });
  }
});
