// Planted defects aimed at one compromised-client attack class at a time (A03, A14, A15, A18, A23, A25),
// as in adversary-client-planted.test.ts: the run's attacks are that class only, honest operations the
// model refuses are left out, the defence is switched off, and the harness must find the attack, judge it
// by the named check, and shrink it to ≤ 6 steps. Where two rules refuse the class, both are off, and the
// counterexample is replayed with the class's own defence alone back on: it must pass, so it is that
// defence the harness found missing.
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { parseVariantName } from "../../properties/report/variant-name.js";
import { counterexampleLength, onlyInvariant, report } from "./helpers.js";

interface Aim {
  readonly attackClass: string;
  readonly hubFaults: HubFaults;
  readonly clientFaults?: ClientFaults;
  /** The faults of the replay that must pass: the class's own defence back on, the others still off. */
  readonly defended: { readonly hubFaults: HubFaults; readonly clientFaults?: ClientFaults };
  /** Invariants alone judge the run when given; the model compares every step otherwise. */
  readonly invariants?: readonly string[];
  readonly roleSet?: RunSetup["roleSet"];
  readonly variant?: string;
  /** A fixed seed and length at which the search is short (found within a few runs on this machine). */
  readonly seed: number;
  readonly maxCommands: number;
}

function aimedSetup(aim: Aim, faults: { hubFaults: HubFaults; clientFaults?: ClientFaults }): RunSetup {
  return {
    ...DEFAULT_SETUP,
    roleSet: aim.roleSet ?? DEFAULT_SETUP.roleSet,
    variants: parseVariantName(aim.variant ?? "same-commit/must-include")!,
    adversaries: new Set(["client"]),
    attackClasses: [aim.attackClass],
    skipRefusedOperations: true,
    hubFaults: faults.hubFaults,
    clientFaults: faults.clientFaults ?? {},
    compareWithModel: aim.invariants === undefined,
    invariants: aim.invariants === undefined ? DEFAULT_SETUP.invariants : aim.invariants.flatMap((id) => onlyInvariant(id)),
  };
}

async function findFailure(aim: Aim) {
  const result = await checkRoomProperty({ setup: aimedSetup(aim, aim), seed: aim.seed, runs: 200, maxCommands: aim.maxCommands });
  expect(result.error).toBeUndefined();
  expect(result.failure, `the planted defect was not found by an ${aim.attackClass} attack`).toBeDefined();
  const rep = report(result);
  const ran = result.failure!.trace.steps.filter((s) => !s.skipped);
  expect(ran.at(-1)!.text, rep).toMatch(new RegExp(`\\[${aim.attackClass} `));
  expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  const defended = await runTrace(aimedSetup(aim, aim.defended), result.failure!.commands);
  expect(defended.failure, `with the defence back on:\n${rep}`).toBeUndefined();
  expect(defended.steps.filter((s) => !s.skipped).at(-1)!.implCode, rep).not.toBe("accepted");
  return { result, failure: result.failure!.trace.failure!, rep };
}

describe("compromised-client classes with a defence switched off: the harness finds and shrinks each", () => {
  it("A03 (Add for a role with max_active 0), room policy off on hub and clients: P15, restricted room", async () => {
    const { failure, rep } = await findFailure({
      attackClass: "A03", roleSet: "restricted", seed: 3, maxCommands: 8, invariants: ["P15"],
      hubFaults: { skipCommitPolicy: true }, clientFaults: { skipCommitPolicy: true },
      defended: { hubFaults: {}, clientFaults: { skipCommitPolicy: true } },
    });
    expect(failure.check, rep).toBe("P15 no member without an authorised operation");
    expect(failure.message, rep).toMatch(/became a member while u\d's role \S+ allows no clients/);
  });

  it("A14 (commit by a blocked client), the hub's blocked check off under may-omit (R11 would refuse it too): P3", async () => {
    const { failure, rep } = await findFailure({
      attackClass: "A14", variant: "same-commit/may-omit", seed: 5, maxCommands: 12, invariants: ["P3"],
      hubFaults: { skipBlockedCheck: true },
      defended: { hubFaults: {} },
    });
    expect(failure.check, rep).toBe("P3 a leaving user is blocked at once");
    expect(failure.message, rep).toMatch(/^u\d\/d\d's commit was accepted while u\d was blocked$/);
  });

  it("A15 (proposal by a blocked client), the hub's blocked check and its live-state policy off: P3", async () => {
    const { failure, rep } = await findFailure({
      attackClass: "A15", invariants: ["P3"], seed: 5, maxCommands: 8,
      hubFaults: { skipBlockedCheck: true, skipProposalPolicy: true },
      defended: { hubFaults: { skipProposalPolicy: true } },
    });
    expect(failure.check, rep).toBe("P3 a leaving user is blocked at once");
    expect(failure.message, rep).toMatch(/^u\d\/d\d's leave was accepted while u\d was blocked$/);
  });

  it("A18 (message by a former member), the hub's message epoch check off: the model says epochTooOld, the hub does not", async () => {
    const { failure, rep } = await findFailure({
      attackClass: "A18", seed: 1, maxCommands: 12,
      hubFaults: { skipMessageEpochCheck: true },
      defended: { hubFaults: {} },
    });
    expect(failure.check, rep).toBe("verdict");
    // The sender check may still refuse a user that is gone (R14, notAllowed): the code is wrong either way.
    expect(failure.message, rep).toMatch(/^hub (accepted, model says epochTooOld|answered notAllowed, the draft says epochTooOld) .*A18 /);
  });

  it("A25 (replay of an accepted proposal), the replay check off with the blocked check and live policy (a replayed leave's proposer is blocked and delisted): the model comparison", async () => {
    const { failure, rep } = await findFailure({
      attackClass: "A25", seed: 5, maxCommands: 12,
      hubFaults: { skipProposalReplayCheck: true, skipBlockedCheck: true, skipProposalPolicy: true },
      defended: { hubFaults: { skipBlockedCheck: true, skipProposalPolicy: true } },
    });
    expect(failure.check, rep).toBe("verdict");
    expect(failure.message, rep).toMatch(/^hub accepted, model says notAllowed \(A25: /);
  });

  it("A23 (a GroupInfo that does not match the commit), the hub's GroupInfo match off: P24, the served GroupInfo is of the epoch before", async () => {
    const { failure, rep } = await findFailure({
      attackClass: "A23", seed: 5, maxCommands: 8, invariants: ["P24"],
      hubFaults: { skipGroupInfoMatch: true },
      defended: { hubFaults: {} },
    });
    expect(failure.check, rep).toBe("P24 the served GroupInfo matches the hub's GroupContext");
    expect(failure.message, rep).toMatch(/^the hub serves the GroupInfo of epoch (\d+), its group is in epoch \d+$/);
  });
});
