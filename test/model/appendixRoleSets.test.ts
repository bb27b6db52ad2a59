import { describe, expect, it } from "vitest";
import { bannedRoleIsDefined, findRole, roleChangeAllowed, type ModelConfig } from "../../model/index.js";
import { MODEL_ROLE_SETS, moderatedConfig, multiOrgConfig, strictConfig } from "../../model/fixtures/index.js";
import { accepts, add, ban, changeRole, create, given, refuses, room, send, unban } from "./helpers.js";

/** [index, name, min participants, max participants, min active, max active] of every role, as listed. */
const shape = (config: ModelConfig) => config.roles.map((r) => [r.index, r.name, r.minParticipants, r.maxParticipants, r.minActive, r.maxActive]);
/** The authorized_role_changes of a role, as the appendix's (from, [targets]) pairs. */
const changes = (config: ModelConfig, index: number) => [...findRole(config, index)!.changes.entries()];
const caps = (config: ModelConfig, index: number) => findRole(config, index)!.capabilities;

describe("the role sets of room-policy-03 Appendix A, as the model transcribes them", () => {
  it("names every set on the command line: the four appendices and the project's restricted, public and preauth sets", () => {
    expect(Object.keys(MODEL_ROLE_SETS)).toEqual(["cooperative", "strict", "moderated", "multi-org", "restricted", "public", "preauth"]);
  });

  it("A.2 strictly administered: roles, constraints and changes as written", () => {
    const config = strictConfig();
    expect(shape(config)).toEqual([
      [0, "no_role", 0, undefined, 0, 0],
      [1, "banned", 0, undefined, 0, 0],
      [2, "ordinary_user", 0, undefined, 0, undefined],
      [3, "group_admin", 1, undefined, 0, undefined],
      [4, "super_admin", 0, undefined, 0, undefined],
      [5, "policy_enforcer", 1, 2, 0, 0],
    ]);
    expect([...caps(config, 0)]).toEqual(["canUseJoinCode"]);
    expect(changes(config, 0)).toEqual([[0, [2]]]);
    expect(changes(config, 2)).toEqual([[0, [2]], [2, [0]]]);
    expect(changes(config, 3)).toEqual([[0, [1, 2, 3]], [1, [0, 2, 3]], [2, [0, 1, 3]], [3, [0, 1, 2]]]);
    expect(changes(config, 5)).toEqual([[0, [1]], [1, [0]], [2, [0, 1]], [3, [0, 1]], [4, [0, 1]]]);
    // The difference from A.1: an ordinary_user manages nobody; a group_admin adds, removes, kicks, bans.
    for (const c of ["canAddParticipant", "canRemoveParticipant", "canKick"] as const) expect(caps(config, 2).has(c)).toBe(false);
    for (const c of ["canAddParticipant", "canRemoveParticipant", "canKick", "canBan", "canUnban", "canChangeUserRole", "canSendMessage"] as const) expect(caps(config, 3).has(c)).toBe(true);
    expect(caps(config, 4).has("canChangeRoleDefinitions")).toBe(true);
    expect(caps(config, 5).has("canAddParticipant")).toBe(false);
    expect(config.creatorRole).toBe(3);
  });

  it("A.3 moderated: roles, constraints and changes as written; speaker ⊇ attendee ⊇ guest; moderator holds A.2's ordinary_user", () => {
    const config = moderatedConfig();
    expect(shape(config)).toEqual([
      [0, "no_role", 0, undefined, 0, undefined],
      [1, "banned", 0, undefined, 0, 0],
      [2, "guest", 0, undefined, 0, undefined],
      [3, "attendee", 0, undefined, 0, undefined],
      [4, "speaker", 0, undefined, 0, undefined],
      [5, "moderator", 1, undefined, 0, undefined],
      [6, "super_admin", 0, undefined, 0, undefined],
      [7, "policy_enforcer", 1, 2, 0, 0],
    ]);
    expect(changes(config, 0)).toEqual([[0, [2, 3]]]);
    expect(changes(config, 4)).toEqual([[0, [4]], [4, [0]]]);
    expect(changes(config, 5)).toEqual([[0, [1, 2, 3, 4, 5]], [1, [0, 2, 3, 4, 5]], [2, [0, 1, 3, 4, 5]], [3, [0, 1, 2, 4, 5]], [4, [0, 1, 2, 3, 5]], [5, [0, 1, 2, 3, 4]]]);
    expect(changes(config, 7)).toEqual([[0, [1]], [1, [0]], [2, [0, 1]], [3, [0, 1]], [4, [0, 1]], [5, [0, 1]], [6, [0, 1]]]);
    expect(caps(config, 2).size).toBe(10);
    expect([caps(config, 2).has("canSendMessage"), caps(config, 2).has("canAddOwnClient"), caps(config, 2).has("canRemoveSelf")]).toEqual([false, false, true]);
    expect([caps(config, 3).has("canSendMessage"), caps(config, 3).has("canAddOwnClient"), caps(config, 3).has("canRemoveSelf")]).toEqual([false, true, true]);
    expect([caps(config, 4).has("canSendMessage"), caps(config, 4).has("canAddOwnClient"), caps(config, 4).has("canRemoveSelf")]).toEqual([true, true, true]);
    // A.2's ordinary_user brings canSendMessage, canAddOwnClient and canChangeOwnMood to the moderator.
    for (const c of ["canSendMessage", "canAddOwnClient", "canChangeOwnMood", "canAddParticipant", "canBan", "canUnban", "canKick"] as const) expect(caps(config, 5).has(c)).toBe(true);
    expect(caps(config, 5).has("canChangeRoomDescription")).toBe(false);
    expect(caps(config, 6).has("canChangeRoomDescription")).toBe(true);
    expect(config.creatorRole).toBe(5);
  });

  it("A.4 multi-organization: roles, constraints and changes as written", () => {
    const config = multiOrgConfig();
    expect(shape(config)).toEqual([
      [0, "no_role", 0, undefined, 0, 0],
      [1, "banned", 0, undefined, 0, 0],
      [2, "org_a_user", 0, undefined, 0, undefined],
      [3, "org_b_user", 0, undefined, 0, undefined],
      [4, "org_c_user", 0, undefined, 0, undefined],
      [5, "org_a_admin", 0, undefined, 0, undefined],
      [6, "org_b_admin", 1, 3, 1, undefined],
      [7, "org_c_admin", 1, 3, 1, undefined],
      [8, "super_admin", 1, undefined, 1, undefined],
      [9, "policy_enforcer", 1, 2, 0, 0],
    ]);
    expect(changes(config, 5)).toEqual([[0, [2, 5]], [2, [0, 1, 5]], [5, [0, 1, 2]]]);
    expect(changes(config, 6)).toEqual([[0, [3, 6]], [3, [0, 1, 6]], [6, [0, 1, 3]]]);
    expect(changes(config, 7)).toEqual([[0, [4, 7]], [4, [0, 1, 7]], [7, [0, 1, 4]]]);
    expect(changes(config, 8)).toEqual([
      [0, [1, 2, 3, 4, 5, 6, 7, 8]], [1, [0, 2, 3, 4, 5, 6, 7, 8]], [2, [0, 1, 5, 8]], [3, [0, 1, 6]], [4, [0, 1, 7]],
      [5, [0, 1, 2, 8]], [6, [0, 1, 3]], [7, [0, 1, 4]], [8, [0, 1, 2, 5]],
    ]);
    // The policy enforcer of A.4 has no entry from org_a_user (2).
    expect(changes(config, 9)).toEqual([[0, [1]], [1, [0]], [3, [0, 1]], [4, [0, 1]], [5, [0, 1]], [6, [0, 1]], [7, [0, 1]], [8, [0, 1]]]);
    // "can ban (but not unban) their own org users"; org_c_user has org_b_user's capabilities.
    expect([caps(config, 6).has("canBan"), caps(config, 6).has("canUnban"), caps(config, 8).has("canUnban")]).toEqual([true, false, true]);
    expect([...caps(config, 4)]).toEqual([...caps(config, 3)]);
    expect([caps(config, 2).has("canChangeOwnRole"), caps(config, 3).has("canChangeOwnRole")]).toEqual([true, false]);
    expect(roleChangeAllowed(config, 6, 2, 1)).toBe(false);
    expect(bannedRoleIsDefined(config)).toBe(true);
    expect(config.creatorRole).toBe(8);
  });
});

