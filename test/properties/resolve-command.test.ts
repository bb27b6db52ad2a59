// Commands pick actors and targets by index, resolved against the model's room when they run, so any
// sequence fast-check generates or shrinks to is meaningful.
import { describe, expect, it } from "vitest";
import { initialModel, step, type Model } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { resolveCommand } from "../../properties/commands/resolve-command.js";
import { clientUriOf, modelClientOf, modelUserOf, roomWorld, userUriOf } from "../../properties/world/room-world.js";

const world = roomWorld(cooperativeConfig(), 4);

function roomWith(...events: Parameters<typeof step>[1][]): Model {
  let model = step(initialModel(world.config), { type: "createRoom", creator: "u0", creatorClient: "u0/d0" }).model;
  for (const e of events) model = step(model, e).model;
  return model;
}

describe("the world's names", () => {
  it("maps model ids to MIMI URIs on three providers and back", () => {
    expect(clientUriOf("u1/d0")).toBe("mimi://b.example/d/u1/d0");
    expect(userUriOf("u3")).toBe("mimi://a.example/u/u3");
    expect(modelClientOf(clientUriOf("u2/d1"))).toBe("u2/d1");
    expect(modelUserOf(userUriOf("u2"))).toBe("u2");
  });
});

describe("resolveCommand", () => {
  it("wraps actor indexes around the member clients", () => {
    const model = roomWith({ type: "addParticipant", actor: "u0/d0", target: "u1", role: 2, clients: ["u1/d0", "u1/d1"] });
    const actors = [0, 1, 2, 3].map((actor) => resolveCommand({ op: "leave", actor }, { world, model, previousMembers: new Set() }));
    expect(actors.map((e) => (e as { actor: string }).actor)).toEqual(["u0/d0", "u1/d0", "u1/d1", "u0/d0"]);
  });

  it("aims fitting targets at unlisted users for adds and at listed others for removals, any user otherwise", () => {
    const model = roomWith({ type: "addParticipant", actor: "u0/d0", target: "u2", role: 2, clients: [] });
    const ctx = { world, model, previousMembers: new Set<string>() };
    const adds = [0, 1, 2].map((target) => resolveCommand({ op: "addParticipant", actor: 0, target, scope: "fitting", role: 1, clients: "first" }, ctx));
    expect(adds.map((e) => (e as { target: string }).target)).toEqual(["u1", "u3", "u1"]);
    expect(adds[0]).toMatchObject({ role: 2, clients: ["u1/d0"] });
    expect(resolveCommand({ op: "kick", actor: 0, target: 5, scope: "fitting" }, ctx)).toMatchObject({ target: "u2" });
    expect(resolveCommand({ op: "kick", actor: 0, target: 0, scope: "any" }, ctx)).toMatchObject({ target: "u0" });
  });

  it("lets only clients that lived through the previous epoch send late messages and stale commits", () => {
    const model = roomWith();
    const none = { world, model, previousMembers: new Set<string>() };
    expect(resolveCommand({ op: "staleCommit", actor: 0 }, none)).toBeUndefined();
    expect(resolveCommand({ op: "sendMessage", actor: 0, epochOffset: -1 }, none)).toBeUndefined();
    expect(resolveCommand({ op: "sendMessage", actor: 0, epochOffset: 0 }, none)).toMatchObject({ actor: "u0/d0" });
    const lived = { ...none, previousMembers: new Set(["u0/d0"]) };
    expect(resolveCommand({ op: "staleCommit", actor: 7 }, lived)).toEqual({ type: "staleCommit", actor: "u0/d0" });
  });

  it("joins only clients that are not members yet, for their own user", () => {
    const model = roomWith();
    const e = [0, 1, 6].map((client) => resolveCommand({ op: "addOwnClient", client }, { world, model, previousMembers: new Set() }));
    expect(e).toEqual([
      { type: "addOwnClient", client: "u0/d1", user: "u0" },
      { type: "addOwnClient", client: "u1/d0", user: "u1" },
      { type: "addOwnClient", client: "u3/d1", user: "u3" },
    ]);
  });
});
