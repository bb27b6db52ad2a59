// What a retried request means. A follower whose request got no answer sends it again, unless the hub's
// fanout of the request's message has come back to it meanwhile (the hub fans out before it answers):
// then the request was accepted. At the hub a second copy of an accepted /update is refused and changes
// nothing: a commit for an epoch that already has its commit gets wrongEpoch (protocol §5.3, rule R16), a
// proposal already accepted is refused (H1). So nothing is applied or fanned out twice.
import { describe, expect, it } from "vitest";
import { decodeUpdateRoomResponse } from "../../impl/codec/update-room-response.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";

const setup: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["network"]) };
/** u1 (on b.example) joins with both clients; its member index 1 is u1/d0 (members sorted: u0/d0, u1/d0, u1/d1). */
const addU1: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 2, clients: "all" };
const network = (fault: number): Command => ({ op: "network", fault, follower: 0, span: 0 });
const N03 = 2;
const N04 = 3;

async function run(commands: readonly Command[]) {
  const runner = await TraceRunner.start(setup);
  for (const c of commands) await runner.step(c);
  return runner;
}

describe("a retried request", () => {
  for (const [name, fault, delivered] of [["its answer lost (N04)", N04, 1], ["the request lost (N03)", N03, 1]] as const) {
    it(`a commit from b.example with ${name} is accepted once, and the run holds`, async () => {
      const runner = await run([addU1, network(fault), { op: "commit", actor: 1, includePending: true }]);
      const result = runner.result();
      expect(result.failure).toBeUndefined();
      const commit = result.steps.at(-1)!;
      expect(commit.text).toMatch(/^u1\/d0 .* commits/);
      expect(commit.implCode).toBe("accepted");
      // The hub handled the commit's /update once: no second copy reached it.
      expect(commit.wire!.filter((w) => w.endpoint === "update" && w.from === "b.example")).toHaveLength(delivered);
      expect(result.coverage.networkFaults.get(fault === N04 ? "N04" : "N03")).toBe(1);
      expect(runner.impl.system.hub.snapshot(runner.impl.roomId)!.epoch).toBe(2n);
    });
  }

  it("a second, byte-identical leave whose request was lost is refused, not taken for the first one's echo", async () => {
    // Found by the main job (seed 1): a leave proposed again in one epoch has the first one's bytes; the
    // first one's fanout had come back, and the sender took it as the answer to the lost second request.
    // Protocol §5.3: a blocked user's proposal is refused (R2).
    const runner = await run([addU1, { op: "leave", actor: 1 }, network(N03), { op: "leave", actor: 1 }]);
    const result = runner.result();
    expect(result.failure, JSON.stringify(result.steps.map((s) => [s.text, s.implCode]))).toBeUndefined();
    const [first, again] = result.steps.filter((s) => /leaves/.test(s.text));
    expect(first!.implCode).toBe("accepted");
    expect(again!.implCode).toBe("notAllowed");
  });

  it("a message from b.example whose answer was lost is fanned out once", async () => {
    const runner = await run([addU1, network(N04), { op: "sendMessage", actor: 1, epochOffset: 0 }]);
    const result = runner.result();
    expect(result.failure).toBeUndefined();
    const message = result.steps.at(-1)!;
    expect(message.implCode).toBe("accepted");
    expect(message.wire!.filter((w) => w.endpoint === "submitMessage")).toHaveLength(1);
    // One /notify per provider with a member: a.example and b.example.
    expect(message.wire!.filter((w) => w.endpoint === "notify").map((w) => w.to).sort()).toEqual(["a.example", "b.example"]);
  });

  it("at the hub, a second copy of an accepted commit gets wrongEpoch and changes nothing", async () => {
    const runner = await run([addU1, { op: "commit", actor: 1, includePending: true }]);
    const { system, roomId } = runner.impl;
    const accepted = [...system.network.log].reverse().find((x) => x.request.endpoint === "update")!;
    const before = system.hub.snapshot(roomId)!;
    const again = await system.network.send(accepted.to, accepted.request);
    expect(again.status).toBe(200);
    const answer = decodeUpdateRoomResponse(again.body);
    expect(answer.responseCode).toBe("wrongEpoch");
    expect(answer.responseCode === "wrongEpoch" && answer.currentEpoch).toBe(2n);
    expect(system.hub.lastDecision?.rule).toBe("R16");
    const after = system.hub.snapshot(roomId)!;
    expect(after.epoch).toBe(before.epoch);
    expect(Buffer.from(after.treeHash).equals(Buffer.from(before.treeHash))).toBe(true);
  });
});
