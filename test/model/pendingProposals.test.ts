import { describe, expect, it } from "vitest";
import { allGuardOutcomes, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  acceptsPassing,
  ADMIN,
  commit,
  COOPERATIVE_ROOM_EVENTS,
  given,
  joinOwnClient,
  kick,
  leave,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  refuses,
  RESTRICTED_ROOM_EVENTS,
  room,
  COOPERATIVE_USERS as COOP,
  RESTRICTED_USERS as RESTRICTED,
} from "./helpers.js";

const variants = (leaveOrder: ModelVariants["leaveOrder"], pendingProposals: ModelVariants["pendingProposals"]): ModelVariants => ({
  leaveOrder,
  pendingProposals,
});

describe("pending proposals (R11)", () => {
  for (const leaveOrder of ["same-commit", "clients-first"] as const) {
    it(`must-include (${leaveOrder}): a commit that omits the pending leave is refused; one that includes it is accepted (protocol §3.5)`, () => {
      const leaving = given(cooperativeConfig(variants(leaveOrder, "must-include")), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
      refuses(leaving, commit("u0/d0", false), { code: "notAllowed", rule: "R11", reason: "omitsPendingProposals" });
      const included =
        leaveOrder === "same-commit" ? room(3, { u0: COOP.u0, u2: COOP.u2 }) : room(3, { ...COOP, u1: [ORDINARY] }, { blocked: ["u1"], pending: 1 });
      acceptsPassing(leaving, commit("u0/d0", true), "R17", ["R11"], included);

      const restricted = given(restrictedConfig(variants(leaveOrder, "must-include")), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
      refuses(restricted, commit("u1/d0", false), { code: "notAllowed", rule: "R11", reason: "omitsPendingProposals" });
    });

    it(`must-include (${leaveOrder}): an external commit (no proposals by reference) is refused while a leave is pending (rules.md, external commits)`, () => {
      const leaving = given(cooperativeConfig(variants(leaveOrder, "must-include")), [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u2"), leave("u1/d0")]);
      refuses(leaving, joinOwnClient("u2/d0"), { code: "notAllowed", rule: "R11", reason: "omitsPendingProposals" });
    });
  }

  it("may-omit (same-commit): the commit is accepted, the leave is discarded and the leaver unblocked", () => {
    const leaving = given(cooperativeConfig(variants("same-commit", "may-omit")), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    const model = accepts(leaving, commit("u0/d0", false), "R11", room(3, COOP));
    accepts(model, commit("u1/d1"), "R15", room(4, COOP));
    const restricted = given(restrictedConfig(variants("same-commit", "may-omit")), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
    accepts(restricted, commit("u1/d0", false), "R11", room(4, RESTRICTED));
  });

  it("may-omit (clients-first): omitting the leave's Removes discards them too; the leaver is unblocked with its clients", () => {
    const leaving = given(cooperativeConfig(variants("clients-first", "may-omit")), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    accepts(leaving, commit("u2/d0", false), "R11", room(3, COOP));
  });

  it("may-omit: an external commit discards the pending leave too", () => {
    for (const leaveOrder of ["same-commit", "clients-first"] as const) {
      const model = given(cooperativeConfig(variants(leaveOrder, "may-omit")), [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u2"), leave("u1/d0")]);
      accepts(model, joinOwnClient("u2/d0"), "R4", room(4, COOP));
    }
  });

  it("may-omit with clients-first: the hub's own delisting stays pending until committed (R12: blocked until that proposal is committed)", () => {
    const leaving = given(cooperativeConfig(variants("clients-first", "may-omit")), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    const clientsGone = accepts(leaving, commit("u0/d0"), "R17", room(3, { ...COOP, u1: [ORDINARY] }, { blocked: ["u1"], pending: 1 }));
    const omitted = accepts(clientsGone, commit("u0/d0", false), "R11", room(4, { ...COOP, u1: [ORDINARY] }, { blocked: ["u1"], pending: 1 }));
    accepts(omitted, commit("u2/d0"), "R17", room(5, { u0: COOP.u0, u2: COOP.u2 }));
  });
});

describe("authority of proposals by reference (R17)", () => {
  for (const leaveOrder of ["same-commit", "clients-first"] as const) {
    it(`a committer needs no capability for the proposals it commits by reference (restricted reader, ${leaveOrder})`, () => {
      // u2 is an owner who leaves; u1 is a reader with no membership capability at all.
      const model = given(restrictedConfig(variants(leaveOrder, "must-include")), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
      const next =
        leaveOrder === "same-commit"
          ? room(4, { u0: RESTRICTED.u0, u1: RESTRICTED.u1, u3: RESTRICTED.u3 })
          : room(4, { ...RESTRICTED, u2: [OWNER] }, { blocked: ["u2"], pending: 1 });
      acceptsPassing(model, commit("u1/d0"), "R17", ["R17"], next);
    });
  }

  it("a cooperative ordinary user commits an admin's leave (it could not remove an admin itself)", () => {
    const model = given(cooperativeConfig(), [...COOPERATIVE_ROOM_EVENTS, { type: "changeRole", actor: "u0/d0", target: "u1", role: ADMIN }, leave("u0/d0")]);
    acceptsPassing(model, commit("u2/d0"), "R17", ["R17"], room(4, { u1: [ADMIN, "u1/d0", "u1/d1"], u2: COOP.u2 }));
  });

  it("never refuses: there is no R17 refusal outcome, and a capability-less committer is refused only for other rules", () => {
    expect(allGuardOutcomes().filter((o) => o.rule === "R17").map((o) => o.outcome)).toEqual(["accepted"]);
    const model = given(restrictedConfig(), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
    refuses(model, commit("u1/d0", false), { code: "notAllowed", rule: "R11", reason: "omitsPendingProposals" });
  });
});
