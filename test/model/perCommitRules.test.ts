import { describe, expect, it } from "vitest";
import { abstractState, ALL_VARIANTS, step } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, add, ban, commit, cooperativeRoom, leave, refuses, remove } from "./helpers.js";

describe("per-commit rules (R13)", () => {
  it("every accepted commit passes the after-commit check", () => {
    const { verdict } = step(cooperativeRoom(cooperativeConfig()), remove("u0/d0", "u1"));
    expect(verdict).toMatchObject({ accepted: true });
    expect(verdict.passed).toContain("R13");
  });

  it("refuses re-adding a leaving user before its delisting is committed: it is still in the committed list (D1)", () => {
    // Before D1 this reached R13 as a user touched twice (delisted by the included leave, re-added by the
    // committer). An add names a user absent from the committed list, so the re-add is malformed first.
    for (const variants of ALL_VARIANTS) {
      let model = accepts(cooperativeRoom(cooperativeConfig(variants)), leave("u1/d0"));
      // clients-first: the delisting is proposed by the hub only after the clients' removal is committed.
      if (variants.leaveOrder === "clients-first") model = accepts(model, commit("u0/d0"));
      refuses(model, add("u0/d0", "u1", 2, ["u1/d0"]), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
    }
  });

  it("re-adds a user who left once its delisting is committed", () => {
    for (const variants of ALL_VARIANTS) {
      let model = accepts(cooperativeRoom(cooperativeConfig(variants)), leave("u1/d0"));
      model = accepts(model, commit("u0/d0"));
      if (variants.leaveOrder === "clients-first") model = accepts(model, commit("u0/d0"));
      expect(abstractState(model).users.u1).toBeUndefined();
      model = accepts(model, add("u0/d0", "u1", 2, ["u1/d0"]), "R3");
      expect(abstractState(model).users.u1).toEqual({ role: 2, clients: ["u1/d0"] });
    }
  });

  it("refuses, as the last line of defence, a removal that would leave clients behind (fault: removal skips clients)", () => {
    const broken = cooperativeConfig(undefined, { skipRemoveAllClients: true });
    refuses(cooperativeRoom(broken), remove("u0/d0", "u1"), { code: "notAllowed", rule: "R13", reason: "clientOfUnlistedUser" });
    // A ban that keeps the clients leaves them in role 1 "banned", whose maximum active is 0.
    refuses(cooperativeRoom(broken), ban("u0/d0", "u1"), { code: "notAllowed", rule: "R13", reason: "clientInRoleWithoutClients" });
  });

  it("in clients-first, re-adding while the clients' removal is still pending is refused as the user is still listed", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig({ leaveOrder: "clients-first", pendingProposals: "must-include" })), leave("u1/d0"));
    refuses(model, add("u0/d0", "u1", 2), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
  });
});
