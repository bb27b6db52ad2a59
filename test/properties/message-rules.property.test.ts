// The receivers' message rules, model against implementation, in generated runs (fixed seeds, small
// worlds): every accepted message's keep-or-discard at every honest client is compared with the model's
// (model/messageRules.ts). A message-heavy generation (the campaign's commands, two messages to each other
// command, after two adds) holds on a floor of each content kind and of each discard; with each planted
// receiver defect, the same generation fails by that comparison alone (no attack class), shrunk to ≤ 6 steps.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import { CONTENT_KINDS } from "../../model/index.js";
import { commandArbitrary, contentChoice, type Command } from "../../properties/commands/command.js";
import { RunCoverage } from "../../properties/coverage/run-coverage.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { setupFor } from "./helpers.js";

/** Cooperative (Appendix A.1): its group_admin holds canDeleteOtherMessage, an ordinary user does not, and
 * nobody holds canDeleteOtherReaction, so deletes of another's message are both kept and discarded. */
const setup = (clientFaults: ClientFaults = {}) => setupFor("same-commit/must-include", { roleSet: "cooperative", users: 3, clientFaults });

/** The room first gets u1 (both clients) and u2 (one) as ordinary users, so that several users talk. */
const populated: Command[] = [
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "first" },
];

/** Two messages (every kind alike, current epoch) for each other operation, so that messages name messages. */
const messageHeavy: fc.Arbitrary<Command> = fc.oneof(
  { weight: 1, arbitrary: commandArbitrary({ compound: false }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("sendMessage" as const), actor: fc.nat({ max: 15 }), epochOffset: fc.constant<0>(0), content: contentChoice }) },
);

describe("message rules: every honest receiver decides as the model", () => {
  it("holds on message-heavy runs, with a floor of every kind and of every discard", async () => {
    const coverage = new RunCoverage();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(messageHeavy, { minLength: 4, maxLength: 14 }), async (commands) => {
        const trace = await runTrace(setup(), [...populated, ...commands]);
        coverage.merge(trace.coverage);
        if (trace.failure !== undefined) failures.push(`${trace.failure.check}: ${trace.failure.message}\n${trace.steps.map((s) => `  ${s.index}. ${s.text} → ${s.implCode ?? "-"}`).join("\n")}`);
        return trace.failure === undefined;
      }),
      { seed: 3, numRuns: 18, endOnFailure: true },
    ).catch(() => undefined);
    expect(failures[0] ?? "", failures[0]).toBe("");
    const n = (key: string) => coverage.messages.get(key) ?? 0;
    const floors = Object.fromEntries(CONTENT_KINDS.map((k) => [k, n(`sent ${k}`)]));
    for (const kind of CONTENT_KINDS) expect(floors[kind], `sent ${kind}: ${JSON.stringify(floors)}`).toBeGreaterThanOrEqual(2);
    const seen = JSON.stringify(Object.fromEntries(coverage.messages));
    expect(n("kept"), seen).toBeGreaterThanOrEqual(60);
    expect(n("discarded F55 duplicateMessageId"), seen).toBeGreaterThanOrEqual(3);
    expect(n("discarded F59 replaceNotAuthorized"), seen).toBeGreaterThanOrEqual(3);
    expect(n("discarded F60 replacesNotFirstVersion"), seen).toBeGreaterThanOrEqual(2);
  });
});

/** The smallest failing run fast-check finds in message-heavy runs with `clientFaults`: its failure, its
 * commands as runTrace replays them (the two adds first), and how many steps ran after the two adds. */
async function shrunkFailure(clientFaults: ClientFaults, seed: number) {
  let smallest: { check: string; message: string; steps: number; commands: Command[] } | undefined;
  await fc.assert(
    fc.asyncProperty(fc.array(messageHeavy, { minLength: 4, maxLength: 10 }), async (commands) => {
      const trace = await runTrace(setup(clientFaults), [...populated, ...commands]);
      if (trace.failure === undefined) return true;
      const steps = trace.steps.filter((s) => !s.skipped).length - 1 - populated.length;
      if (smallest === undefined || steps <= smallest.steps) smallest = { check: trace.failure.check, message: trace.failure.message, steps, commands: [...populated, ...commands] };
      return false;
    }),
    { seed, numRuns: 18 },
  ).catch(() => undefined);
  return smallest;
}

describe("planted receiver defects, found by the model comparison in generated runs (no attack class)", () => {
  it("keepDuplicateIds: a receiver keeps a repeated message ID the model discards (F55), shrunk to ≤ 6 steps after the adds", async () => {
    const found = await shrunkFailure({ keepDuplicateIds: true }, 1);
    expect(found).toBeDefined();
    const replay = JSON.stringify(found!.commands);
    expect(found!.check, replay).toBe("message decision");
    expect(found!.message, replay).toMatch(/^u\d\/d\d kept m\d+ \(.*\); the model says discard \(F55 duplicateMessageId\)$/);
    expect(found!.steps, replay).toBeLessThanOrEqual(6);
  });

  it("acceptEditFromAnyone: a receiver keeps another user's edit or delete the model discards (F59), shrunk to ≤ 6 steps after the adds", async () => {
    const found = await shrunkFailure({ acceptEditFromAnyone: true }, 2);
    expect(found).toBeDefined();
    const replay = JSON.stringify(found!.commands);
    expect(found!.check, replay).toBe("message decision");
    expect(found!.message, replay).toMatch(/^u\d\/d\d kept m\d+ \((edit|delete|unlike) of m\d+, from u\d\); the model says discard \(F59 replaceNotAuthorized\)$/);
    expect(found!.steps, replay).toBeLessThanOrEqual(6);
  });
});
