import { describe, expect, it } from "vitest";
import { ALL_VARIANTS, step } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, add, commit, cooperativeRoom, leave, refuses, remove } from "./helpers.js";

describe("per-commit rules (R13)", () => {
  it("every accepted commit passes the after-commit check", () => {
    const { verdict } = step(cooperativeRoom(cooperativeConfig()), remove("u0/d0", "u1"));
    expect(verdict).toMatchObject({ accepted: true });
    expect(verdict.passed).toContain("R13");
  });

  it("refuses re-adding a leaving user in the commit that delists it (a user touched twice)", () => {
    for (const variants of ALL_VARIANTS) {
      let model = accepts(cooperativeRoom(cooperativeConfig(variants)), leave("u1/d0"));
      // clients-first: the delisting is proposed by the hub only after the clients' removal is committed.
      if (variants.leaveOrder === "clients-first") model = accepts(model, commit("u0/d0"));
      refuses(model, add("u0/d0", "u1", 2, ["u1/d0"]), { code: "notAllowed", rule: "R13", reason: "userTouchedTwice" });
    }
  });

  it("refuses, as the last line of defence, a removal that would leave clients behind (fault: removal skips clients)", () => {
    const broken = cooperativeConfig(undefined, { skipRemoveAllClients: true });
    refuses(cooperativeRoom(broken), remove("u0/d0", "u1"), { code: "notAllowed", rule: "R13", reason: "clientOfUnlistedUser" });
  });

  it("in clients-first, re-adding while the clients' removal is still pending is refused as the user is still listed", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig({ leaveOrder: "clients-first", pendingProposals: "must-include" })), leave("u1/d0"));
    refuses(model, add("u0/d0", "u1", 2), { code: "notAllowed", rule: "R3", reason: "targetAlreadyListed" });
  });
});
