// Planted defects aimed at one compromised-client attack class at a time: the run's attacks are
// restricted to that class (RunSetup.attackClasses), the defence that refuses it is switched off, and the
// harness must find the attack, judge it by the named check, and shrink it to a few steps.
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { parseCommandLine } from "../../properties/cli/parse-options.js";
import { replayCommand } from "../../properties/report/replay-command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, onlyInvariant, report } from "./helpers.js";

const SEED = 1;
const RUNS = 200;
const MAX_COMMANDS = 15;

interface Aim {
  readonly attackClass: string;
  readonly hubFaults: HubFaults;
  readonly clientFaults: ClientFaults;
  /** Invariants alone judge the run when given; the model compares every step otherwise. */
  readonly invariants?: readonly string[];
}

function aimedSetup(aim: Aim): RunSetup {
  return {
    ...DEFAULT_SETUP,
    adversaries: new Set(["client"]),
    attackClasses: [aim.attackClass],
    // The defence is off for honest commits too: only operations the model accepts are sent, so that the
    // failure can only come from the attack.
    skipRefusedOperations: true,
    hubFaults: aim.hubFaults,
    clientFaults: aim.clientFaults,
    compareWithModel: aim.invariants === undefined,
    invariants: aim.invariants === undefined ? DEFAULT_SETUP.invariants : aim.invariants.flatMap((id) => onlyInvariant(id)),
  };
}

async function findFailure(aim: Aim) {
  const result = await checkRoomProperty({ setup: aimedSetup(aim), seed: SEED, runs: RUNS, maxCommands: MAX_COMMANDS });
  expect(result.error).toBeUndefined();
  expect(result.failure, `the planted defect was not found by an ${aim.attackClass} attack`).toBeDefined();
  const failure = result.failure!.trace.failure!;
  const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
  // The same commands with the defence on: the room refuses the attack and nothing fails, so it is the
  // planted defect, not the run, that the harness found.
  const defended = await runTrace({ ...aimedSetup(aim), hubFaults: {}, clientFaults: {} }, result.failure!.commands);
  expect(defended.failure, report(result)).toBeUndefined();
  return { result, failure, last: ran.at(-1)!.text };
}

describe("the room policy skipped on the hub and in every client: the invariant finds the attack", () => {
  const policyOff = { hubFaults: { skipCommitPolicy: true }, clientFaults: { skipCommitPolicy: true } };
  const cases: { attackClass: string; invariants: string[]; says: RegExp }[] = [
    { attackClass: "A01", invariants: ["P1", "P15"], says: /is not listed/ },
    { attackClass: "A02", invariants: ["P2", "P15"], says: /banned/ },
    { attackClass: "A05", invariants: ["P2"], says: /banned/ },
    { attackClass: "A07", invariants: ["P6"], says: /C29: / },
  ];
  for (const c of cases) {
    it(`${c.attackClass}: ${c.invariants.join(" or ")} catches it, shrunk to ≤ 6 steps`, async () => {
      const { result, failure, last } = await findFailure({ attackClass: c.attackClass, ...policyOff, invariants: c.invariants });
      const rep = report(result);
      expect(c.invariants.some((id) => failure.check.startsWith(`${id} `)), rep).toBe(true);
      expect(failure.message, rep).toMatch(c.says);
      expect(last, rep).toMatch(new RegExp(`\\[${c.attackClass} `));
      expect(last, rep).toContain("compromised client");
      expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
    });
  }
});

describe("the hub's epoch check skipped: the model says wrongEpoch where the hub answers otherwise", () => {
  for (const attackClass of ["A13", "A16", "A17", "A24"]) {
    it(`${attackClass}: the verdict comparison catches the wrong code, shrunk to ≤ 6 steps`, async () => {
      const { result, failure, last } = await findFailure({ attackClass, hubFaults: { skipEpochCheck: true }, clientFaults: {} });
      const rep = report(result);
      expect(failure.check, rep).toBe("verdict");
      expect(failure.message, rep).toMatch(new RegExp(`^hub answered notAllowed, the draft says wrongEpoch for ${attackClass} `));
      expect(last, rep).toMatch(new RegExp(`\\[${attackClass} `));
      expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
      if (attackClass === "A13") {
        // The printed replay line carries the aim, so it asks for the same run.
        const line = replayCommand(result.options, result.failure!.path, result.failure!.replayPath);
        expect(line).toContain("--attack-class A13 --skip-refused");
        const args = line.replace(/^npm start -- /, "").match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ""));
        const parsed = parseCommandLine(args);
        expect(parsed.kind === "run" && [parsed.options.attackClasses, parsed.options.skipRefusedOperations, parsed.options.adversaries]).toEqual([["A13"], true, ["client"]]);
      }
    });
  }
});
