// Each compromised-follower attack class, built in a room where it can be. Towards the hub (F01–F04) it is
// refused with the code the draft gives and changes nothing; towards the follower's own clients (F05–F07)
// the hub cannot tell, and the clients must refuse what they are handed again or what lies about its
// sender, with every invariant holding. Expected codes are written from the digest (§2.3, §2.6, §5.6) and
// docs/rules.md "Sender binding".
import { describe, expect, it } from "vitest";
import { FOLLOWER_ATTACKS } from "../../properties/adversaries/follower-attacks.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";

/** Five users: u1 and u4 on b.example, u2 on c.example, u0 and u3 on the hub's a.example. */
const setup: RunSetup = { ...DEFAULT_SETUP, users: 5, adversaries: new Set(["follower"]) };

/** u0/d0 (the creator, group_admin) adds u1, u2 and u4 as ordinary users with both their clients. */
const ROOM: Command[] = [0, 0, 1].map((target) => ({ op: "addParticipant", actor: 0, target, scope: "fitting", role: 1, clients: "all" }) as Command);

// Per class: the hub's code. b.example (attacker 0) attacks.
const CASES: Record<string, { code: string }> = {
  F01: { code: "notAllowed" }, // H0: sendingUri of another provider
  F02: { code: "notAllowed" }, // H0: committer of another provider
  F03: { code: "notAuthorized" }, // §5.6 GroupInfoCode, H0
  F04: { code: "HTTP 403" }, // H0: no KeyMaterialUserCode fits
  F05: { code: "delivered" }, // no hub request: the clients judge
  F06: { code: "delivered" },
  F07: { code: "accepted" }, // the hub cannot tell: the clients refuse
};

describe("compromised follower: every attack class is refused (hub) or detected (clients), and changes nothing", () => {
  for (const [index, attack] of FOLLOWER_ATTACKS.entries()) {
    // F08–F10 need an unlisted user of the attacking follower: their room is in follower-keypackage-attacks.test.ts.
    if (["F08", "F09", "F10"].includes(attack.id)) continue;
    // F11 (a withheld commit) is generated only when aimed at, judged by P8: adversary-follower-withheld-commit.test.ts.
    if (attack.aimedOnly === true) continue;
    const c = CASES[attack.id];
    if (c === undefined) throw new Error(`${attack.id} has no case here`);
    it(`${attack.id} ${attack.name}`, async () => {
      const command: Command = { op: "attack", attacker: 0, attack: index, target: 0, variant: 0 };
      const result = await runTrace(setup, [...ROOM, command]);
      const last = result.steps.at(-1)!;
      expect(last.skipped, last.text).toBe(false);
      expect(last.text).toContain(`[${attack.id} `);
      expect(last.implCode).toBe(c.code);
      expect(result.failure).toBeUndefined();
    });
  }
});
