// A compromised hub against honest clients with every defence on: the clients refuse every room change the
// hub proposes by itself, no client joins by the hub's hand, and after a split (M01) or a withheld commit
// (M02) each client notices as soon as traffic from the other side reaches it. Fixed traces measure how
// many steps detection takes; generated runs (fixed seeds) check that nothing fails and that the premises
// of P14, P15 and P16 were met.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TraceResult } from "../../properties/runner/run-trace.js";
import { RunCoverage } from "../../properties/coverage/run-coverage.js";
import type { Command } from "../../properties/commands/command.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace, TraceRunner } from "../../properties/runner/run-trace.js";
import { onlyInvariant, report } from "./helpers.js";

const JUDGES = ["P14", "P15", "P16"];

function hubSetup(classes: readonly string[], overrides: Partial<RunSetup> = {}): RunSetup {
  return {
    ...DEFAULT_SETUP,
    adversaries: new Set(["hub"]),
    attackClasses: classes,
    compareWithModel: false,
    invariants: JUDGES.flatMap((id) => onlyInvariant(id)!),
    credentials: "basic",
    ...overrides,
  };
}

/** Runs the commands one by one; answers, per client, the first step (index) at which it recorded a refusal. */
async function firstRefusals(setup: RunSetup, commands: readonly Command[]) {
  const runner = await TraceRunner.start(setup);
  const first = new Map<string, number>();
  for (const command of commands) {
    await runner.step(command);
    const index = runner.result().steps.length;
    for (const c of runner.impl.system.allClients()) if (c.refusals.length > 0 && !first.has(c.uri)) first.set(c.uri, index);
  }
  return { result: runner.result(), first };
}

// u0 (a.example) adds u1 (b.example) with both its clients; the hub then splits or withholds.
const ADD_U1: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" };
const U0 = "mimi://a.example/d/u0/d0";
const U1 = ["mimi://b.example/d/u1/d0", "mimi://b.example/d/u1/d1"];

describe("a split is detected at the first traffic from the other side", () => {
  it("M01: u0/d0 notices at u1's first message, u1's clients at u0/d0's next commit", async () => {
    const { result, first } = await firstRefusals(hubSetup(["M01"], { users: 2 }), [
      ADD_U1,
      { op: "attack", attacker: 0, attack: 0, target: 0, variant: 0 },
      { op: "sendMessage", actor: 1, epochOffset: 0 },
      { op: "commit", actor: 0, includePending: true },
    ]);
    expect(result.failure, JSON.stringify(result.failure)).toBeUndefined();
    expect(result.steps.map((s) => s.text).join("\n")).toMatch(/\[M01 split/);
    // Steps: 1 the room, 2 the addition, 3 the split, 4 u1's message, 5 u0/d0's commit.
    expect(first.get(U0)).toBe(4);
    for (const c of U1) expect(first.get(c)).toBe(5);
  });

  it("M02: u1's clients, left behind, notice at the next commit they cannot follow", async () => {
    const { result, first } = await firstRefusals(hubSetup(["M02"], { users: 2 }), [ADD_U1, { op: "attack", attacker: 0, attack: 0, target: 0, variant: 0 }, { op: "commit", actor: 0, includePending: true }]);
    expect(result.failure, JSON.stringify(result.failure)).toBeUndefined();
    expect(result.steps.map((s) => s.text).join("\n")).toMatch(/\[M02 commit withheld/);
    for (const c of U1) expect(first.get(c)).toBe(4);
    expect(first.has(U0)).toBe(false);
  });
});

/**
 * A generation narrowed to what a split needs and what reaches the other side: u1 (b.example) added with its
 * clients first, then the hub's attacks, messages and commits by any member, in any order. fast-check shrinks
 * a failing sequence; answers the shrunk trace (if one failed) and the coverage of every run.
 */
async function narrowedRun(setup: RunSetup, seed: number, numRuns: number) {
  const coverage = new RunCoverage();
  const index = fc.nat({ max: 7 });
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ op: fc.constant("attack" as const), attacker: fc.constant(0), attack: index, target: index, variant: index }),
    fc.record({ op: fc.constant("sendMessage" as const), actor: index, epochOffset: fc.constant<0>(0) }),
    fc.record({ op: fc.constant("commit" as const), actor: index, includePending: fc.constant(true) }),
  );
  let failed: TraceResult | undefined;
  const details = await fc.check(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 5 }), async (rest) => {
      const result = await runTrace(setup, [ADD_U1, ...rest]);
      coverage.merge(result.coverage);
      if (result.failure !== undefined) {
        failed = result;
        throw new Error(result.failure.message);
      }
    }),
    { seed, numRuns },
  );
  return { failed: details.failed ? failed : undefined, coverage };
}