describe("the appendix sets at work in the model (expectations from the appendix text)", () => {
  it("A.2: a group_admin adds an ordinary_user; an ordinary_user may add nobody (no canAddParticipant)", () => {
    const model = given(strictConfig(), [create("u0"), add("u0/d0", "u1", 2, ["u1/d0"])]);
    refuses(model, add("u1/d0", "u2", 2), { code: "notAllowed", rule: "R3", reason: "missingCanAddParticipant" });
    accepts(model, add("u0/d0", "u2", 3), "R3", room(2, { u0: [3, "u0/d0"], u1: [2, "u1/d0"], u2: [3] }));
  });

  it("A.3: a guest may not send, a speaker may; a moderator promotes a guest to speaker", () => {
    const model = given(moderatedConfig(), [create("u0"), add("u0/d0", "u1", 2, ["u1/d0"])]);
    refuses(model, send("u1/d0"), { code: "notAllowed", rule: "R14", reason: "missingCanSendMessage" });
    const promoted = accepts(model, changeRole("u0/d0", "u1", 4), "R9", room(2, { u0: [5, "u0/d0"], u1: [4, "u1/d0"] }));
    expect(promoted).toBeDefined();
  });

  it("A.4: an org B admin bans its own org's user but not an org C user, and cannot unban", () => {
    const model = given(multiOrgConfig(), [
      create("u0"),
      add("u0/d0", "u1", 6, ["u1/d0"]),
      add("u0/d0", "u2", 3, ["u2/d0"]),
      add("u0/d0", "u3", 4),
    ]);
    refuses(model, ban("u1/d0", "u3"), { code: "notAllowed", rule: "R7", reason: "roleChangeNotAuthorized" });
    const banned = accepts(model, ban("u1/d0", "u2"), "R7", room(4, { u0: [8, "u0/d0"], u1: [6, "u1/d0"], u2: [1], u3: [4] }));
    refuses(banned, unban("u1/d0", "u2", 3), { code: "notAllowed", rule: "R8", reason: "missingCanUnban" });
    accepts(banned, unban("u0/d0", "u2", 3), "R8", room(5, { u0: [8, "u0/d0"], u1: [6, "u1/d0"], u2: [3], u3: [4] }));
  });
});
