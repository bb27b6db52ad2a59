import { describe, it } from "vitest";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  add,
  ADMIN,
  ban,
  BANNED,
  changeRole,
  cooperativeRoom,
  COOPERATIVE_ROOM_EVENTS,
  create,
  given,
  kick,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  refuses,
  restrictedRoom,
  RESTRICTED_ROOM_EVENTS,
  room,
  SUPER_ADMIN,
  COOPERATIVE_USERS as COOP,
  RESTRICTED_USERS as RESTRICTED,
} from "./helpers.js";


describe("changing another user's role (R9)", () => {
  const config = cooperativeConfig();

  it("promotes an ordinary user to admin (group_admin has (2,[0,1,3])), who can then kick", () => {
    const model = accepts(cooperativeRoom(config), changeRole("u0/d0", "u1", ADMIN), "R9", room(3, { ...COOP, u1: [ADMIN, "u1/d0", "u1/d1"] }));
    accepts(model, kick("u1/d0", "u2"), "R6", room(4, { ...COOP, u1: [ADMIN, "u1/d0", "u1/d1"], u2: [ORDINARY] }));
  });

  it("demotes an admin while another admin remains (group_admin minimum 1 holds)", () => {
    const model = given(config, [...COOPERATIVE_ROOM_EVENTS, changeRole("u0/d0", "u1", ADMIN)]);
    accepts(model, changeRole("u1/d0", "u0", ORDINARY), "R9", room(4, { ...COOP, u0: [ORDINARY, "u0/d0"], u1: [ADMIN, "u1/d0", "u1/d1"] }));
  });

  it("refuses oneself, the same role, and the role 0", () => {
    const model = cooperativeRoom(config);
    // One's own role is R20's (canChangeOwnRole, which Appendix A.1's group_admin lacks).
    refuses(model, changeRole("u0/d0", "u0", ORDINARY), { code: "notAllowed", rule: "R20", reason: "missingCanChangeOwnRole" });
    refuses(model, changeRole("u0/d0", "u1", ORDINARY), { code: "notAllowed", rule: "R9", reason: "sameRole" });
    refuses(model, changeRole("u0/d0", "u1", 0), { code: "notAllowed", rule: "R9", reason: "roleNotAssignable" });
  });

  it("judges a change of a banned user's role as the unban it is on the wire (D3: R8's checks, under R9)", () => {
    const banned = given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(banned, changeRole("u2/d0", "u1", ORDINARY), { code: "notAllowed", rule: "R9", reason: "missingCanUnban" });
    refuses(banned, changeRole("u0/d0", "u1", 0), { code: "notAllowed", rule: "R9", reason: "roleNotAssignable" });
    accepts(banned, changeRole("u0/d0", "u1", ADMIN), "R9", room(4, { ...COOP, u1: [ADMIN] }));
  });

  it("refuses an unlisted target as malformed, before authorisation (D1)", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u0/d0", "u3", ORDINARY), { code: "invalidProposal", rule: "R9", reason: "targetNotInCommittedList" });
    refuses(model, changeRole("u1/d0", "u3", ADMIN), { code: "invalidProposal", rule: "R9", reason: "targetNotInCommittedList" });
  });

  it("judges a change to role 1 as the ban it is on the wire (D2): R7's checks, and no clients may stay", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u0/d0", "u1", BANNED), { code: "notAllowed", rule: "R9", reason: "banKeepsClients" });
    refuses(model, changeRole("u1/d0", "u2", BANNED), { code: "notAllowed", rule: "R9", reason: "missingCanBan" });
    refuses(model, changeRole("u0/d0", "u0", BANNED), { code: "notAllowed", rule: "R9", reason: "cannotBanSelf" });
    refuses(model, changeRole("u0/d0", "u3", BANNED), { code: "invalidProposal", rule: "R9", reason: "targetNotInCommittedList" });
    const banned = given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(banned, changeRole("u0/d0", "u1", BANNED), { code: "notAllowed", rule: "R9", reason: "targetAlreadyBanned" });
    // Without clients (kicked, or listed without any) the change is a complete ban, and the user is banned.
    const kicked = given(config, [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u1")]);
    accepts(kicked, changeRole("u0/d0", "u1", BANNED), "R9", room(4, { ...COOP, u1: [BANNED] }));
    const listedOnly = given(config, [...COOPERATIVE_ROOM_EVENTS, add("u0/d0", "u3", ORDINARY)]);
    accepts(listedOnly, changeRole("u0/d0", "u3", BANNED), "R9", room(4, { ...COOP, u3: [BANNED] }));
  });

  it("refuses an ordinary user (no canChangeUserRole) and roles the actor may not assign", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u1/d0", "u2", ADMIN), { code: "notAllowed", rule: "R9", reason: "missingCanChangeUserRole" });
    // group_admin has no (2,[4]) entry: super_admin is out of its reach.
    refuses(model, changeRole("u0/d0", "u1", SUPER_ADMIN), { code: "notAllowed", rule: "R9", reason: "roleChangeNotAuthorized" });
    refuses(model, changeRole("u0/d0", "u1", 8), { code: "invalidProposal", rule: "R9", reason: "unknownRole" });
  });

  it("restricted: checks the new role's maxima — an active user cannot become an observer (max active 0); a third owner is too many", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", READER, ["u1/d0"]), add("u0/d0", "u2", READER)]);
    refuses(model, changeRole("u0/d0", "u1", OBSERVER), { code: "notAllowed", rule: "R9", reason: "roleAllowsNoClients" });
    accepts(model, changeRole("u0/d0", "u2", OBSERVER), "R9", room(3, { u0: [OWNER, "u0/d0"], u1: [READER, "u1/d0"], u2: [OBSERVER] }));
    const twoOwners = accepts(model, changeRole("u0/d0", "u1", OWNER), "R9", room(3, { u0: [OWNER, "u0/d0"], u1: [OWNER, "u1/d0"], u2: [READER] }));
    refuses(twoOwners, changeRole("u0/d0", "u2", OWNER), { code: "notAllowed", rule: "R9", reason: "maxParticipants" });
  });

  it("restricted: an owner demotes the other owner to reader; a reader may change nobody's role", () => {
    const model = restrictedRoom(restrictedConfig());
    accepts(model, changeRole("u2/d0", "u0", READER), "R9", room(4, { ...RESTRICTED, u0: [READER, "u0/d0"] }));
    refuses(model, changeRole("u1/d0", "u3", READER), { code: "notAllowed", rule: "R9", reason: "missingCanChangeUserRole" });
    // Owner has (4,[0,2]): an observer may become a reader, never an owner (and the owners are full anyway).
    accepts(model, changeRole("u0/d0", "u3", READER), "R9", room(4, { ...RESTRICTED, u3: [READER] }));
    refuses(given(restrictedConfig(), [...RESTRICTED_ROOM_EVENTS, changeRole("u0/d0", "u2", READER)]), changeRole("u0/d0", "u3", OWNER), {
      code: "notAllowed",
      rule: "R9",
      reason: "roleChangeNotAuthorized",
    });
  });
});
