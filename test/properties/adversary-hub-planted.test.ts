// Planted defects aimed at the compromised hub (properties/adversaries/hub-attacks.ts): the honest clients'
// check that defeats the hub's attack is switched off, the run's attacks are the hub's named classes, and the
// invariant must find the attack and shrink it to a few steps; the same commands with the check on pass.
// Fixed seeds; the runs are upper bounds (each property stops at its first failure). (P16's planted defect, dropUnreadableSilently, is in adversary-hub-split.test.ts.)
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, onlyInvariant, report } from "./helpers.js";

const SEED = 1;
const MAX_COMMANDS = 10;

interface Aim {
  readonly classes: readonly string[];
  /** Fewer users: a split needs members on two providers, which two users reach sooner. */
  readonly users?: number;
  /** Send honest operations the model refuses too (more steps per run reach the split sooner). */
  readonly sendRefused?: boolean;
  /** Basic credentials (faster deployments; the defence judged is not a credential check). */
  readonly basicCredentials?: boolean;
  readonly clientFaults: ClientFaults;
  /** Invariants alone judge the run when given; the model compares every step with the clients otherwise. */
  readonly invariants?: readonly string[];
  /** The role set (default the cooperative one). */
  readonly roleSet?: RunSetup["roleSet"];
}

function aimedSetup(aim: Aim): RunSetup {
  return {
    ...DEFAULT_SETUP,
    ...(aim.roleSet === undefined ? {} : { roleSet: aim.roleSet }),
    adversaries: new Set(["hub"]),
    attackClasses: aim.classes,
    skipRefusedOperations: aim.sendRefused !== true,
    users: aim.users ?? DEFAULT_SETUP.users,
    ...(aim.basicCredentials === true ? { credentials: "basic" as const } : {}),
    clientFaults: aim.clientFaults,
    compareWithModel: aim.invariants === undefined,
    invariants: aim.invariants === undefined ? DEFAULT_SETUP.invariants : aim.invariants.flatMap((id) => onlyInvariant(id)!),
  };
}

async function findFailure(aim: Aim, runs: number, maxCommands = MAX_COMMANDS, seed = SEED) {
  const result = await checkRoomProperty({ setup: aimedSetup(aim), seed, runs, maxCommands });
  expect(result.error).toBeUndefined();
  expect(result.failure, `the planted defect was not found by ${aim.classes.join("/")}`).toBeDefined();
  const defended = await runTrace({ ...aimedSetup(aim), clientFaults: {} }, result.failure!.commands);
  expect(defended.failure, report(result)).toBeUndefined();
  return { result, failure: result.failure!.trace.failure!, text: report(result) };
}

describe("a compromised hub against honest clients with one check switched off", () => {
  it("P14 finds the hub's own role change, listing or removal once clients trust the hub's proposals, shrunk to at most 6 steps", async () => {
    const { result, failure, text } = await findFailure({ classes: ["M06", "M08", "M09"], clientFaults: { trustHubProposals: true }, invariants: ["P14"] }, 100, 8, 2);
    expect(failure.check, text).toBe("P14 no room change without an authorised signer");
    expect(failure.message, text).toMatch(/^u\d\/d\d took a room change no authorised participant signed: u\d is /);
    expect(text).toMatch(/compromised hub\) sends .* \[M0[689] /);
    expect(counterexampleLength(result), text).toBeLessThanOrEqual(6);
  });

  it("P15 finds the client the hub added by its own proposal once clients trust the hub's proposals, shrunk to at most 6 steps", async () => {
    const { result, failure, text } = await findFailure({ classes: ["M07"], clientFaults: { trustHubProposals: true }, invariants: ["P15"] }, 100);
    expect(failure.check, text).toBe("P15 no member without an authorised operation");
    expect(failure.message, text).toMatch(/^u[03]\/hub\d became a member of u\d\/d\d's group, but the step \(\w+ by u\d\/d\d\) added no client of u[03]$/);
    expect(counterexampleLength(result), text).toBeLessThanOrEqual(6);
  });

  it("P14 finds the hub's delisting of a participant without clients who did not leave (M13) once clients take any for a leaver's, shrunk to at most 6 steps", async () => {
    // The public set lists no policy enforcer: there the hub has no role, and any delisting but a leaver's is
    // beyond it (in an Appendix A room the enforcer may delist an ordinary or banned user: docs/rules.md R18).
    const { result, failure, text } = await findFailure({ classes: ["M13"], clientFaults: { looseHubDelisting: true }, invariants: ["P14"], roleSet: "public" }, 100, MAX_COMMANDS, 3);
    expect(failure.check, text).toBe("P14 no room change without an authorised signer");
    expect(failure.message, text).toMatch(/^u\d\/d\d took a room change no authorised participant signed: u\d is unlisted, authorised: role \d$/);
    expect(text).toMatch(/compromised hub\) sends a delisting of u\d, listed.* without clients, as its own external proposal \[M13 /);
    expect(counterexampleLength(result), text).toBeLessThanOrEqual(6);
  });

  it("M13 with every defence on: every honest client refuses the hub's delisting of a participant who did not leave, a banned one included (R12)", async () => {
    // clients-first: the leavers' own delistings by the hub are taken meanwhile, by joiners too (the model compares every step).
    // In the public set, which lists no policy enforcer (R18): the hub has no role there.
    const setup: RunSetup = { ...aimedSetup({ classes: ["M13"], clientFaults: {}, roleSet: "public" }), variants: { leaveOrder: "clients-first", pendingProposals: "may-omit" } };
    const result = await checkRoomProperty({ setup, seed: 3, runs: 100, maxCommands: 14 });
    expect(result.failure, report(result)).toBeUndefined();
    // A floor on the attacks the clients had to refuse (the hub's answer is always "accepted": it proposes itself).
    expect(result.coverage.attacks.get("M13 accepted") ?? 0, report(result)).toBeGreaterThanOrEqual(10);
  });

  it("the model comparison, with the clients as defenders: a client that takes the hub's proposal in is the failure, named with what the hub sent", async () => {
    const { failure, text } = await findFailure({ classes: ["M06", "M08"], clientFaults: { trustHubProposals: true } }, 100);
    expect(failure.check, text).toBe("client accepted what the model refuses");
    expect(failure.message, text).toMatch(/^the compromised hub sent a (listing|role change) of u\d .*, as its own external proposal \[M0[68] hub .*\]; the model refuses it \(.*\); u\d\/d\d.* took it in$/);
  });
});
