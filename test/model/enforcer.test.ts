import { describe, expect, it } from "vitest";
import { ALL_VARIANTS, type ModelConfig, type ModelEvent, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { accepts, ADMIN, BANNED, commit, COOPERATIVE_ROOM_EVENTS, given, ORDINARY, refuses, room, SUPER_ADMIN } from "./helpers.js";

// The hub's policy enforcer (docs/rules.md R18). Appendix A.1's policy_enforcer (role 5): canRemoveParticipant,
// canChangeUserRole, canBan, canUnban; entries (0,[1]) (1,[0]) (2,[0,1]) (3,[0,1]) (4,[0,1]); min 1, max 2,
// max active 0; no canAddParticipant, no canChangeOwnRole. The hub lists its enforcer user at creation; its
// enforcements are the hub's pending proposals until a member commits them. Expected states are written
// from the draft: the cooperative room is u0 group_admin (u0/d0), u1 ordinary_user (u1/d0, u1/d1), u2
// ordinary_user (u2/d0), epoch 2, plus the enforcer.
const ENFORCER_ROLE = 5;
const E = { "policy-enforcer": [ENFORCER_ROLE] } as const;
const C = { u0: [ADMIN, "u0/d0"], u1: [ORDINARY, "u1/d0", "u1/d1"], u2: [ORDINARY, "u2/d0"], ...E } as const;
const enforce = (action: "remove" | "ban" | "unban" | "add" | "changeRole", target: string, role?: number): ModelEvent => ({
  type: "enforce",
  actor: "policy-enforcer/hub",
  action,
  target,
  ...(role === undefined ? {} : { role }),
});
const withEnforcer = (variants?: ModelVariants): ModelConfig => ({ ...cooperativeConfig(variants), hubListsEnforcer: true });
const start = (variants?: ModelVariants) => given(withEnforcer(variants), COOPERATIVE_ROOM_EVENTS);

describe("the hub's policy enforcer (R18)", () => {
  it("is listed at creation, without clients, only where the hub lists it", () => {
    expect(start()).toBeDefined();
    accepts(given(withEnforcer(), []), { type: "createRoom", creator: "u0", creatorClient: "u0/d0" }, "R0", room(0, { u0: [ADMIN, "u0/d0"], ...E }));
    accepts(given(cooperativeConfig(), []), { type: "createRoom", creator: "u0", creatorClient: "u0/d0" }, "R0", room(0, { u0: [ADMIN, "u0/d0"] }));
  });

  it.each(ALL_VARIANTS.map((v) => [`${v.leaveOrder}/${v.pendingProposals}`, v] as const))(
    "removes an ordinary user: its delisting and both Removes pending, the user blocked; a member's commit takes it out (%s)",
    (_name, variants) => {
      const removed = accepts(start(variants), enforce("remove", "u1"), "R18", room(2, C, { blocked: ["u1"], pending: 3 }));
      accepts(removed, commit("u0/d0"), "R17", room(3, { u0: C.u0, u2: C.u2, ...E }));
    },
  );

  it("bans an ordinary user (role 1, its clients removed), and unbans it to role 0, its entry (1,[0])", () => {
    const banned = accepts(start(), enforce("ban", "u1"), "R18", room(2, C, { blocked: ["u1"], pending: 3 }));
    const committed = accepts(banned, commit("u0/d0"), "R17", room(3, { ...C, u1: [BANNED] }));
    const unbanned = accepts(committed, enforce("unban", "u1", 0), "R18", room(3, { ...C, u1: [BANNED] }, { blocked: ["u1"], pending: 1 }));
    accepts(unbanned, commit("u0/d0"), "R17", room(4, { u0: C.u0, u2: C.u2, ...E }));
  });

  it("may-omit: a commit that omits the enforcement discards it and unblocks the target", () => {
    const variants = { leaveOrder: "clients-first", pendingProposals: "may-omit" } as const;
    const removed = accepts(start(variants), enforce("remove", "u2"), "R18", room(2, C, { blocked: ["u2"], pending: 2 }));
    accepts(removed, commit("u0/d0", false), "R11", room(3, C));
  });

  it("refuses what the role does not allow", () => {
    const m = start();
    // No canAddParticipant (R3); its own role: no canChangeOwnRole (R20); the last group_admin (min 1, R7).
    refuses(m, enforce("add", "u3", ORDINARY), { code: "notAllowed", rule: "R3", reason: "missingCanAddParticipant" });
    refuses(m, enforce("changeRole", "policy-enforcer", SUPER_ADMIN), { code: "notAllowed", rule: "R20", reason: "missingCanChangeOwnRole" });
    refuses(m, enforce("ban", "u0"), { code: "notAllowed", rule: "R7", reason: "minParticipants" });
    // No wire form: removing a user the committed list does not hold (D1).
    refuses(m, enforce("remove", "u3"), { code: "invalidProposal", rule: "R18", reason: "targetNotInCommittedList" });
    // A leaving target (R12), also one a pending enforcement blocks (here the cleaning-off of a banned user).
    refuses(given(m.context.config, [{ type: "leave", actor: "u1/d0" }], m), enforce("remove", "u1"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
    const banned = given(m.context.config, [enforce("ban", "u2"), commit("u0/d0"), enforce("unban", "u2", 0)], m);
    refuses(banned, enforce("ban", "u2"), { code: "notAllowed", rule: "R12", reason: "targetLeaving" });
  });

  it("refuses everything in a room that lists no enforcer", () => {
    refuses(given(cooperativeConfig(), COOPERATIVE_ROOM_EVENTS), enforce("remove", "u1"), { code: "notAllowed", rule: "R18", reason: "noPolicyEnforcer" });
  });
});
