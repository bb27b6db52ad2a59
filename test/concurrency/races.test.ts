// Each race of docs/rules.md "Races" as a fixed run, in both orders: two requests built on one room state,
// delivered to the hub one way and then the other. The expected outcomes are written from the drafts: the
// hub decides in the order requests reach it (protocol §5.3: the first commit for an epoch wins, a late one
// gets wrongEpoch with the current epoch; §5.4: a late message gets epochTooOld; §3.5 flow: a commit must
// carry the proposals the hub accepted in its epoch), and a client that lost builds its operation again.
import { describe, expect, it } from "vitest";
import type { Command, SimpleCommand } from "../../properties/commands/command.js";
import { runTrace, TraceRunner, type TraceResult } from "../../properties/runner/run-trace.js";
import { formatTrace } from "../../properties/report/format-failure.js";
import { setupFor } from "../properties/helpers.js";

/** The run's steps after the room's creation, as "text → code (rule when refused)". */
function outcomes(trace: TraceResult): string[] {
  return trace.steps
    .slice(1)
    .filter((s) => !s.skipped)
    .map((s) => `${s.text} → ${s.implCode}${s.modelVerdict !== undefined && !s.modelVerdict.accepted ? ` (${s.modelVerdict.rule})` : ""}`);
}

async function race(variant: string, before: readonly Command[], parts: readonly SimpleCommand[], hubOrder: "as built" | "second first", roleSet: "cooperative" | "restricted" = "cooperative") {
  const trace = await runTrace(setupFor(variant, { roleSet }), [...before, { op: "concurrent", parts, picks: [hubOrder === "as built" ? 0 : 1] }]);
  expect(trace.failure, formatTrace(trace).join("\n")).toBeUndefined();
  return trace;
}

const MUST = "same-commit/must-include";
// u1 joins as ordinary_user (cooperative role 2) with both its clients, or with its first only.
const ADD_U1: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" };
const ADD_U1_FIRST: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "first" };

