import { describe, expect, it } from "vitest";
import { abstractState, liveUsers } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, add, ADMIN, cooperativeRoom, COOPERATIVE_ROOM, create, given, leave, ORDINARY, room } from "./helpers.js";

describe("abstract state (the shape the runner compares)", () => {
  it("is canonical: sorted users and clients, users outside omitted, whatever the order of operations", () => {
    const config = cooperativeConfig();
    const expected = room(2, { u0: [ADMIN, "u0/d0"], u1: [ORDINARY], u2: [ORDINARY, "u2/d0", "u2/d1"] });
    const a = given(config, [create(), add("u0/d0", "u2", ORDINARY, ["u2/d1", "u2/d0"]), add("u0/d0", "u1", ORDINARY)]);
    const b = given(config, [create(), add("u0/d0", "u1", ORDINARY), add("u0/d0", "u2", ORDINARY, ["u2/d0", "u2/d1"])]);
    // Serialised, so that key order and client order count.
    expect(JSON.stringify(abstractState(a))).toBe(JSON.stringify(expected));
    expect(JSON.stringify(abstractState(b))).toBe(JSON.stringify(expected));
  });

  it("shows the committed room; the hub-live room (with pending proposals applied) is separate (protocol §7.1)", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig()), leave("u1/d0"), "R10", { ...COOPERATIVE_ROOM, blocked: ["u1"], pending: 3 });
    // Live: u1's delisting and both Removes applied; u1 is gone.
    expect(liveUsers(model)).toEqual({ u0: { role: ADMIN, clients: ["u0/d0"] }, u2: { role: ORDINARY, clients: ["u2/d0"] } });
  });

  it("is plain JSON data", () => {
    const state = abstractState(cooperativeRoom(cooperativeConfig()));
    expect(JSON.parse(JSON.stringify(state))).toEqual(COOPERATIVE_ROOM);
  });
});
