// The hub's policy enforcer (docs/rules.md R18), model versus implementation: in the cooperative set
// (Appendix A.1: a policy_enforcer role that may remove, ban and unban) the hub's enforcements are judged
// with that role by the model, the hub and every client; in the public set (no such role) every one is
// refused. The hub's planted skipEnforcerRoleCheck is found by the verdict comparison, and the clients'
// planted trustEnforcerProposals under the compromised hub's M14; both shrunk.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, report, run, setupFor, withFault } from "./helpers.js";

const ENFORCE = (action: "remove" | "ban" | "unban", target: number): Command => ({ op: "enforce", actor: 0, action, target });
const COMMIT: Command = { op: "commit", actor: 0, includePending: true };
/** The enforce operation is generated where the set has the role and the run asks for it (as the campaign does). */
const ON = { concurrency: 1, enforcements: true } as const;
const enforceRefusals = (coverage: { refusals: Map<string, number> }) => [...coverage.refusals].filter(([k]) => k.startsWith("enforce ")).reduce((n, [, c]) => n + c, 0);

describe("the policy enforcer, model versus implementation", () => {
  it("removes, bans and unbans with A.1's policy_enforcer role; a member commits each (cooperative set)", async () => {
    // u0 adds u1 (ordinary_user, both clients); the enforcer removes u1 (index 1 of the listed u0, u1); u0
    // commits; u0 adds u1 again; the enforcer bans u1; u0 commits; the enforcer unbans u1 to role 0 (its
    // entry (1,[0])); u0 commits.
    const add: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" };
    const trace = await runTrace(setupFor("same-commit/must-include", { concurrency: 1 }), [add, ENFORCE("remove", 1), COMMIT, add, ENFORCE("ban", 1), COMMIT, ENFORCE("unban", 0), COMMIT]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.text).slice(1)).toEqual([
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1",
      "the hub's policy enforcer removes u1",
      "u0/d0 (group_admin) commits",
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1",
      "the hub's policy enforcer bans u1",
      "u0/d0 (group_admin) commits",
      "the hub's policy enforcer unbans u1 (role 0)",
      "u0/d0 (group_admin) commits",
    ]);
    expect(trace.steps.every((s) => s.implCode === "accepted")).toBe(true);
  });

  it("refuses every enforcement where the role set has no policy_enforcer (public set), as the model does (R18)", async () => {
    const trace = await runTrace(setupFor("same-commit/must-include", { roleSet: "public", concurrency: 1 }), [ENFORCE("remove", 0)]);
    expect(trace.failure, trace.steps.map((s) => s.text).join("\n")).toBeUndefined();
    expect(trace.steps.map((s) => s.implCode)).toEqual(["accepted", "notAllowed"]);
  });

  it("the property holds in the cooperative set under clients-first/may-omit, with floors of enforcements accepted and refused", async () => {
    const result = await run(setupFor("clients-first/may-omit", ON), 20, 25);
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.coverage.acceptances.get("enforce") ?? 0).toBeGreaterThanOrEqual(5);
    expect(enforceRefusals(result.coverage)).toBeGreaterThanOrEqual(10);
  });

  it("skipEnforcerRoleCheck is found by the verdict comparison and shrunk to at most 6 commands", async () => {
    const result = await run(withFault("same-commit/must-include", "skipEnforcerRoleCheck", ON), 20, 15);
    expect(result.failure, "skipEnforcerRoleCheck was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.check).toBe("verdict");
    expect(result.failure!.trace.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R\d+: /);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });

  it("M14: honest clients refuse what the compromised hub proposes beyond its enforcer role; trustEnforcerProposals is found and shrunk", async () => {
    const aimed = { ...ON, adversaries: new Set(["hub"] as const), attackClasses: ["M14"] };
    const defended = await run(setupFor("same-commit/must-include", aimed), 8, 12);
    expect(defended.failure, defended.failure === undefined ? "" : report(defended)).toBeUndefined();
    const m14 = [...defended.coverage.attacks].filter(([k]) => k.startsWith("M14 ")).reduce((n, [, c]) => n + c, 0);
    expect(m14).toBeGreaterThanOrEqual(5);

    const trusting = await run(setupFor("same-commit/must-include", { ...aimed, clientFaults: { trustEnforcerProposals: true } }), 20, 12);
    expect(trusting.failure, "trustEnforcerProposals was not caught").toBeDefined();
    expect(trusting.failure!.trace.failure!.message).toMatch(/M14 hub acts beyond its enforcer role\]; the model refuses it .* took it in$/);
    expect(counterexampleLength(trusting), report(trusting)).toBeLessThanOrEqual(6);
  });
});
