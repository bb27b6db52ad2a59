import { describe, expect, it } from "vitest";
import { abstractState, type ModelConfig } from "../../model/index.js";
import { COOPERATIVE_ROLES, cooperativeConfig, defineRole, restrictedConfig, RESTRICTED_ROLE_INDEX as R } from "../../model/fixtures/index.js";
import { accepts, add, ADMIN, ban, cooperativeRoom, create, given, kick, ORDINARY, refuses, remove, unban } from "./helpers.js";

describe("removing a participant (R5)", () => {
  const config = cooperativeConfig();

  it("delists the target and removes all its clients in the same commit", () => {
    const model = accepts(cooperativeRoom(config), remove("u2/d0", "u1"), "R5");
    expect(abstractState(model).users.u1).toBeUndefined();
    expect(abstractState(model).epoch).toBe(3);
  });

  it("lets an admin clean a banned user off the list", () => {
    const banned = accepts(cooperativeRoom(config), ban("u0/d0", "u1"));
    expect(abstractState(accepts(banned, remove("u0/d0", "u1"), "R5")).users.u1).toBeUndefined();
  });

  it("refuses removing oneself (that is a leave), an unlisted user, and an admin by an ordinary user", () => {
    const model = cooperativeRoom(config);
    refuses(model, remove("u1/d0", "u1"), { code: "notAllowed", rule: "R5", reason: "cannotRemoveSelf" });
    refuses(model, remove("u1/d0", "u3"), { code: "notAllowed", rule: "R5", reason: "targetNotListed" });
    refuses(model, remove("u1/d0", "u0"), { code: "notAllowed", rule: "R5", reason: "roleChangeNotAuthorized" });
  });

  it("refuses a role without canRemoveParticipant (restricted reader)", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", R.reader, ["u1/d0"]), add("u0/d0", "u2", R.reader)]);
    refuses(model, remove("u1/d0", "u2"), { code: "notAllowed", rule: "R5", reason: "missingCanRemoveParticipant" });
  });
});

describe("kicking (R6)", () => {
  const config = cooperativeConfig();

  it("removes all the target's clients and leaves it listed (inactive)", () => {
    const model = accepts(cooperativeRoom(config), kick("u0/d0", "u1"), "R6");
    expect(abstractState(model).users.u1).toEqual({ role: ORDINARY, clients: [] });
  });

  it("refuses an ordinary user (no canKick), kicking oneself, and an inactive target", () => {
    const model = cooperativeRoom(config);
    refuses(model, kick("u1/d0", "u2"), { code: "notAllowed", rule: "R6", reason: "missingCanKick" });
    refuses(model, kick("u0/d0", "u0"), { code: "notAllowed", rule: "R6", reason: "cannotKickSelf" });
    const inactive = accepts(model, add("u0/d0", "u3", ORDINARY));
    refuses(inactive, kick("u0/d0", "u3"), { code: "notAllowed", rule: "R6", reason: "targetNotActive" });
  });
});

describe("banning (R7)", () => {
  const config = cooperativeConfig();

  it("moves the target to role 1 and removes all its clients in the same commit", () => {
    const model = accepts(cooperativeRoom(config), ban("u0/d0", "u1"), "R7");
    expect(abstractState(model).users.u1).toEqual({ role: 1, clients: [] });
  });

  it("may ban an inactive participant", () => {
    const model = accepts(cooperativeRoom(config), kick("u0/d0", "u1"));
    accepts(model, ban("u0/d0", "u1"), "R7");
  });

  it("refuses an ordinary user, oneself, an unlisted and an already banned target", () => {
    const model = cooperativeRoom(config);
    refuses(model, ban("u1/d0", "u2"), { code: "notAllowed", rule: "R7", reason: "missingCanBan" });
    refuses(model, ban("u0/d0", "u0"), { code: "notAllowed", rule: "R7", reason: "cannotBanSelf" });
    refuses(model, ban("u0/d0", "u3"), { code: "notAllowed", rule: "R7", reason: "targetNotListed" });
    refuses(accepts(model, ban("u0/d0", "u1")), ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "targetAlreadyBanned" });
  });

  it("refuses when role 1 is not named \"banned\"", () => {
    const renamed: ModelConfig = {
      ...config,
      roles: COOPERATIVE_ROLES.map((r) => (r.index === 1 ? defineRole({ index: 1, name: "muted", capabilities: [], maxActive: 0 }) : r)),
    };
    refuses(cooperativeRoom(renamed), ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "noBannedRole" });
  });
});

describe("unbanning (R8)", () => {
  const config = cooperativeConfig();
  const banned = () => accepts(cooperativeRoom(config), ban("u0/d0", "u1"));

  it("moves a banned user to an allowed role without giving any client back", () => {
    const model = accepts(banned(), unban("u0/d0", "u1", ADMIN), "R8");
    expect(abstractState(model).users.u1).toEqual({ role: ADMIN, clients: [] });
  });

  it("refuses a target that is not banned, and the roles 0 and 1", () => {
    refuses(cooperativeRoom(config), unban("u0/d0", "u2", ORDINARY), { code: "notAllowed", rule: "R8", reason: "targetNotBanned" });
    refuses(banned(), unban("u0/d0", "u1", 0), { code: "notAllowed", rule: "R8", reason: "roleNotAssignable" });
    refuses(banned(), unban("u0/d0", "u1", 1), { code: "notAllowed", rule: "R8", reason: "roleNotAssignable" });
    refuses(banned(), unban("u0/d0", "u1", 7), { code: "invalidProposal", rule: "R8", reason: "unknownRole" });
  });

  it("refuses an ordinary user (no canUnban)", () => {
    refuses(banned(), unban("u2/d0", "u1", ORDINARY), { code: "notAllowed", rule: "R8", reason: "missingCanUnban" });
  });

  it("unbans only into roles the actor's from=1 entry lists (restricted owner: 1→0 or 1→reader)", () => {
    const model = given(restrictedConfig(), [
      create(),
      add("u0/d0", "u1", R.reader, ["u1/d0"]),
      ban("u0/d0", "u1"),
      add("u0/d0", "u2", R.owner),
    ]);
    refuses(model, unban("u0/d0", "u1", R.owner), { code: "notAllowed", rule: "R8", reason: "roleChangeNotAuthorized" });
    accepts(model, unban("u0/d0", "u1", R.reader), "R8");
  });
});
