// Each duty of the fanout's delivery has an invariant, and each invariant catches its planted defect
// alone (without the model), found by generation and shrunk to ≤ 6 steps after the room's creation:
//   P25 /notify processed once        ← processNotifyTwice (a follower processes a re-delivered body again)
//   P26 one order, delivered in order ← deliverOutOfOrder (a follower hands a backlog's items newest first)
//   P27 moreProposals unchanged       ← dropMoreProposals (a follower hands a proposal without its bundle)
//   P28 convergence after the faults  ← noRecovery (the hub drops what a follower could not take)
// The generation is narrowed to what reaches a follower's clients (adds with clients, commits, messages,
// leaves, and the network's faults), so that a few dozen runs suffice; with the switch off the same
// generation holds under the same invariant (8 runs, with a floor on the steps it had something to judge).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NetworkDutyFaults } from "../../impl/provider/follower-faults.js";
import type { Command } from "../../properties/commands/command.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace, type TraceResult } from "../../properties/runner/run-trace.js";
import { add, command } from "./helpers.js";

function setup(invariant: string, classes: readonly string[], faults: NetworkDutyFaults): RunSetup {
  return {
    ...DEFAULT_SETUP,
    adversaries: new Set(["network"]),
    networkFaultClasses: classes,
    deliveryFaults: faults,
    compareWithModel: false,
    invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id === invariant),
  };
}

/** Runs the narrowed generation; answers the shrunk failure's trace, or undefined, and the runs' premise count. */
async function search(s: RunSetup, seed: number, runs: number): Promise<{ trace?: TraceResult; commands?: readonly Command[]; premises: number }> {
  let premises = 0;
  const id = s.invariants[0]!.id;
  const details = await fc.check(
    // A first add brings a follower's clients in (shrinking may still drop or change it).
    fc.asyncProperty(add, fc.array(command, { minLength: 1, maxLength: 7 }), async (first, rest) => {
      const result = await runTrace(s, [first, ...rest]);
      premises += result.coverage.invariantPremises.get(id) ?? 0;
      return result.failure === undefined;
    }),
    { seed, numRuns: runs },
  );
  if (!details.failed) return { premises };
  const commands = [details.counterexample![0], ...details.counterexample![1]];
  return { trace: await runTrace(s, commands), commands, premises };
}

const cases = [
  { invariant: "P25", name: "/notify processed once", fault: "processNotifyTwice", classes: ["N01", "N02"], message: /handed .* a second time/ },
  { invariant: "P26", name: "one total order, delivered in order", fault: "deliverOutOfOrder", classes: ["N05"], message: /handed .* after the /, runs: 60 },
  { invariant: "P27", name: "moreProposals unchanged", fault: "dropMoreProposals", classes: ["N01"], message: /with 0 other proposal\(s\) of its bundle, the hub sent [1-9]/ },
  { invariant: "P28", name: "convergence once the faults stop", fault: "noRecovery", classes: ["N05"], message: /is in epoch \d+, the hub in \d+, 1 command\(s\) after the network became calm again/, runs: 60 },
] as const;

describe("the network's duties: each invariant finds its planted defect, shrunk", () => {
  for (const c of cases) {
    it(`${c.invariant} ${c.name} finds ${c.fault}, shrunk to ≤ 6 steps; without it the same runs hold`, async () => {
      const runs = "runs" in c ? c.runs : 20;
      const found = await search(setup(c.invariant, c.classes, { [c.fault]: true }), 1, runs);
      expect(found.trace?.failure, `${c.fault} was not found`).toBeDefined();
      expect(found.trace!.failure!.check).toBe(`${c.invariant} ${c.name}`);
      expect(found.trace!.failure!.message).toMatch(c.message);
      const ran = found.trace!.steps.filter((s) => !s.skipped && s.index > 1);
      expect(ran.length, ran.map((s) => s.text).join("\n")).toBeLessThanOrEqual(6);
      const held = await search(setup(c.invariant, c.classes, {}), 1, 8);
      expect(held.trace?.failure).toBeUndefined();
      // The runs had something to judge: a floor on the steps that met the invariant's premise.
      expect(held.premises).toBeGreaterThanOrEqual(2);
    }, 60_000);
  }
});
