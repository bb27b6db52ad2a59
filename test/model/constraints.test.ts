import { describe, it } from "vitest";
import { ALL_VARIANTS, DEFAULT_VARIANTS, type ModelConfig } from "../../model/index.js";
import { defineRole } from "../../model/fixtures/index.js";
import { accepts, add, ban, BANNED, changeRole, commit, create, given, kick, leave, refuses, remove, room, unban } from "./helpers.js";

/**
 * Minimum and maximum constraints (room-policy §3.4) on every operation that moves a user into or out
 * of a role. A purpose-built role set: "moderator" (2) holds every capability; "crew" (3) needs at least
 * 2 participants, 2 of them active, and allows at most 3; "guest" (4) at most 1 active.
 */
const ALL_MEMBERSHIP = [
  "canAddParticipant",
  "canRemoveParticipant",
  "canAddOwnClient",
  "canRemoveSelf",
  "canKick",
  "canBan",
  "canUnban",
  "canChangeUserRole",
  "canSendMessage",
] as const;

const config: ModelConfig = {
  roles: [
    defineRole({ index: 0, name: "no_role", capabilities: [], maxActive: 0 }),
    defineRole({ index: 1, name: "banned", capabilities: [], maxActive: 0 }),
    defineRole({
      index: 2,
      name: "moderator",
      capabilities: ALL_MEMBERSHIP,
      changes: [
        [0, [2, 3, 4]],
        [1, [0, 2, 3, 4]],
        [2, [0, 1, 3, 4]],
        [3, [0, 1, 2, 4]],
        [4, [0, 1, 2, 3]],
      ],
    }),
    defineRole({
      index: 3,
      name: "crew",
      capabilities: ["canRemoveSelf", "canAddOwnClient", "canSendMessage"],
      minParticipants: 2,
      maxParticipants: 3,
      minActive: 2,
      changes: [[3, [0]]],
    }),
    defineRole({ index: 4, name: "guest", capabilities: ["canAddOwnClient"], maxActive: 1 }),
  ],
  creatorRole: 2,
  variants: DEFAULT_VARIANTS,
};
const [MOD, CREW, GUEST] = [2, 3, 4];

/** u0 moderator; u1, u2 crew, active (the crew's minima exactly met). Epoch 2. */
const crewAtMinimum = () => given(config, [create(), add("u0/d0", "u1", CREW, ["u1/d0"]), add("u0/d0", "u2", CREW, ["u2/d0"])]);
const AT_MINIMUM = { u0: [MOD, "u0/d0"], u1: [CREW, "u1/d0"], u2: [CREW, "u2/d0"] } as const;

