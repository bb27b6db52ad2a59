import { describe, expect, it } from "vitest";
import { abstractState, initialModel, type ModelConfig } from "../../model/index.js";
import { cooperativeConfig, defineRole, restrictedConfig } from "../../model/fixtures/index.js";
import { accepts, ADMIN, add, create, OWNER, refuses, room, send } from "./helpers.js";

describe("room creation (R0, hub-local: protocol §3.1 leaves it outside MIMI)", () => {
  it("is empty before creation: epoch 0, nobody listed, nothing pending", () => {
    expect(abstractState(initialModel(cooperativeConfig()))).toEqual({ epoch: 0, users: {}, blocked: [], pending: 0 });
  });

  it("lists the creator in the configured role with its client, at epoch 0 (cooperative: group_admin)", () => {
    accepts(initialModel(cooperativeConfig()), create("u0"), "R0", room(0, { u0: [ADMIN, "u0/d0"] }));
  });

  it("lists the creator in the configured role with its client, at epoch 0 (restricted: owner)", () => {
    accepts(initialModel(restrictedConfig()), create("u3"), "R0", room(0, { u3: [OWNER, "u3/d0"] }));
  });

  it("refuses every operation before the room exists", () => {
    for (const config of [cooperativeConfig(), restrictedConfig()]) {
      refuses(initialModel(config), add("u0/d0", "u1", 2), { code: "notAllowed", rule: "R0", reason: "noRoom" });
      refuses(initialModel(config), send("u0/d0"), { code: "notAllowed", rule: "R0", reason: "noRoom" });
    }
  });

  it("refuses a second creation", () => {
    for (const config of [cooperativeConfig(), restrictedConfig()]) {
      const model = accepts(initialModel(config), create("u0"), "R0", room(0, { u0: [config.creatorRole, "u0/d0"] }));
      refuses(model, create("u1"), { code: "notAllowed", rule: "R0", reason: "roomExists" });
    }
  });

  it("refuses a creator client that belongs to someone else (malformed)", () => {
    for (const config of [cooperativeConfig(), restrictedConfig()])
      refuses(initialModel(config), { type: "createRoom", creator: "u0", creatorClient: "u1/d0" }, {
        code: "invalidProposal",
        rule: "R0",
        reason: "clientNotOfCreator",
      });
  });

  it("refuses a creator role in which the creator could not hold its client (max active 0)", () => {
    // room-policy §3: maximum_active_participants_constraint 0 means the role's users hold no client.
    const config: ModelConfig = {
      ...restrictedConfig(),
      roles: [...restrictedConfig().roles.filter((r) => r.index !== OWNER), defineRole({ index: OWNER, name: "owner", capabilities: [], maxActive: 0 })],
    };
    refuses(initialModel(config), create("u0"), { code: "invalidProposal", rule: "R0", reason: "creatorRoleUnusable" });
  });
});
