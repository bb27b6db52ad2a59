// The main property at a fixed seed: in every variant, the hub, every honest client and the model agree
// on every verdict and every abstract state, and the implementation's invariants hold after every step.
import { describe, expect, it } from "vitest";
import { ALL_VARIANTS } from "../../model/index.js";
import { variantName } from "../../properties/report/variant-name.js";
import { report, run, setupFor } from "./helpers.js";

/** The room is created once, correctly (R0); R13 refuses only behind a broken guard; actors are members,
 * and a blocked member always has its leave pending (R15); Appendix A.1 grants canChangeOwnRole to no role,
 * so a change of one's own role is always refused (R20). */
const UNREACHABLE_IN_RUNS = ["R0:refused", "R13:refused", "R15:refused", "R20:accepted"];

/** What the command line's campaigns generate besides the member operations, so that the policy enforcer's
 * operations (R18), a drawn base room policy (R21) and room-state changes (R22) are judged here too. */
const FULL_GENERATION = { enforcements: true, roomChanges: true, basePolicy: "drawn" } as const;

describe("model versus implementation (cooperative room, node:crypto provider)", () => {
  for (const variants of ALL_VARIANTS) {
    const name = variantName(variants);
    it(`holds in ${name}`, async () => {
      const result = await run(setupFor(name, FULL_GENERATION), 250, 35);
      expect(result.failure, report(result)).toBeUndefined();
      expect(result.error).toBeUndefined();
      expect(result.coverage.commands).toBeGreaterThan(1000);
      // Every rule is seen both holding and refusing, except the pairs these runs cannot produce (README).
      expect(result.coverage.missingGuardOutcomes(variants).filter((k) => !UNREACHABLE_IN_RUNS.includes(k))).toEqual([]);
      expect(result.coverage.missingTransitions().filter((k) => !k.startsWith("leaving → "))).toEqual([]);
    });
  }
});

describe("model versus implementation with compromised parties among the commands", () => {
  // Attacks are generated beside honest operations; the model predicts each refusal and the invariants
  // judge every step. Floors: attacks did run, of many classes, and the hub refused every one.
  for (const variants of ALL_VARIANTS) {
    const name = variantName(variants);
    it(`holds in ${name}`, async () => {
      const result = await run({ ...setupFor(name), adversaries: new Set(["client", "follower"]) }, 60, 25);
      expect(result.failure, report(result)).toBeUndefined();
      expect(result.error).toBeUndefined();
      const attacks = [...result.coverage.attacks];
      const refused = attacks.filter(([k]) => k.endsWith(" refused"));
      const clientClassesRefused = new Set(refused.map(([k]) => k.split(" ")[0]).filter((id) => /^A\d\d$/.test(id!)));
      expect(refused.reduce((n, [, count]) => n + count, 0)).toBeGreaterThanOrEqual(40);
      expect(clientClassesRefused.size, JSON.stringify(attacks)).toBeGreaterThanOrEqual(10);
    });
  }
});

describe("model versus implementation, other configurations", () => {
  it("holds in the restricted room, where every operation is also attempted by a role without the capability", async () => {
    const result = await run(setupFor("same-commit/must-include", { roleSet: "restricted" }), 100, 30);
    expect(result.failure, report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    // The hub answered notAllowed to each of these, as the model said (a mismatch would have failed above).
    const refused = [...result.coverage.refusals.keys()];
    for (const expected of [
      "addParticipant missingCanAddParticipant", "removeParticipant missingCanRemoveParticipant", "kick missingCanKick",
      "ban missingCanBan", "changeRole missingCanChangeUserRole", "leave missingCanRemoveSelf", "sendMessage missingCanSendMessage",
      "addOwnClient missingCanAddOwnClient",
    ])
      expect(refused, expected).toContain(expected);
  });

  it("holds with ts-mls's default crypto provider (a short campaign)", async () => {
    const result = await run(setupFor("clients-first/may-omit", { provider: "default" }), 15, 20);
    expect(result.failure, report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
  });
});
