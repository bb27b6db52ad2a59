import { getShortestPaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import { participantMachine, type ParticipantEvent, type ParticipantRecord } from "../../model/index.js";
import { stepParticipant } from "../../model/participantMachine.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, ADMIN, ban, BANNED, commit, cooperativeRoom, kick, leave, ORDINARY, room, unban, COOPERATIVE_USERS as COOP } from "./helpers.js";


const LIFECYCLE_EVENTS: ParticipantEvent[] = [
  { type: "ADDED", role: 2, clients: 0 },
  { type: "ADDED", role: 2, clients: 1 },
  { type: "CLIENT_JOINED" },
  { type: "KICKED" },
  { type: "REMOVED" },
  { type: "BANNED" },
  { type: "UNBANNED", role: 2 },
  { type: "ROLE_CHANGED", role: 3 },
  { type: "LEAVE_ACCEPTED" },
  { type: "LEAVE_CLIENTS_REMOVED" },
  { type: "LEAVE_COMMITTED" },
  { type: "LEAVE_DISCARDED" },
];

describe("participant lifecycle machine", () => {
  it("reaches each of outside, inactive, active, leaving and banned (shortest paths by @xstate/graph)", () => {
    const paths = getShortestPaths(participantMachine, {
      events: LIFECYCLE_EVENTS,
      // Key by state only: the client count would otherwise make the graph infinite.
      serializeState: (snapshot) => JSON.stringify(snapshot.value),
    });
    const reached = new Set(paths.map((p) => p.state.value));
    expect([...reached].sort()).toEqual(["active", "banned", "inactive", "leaving", "outside"]);
    const toLeaving = paths.find((p) => p.state.value === "leaving")!;
    // @xstate/graph starts every path with its own "xstate.init" step.
    expect(toLeaving.steps.map((s) => s.event.type as string).filter((t) => t !== "xstate.init")).toEqual(["ADDED", "LEAVE_ACCEPTED"]);
  });

  it("ignores steps that make no sense for the user (the room would then disagree with it)", () => {
    const banned: ParticipantRecord = { state: "banned", role: 1, clients: 0 };
    expect(stepParticipant(banned, { type: "CLIENT_JOINED" })).toEqual(banned);
    const leaving: ParticipantRecord = { state: "leaving", role: 2, clients: 2 };
    expect(stepParticipant(leaving, { type: "KICKED" })).toEqual(leaving);
    const outside: ParticipantRecord = { state: "outside", role: 0, clients: 0 };
    expect(stepParticipant(outside, { type: "ADDED", role: 1, clients: 0 })).toEqual(outside);
  });

  it("follows the room: active → inactive (kick) → banned → inactive (unban); active → leaving → outside", () => {
    const config = cooperativeConfig();
    let model = cooperativeRoom(config);
    expect(model.context.participants.u1).toEqual({ state: "active", role: 2, clients: 2 });
    model = accepts(model, kick("u0/d0", "u1"), "R6", room(3, { ...COOP, u1: [ORDINARY] }));
    expect(model.context.participants.u1).toEqual({ state: "inactive", role: 2, clients: 0 });
    model = accepts(model, ban("u0/d0", "u1"), "R7", room(4, { ...COOP, u1: [BANNED] }));
    expect(model.context.participants.u1).toEqual({ state: "banned", role: 1, clients: 0 });
    model = accepts(model, unban("u0/d0", "u1", 2), "R8", room(5, { ...COOP, u1: [ORDINARY] }));
    expect(model.context.participants.u1).toEqual({ state: "inactive", role: 2, clients: 0 });
    model = accepts(model, leave("u2/d0"), "R10", room(5, { ...COOP, u1: [ORDINARY] }, { blocked: ["u2"], pending: 2 }));
    expect(model.context.participants.u2).toEqual({ state: "leaving", role: 2, clients: 1 });
    model = accepts(model, commit("u0/d0"), "R17", room(6, { u0: COOP.u0, u1: [ORDINARY] }));
    expect(model.context.participants.u2).toBeUndefined();
  });
});
