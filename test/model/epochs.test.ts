import { describe, expect, it } from "vitest";
import { abstractState, ALL_VARIANTS, step } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, commit, cooperativeRoom, create, given, kick, leave, refuses, send, staleCommit } from "./helpers.js";
import { initialModel } from "../../model/index.js";

describe("epochs (R1) and one commit per epoch (R16)", () => {
  const config = cooperativeConfig();

  it("R1 accepts a message for the current epoch", () => {
    const { verdict } = step(cooperativeRoom(config), send("u1/d0", 0));
    expect(verdict).toMatchObject({ accepted: true, rule: "R14" });
    expect(verdict.passed).toContain("R1");
  });

  it("R1 refuses a message from an older epoch with epochTooOld and the current epoch", () => {
    const verdict = refuses(cooperativeRoom(config), send("u1/d0", -1), { code: "epochTooOld", rule: "R1" });
    expect(verdict).toMatchObject({ currentEpoch: 2 });
  });

  it("R1 refuses a message from a future epoch with notAllowed", () => {
    refuses(cooperativeRoom(config), send("u1/d0", +1), { code: "notAllowed", rule: "R1", reason: "messageFromFutureEpoch" });
  });

  it("R1 refuses a commit for another epoch when there is no earlier one (epoch 0)", () => {
    const model = given(config, [create()]);
    refuses(model, staleCommit("u0/d0"), { code: "wrongEpoch", rule: "R1" });
  });

  it("R16: the first commit of an epoch wins, a commit built for it afterwards gets wrongEpoch", () => {
    const model = cooperativeRoom(config);
    const verdict = refuses(model, staleCommit("u1/d0"), { code: "wrongEpoch", rule: "R16", reason: "epochAlreadyCommitted" });
    expect(verdict).toMatchObject({ currentEpoch: 2 });
  });

  it("R16: every accepted commit moves to the next epoch; proposals and messages do not", () => {
    for (const variants of ALL_VARIANTS) {
      let model = cooperativeRoom(cooperativeConfig(variants));
      const { verdict } = step(model, commit("u1/d0"));
      expect(verdict.passed).toContain("R16");
      model = accepts(model, commit("u1/d0"), "R15");
      expect(abstractState(model).epoch).toBe(3);
      model = accepts(model, send("u2/d0"));
      model = accepts(model, leave("u2/d0"));
      expect(abstractState(model).epoch).toBe(3);
      model = accepts(model, kick("u0/d0", "u1"));
      expect(abstractState(model).epoch).toBe(4);
    }
  });

  it("keeps epoch 0 before creation", () => {
    expect(abstractState(initialModel(config))).toEqual({ epoch: 0, users: {}, blocked: [], pending: 0 });
  });
});
