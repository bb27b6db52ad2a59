import { describe, expect, it } from "vitest";
import { abstractState, liveUsers } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, add, cooperativeRoom, create, given, leave } from "./helpers.js";

describe("abstract state (the shape the runner compares)", () => {
  it("is canonical: sorted users and clients, users outside omitted, whatever the order of operations", () => {
    const config = cooperativeConfig();
    const a = given(config, [create(), add("u0/d0", "u2", 2, ["u2/d1", "u2/d0"]), add("u0/d0", "u1", 2)]);
    const b = given(config, [create(), add("u0/d0", "u1", 2), add("u0/d0", "u2", 2, ["u2/d0", "u2/d1"])]);
    expect(abstractState(a)).toEqual(abstractState(b));
    expect(Object.keys(abstractState(a).users)).toEqual(["u0", "u1", "u2"]);
    expect(abstractState(a).users.u2?.clients).toEqual(["u2/d0", "u2/d1"]);
    expect(JSON.stringify(abstractState(a))).toBe(JSON.stringify(abstractState(b)));
  });

  it("shows the committed room; the hub-live room (with pending proposals) is separate", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig()), leave("u1/d0"));
    expect(abstractState(model).users.u1).toEqual({ role: 2, clients: ["u1/d0", "u1/d1"] });
    expect(liveUsers(model).u1).toBeUndefined();
  });

  it("is plain JSON data", () => {
    const state = abstractState(cooperativeRoom(cooperativeConfig()));
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
