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

  it("refuses removing oneself (that is a leave) and an admin by an ordinary user", () => {
    const model = cooperativeRoom(config);
    refuses(model, remove("u1/d0", "u1"), { code: "notAllowed", rule: "R5", reason: "cannotRemoveSelf" });
    refuses(model, remove("u1/d0", "u0"), { code: "notAllowed", rule: "R5", reason: "roleChangeNotAuthorized" });
  });

  it("refuses removing an unlisted user as malformed (D1: the update names the user by its committed-list index)", () => {
    refuses(cooperativeRoom(config), remove("u1/d0", "u3"), { code: "invalidProposal", rule: "R5", reason: "targetNotInCommittedList" });
    // Checked before authorisation: an actor without canRemoveParticipant gets the same answer.
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", R.reader, ["u1/d0"])]);
    refuses(model, remove("u1/d0", "u3"), { code: "invalidProposal", rule: "R5", reason: "targetNotInCommittedList" });
    // A user removed earlier is no longer in the committed list either.
    const removed = accepts(cooperativeRoom(config), remove("u0/d0", "u2"));
    refuses(removed, remove("u0/d0", "u2"), { code: "invalidProposal", rule: "R5", reason: "targetNotInCommittedList" });
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

  it("refuses an ordinary user, oneself, and an already banned target", () => {
    const model = cooperativeRoom(config);
    refuses(model, ban("u1/d0", "u2"), { code: "notAllowed", rule: "R7", reason: "missingCanBan" });
    refuses(model, ban("u0/d0", "u0"), { code: "notAllowed", rule: "R7", reason: "cannotBanSelf" });
    refuses(accepts(model, ban("u0/d0", "u1")), ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "targetAlreadyBanned" });
  });

  it("refuses banning an unlisted user as malformed, before authorisation (D1)", () => {
    const model = cooperativeRoom(config);
    refuses(model, ban("u0/d0", "u3"), { code: "invalidProposal", rule: "R7", reason: "targetNotInCommittedList" });
    refuses(model, ban("u1/d0", "u3"), { code: "invalidProposal", rule: "R7", reason: "targetNotInCommittedList" });
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

  it("refuses the roles 0 and 1 for a banned target, and an unknown role", () => {
    refuses(banned(), unban("u0/d0", "u1", 0), { code: "notAllowed", rule: "R8", reason: "roleNotAssignable" });
    refuses(banned(), unban("u0/d0", "u1", 1), { code: "notAllowed", rule: "R8", reason: "roleNotAssignable" });
    refuses(banned(), unban("u0/d0", "u1", 7), { code: "invalidProposal", rule: "R8", reason: "unknownRole" });
  });

  it("refuses an unlisted target as malformed, before authorisation (D1)", () => {
    refuses(cooperativeRoom(config), unban("u0/d0", "u3", ORDINARY), { code: "invalidProposal", rule: "R8", reason: "targetNotInCommittedList" });
    refuses(cooperativeRoom(config), unban("u2/d0", "u3", ORDINARY), { code: "invalidProposal", rule: "R8", reason: "targetNotInCommittedList" });
  });

  it("judges an \"unban\" of a listed user who is not banned as the role change it is on the wire (D3, R9's checks)", () => {
    const model = cooperativeRoom(config);
    refuses(model, unban("u0/d0", "u2", ORDINARY), { code: "notAllowed", rule: "R8", reason: "sameRole" });
    refuses(model, unban("u2/d0", "u1", ADMIN), { code: "notAllowed", rule: "R8", reason: "missingCanChangeUserRole" });
    refuses(model, unban("u0/d0", "u2", 0), { code: "notAllowed", rule: "R8", reason: "roleNotAssignable" });
    const promoted = accepts(model, unban("u0/d0", "u2", ADMIN), "R8");
    expect(abstractState(promoted).users.u2).toEqual({ role: ADMIN, clients: ["u2/d0"] });
  });

  it("judges an \"unban\" to role 1 of a listed user who is not banned as a ban (D2, R7's checks)", () => {
    const model = cooperativeRoom(config);
    // u2 still has a client: a ban that keeps its clients.
    refuses(model, unban("u0/d0", "u2", 1), { code: "notAllowed", rule: "R8", reason: "banKeepsClients" });
    refuses(model, unban("u2/d0", "u1", 1), { code: "notAllowed", rule: "R8", reason: "missingCanBan" });
    const kicked = accepts(model, kick("u0/d0", "u2"));
    const bannedNow = accepts(kicked, unban("u0/d0", "u2", 1), "R8");
    expect(abstractState(bannedNow).users.u2).toEqual({ role: 1, clients: [] });
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
