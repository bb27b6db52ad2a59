// Fixed traces that once failed a campaign with a compromised hub among the adversaries, replayed with every
// defence on: each must now hold, and still take the path that made it fail (the same classes, in order).
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";

const SETUP: RunSetup = {
  ...DEFAULT_SETUP,
  variants: { leaveOrder: "clients-first", pendingProposals: "may-omit" },
  adversaries: new Set(["client", "hub"]),
  attackClasses: ["A01", "M04"],
};

describe("a compromised hub, then another party's attack", () => {
  // The hub withholds the Welcome of u0/d0's addition of u1 (M04): the model, following the honest history,
  // holds u1's clients as members, which never joined. Then u0/d0, compromised, sends an Add of an unlisted
  // user's client (A01), which the hub refuses. Once the hub has misbehaved, an attack by another party is
  // judged at the honest clients in the model's room (none took it in), not by comparing which clients hold
  // the room: the ones the hub cut off are not a failure of the honest parties.
  it("M04 then A01 refused by the hub: the clients u1 never got are not compared with the model's members", async () => {
    const commands: Command[] = [
      { op: "attack", attacker: 0, attack: 1, target: 0, variant: 0 },
      { op: "attack", attacker: 0, attack: 0, target: 0, variant: 0 },
    ];
    const result = await runTrace(SETUP, commands);
    const texts = result.steps.map((s) => s.text);
    expect(texts[1], texts.join("\n")).toMatch(/compromised hub\) sends u0\/d0's addition of u1 .*without its Welcome \[M04 /);
    expect(texts[2], texts.join("\n")).toMatch(/u0\/d0 \(.*compromised client\) sends .* \[A01 /);
    expect(result.steps[2]!.implCode).toBe("notAllowed");
    expect(result.failure, JSON.stringify(result.failure)).toBeUndefined();
  });
});
