import { describe, expect, it } from "vitest";
import { abstractState, ALL_VARIANTS, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig, RESTRICTED_ROLE_INDEX as R } from "../../model/fixtures/index.js";
import {
  accepts,
  add,
  ADMIN,
  ban,
  changeRole,
  commit,
  cooperativeRoom,
  create,
  given,
  kick,
  leave,
  refuses,
  remove,
  unban,
} from "./helpers.js";

const sameCommit: ModelVariants = { leaveOrder: "same-commit", pendingProposals: "must-include" };
const clientsFirst: ModelVariants = { leaveOrder: "clients-first", pendingProposals: "must-include" };

describe("leaving (R10)", () => {
  it("proposes the delisting and the Remove of every own client; the user is blocked until committed", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig(sameCommit)), leave("u1/d0"), "R10");
    // Nothing is committed yet: u1 is still listed with both clients, but blocked, with 3 proposals pending.
    expect(abstractState(model)).toMatchObject({
      epoch: 2,
      users: { u1: { role: 2, clients: ["u1/d0", "u1/d1"] } },
      blocked: ["u1"],
      pending: 3,
    });
  });

  it("refuses the last admin's leave (group_admin minimum 1)", () => {
    refuses(cooperativeRoom(cooperativeConfig()), leave("u0/d0"), { code: "notAllowed", rule: "R10", reason: "minParticipants" });
  });

  it("lets an admin leave while another admin stays", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig()), changeRole("u0/d0", "u1", ADMIN));
    accepts(model, leave("u0/d0"), "R10");
  });

  it("refuses a role without canRemoveSelf (restricted reader)", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", R.reader, ["u1/d0"])]);
    refuses(model, leave("u1/d0"), { code: "notAllowed", rule: "R10", reason: "missingCanRemoveSelf" });
  });

  it("cannot be committed by the leaver itself: another member commits it", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig()), leave("u1/d0"));
    refuses(model, commit("u1/d1"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
    const done = accepts(model, commit("u2/d0"), "R17");
    expect(abstractState(done).users.u1).toBeUndefined();
  });
});

describe("leave order (R12)", () => {
  it("same-commit: one commit delists the user and removes its clients", () => {
    const leaving = accepts(cooperativeRoom(cooperativeConfig(sameCommit)), leave("u1/d0"));
    const done = accepts(leaving, commit("u0/d0"));
    expect(abstractState(done)).toMatchObject({ epoch: 3, blocked: [], pending: 0 });
    expect(abstractState(done).users.u1).toBeUndefined();
  });

  it("clients-first: the commit removes only the clients; the user stays listed and blocked until the hub's delisting is committed", () => {
    const leaving = accepts(cooperativeRoom(cooperativeConfig(clientsFirst)), leave("u1/d0"), "R10");
    expect(abstractState(leaving)).toMatchObject({ blocked: ["u1"], pending: 2 });

    const clientsGone = accepts(leaving, commit("u0/d0"));
    expect(abstractState(clientsGone)).toMatchObject({
      epoch: 3,
      users: { u1: { role: 2, clients: [] } },
      blocked: ["u1"],
      pending: 1, // the hub's own delisting proposal, in the new epoch
    });
    expect(clientsGone.context.pending).toEqual([{ kind: "delist", user: "u1", by: "hub" }]);

    const delisted = accepts(clientsGone, commit("u2/d0"), "R17");
    expect(abstractState(delisted)).toMatchObject({ epoch: 4, blocked: [], pending: 0 });
    expect(abstractState(delisted).users.u1).toBeUndefined();
  });

  it("a leaving user is not a target of remove, kick, ban, unban or role change, in every variant", () => {
    for (const variants of ALL_VARIANTS) {
      let model = accepts(cooperativeRoom(cooperativeConfig(variants)), leave("u1/d0"), "R10");
      for (let phase = 0; phase < (variants.leaveOrder === "clients-first" ? 2 : 1); phase++) {
        refuses(model, remove("u0/d0", "u1"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, kick("u0/d0", "u1"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, ban("u0/d0", "u1"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, unban("u0/d0", "u1", 2), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, changeRole("u0/d0", "u1", ADMIN), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        model = accepts(model, commit("u0/d0"));
      }
      expect(abstractState(model).users.u1).toBeUndefined();
    }
  });

  it("an operation commit carries the pending leave with it", () => {
    for (const variants of ALL_VARIANTS) {
      const leaving = accepts(cooperativeRoom(cooperativeConfig(variants)), leave("u1/d0"));
      const model = accepts(leaving, add("u0/d0", "u3", 2, ["u3/d0"]), "R3");
      const expected = variants.leaveOrder === "same-commit" ? undefined : { role: 2, clients: [] };
      expect(abstractState(model).users.u1).toEqual(expected);
      expect(abstractState(model).users.u3).toEqual({ role: 2, clients: ["u3/d0"] });
    }
  });
});