describe("races, each in both orders (docs/rules.md Races)", () => {
  it("two commits for one epoch: the first to reach the hub wins, the other gets wrongEpoch and commits again", async () => {
    const parts: SimpleCommand[] = [{ op: "commit", actor: 0, includePending: true }, { op: "commit", actor: 1, includePending: true }];
    expect(outcomes(await race(MUST, [ADD_U1], parts, "as built"))).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1 → accepted",
      "u0/d0 (group_admin) commits → accepted",
      "u1/d0 (ordinary_user) commits → wrongEpoch (R16)",
      "↻ u1/d0 (ordinary_user) commits, again after losing its race → accepted",
    ]);
    const trace = await race(MUST, [ADD_U1], parts, "second first");
    expect(outcomes(trace)).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1 → accepted",
      "u1/d0 (ordinary_user) commits → accepted",
      "u0/d0 (group_admin) commits → wrongEpoch (R16)",
      "↻ u0/d0 (group_admin) commits, again after losing its race → accepted",
    ]);
    // The report says which request overtook which.
    expect(trace.steps[2]!.race).toBe("[b] in flight from epoch 1 with [a] u0/d0 commits; reached the hub 1st of 2, overtaking [a] u0/d0 commits");
    expect(trace.steps[3]!.race).toBe("[a] in flight from epoch 1 with [b] u1/d0 commits; reached the hub 2nd of 2; built in epoch 1, the hub is in 2");
  });

  it("a leave and a removal of the same user: the removal first makes the leave late; the leave first makes the removal omit it, then target a leaving user", async () => {
    const parts: SimpleCommand[] = [{ op: "removeParticipant", actor: 0, target: 0, scope: "fitting" }, { op: "leave", actor: 1 }];
    expect(outcomes(await race(MUST, [ADD_U1], parts, "as built"))).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1 → accepted",
      "u0/d0 (group_admin) removes u1 → accepted",
      // u1/d0 is no member any more: it does not try again.
      "u1/d0 (ordinary_user) leaves → wrongEpoch (R1)",
    ]);
    expect(outcomes(await race(MUST, [ADD_U1], parts, "second first"))).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1 → accepted",
      "u1/d0 (ordinary_user) leaves → accepted",
      "u0/d0 (group_admin) removes u1 → notAllowed (R11)",
      "↻ u0/d0 (group_admin) removes u1, again after losing its race → notAllowed (R12)",
    ]);
  });

  it("a removal and a message from the removed user: a message that arrives after the removal is too old", async () => {
    const parts: SimpleCommand[] = [{ op: "removeParticipant", actor: 0, target: 0, scope: "fitting" }, { op: "sendMessage", actor: 1, epochOffset: 0 }];
    expect(outcomes(await race(MUST, [ADD_U1], parts, "as built"))).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1 → accepted",
      "u0/d0 (group_admin) removes u1 → accepted",
      "u1/d0 (ordinary_user) sends a message (epoch offset 0) → epochTooOld (R1)",
    ]);
    expect(outcomes(await race(MUST, [ADD_U1], parts, "second first"))).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1 → accepted",
      "u1/d0 (ordinary_user) sends a message (epoch offset 0) → accepted",
      "u0/d0 (group_admin) removes u1 → accepted",
    ]);
  });

  it("a ban and the target's external rejoin: either way the banned user ends with no client", async () => {
    const parts: SimpleCommand[] = [{ op: "ban", actor: 0, target: 0, scope: "fitting" }, { op: "addOwnClient", client: 1 }];
    const banFirst = await race(MUST, [ADD_U1_FIRST], parts, "as built");
    expect(outcomes(banFirst)).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0 → accepted",
      "u0/d0 (group_admin) bans u1 → accepted",
      "u1/d1 joins for u1 (external commit) → wrongEpoch (R16)",
      // Trying again, a banned user may not fetch the GroupInfo nor join (room-policy §8.1.3).
      "↻ u1/d1 joins for u1 (external commit), again after losing its race → notAllowed (R4)",
    ]);
    const joinFirst = await race(MUST, [ADD_U1_FIRST], parts, "second first");
    expect(outcomes(joinFirst)).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0 → accepted",
      "u1/d1 joins for u1 (external commit) → accepted",
      "u0/d0 (group_admin) bans u1 → wrongEpoch (R16)",
      // Built again on the new epoch, the ban removes the client that just joined too.
      "↻ u0/d0 (group_admin) bans u1, again after losing its race → accepted",
    ]);
  });

  it("a role change and an operation that needs the old role: after the demotion the retried operation is refused", async () => {
    // Restricted room: owner (role 3) may remove and send; reader (role 2) may only receive.
    const before: Command[] = [
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 2, clients: "first" },
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "first" },
    ];
    const parts: SimpleCommand[] = [{ op: "changeRole", actor: 0, target: 0, scope: "fitting", role: 1 }, { op: "removeParticipant", actor: 1, target: 1, scope: "fitting" }];
    expect(outcomes(await race(MUST, before, parts, "as built", "restricted"))).toEqual([
      "u0/d0 (owner) adds u1 as role 3 with u1/d0 → accepted",
      "u0/d0 (owner) adds u2 as role 2 with u2/d0 → accepted",
      "u0/d0 (owner) changes u1 to role 2 → accepted",
      "u1/d0 (owner) removes u2 → wrongEpoch (R16)",
      "↻ u1/d0 (reader) removes u2, again after losing its race → notAllowed (R5)",
    ]);
    expect(outcomes(await race(MUST, before, parts, "second first", "restricted"))).toEqual([
      "u0/d0 (owner) adds u1 as role 3 with u1/d0 → accepted",
      "u0/d0 (owner) adds u2 as role 2 with u2/d0 → accepted",
      "u1/d0 (owner) removes u2 → accepted",
      "u0/d0 (owner) changes u1 to role 2 → wrongEpoch (R16)",
      "↻ u0/d0 (owner) changes u1 to role 2, again after losing its race → accepted",
    ]);
  });

  it("a proposal arriving while a commit is in flight: under must-include the commit that omits it is refused and made again", async () => {
    const parts: SimpleCommand[] = [{ op: "commit", actor: 0, includePending: true }, { op: "leave", actor: 1 }];
    expect(outcomes(await race(MUST, [ADD_U1_FIRST], parts, "as built"))).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0 → accepted",
      "u0/d0 (group_admin) commits → accepted",
      "u1/d0 (ordinary_user) leaves → wrongEpoch (R1)",
      "↻ u1/d0 (ordinary_user) leaves, again after losing its race → accepted",
    ]);
    expect(outcomes(await race(MUST, [ADD_U1_FIRST], parts, "second first"))).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0 → accepted",
      "u1/d0 (ordinary_user) leaves → accepted",
      "u0/d0 (group_admin) commits → notAllowed (R11)",
      // Built again, the commit carries the leave: u1 is out.
      "↻ u0/d0 (group_admin) commits, again after losing its race → accepted",
    ]);
  });

  it("under may-omit a batch's proposals reach the hub after its commits, whatever the picks", async () => {
    const parts: SimpleCommand[] = [{ op: "commit", actor: 0, includePending: true }, { op: "leave", actor: 1 }];
    const lines = outcomes(await race("same-commit/may-omit", [ADD_U1_FIRST], parts, "second first"));
    expect(lines.slice(1, 3)).toEqual(["u0/d0 (group_admin) commits → accepted", "u1/d0 (ordinary_user) leaves → wrongEpoch (R1)"]);
  });

  it("a late request's currentEpoch is checked: a wrongEpoch that names another epoch fails the run", async () => {
    // Planted in the test: the providers pass on the hub's wrongEpoch with currentEpoch one too low.
    const runner = await TraceRunner.start(setupFor(MUST));
    for (const provider of runner.impl.system.providers.values()) {
      const send = provider.uplink.sendCommit;
      provider.uplink.sendCommit = async (roomId, bundle) => {
        const outcome = await send(roomId, bundle);
        return outcome.code === "wrongEpoch" ? { ...outcome, currentEpoch: outcome.currentEpoch - 1n } : outcome;
      };
    }
    await runner.step(ADD_U1);
    await runner.step({ op: "concurrent", parts: [{ op: "commit", actor: 0, includePending: true }, { op: "commit", actor: 1, includePending: true }], picks: [0] });
    expect(runner.result().failure).toEqual({ step: 4, check: "race", message: "u1/d0 (ordinary_user) commits: the hub answered wrongEpoch with currentEpoch 1, its room is in epoch 2" });
  });
});
