// F11: a compromised follower acknowledges a commit's /notify and never hands it to its clients. They
// cannot follow the room past that commit, and cannot know at once; what they must do is never diverge
// silently: whatever later reaches them (a commit, a proposal, a message of an epoch they do not hold) is
// refused and recorded. P8 allows exactly such clients to lag (properties/invariants/agreement.ts). The
// planted defect ClientFaults.ignoreOtherEpochs drops what is for another epoch without a word: P8 finds it.
import { describe, expect, it } from "vitest";
import { CompromisedFollower } from "../../properties/adversaries/compromised-follower.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace, TraceRunner } from "../../properties/runner/run-trace.js";
import { counterexampleLength, onlyInvariant, report } from "./helpers.js";

/** Invariants alone judge F11 runs (the model has no follower and cannot follow clients that lag); F11 is
 * the only class enabled, so attack index 0 names it. */
const setup: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["follower"]), attackClasses: ["F11"], compareWithModel: false };

describe("F11 commit withheld from the follower's own clients", () => {
  it("u1's clients (b.example) miss u0/d0's commit, then refuse the later message and commit: P8 and every invariant hold", async () => {
    // u0/d0 adds u1 (b.example) with both clients; b.example withholds the next commit; u0/d0 commits,
    // sends a message, and commits again.
    const trace: Command[] = [
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
      { op: "attack", attacker: 0, attack: 0, target: 0, variant: 0 },
      { op: "commit", actor: 0, includePending: true },
      { op: "sendMessage", actor: 0, epochOffset: 0 },
      { op: "commit", actor: 0, includePending: true },
    ];
    const runner = await TraceRunner.start(setup);
    for (const c of trace) await runner.step(c);
    const result = runner.result();
    expect(result.steps[2]!.text).toBe("b.example (compromised follower) sends the next commit to none of u1/d0,u1/d1 [F11 commit withheld from its own clients]");
    expect(result.failure).toBeUndefined();
    const impl = runner.impl;
    const withheld = CompromisedFollower.takenOver(impl.system).flatMap((f) => f.withheldFrom);
    expect(withheld.map((w) => [w.client, w.epoch])).toEqual([["mimi://b.example/d/u1/d0", 1n], ["mimi://b.example/d/u1/d1", 1n]]);
    expect(impl.system.hub.snapshot(impl.roomId)!.epoch).toBe(3n);
    for (const w of withheld) {
      const client = impl.system.allClients().find((c) => c.uri === w.client)!;
      expect(client.session(impl.roomId)!.state.groupContext.epoch).toBe(1n);
      // The message of epoch 2 and the commit of epoch 2, each refused and recorded.
      expect(client.refusals.slice(w.refusalsBefore).map((r) => [r.what, r.code])).toEqual([["message", "notAllowed"], ["commit", "wrongEpoch"]]);
    }
  });

  it("with clients that drop other epochs' traffic silently, P8 finds it, shrunk to ≤ 6 steps; the same run passes with honest clients", async () => {
    const planted: RunSetup = { ...setup, clientFaults: { ignoreOtherEpochs: true }, invariants: onlyInvariant("P8") };
    const result = await checkRoomProperty({ setup: planted, seed: 3, runs: 100, maxCommands: 8 });
    expect(result.error).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const rep = report(result);
    const failure = result.failure!.trace.failure!;
    expect(failure.check, rep).toBe("P8 agreement");
    expect(failure.message, rep).toMatch(/^u\d\/d\d is in epoch \d+, the hub in \d+ \(its follower withheld a commit from it\) and it took \d+ of the \d+ later item\(s\) it was handed without recording a refusal: it diverges silently$/);
    expect(result.failure!.trace.steps.some((s) => s.text.includes("[F11 ")), rep).toBe(true);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
    const honest = await runTrace({ ...planted, clientFaults: {} }, result.failure!.commands);
    expect(honest.failure, rep).toBeUndefined();
  });
});
