// The base room policy (room-policy §5; docs/rules.md R21), model versus implementation: with a policy drawn
// per run the property holds and R21 both accepts and refuses; the planted defects — the hub's
// skipBasePolicyCheck, the clients' skipBasePolicyCheck — are each caught (the verdict comparison, the
// clients' own check, the invariants P39 and P40 without the model) and shrunk.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { CLIENT_ACCEPTED_CHECK } from "../../properties/runner/compare-step.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import type { DrawnBasePolicy } from "../../properties/world/base-policy-draw.js";
import { counterexampleLength, onlyInvariant, report, run, setupFor } from "./helpers.js";

const V = "same-commit/must-include";
// u0 (group_admin) adds the first unlisted user as ordinary_user (role 2) with all its clients.
const ADD_WITH_CLIENTS: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" };
// The public set (open joins, which the caps and a fixed membership refuse too; no policy enforcer).
const PUBLIC = { roleSet: "public" as const, concurrency: 1 };
const MAX_CLIENTS_3: DrawnBasePolicy = { fixedMembership: false, multiDevice: true, maxClients: 3 };

describe("base room policy (R21), model versus implementation", () => {
  // Each tight policy in a set where it bites; the cooperative room lists its creator and the hub's policy
  // enforcer from creation, so max_users 2 and max_clients 2 are met early. The public set's open joins
  // meet a fixed membership (refused under R4, as its maximum would be).
  it.each([
    ["multi_device false", "cooperative", { fixedMembership: false, multiDevice: false }, "multiDevice", 8],
    // The listed enforcer holds no client, so only an add with both clients (or a second own client) meets
    // max_clients 2: 12 runs for the floor of 2 (3 refused at this seed; 1 in the first 8).
    ["max_clients 2", "cooperative", { fixedMembership: false, multiDevice: true, maxClients: 2 }, "maxClients", 12],
    ["max_users 2", "cooperative", { fixedMembership: false, multiDevice: true, maxUsers: 2 }, "maxUsers", 8],
    ["fixed_membership", "public", { fixedMembership: true, multiDevice: true }, "fixedMembership", 8],
  ] as const)("holds under %s (%s set, fixed seed), accepting and refusing for it", async (_name, roleSet, basePolicy, reason, runs) => {
    const result = await run(setupFor(V, { roleSet, concurrency: 1, basePolicy }), runs, 15);
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.coverage.guardOutcomes.get("R21:accepted") ?? 0).toBeGreaterThanOrEqual(5);
    const refused = [...result.coverage.refusals].filter(([k]) => k.endsWith(` ${reason}`)).reduce((n, [, c]) => n + c, 0);
    expect(refused, reason).toBeGreaterThanOrEqual(2);
  });

  it("the hub's skipBasePolicyCheck is found by the property and shrunk to at most 6 commands", async () => {
    const result = await run(setupFor(V, { ...PUBLIC, hubFaults: { skipBasePolicyCheck: true }, basePolicy: "drawn" }), 30, 20);
    expect(result.failure, "skipBasePolicyCheck was not caught").toBeDefined();
    expect(result.failure!.trace.failure!.message, report(result)).toMatch(/^hub accepted, model says notAllowed \(R21: /);
    expect(counterexampleLength(result), report(result)).toBeLessThanOrEqual(6);
  });

  it("with the hub's check off, the honest clients refuse the commit; with theirs off too, they are caught taking it", async () => {
    // max_clients 3: u0/d0 and u1's two clients fill it; adding u2 with its client makes four.
    const commands: Command[] = [ADD_WITH_CLIENTS, ADD_WITH_CLIENTS];
    const hubOnly = await runTrace(setupFor(V, { hubFaults: { skipBasePolicyCheck: true }, basePolicy: MAX_CLIENTS_3 }), commands);
    expect(hubOnly.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1",
      "u0/d0 (group_admin) adds u2 as role 2 with u2/d0,u2/d1",
    ]);
    expect(hubOnly.failure).toMatchObject({ step: 3, check: "verdict" });
    expect(hubOnly.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R21: maxClients\)/);
    expect(hubOnly.failure!.message).toContain("the clients saved the room");
    const both = await runTrace(setupFor(V, { hubFaults: { skipBasePolicyCheck: true }, clientFaults: { skipBasePolicyCheck: true }, basePolicy: MAX_CLIENTS_3 }), commands);
    expect(both.failure).toMatchObject({ step: 3, check: CLIENT_ACCEPTED_CHECK });
  });

  it("without the model, P39 catches hub and clients that skip the caps, and P40 a membership that grows", async () => {
    const faults = { hubFaults: { skipBasePolicyCheck: true }, clientFaults: { skipBasePolicyCheck: true }, compareWithModel: false };
    const caps = await runTrace(setupFor(V, { ...faults, basePolicy: MAX_CLIENTS_3, invariants: onlyInvariant("P39") }), [ADD_WITH_CLIENTS, ADD_WITH_CLIENTS]);
    expect(caps.failure).toMatchObject({ step: 3, check: expect.stringMatching(/^P39 /) });
    expect(caps.failure!.message).toMatch(/max_clients is 3/);
    // Fixed membership: a pre-emptive ban lists a new user (in role 1), which only the fixed membership forbids.
    const fixed = await run(setupFor(V, { ...faults, basePolicy: { fixedMembership: true, multiDevice: true }, invariants: onlyInvariant("P40"), concurrency: 1 }), 20, 15);
    expect(fixed.failure, "P40 did not catch the growing membership").toBeDefined();
    expect(fixed.failure!.trace.failure!.check, report(fixed)).toMatch(/^P40 /);
    expect(counterexampleLength(fixed), report(fixed)).toBeLessThanOrEqual(6);
  });
});
