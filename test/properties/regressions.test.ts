// Counterexamples the property found, kept as fixed runs so they stay fixed.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { setupFor } from "./helpers.js";

describe("regressions found by the property", () => {
  it("an external joiner gets the delisting the hub proposes in the epoch its own commit opens (clients-first/may-omit)", async () => {
    // Found at seed 11 (600 runs × ≤ 40 commands): the joiner had no session until the hub answered, so it
    // missed the hub's re-proposed delisting and refused the next commit that included it.
    const commands: Command[] = [
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "first" },
      { op: "leave", actor: 1 },
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "none" },
      { op: "addOwnClient", client: 0 },
      { op: "removeParticipant", actor: 0, target: 1, scope: "fitting" },
    ];
    const trace = await runTrace(setupFor("clients-first/may-omit"), commands);
    expect(trace.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0",
      "u1/d0 (ordinary_user) leaves",
      "u0/d0 (group_admin) adds u2 as role 2 (no clients)",
      "u0/d1 joins for u0 (external commit)",
      "u0/d0 (group_admin) removes u2",
    ]);
    expect(trace.failure).toBeUndefined();
    expect(trace.steps.every((s) => s.implCode === "accepted")).toBe(true);
  });

  it("a member removed by a commit whose Add reuses its leaf leaves the room cleanly (docs/rules.md D8)", async () => {
    // ts-mls 1.6.4 alone misses this removal (the leaf is not blank afterwards) and throws on the commit.
    const commands: Command[] = [
      { op: "addParticipant", actor: 0, target: 2, scope: "fitting", role: 2, clients: "none" },
      { op: "addOwnClient", client: 6 },
      { op: "leave", actor: 1 },
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 2, clients: "first" },
    ];
    const trace = await runTrace(setupFor("same-commit/must-include"), commands);
    expect(trace.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u0/d0 (group_admin) adds u3 as role 3 (no clients)",
      "u3/d1 joins for u3 (external commit)",
      "u3/d1 (group_admin) leaves",
      "u0/d0 (group_admin) adds u1 as role 3 with u1/d0",
    ]);
    expect(trace.failure).toBeUndefined();
  });

  it("members keep talking while a leave is pending (docs/rules.md D7)", async () => {
    const commands: Command[] = [
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "first" },
      { op: "leave", actor: 1 },
      { op: "sendMessage", actor: 0, epochOffset: 0 },
      { op: "commit", actor: 0, includePending: true },
    ];
    const trace = await runTrace(setupFor("same-commit/must-include"), commands);
    expect(trace.failure).toBeUndefined();
    expect(trace.steps.map((s) => `${s.text} → ${s.implCode}`)).toEqual([
      "u0 creates the room with u0/d0 → accepted",
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0 → accepted",
      "u1/d0 (ordinary_user) leaves → accepted",
      "u0/d0 (group_admin) sends a message (epoch offset 0) → accepted",
      "u0/d0 (group_admin) commits → accepted",
    ]);
  });
});
