import { describe, expect, it } from "vitest";
import { abstractState } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig, RESTRICTED_ROLE_INDEX as R } from "../../model/fixtures/index.js";
import { accepts, add, ADMIN, ban, changeRole, cooperativeRoom, create, given, kick, ORDINARY, refuses } from "./helpers.js";

describe("changing another user's role (R9)", () => {
  const config = cooperativeConfig();

  it("promotes an ordinary user to admin, who can then kick", () => {
    const model = accepts(cooperativeRoom(config), changeRole("u0/d0", "u1", ADMIN), "R9");
    expect(abstractState(model).users.u1).toEqual({ role: ADMIN, clients: ["u1/d0", "u1/d1"] });
    accepts(model, kick("u1/d0", "u2"), "R6");
  });

  it("demotes an admin while another admin remains", () => {
    const model = accepts(cooperativeRoom(config), changeRole("u0/d0", "u1", ADMIN));
    accepts(model, changeRole("u1/d0", "u0", ORDINARY), "R9");
  });

  it("refuses oneself, the same role, and the role 0", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u0/d0", "u0", ORDINARY), { code: "notAllowed", rule: "R9", reason: "cannotChangeOwnRole" });
    refuses(model, changeRole("u0/d0", "u1", ORDINARY), { code: "notAllowed", rule: "R9", reason: "sameRole" });
    refuses(model, changeRole("u0/d0", "u1", 0), { code: "notAllowed", rule: "R9", reason: "roleNotAssignable" });
  });

  it("judges a change of a banned user's role as the unban it is on the wire (R8's checks, under R9)", () => {
    const banned = accepts(cooperativeRoom(config), ban("u0/d0", "u1"));
    refuses(banned, changeRole("u2/d0", "u1", ORDINARY), { code: "notAllowed", rule: "R9", reason: "missingCanUnban" });
    refuses(banned, changeRole("u0/d0", "u1", 0), { code: "notAllowed", rule: "R9", reason: "roleNotAssignable" });
    const unbanned = accepts(banned, changeRole("u0/d0", "u1", ADMIN), "R9");
    expect(abstractState(unbanned).users.u1).toEqual({ role: ADMIN, clients: [] });
  });

  it("refuses an unlisted target as malformed, before authorisation (D1)", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u0/d0", "u3", ORDINARY), { code: "invalidProposal", rule: "R9", reason: "targetNotInCommittedList" });
    refuses(model, changeRole("u1/d0", "u3", ADMIN), { code: "invalidProposal", rule: "R9", reason: "targetNotInCommittedList" });
  });

  it("judges a change to role 1 as the ban it is on the wire (D2): R7's checks, and no clients may stay", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u0/d0", "u1", 1), { code: "notAllowed", rule: "R9", reason: "banKeepsClients" });
    refuses(model, changeRole("u1/d0", "u2", 1), { code: "notAllowed", rule: "R9", reason: "missingCanBan" });
    refuses(model, changeRole("u0/d0", "u0", 1), { code: "notAllowed", rule: "R9", reason: "cannotBanSelf" });
    refuses(model, changeRole("u0/d0", "u3", 1), { code: "invalidProposal", rule: "R9", reason: "targetNotInCommittedList" });
    const banned = accepts(model, ban("u0/d0", "u1"));
    refuses(banned, changeRole("u0/d0", "u1", 1), { code: "notAllowed", rule: "R9", reason: "targetAlreadyBanned" });
    // Without clients (kicked, or listed without any) the change is a complete ban, and the user is banned.
    const kicked = accepts(model, kick("u0/d0", "u1"));
    const bannedByRole = accepts(kicked, changeRole("u0/d0", "u1", 1), "R9");
    expect(abstractState(bannedByRole).users.u1).toEqual({ role: 1, clients: [] });
    const listedOnly = accepts(accepts(model, add("u0/d0", "u3", ORDINARY)), changeRole("u0/d0", "u3", 1), "R9");
    expect(abstractState(listedOnly).users.u3).toEqual({ role: 1, clients: [] });
  });

  it("refuses an ordinary user (no canChangeUserRole) and roles the actor may not assign", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u1/d0", "u2", ADMIN), { code: "notAllowed", rule: "R9", reason: "missingCanChangeUserRole" });
    // group_admin has no (2,[4]) entry: super_admin is out of its reach.
    refuses(model, changeRole("u0/d0", "u1", 4), { code: "notAllowed", rule: "R9", reason: "roleChangeNotAuthorized" });
    refuses(model, changeRole("u0/d0", "u1", 8), { code: "invalidProposal", rule: "R9", reason: "unknownRole" });
  });

  it("checks the new role's maxima: an active user cannot become an observer (max active 0); a third owner is too many", () => {
    const model = given(restrictedConfig(), [
      create(),
      add("u0/d0", "u1", R.reader, ["u1/d0"]),
      add("u0/d0", "u2", R.reader),
    ]);
    refuses(model, changeRole("u0/d0", "u1", R.observer), { code: "notAllowed", rule: "R9", reason: "roleAllowsNoClients" });
    accepts(model, changeRole("u0/d0", "u2", R.observer), "R9");
    const twoOwners = accepts(model, changeRole("u0/d0", "u1", R.owner));
    refuses(twoOwners, changeRole("u0/d0", "u2", R.owner), { code: "notAllowed", rule: "R9", reason: "maxParticipants" });
  });
});
