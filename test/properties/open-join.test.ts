// Open join (room-policy §8.1.1 canOpenJoin; docs/rules.md R4 "Open join"), model versus implementation:
// the hub lists an unlisted requester by its own proposal, a member commits it, then the user's client
// joins by external commit. The public role set (role 0 holds canOpenJoin, member at most 2) runs both
// outcomes; the planted skipOpenJoinCheck (the hub lists without judging) is found and shrunk.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, report, run, setupFor, withFault } from "./helpers.js";

const PUBLIC = { roleSet: "public" as const, concurrency: 1 };
const OPEN_JOIN = (actor: number): Command => ({ op: "openJoin", actor });
const COMMIT: Command = { op: "commit", actor: 0, includePending: true };

describe("open join, model versus implementation", () => {
  // Non-members sort as u0/d1, u1/d0, …: open-join index 0 is u1/d0 (u0 is listed), join index 1 is u1/d0.
  it("an outsider's request lists it once a member commits the hub's proposal; then its client joins (public set)", async () => {
    const trace = await runTrace(setupFor("same-commit/must-include", PUBLIC), [OPEN_JOIN(0), COMMIT, { op: "addOwnClient", client: 1 }]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u1/d0 (no_role) asks to join for u1 (open join)",
      "u0/d0 (admin) commits",
      "u1/d0 joins for u1 (external commit)",
    ]);
    expect(trace.steps.map((s) => s.implCode)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
  });

  it("refused alike where role 0 lacks canOpenJoin (Appendix A.1) and past member's maximum (public set)", async () => {
    const coop = await runTrace(setupFor("same-commit/must-include", { concurrency: 1 }), [OPEN_JOIN(0)]);
    expect(coop.failure).toBeUndefined();
    expect(coop.steps.map((s) => s.implCode)).toEqual(["accepted", "notAllowed"]);
    // u1 and u2 fill member (≤ 2) while pending; u3's request is refused by both.
    const full = await runTrace(setupFor("same-commit/must-include", PUBLIC), [OPEN_JOIN(0), OPEN_JOIN(0), OPEN_JOIN(0)]);
    expect(full.failure, full.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(full.steps.map((s) => s.implCode)).toEqual(["accepted", "accepted", "accepted", "notAllowed"]);
  });

  it("the property holds in the public set, with a floor of open joins accepted and refused", async () => {
    const result = await run(setupFor("same-commit/must-include", PUBLIC), 12, 25);
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    const refused = [...result.coverage.refusals].filter(([k]) => k.startsWith("openJoin ")).reduce((n, [, c]) => n + c, 0);
    expect(result.coverage.acceptances.get("openJoin") ?? 0).toBeGreaterThanOrEqual(5);
    expect(refused).toBeGreaterThanOrEqual(3);
  });

  it("skipOpenJoinCheck is found by the property and shrunk to at most 6 commands", async () => {
    const result = await run(withFault("same-commit/must-include", "skipOpenJoinCheck", PUBLIC), 40, 15);
    expect(result.failure, "skipOpenJoinCheck was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.check).toBe("verdict");
    expect(result.failure!.trace.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R4: /);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });
});
