import { describe, it } from "vitest";
import { ALL_VARIANTS } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  acceptsPassing,
  add,
  ADMIN,
  ban,
  commit,
  cooperativeRoom,
  COOPERATIVE_ROOM_EVENTS,
  given,
  leave,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  refuses,
  remove,
  restrictedRoom,
  room,
  COOPERATIVE_USERS as COOP,
  RESTRICTED_USERS as RESTRICTED,
} from "./helpers.js";


describe("per-commit rules (R13)", () => {
  it("holds for an accepted commit: no user touched twice, every member's user listed in a role that allows clients", () => {
    acceptsPassing(cooperativeRoom(cooperativeConfig()), remove("u0/d0", "u1"), "R5", ["R13"], room(3, { u0: COOP.u0, u2: COOP.u2 }));
    acceptsPassing(restrictedRoom(restrictedConfig()), remove("u0/d0", "u1"), "R5", ["R13"], room(4, { u0: RESTRICTED.u0, u2: RESTRICTED.u2, u3: RESTRICTED.u3 }));
  });

  it("refuses re-adding a leaving user before its delisting is committed: it is still in the committed list (D1)", () => {
    // Before D1 this reached R13 as a user touched twice (delisted by the included leave, re-added by the
    // committer). An add names a user absent from the committed list, so the re-add is malformed first.
    for (const variants of ALL_VARIANTS) {
      const events = [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")];
      // clients-first: the delisting is proposed by the hub only after the clients' removal is committed.
      if (variants.leaveOrder === "clients-first") events.push(commit("u0/d0"));
      refuses(given(cooperativeConfig(variants), events), add("u0/d0", "u1", ORDINARY, ["u1/d0"]), {
        code: "invalidProposal",
        rule: "R3",
        reason: "targetAlreadyListed",
      });
    }
  });

  it("re-adds a user who left once its delisting is committed", () => {
    for (const variants of ALL_VARIANTS) {
      const events = [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0"), commit("u0/d0")];
      if (variants.leaveOrder === "clients-first") events.push(commit("u0/d0"));
      const epoch = variants.leaveOrder === "clients-first" ? 4 : 3;
      accepts(given(cooperativeConfig(variants), events), add("u0/d0", "u1", ORDINARY, ["u1/d0"]), "R3", room(epoch + 1, { ...COOP, u1: [ORDINARY, "u1/d0"] }));
    }
  });

  it("refuses, as the last line of defence, a removal or ban that would leave clients behind (fault: removal skips clients)", () => {
    // room-policy §8.1.2 / protocol §5.3: no client of a removed user may remain after the commit.
    const broken = cooperativeConfig(undefined, { skipRemoveAllClients: true });
    refuses(cooperativeRoom(broken), remove("u0/d0", "u1"), { code: "notAllowed", rule: "R13", reason: "clientOfUnlistedUser" });
    // A ban that keeps the clients leaves them in role 1 "banned", whose maximum active is 0.
    refuses(cooperativeRoom(broken), ban("u0/d0", "u1"), { code: "notAllowed", rule: "R13", reason: "clientInRoleWithoutClients" });
    const restrictedBroken = restrictedConfig(undefined, { skipRemoveAllClients: true });
    refuses(restrictedRoom(restrictedBroken), remove("u0/d0", "u1"), { code: "notAllowed", rule: "R13", reason: "clientOfUnlistedUser" });
    refuses(restrictedRoom(restrictedBroken), ban("u2/d0", "u1"), { code: "notAllowed", rule: "R13", reason: "clientInRoleWithoutClients" });
  });

  it("in clients-first, re-adding while the clients' removal is still pending is refused as the user is still listed", () => {
    const model = given(cooperativeConfig({ leaveOrder: "clients-first", pendingProposals: "must-include" }), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    refuses(model, add("u0/d0", "u1", ORDINARY), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
  });
});
