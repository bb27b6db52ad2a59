import { describe, expect, it, vi } from "vitest";
import type { Model, ModelEvent, StepResult } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, ADMIN, COOPERATIVE_ROOM_EVENTS, given, kick, leave, ORDINARY, refuses, remove, room } from "./helpers.js";

/**
 * The test vocabulary must be able to fail. Planted defects in `step`, as the tests see it (a switch in
 * this file; the model itself is untouched):
 * - `refusalMutatesInPlace`: a refused step unblocks every leaver inside the model it was handed, and
 *   returns that same object (a check comparing the returned room with the handed one cannot see it);
 * - `refusalReturnsChangedRoom`: a refused step returns a room one epoch further on;
 * - `acceptanceLosesAClient`: an accepted kick leaves the kicked user one client.
 */
const planted = vi.hoisted(() => ({
  refusalMutatesInPlace: false,
  refusalReturnsChangedRoom: false,
  acceptanceLosesAClient: false,
}));

vi.mock("../../model/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../model/index.js")>();
  const step = (model: Model, event: ModelEvent): StepResult => {
    const result = real.step(model, event);
    if (!result.verdict.accepted) {
      if (planted.refusalMutatesInPlace) (model.context.blocked as string[]).length = 0;
      if (planted.refusalReturnsChangedRoom)
        return { model: { ...result.model, context: { ...result.model.context, epoch: result.model.context.epoch + 1 } }, verdict: result.verdict };
      return result;
    }
    if (planted.acceptanceLosesAClient && event.type === "kick") {
      const roster = { ...result.model.context.roster, [event.target]: { ...result.model.context.roster[event.target]!, clients: [`${event.target}/d0`] } };
      return { model: { ...result.model, context: { ...result.model.context, roster } }, verdict: result.verdict };
    }
    return result;
  };
  return { ...real, step };
});

const leaving = () => given(cooperativeConfig(), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
const blockedRefusal = (): ReturnType<typeof refuses> =>
  refuses(leaving(), remove("u1/d1", "u2"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
const kickAccepted = () => accepts(given(cooperativeConfig(), COOPERATIVE_ROOM_EVENTS), kick("u0/d0", "u1"), "R6", room(3, {
  u0: [ADMIN, "u0/d0"],
  u1: [ORDINARY],
  u2: [ORDINARY, "u2/d0"],
}));

describe("refuses() and accepts() catch planted defects in the step they check", () => {
  it("pass on the real model", () => {
    expect(blockedRefusal().rule).toBe("R2");
    expect(kickAccepted()).toBeDefined();
  });

  it("refuses() catches a refusal that alters the handed model in place (the returned object is the same one)", () => {
    planted.refusalMutatesInPlace = true;
    try {
      expect(blockedRefusal).toThrow(/room changed on a refused/);
    } finally {
      planted.refusalMutatesInPlace = false;
    }
  });

  it("refuses() catches a refusal that returns a changed room", () => {
    planted.refusalReturnsChangedRoom = true;
    try {
      expect(blockedRefusal).toThrow(/room changed on a refused/);
    } finally {
      planted.refusalReturnsChangedRoom = false;
    }
  });

  it("accepts() catches an accepted step whose next state differs from the literal one", () => {
    planted.acceptanceLosesAClient = true;
    try {
      expect(kickAccepted).toThrow(/u0\/d0 kicks u1/);
    } finally {
      planted.acceptanceLosesAClient = false;
    }
  });
});
