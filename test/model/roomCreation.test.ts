import { describe, expect, it } from "vitest";
import { abstractState, initialModel } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, add, create, refuses, send } from "./helpers.js";

describe("room creation (R0, hub-local)", () => {
  const config = cooperativeConfig();

  it("lists the creator in the configured admin role with its client, at epoch 0", () => {
    const model = accepts(initialModel(config), create("u0"), "R0");
    expect(abstractState(model)).toEqual({ epoch: 0, users: { u0: { role: 3, clients: ["u0/d0"] } }, blocked: [], pending: 0 });
  });

  it("refuses every operation before the room exists", () => {
    refuses(initialModel(config), add("u0/d0", "u1", 2), { code: "notAllowed", rule: "R0", reason: "noRoom" });
    refuses(initialModel(config), send("u0/d0"), { code: "notAllowed", rule: "R0", reason: "noRoom" });
  });

  it("refuses a second creation", () => {
    const model = accepts(initialModel(config), create("u0"));
    refuses(model, create("u1"), { code: "notAllowed", rule: "R0", reason: "roomExists" });
  });

  it("refuses a creator client that belongs to someone else", () => {
    refuses(initialModel(config), { type: "createRoom", creator: "u0", creatorClient: "u1/d0" }, {
      code: "invalidProposal",
      rule: "R0",
      reason: "clientNotOfCreator",
    });
  });
});