describe("minimum constraints (room-policy §3: removal, ban, kick, demotion or leave must keep the minima)", () => {
  it("refuse removing, banning, demoting, kicking or letting leave a user its role cannot spare", () => {
    const model = crewAtMinimum();
    refuses(model, remove("u0/d0", "u1"), { code: "notAllowed", rule: "R5", reason: "minParticipants" });
    refuses(model, ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "minParticipants" });
    refuses(model, changeRole("u0/d0", "u1", MOD), { code: "notAllowed", rule: "R9", reason: "minParticipants" });
    refuses(model, kick("u0/d0", "u1"), { code: "notAllowed", rule: "R6", reason: "minActive" });
    refuses(model, leave("u1/d0"), { code: "notAllowed", rule: "R10", reason: "minParticipants" });
  });

  it("accept the same operations once the role has a member to spare", () => {
    const model = given(config, [add("u0/d0", "u3", CREW, ["u3/d0"])], crewAtMinimum());
    const spare = { ...AT_MINIMUM, u3: [CREW, "u3/d0"] } as const;
    accepts(model, remove("u0/d0", "u1"), "R5", room(4, { u0: spare.u0, u2: spare.u2, u3: spare.u3 }));
    accepts(model, ban("u0/d0", "u1"), "R7", room(4, { ...spare, u1: [BANNED] }));
    accepts(model, changeRole("u0/d0", "u1", MOD), "R9", room(4, { ...spare, u1: [MOD, "u1/d0"] }));
    accepts(model, kick("u0/d0", "u1"), "R6", room(4, { ...spare, u1: [CREW] }));
    // A leave is proposals only: same epoch, u1 blocked, its delisting and one Remove pending (same-commit).
    accepts(model, leave("u1/d0"), "R10", room(3, spare, { blocked: ["u1"], pending: 2 }));
  });

  it("count a leaving user as gone: a leave and a removal cannot together break a minimum (D5)", () => {
    const model = given(config, [add("u0/d0", "u3", CREW, ["u3/d0"]), leave("u3/d0")], crewAtMinimum());
    refuses(model, remove("u0/d0", "u1"), { code: "notAllowed", rule: "R5", reason: "minParticipants" });
  });

  it("count a leaving user as gone in both leave orders, in clients-first also once only its delisting is pending (D5)", () => {
    for (const variants of ALL_VARIANTS) {
      const withVariants: ModelConfig = { ...config, variants };
      let model = given(withVariants, [
        create(),
        add("u0/d0", "u1", CREW, ["u1/d0"]),
        add("u0/d0", "u2", CREW, ["u2/d0"]),
        add("u0/d0", "u3", CREW, ["u3/d0"]),
        leave("u3/d0"),
      ]);
      // clients-first: first with u3's clients' removal pending (still listed and active in the committed
      // state), then with only the hub's delisting pending (listed, no clients; R12).
      const phases =
        variants.leaveOrder === "clients-first"
          ? [room(4, { ...AT_MINIMUM, u3: [CREW] }, { blocked: ["u3"], pending: 1 }), room(5, AT_MINIMUM)]
          : [room(4, AT_MINIMUM)];
      for (const next of phases) {
        refuses(model, leave("u1/d0"), { code: "notAllowed", rule: "R10", reason: "minParticipants" });
        refuses(model, remove("u0/d0", "u1"), { code: "notAllowed", rule: "R5", reason: "minParticipants" });
        refuses(model, ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "minParticipants" });
        refuses(model, changeRole("u0/d0", "u1", MOD), { code: "notAllowed", rule: "R9", reason: "minParticipants" });
        refuses(model, kick("u0/d0", "u1"), { code: "notAllowed", rule: "R6", reason: "minActive" });
        model = accepts(model, commit("u0/d0"), "R17", next);
      }
    }
  });

  it("refuse a kick that leaves too few active users even when the user stays listed", () => {
    const model = given(config, [add("u0/d0", "u3", CREW)], crewAtMinimum());
    refuses(model, kick("u0/d0", "u1"), { code: "notAllowed", rule: "R6", reason: "minActive" });
  });
});

describe("maximum constraints (room-policy §3: an add or a change into a role must keep its maxima)", () => {
  it("refuse adding, promoting or unbanning into a full role", () => {
    const full = given(config, [add("u0/d0", "u3", CREW), add("u0/d0", "u4", MOD), ban("u0/d0", "u4")], crewAtMinimum());
    const FULL = { ...AT_MINIMUM, u3: [CREW], u4: [BANNED] } as const;
    refuses(full, add("u0/d0", "u5", CREW), { code: "notAllowed", rule: "R3", reason: "maxParticipants" });
    const withGuest = accepts(full, add("u0/d0", "u5", GUEST), "R3", room(6, { ...FULL, u5: [GUEST] }));
    refuses(withGuest, changeRole("u0/d0", "u5", CREW), { code: "notAllowed", rule: "R9", reason: "maxParticipants" });
    refuses(full, unban("u0/d0", "u4", CREW), { code: "notAllowed", rule: "R8", reason: "maxParticipants" });
    accepts(full, unban("u0/d0", "u4", GUEST), "R8", room(6, { ...FULL, u4: [GUEST] }));
  });

  it("refuse a second active guest, by add, by own client or by role change", () => {
    const model = given(config, [create(), add("u0/d0", "u3", GUEST, ["u3/d0"]), add("u0/d0", "u4", GUEST), add("u0/d0", "u5", MOD, ["u5/d0"])]);
    refuses(model, add("u0/d0", "u6", GUEST, ["u6/d0"]), { code: "notAllowed", rule: "R3", reason: "maxActive" });
    refuses(model, { type: "addOwnClient", client: "u4/d0", user: "u4" }, { code: "notAllowed", rule: "R4", reason: "maxActive" });
    refuses(model, changeRole("u0/d0", "u5", GUEST), { code: "notAllowed", rule: "R9", reason: "maxActive" });
    // The active guest may add a second client of its own: the number of active guests does not change.
    accepts(model, { type: "addOwnClient", client: "u3/d1", user: "u3" }, "R4", room(4, {
      u0: [MOD, "u0/d0"],
      u3: [GUEST, "u3/d0", "u3/d1"],
      u4: [GUEST],
      u5: [MOD, "u5/d0"],
    }));
  });
});
