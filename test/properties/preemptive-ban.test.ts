// A pre-emptive ban (room-policy-03 §8.1.3 read from role 0; every Appendix A admin holds (0,[1])): a user
// not in the list is listed straight into role 1. The model and the hub judge it alike, and the planted
// defect skipPreemptiveBanCheck (the hub applies such a listing unjudged) is found and shrunk.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, report, run, setupFor, withFault } from "./helpers.js";

// u0 (group_admin) adds u1 as ordinary_user (role 2) with both its clients; members then sort as
// u0/d0, u1/d0, u1/d1. With scope "any", target 3 is u3, who is not listed.
const ADD_U1: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" };
const BAN_U3_BY = (actor: number): Command => ({ op: "ban", actor, target: 3, scope: "any" });

describe("the pre-emptive ban of a user not in the list", () => {
  it("an admin's is accepted by the model and the hub alike; an ordinary user's refused by both (R7)", async () => {
    const trace = await runTrace(setupFor("same-commit/must-include"), [ADD_U1, BAN_U3_BY(0), { op: "ban", actor: 1, target: 2, scope: "any" }]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1",
      "u0/d0 (group_admin) bans u3",
      "u1/d0 (ordinary_user) bans u2",
    ]);
    expect(trace.steps.map((s) => s.implCode)).toEqual(["accepted", "accepted", "accepted", "notAllowed"]);
  });

  it("skipPreemptiveBanCheck: the hub takes an ordinary user's pre-emptive ban; the clients refuse it", async () => {
    const trace = await runTrace(withFault("same-commit/must-include", "skipPreemptiveBanCheck"), [ADD_U1, BAN_U3_BY(1)]);
    expect(trace.failure).toMatchObject({ step: 3, check: "verdict" });
    expect(trace.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R7: /);
    expect(trace.failure!.message).toContain("the clients saved the room");
  });

  it("skipPreemptiveBanCheck is found by the property and shrunk to at most 6 commands (restricted set: its owner has no entry 0 → 1)", async () => {
    // In Appendix A.1 only an ordinary user's listing in role 1 is refused, a rare sequence; the
    // restricted set's creator already may not make one.
    const result = await run(withFault("same-commit/must-include", "skipPreemptiveBanCheck", { roleSet: "restricted" }), 100, 10);
    expect(result.failure, "skipPreemptiveBanCheck was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.check).toBe("verdict");
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });
});
