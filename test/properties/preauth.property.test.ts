// Preauthorised users (room-policy §4; docs/rules.md R20 "Preauthorized users"), model versus
// implementation in this project's preauth role set: an outsider whose first preauth entry names a role
// holding canJoinIfPreauthorized is listed by the hub's own proposal and then joins; others are refused;
// a member changes its own role to its first preauth role. The planted skipPreauthCheck and
// skipOwnRoleCheck are found and shrunk.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, report, run, setupFor, withFault } from "./helpers.js";

const PREAUTH = { roleSet: "preauth" as const, concurrency: 1 };
const JOIN = (actor: number): Command => ({ op: "openJoin", actor });
const COMMIT: Command = { op: "commit", actor: 0, includePending: true };

describe("preauthorised users, model versus implementation", () => {
  // Outsiders' clients sort as u1/d0, u1/d1, u2/d0, u2/d1, u3/d0, …; u3 is on a.example (entry 1: member),
  // u1 is named by entry 2 (guest, which lacks canJoinIfPreauthorized), u2 (c.example) matches nothing.
  it("u3 joins by its provider's entry: the hub lists it, a member commits, its client comes in", async () => {
    const trace = await runTrace(setupFor("same-commit/must-include", PREAUTH), [JOIN(4), COMMIT, { op: "addOwnClient", client: 5 }]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u3/d0 (no_role) asks to join for u3 (open join)",
      "u0/d0 (admin) commits",
      "u3/d0 joins for u3 (external commit)",
    ]);
    expect(trace.steps.map((s) => s.implCode)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
  });

  it("refuses alike a first match whose role lacks canJoinIfPreauthorized and a user no entry matches", async () => {
    const trace = await runTrace(setupFor("same-commit/must-include", PREAUTH), [JOIN(0), JOIN(2)]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.implCode)).toEqual(["accepted", "notAllowed", "notAllowed"]);
  });

  it("a guest changes its own role to its preauth role (member), not to another", async () => {
    // u0 adds u3 as guest (role 4) with its first client; u3/d0 then asks for role 2 (its first match), then 3.
    const add: Command = { op: "addParticipant", actor: 0, target: 2, scope: "fitting", role: 3, clients: "first" };
    const trace = await runTrace(setupFor("same-commit/must-include", PREAUTH), [add, { op: "changeOwnRole", actor: 1, role: 0 }, { op: "changeOwnRole", actor: 1, role: 2 }]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.text).slice(1)).toEqual([
      "u0/d0 (admin) adds u3 as role 4 with u3/d0",
      "u3/d0 (guest) changes its own role to 2",
      "u3/d0 (member) changes its own role to 3",
    ]);
    expect(trace.steps.map((s) => s.implCode)).toEqual(["accepted", "accepted", "accepted", "notAllowed"]);
  });

  it("a list change: refused from a member without canChangePreauthorizedUserList and beside a pending listing, accepted from the admin", async () => {
    const changeList = (actor: number, list: number): Command => ({ op: "changePreauthList", actor, list });
    // u3 joins (a.example → member); u3/d0 tries list 2; the admin puts list 2 (c.example → member) in place;
    // u2 (c.example) may now join; a further change while u2's listing is pending is refused (removals only).
    const trace = await runTrace(setupFor("same-commit/must-include", PREAUTH), [JOIN(4), COMMIT, { op: "addOwnClient", client: 5 }, changeList(1, 2), changeList(0, 2), JOIN(2), changeList(0, 1)]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.text).slice(4)).toEqual([
      "u3/d0 (member) replaces the preauth list with list 2",
      "u0/d0 (admin) replaces the preauth list with list 2",
      "u2/d0 (no_role) asks to join for u2 (open join)",
      "u0/d0 (admin) replaces the preauth list with list 1",
    ]);
    expect(trace.steps.map((s) => s.implCode)).toEqual(["accepted", "accepted", "accepted", "accepted", "notAllowed", "accepted", "accepted", "notAllowed"]);
  });

  it("the property holds in the preauth set, with floors of joins and own role changes accepted and refused, list changes accepted", async () => {
    const result = await run(setupFor("same-commit/must-include", PREAUTH), 12, 25);
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    const refusedJoins = [...result.coverage.refusals].filter(([k]) => k.startsWith("openJoin ")).reduce((n, [, c]) => n + c, 0);
    expect(result.coverage.acceptances.get("openJoin") ?? 0).toBeGreaterThanOrEqual(3);
    expect(refusedJoins).toBeGreaterThanOrEqual(5);
    const ownRole = [...result.coverage.refusals].filter(([k]) => /^(changeRole|unban) (missingCanChangeOwnRole|noPreauthMatch|notPreauthRole)$/.test(k)).reduce((n, [, c]) => n + c, 0);
    expect(ownRole).toBeGreaterThanOrEqual(3);
    // Mostly the admin acts here, so list changes are accepted; their refusals are the trace above's.
    expect(result.coverage.acceptances.get("changePreauthList") ?? 0).toBeGreaterThanOrEqual(5);
  });

  it("skipPreauthCheck is found by the property and shrunk to at most 6 commands", async () => {
    const result = await run(withFault("same-commit/must-include", "skipPreauthCheck", PREAUTH), 40, 15);
    expect(result.failure, "skipPreauthCheck was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.check).toBe("verdict");
    expect(result.failure!.trace.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R4: /);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });

  // Clients can read preauth_list and the listed user's URI, so they defend the join fully: a client that
  // takes the hub's listing on trust is a failure of its own.
  it("with ClientFaults.trustPreauthListing too, the clients' acceptance is the failure", async () => {
    const result = await run(withFault("same-commit/must-include", "skipPreauthCheck", { ...PREAUTH, clientFaults: { trustPreauthListing: true } }), 40, 15);
    expect(result.failure, "trustPreauthListing was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.check).toBe("client accepted what the model refuses");
    expect(result.failure!.trace.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R4: /);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });

  it("skipOwnRoleCheck is found by the property and shrunk to at most 6 commands", async () => {
    const result = await run(withFault("same-commit/must-include", "skipOwnRoleCheck", PREAUTH), 40, 15);
    expect(result.failure, "skipOwnRoleCheck was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.message).toMatch(/R20/);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });
});
