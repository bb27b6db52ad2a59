import { describe, it } from "vitest";
import { DEFAULT_VARIANTS, type ModelConfig } from "../../model/index.js";
import { defineRole } from "../../model/fixtures/index.js";
import { accepts, add, ban, changeRole, create, given, refuses, room, unban } from "./helpers.js";

/**
 * Who may ban and unban (room-policy-03 §8.1.3), in two small role sets written here:
 * - "warden" (3) holds canChangeUserRole and canKick but not canBan, with entries 2 → 1 and 1 → 2;
 *   "clerk" (4) holds canChangeUserRole alone, with the same entries.
 * - the same set with role 1 named "muted" instead of "banned".
 */
function roles(nameOfRole1: string): ModelConfig {
  return {
    roles: [
      defineRole({ index: 0, name: "no_role", capabilities: [], maxActive: 0 }),
      defineRole({ index: 1, name: nameOfRole1, capabilities: [], maxActive: 0 }),
      defineRole({ index: 2, name: "member", capabilities: ["canSendMessage"], changes: [] }),
      defineRole({
        index: 3,
        name: "warden",
        capabilities: ["canAddParticipant", "canChangeUserRole", "canKick", "canUnban"],
        changes: [[0, [2, 3, 4]], [2, [1]], [1, [2]]],
      }),
      defineRole({ index: 4, name: "clerk", capabilities: ["canChangeUserRole"], changes: [[2, [1]], [1, [2]]] }),
    ],
    creatorRole: 3,
    variants: DEFAULT_VARIANTS,
  };
}

const SET_UP = [create("u0"), add("u0/d0", "u1", 2, ["u1/d0"]), add("u0/d0", "u2", 4, ["u2/d0"])];

describe("ban rights (R7) and the banned role's name (R7, R8)", () => {
  it("a holder of canChangeUserRole and canKick without canBan may ban: §8.1.3 notes the two 'would allow the same action'", () => {
    const model = given(roles("banned"), SET_UP);
    accepts(model, ban("u0/d0", "u1"), "R7", room(3, { u0: [3, "u0/d0"], u1: [1], u2: [4, "u2/d0"] }));
  });

  it("canChangeUserRole alone is not enough: the ban also removes every client, which needs canKick", () => {
    refuses(given(roles("banned"), SET_UP), ban("u2/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "missingCanBan" });
  });

  it("a change to role 1 that keeps the target's clients stays refused (D2: it is a ban that keeps them)", () => {
    refuses(given(roles("banned"), SET_UP), changeRole("u0/d0", "u1", 1), { code: "notAllowed", rule: "R9", reason: "banKeepsClients" });
  });

  it("without a role 1 named \"banned\", neither a ban nor an unban is possible (§8.1.3: the role must exist exactly so)", () => {
    const model = given(roles("muted"), SET_UP);
    refuses(model, ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "noBannedRole" });
    const muted = given(roles("muted"), [create("u0"), add("u0/d0", "u1", 2)]);
    // Listing a user straight into role 1 is refused by R3 either way; so role 1 is reached here by a
    // change of an inactive user, which is refused too without the name.
    refuses(muted, changeRole("u0/d0", "u1", 1), { code: "notAllowed", rule: "R9", reason: "noBannedRole" });
  });

  it("with the name, an unban by a canUnban holder succeeds (the control for the case above)", () => {
    const banned = given(roles("banned"), [...SET_UP, ban("u0/d0", "u1")]);
    accepts(banned, unban("u0/d0", "u1", 2), "R8", room(4, { u0: [3, "u0/d0"], u1: [2], u2: [4, "u2/d0"] }));
  });
});