describe("narrowed to splits and the traffic that crosses them", () => {
  it("P16 finds a split the clients keep silent about (dropUnreadableSilently), shrunk to at most 6 steps", async () => {
    const { failed } = await narrowedRun(hubSetup(["M01"], { users: 2, clientFaults: { dropUnreadableSilently: true }, invariants: onlyInvariant("P16")! }), 1, 100);
    expect(failed, "the silent split was not found").toBeDefined();
    const steps = failed!.steps.map((s) => `${s.index}. ${s.text}`).join("\n");
    expect(failed!.failure!.check, steps).toBe("P16 a split is detected");
    expect(failed!.failure!.message, steps).toMatch(/^u\d\/d\d \(epoch \d+ with another epoch authenticator\) received u\d\/d\d's (message|commit) from epoch \d+ of the other side and recorded nothing: the split stays silent$/);
    expect(steps).toMatch(/\[M01 split: two commits for one epoch\]/);
    expect(failed!.steps.filter((s) => !s.skipped).length - 1, steps).toBeLessThanOrEqual(6);
  });

  it("with the clients' defences on, every client on the other side of a split or a withheld commit detects the first traffic that reaches it", async () => {
    const { failed, coverage } = await narrowedRun(hubSetup(["M01", "M02"], { users: 2 }), 1, 30);
    expect(failed?.failure, JSON.stringify(failed?.steps.map((s) => s.text))).toBeUndefined();
    expect(coverage.invariantPremises.get("P16") ?? 0).toBeGreaterThanOrEqual(10);
    expect((coverage.attacks.get("M01 accepted") ?? 0) + (coverage.attacks.get("M02 accepted") ?? 0)).toBeGreaterThanOrEqual(10);
  });
});

describe("generated runs of every hub class with the clients' defences on", () => {
  it("the model against the clients: no honest client in the model's room takes what the model refuses, whatever the hub did", async () => {
    const setup: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["hub"]), credentials: "basic", variants: { leaveOrder: "clients-first", pendingProposals: "may-omit" } };
    const result = await checkRoomProperty({ setup, seed: 2, runs: 30, maxCommands: 15 });
    expect(result.error).toBeUndefined();
    expect(result.failure, report(result)).toBeUndefined();
    const built = [...result.coverage.attacks.entries()].filter(([k]) => /^M\d\d/.test(k)).reduce((n, [, v]) => n + v, 0);
    expect(built).toBeGreaterThanOrEqual(10);
  });

  it("no client takes a change no authorised participant signed, nor a member the hub added itself", async () => {
    const result = await checkRoomProperty({ setup: hubSetup(["M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12"]), seed: 5, runs: 25, maxCommands: 10 });
    expect(result.error).toBeUndefined();
    expect(result.failure, report(result)).toBeUndefined();
    const built = [...result.coverage.attacks.entries()].filter(([k]) => /^M\d\d/.test(k)).reduce((n, [, v]) => n + v, 0);
    expect(built).toBeGreaterThanOrEqual(10);
    expect(result.coverage.invariantPremises.get("P14") ?? 0).toBeGreaterThanOrEqual(10);
    expect(result.coverage.invariantPremises.get("P15") ?? 0).toBeGreaterThanOrEqual(5);
  });
});
