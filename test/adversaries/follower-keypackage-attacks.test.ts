// The compromised follower's false /keyMaterial answers (F08–F10): a KeyPackage handed out twice, an
// expired one, one of another user. The hub refuses to pass each answer on (H24: HTTP 424 Failed
// Dependency: the fault is the target provider's), routes nothing and changes nothing; with the planted fault
// skipKeyPackageChecks it relays them and the run fails. Expected codes are written from protocol §5.2 and
// digest §2.6 H24 (docs/rules.md does not cover key material).
import { describe, expect, it } from "vitest";
import { FOLLOWER_ATTACKS } from "../../properties/adversaries/follower-attacks.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";

/** Five users: u1 and u4 on b.example (the attacker), u2 on c.example, u0 and u3 on the hub's a.example. */
const setup: RunSetup = { ...DEFAULT_SETUP, users: 5, adversaries: new Set(["follower"]) };

/** u0/d0 (the creator, group_admin) adds u2 (c.example) as an ordinary user with both its clients; b.example's users stay unlisted. */
const ROOM: Command[] = [{ op: "addParticipant", actor: 0, target: 1, scope: "fitting", role: 1, clients: "all" } as Command];

// With the hub's check off, who else stops it: F08 nobody (the Add is accepted: the model comparison
// reports it), F09 the adder's MLS library (ts-mls checks a committer's Adds against the wall clock), F10
// the hub's per-commit check (a client of a user the commit does not list: invalidProposal).
const WITHOUT_H24: Record<string, RegExp> = { F08: /^accepted$/, F09: /^refused by u0\/d0's MLS library: Current time not within Lifetime$/, F10: /^invalidProposal$/ };

describe("compromised follower: false key material is refused by the hub (H24) and changes nothing", () => {
  for (const id of ["F08", "F09", "F10"]) {
    const index = FOLLOWER_ATTACKS.findIndex((a) => a.id === id);
    const attack: Command = { op: "attack", attacker: 0, attack: index, target: 0, variant: 0 };

    it(`${id} ${FOLLOWER_ATTACKS[index]!.name}: HTTP 424, nothing relayed, the room unchanged`, async () => {
      const result = await runTrace(setup, [...ROOM, attack]);
      const last = result.steps.at(-1)!;
      expect(result.steps[1]!.text).toContain("adds u2");
      expect(last.skipped, last.text).toBe(false);
      expect(last.text).toContain(`[${id} `);
      expect(last.implCode).toBe("HTTP 424");
      expect(result.failure).toBeUndefined();
      expect(last.wire!.map((w) => `${w.from}→${w.to} /${w.endpoint} ${w.status}`)).toContain("a.example→a.example /keyMaterial 424");
      expect(last.wire!.some((w) => w.endpoint === "update")).toBe(false);
    });

    it(`${id} with the planted skipKeyPackageChecks: the hub relays the answer and the run fails`, async () => {
      const result = await runTrace({ ...setup, hubFaults: { skipKeyPackageChecks: true } }, [...ROOM, attack]);
      const last = result.steps.at(-1)!;
      expect(last.text).toContain(`[${id} `);
      expect(last.implCode).toMatch(WITHOUT_H24[id]!);
      expect(result.failure?.step).toBe(result.steps.length);
    });
  }
});
