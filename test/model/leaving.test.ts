import { describe, it } from "vitest";
import { ALL_VARIANTS, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  acceptsPassing,
  add,
  ADMIN,
  ban,
  changeRole,
  commit,
  cooperativeRoom,
  COOPERATIVE_ROOM,
  COOPERATIVE_ROOM_EVENTS,
  given,
  kick,
  leave,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  refuses,
  remove,
  restrictedRoom,
  RESTRICTED_ROOM,
  RESTRICTED_ROOM_EVENTS,
  room,
  unban,
  COOPERATIVE_USERS as COOP,
  RESTRICTED_USERS as RESTRICTED,
} from "./helpers.js";

const name = (v: ModelVariants) => `${v.leaveOrder}/${v.pendingProposals}`;

describe("leaving (R10)", () => {
  it.each(ALL_VARIANTS.map((v) => [name(v), v] as const))(
    "proposes the Remove of every own client (and, same-commit, the delisting); the user is blocked at once (%s)",
    (_name, variants) => {
      // Protocol §5.3: the leaver is blocked at once. Nothing is committed: same epoch, u1 still listed with
      // both clients. Pending, one proposal at a time: same-commit = delisting + 2 Removes; clients-first =
      // the 2 Removes (R12).
      const pending = variants.leaveOrder === "same-commit" ? 3 : 2;
      accepts(cooperativeRoom(cooperativeConfig(variants)), leave("u1/d0"), "R10", { ...COOPERATIVE_ROOM, blocked: ["u1"], pending });
      const restrictedPending = variants.leaveOrder === "same-commit" ? 2 : 1;
      accepts(restrictedRoom(restrictedConfig(variants)), leave("u2/d0"), "R10", { ...RESTRICTED_ROOM, blocked: ["u2"], pending: restrictedPending });
    },
  );

  it("refuses the last admin's leave (Appendix A.1 group_admin minimum 1; room-policy §3)", () => {
    for (const variants of ALL_VARIANTS)
      refuses(cooperativeRoom(cooperativeConfig(variants)), leave("u0/d0"), { code: "notAllowed", rule: "R10", reason: "minParticipants" });
  });

  it("lets an admin leave while another admin stays", () => {
    const model = given(cooperativeConfig(), [...COOPERATIVE_ROOM_EVENTS, changeRole("u0/d0", "u1", ADMIN)]);
    accepts(model, leave("u0/d0"), "R10", room(3, { ...COOP, u1: [ADMIN, "u1/d0", "u1/d1"] }, { blocked: ["u0"], pending: 2 }));
  });

  it("restricted: refuses a reader (no canRemoveSelf), and the second owner's leave while the first one's is pending (owner minimum 1, D5)", () => {
    for (const variants of ALL_VARIANTS) {
      const config = restrictedConfig(variants);
      refuses(restrictedRoom(config), leave("u1/d0"), { code: "notAllowed", rule: "R10", reason: "missingCanRemoveSelf" });
      const ownerLeaving = given(config, [...RESTRICTED_ROOM_EVENTS, leave("u0/d0")]);
      refuses(ownerLeaving, leave("u2/d0"), { code: "notAllowed", rule: "R10", reason: "minParticipants" });
    }
  });

  it("cannot be committed by the leaver itself: another member commits it (protocol §3.5)", () => {
    const model = given(cooperativeConfig(), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    refuses(model, commit("u1/d1"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
    accepts(model, commit("u2/d0"), "R17", room(3, { u0: COOP.u0, u2: COOP.u2 }));
  });
});

describe("leave order (R12)", () => {
  const sameCommit: ModelVariants = { leaveOrder: "same-commit", pendingProposals: "must-include" };
  const clientsFirst: ModelVariants = { leaveOrder: "clients-first", pendingProposals: "must-include" };

  it("same-commit: one commit delists the user and removes its clients (room-policy §8.1.2, protocol §5.3)", () => {
    const leaving = given(cooperativeConfig(sameCommit), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    acceptsPassing(leaving, commit("u0/d0"), "R17", ["R11", "R12"], room(3, { u0: COOP.u0, u2: COOP.u2 }));
    const restricted = given(restrictedConfig(sameCommit), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
    acceptsPassing(restricted, commit("u1/d0"), "R17", ["R12"], room(4, { u0: RESTRICTED.u0, u1: RESTRICTED.u1, u3: RESTRICTED.u3 }));
  });

  it("clients-first: the commit removes only the clients; the user stays listed and blocked until the hub's delisting is committed", () => {
    const leaving = given(cooperativeConfig(clientsFirst), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    // The hub's own delisting proposal is pending in the new epoch (1 proposal).
    const clientsGone = acceptsPassing(leaving, commit("u0/d0"), "R17", ["R12"], room(3, { ...COOP, u1: [ORDINARY] }, { blocked: ["u1"], pending: 1 }));
    acceptsPassing(clientsGone, commit("u2/d0"), "R17", ["R12"], room(4, { u0: COOP.u0, u2: COOP.u2 }));

    const restricted = given(restrictedConfig(clientsFirst), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
    const ownerClientsGone = accepts(restricted, commit("u1/d0"), "R17", room(4, { ...RESTRICTED, u2: [OWNER] }, { blocked: ["u2"], pending: 1 }));
    accepts(ownerClientsGone, commit("u0/d0"), "R17", room(5, { u0: RESTRICTED.u0, u1: RESTRICTED.u1, u3: RESTRICTED.u3 }));
  });

  it.each(ALL_VARIANTS.map((v) => [name(v), v] as const))(
    "a leaving user is not a target of remove, kick, ban, unban or role change until it is gone (D4, %s)",
    (_name, variants) => {
      let model = given(cooperativeConfig(variants), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
      const phases =
        variants.leaveOrder === "clients-first"
          ? [room(3, { ...COOP, u1: [ORDINARY] }, { blocked: ["u1"], pending: 1 }), room(4, { u0: COOP.u0, u2: COOP.u2 })]
          : [room(3, { u0: COOP.u0, u2: COOP.u2 })];
      for (const next of phases) {
        refuses(model, remove("u0/d0", "u1"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, kick("u0/d0", "u1"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, ban("u0/d0", "u1"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, unban("u0/d0", "u1", ORDINARY), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        refuses(model, changeRole("u0/d0", "u1", ADMIN), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
        model = accepts(model, commit("u0/d0"), "R17", next);
      }
      // Restricted: the leaving owner u2 is no target for the other owner either.
      const restricted = given(restrictedConfig(variants), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
      refuses(restricted, remove("u0/d0", "u2"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
      refuses(restricted, changeRole("u0/d0", "u2", READER), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
    },
  );

  it.each(ALL_VARIANTS.map((v) => [name(v), v] as const))("an operation commit carries the pending leave with it, first (R11, %s)", (_name, variants) => {
    const leaving = given(cooperativeConfig(variants), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    const next =
      variants.leaveOrder === "same-commit"
        ? room(3, { u0: COOP.u0, u2: COOP.u2, u3: [ORDINARY, "u3/d0"] })
        : room(3, { ...COOP, u1: [ORDINARY], u3: [ORDINARY, "u3/d0"] }, { blocked: ["u1"], pending: 1 });
    acceptsPassing(leaving, add("u0/d0", "u3", ORDINARY, ["u3/d0"]), "R3", ["R12", "R17"], next);
  });
});
