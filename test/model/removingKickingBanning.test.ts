import { describe, it } from "vitest";
import { type ModelConfig } from "../../model/index.js";
import { COOPERATIVE_ROLES, cooperativeConfig, defineRole, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  add,
  ADMIN,
  ban,
  BANNED,
  changeRole,
  cooperativeRoom,
  COOPERATIVE_ROOM_EVENTS,
  given,
  kick,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  refuses,
  remove,
  restrictedRoom,
  RESTRICTED_ROOM_EVENTS,
  room,
  unban,
  COOPERATIVE_USERS as COOP,
  RESTRICTED_USERS as RESTRICTED,
} from "./helpers.js";


describe("removing a participant (R5)", () => {
  const config = cooperativeConfig();

  it("delists the target and removes all its clients in the same commit (room-policy §8.1.2; protocol §5.3)", () => {
    // Appendix A.1: ordinary_user has canRemoveParticipant and (2,[0]).
    accepts(cooperativeRoom(config), remove("u2/d0", "u1"), "R5", room(3, { u0: COOP.u0, u2: COOP.u2 }));
  });

  it("lets an admin clean a banned user off the list (group_admin has (1,[0,2,3]))", () => {
    const banned = given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);
    accepts(banned, remove("u0/d0", "u1"), "R5", room(4, { u0: COOP.u0, u2: COOP.u2 }));
  });

  it("refuses removing oneself (that is a leave) and an admin by an ordinary user (no (3,[0]) entry)", () => {
    const model = cooperativeRoom(config);
    refuses(model, remove("u1/d0", "u1"), { code: "notAllowed", rule: "R5", reason: "cannotRemoveSelf" });
    refuses(model, remove("u1/d0", "u0"), { code: "notAllowed", rule: "R5", reason: "roleChangeNotAuthorized" });
  });

  it("refuses removing an unlisted user as malformed (D1: the update names the user by its committed-list index)", () => {
    refuses(cooperativeRoom(config), remove("u1/d0", "u3"), { code: "invalidProposal", rule: "R5", reason: "targetNotInCommittedList" });
    // Checked before authorisation: an actor without canRemoveParticipant gets the same answer.
    refuses(restrictedRoom(restrictedConfig()), remove("u1/d0", "u4"), { code: "invalidProposal", rule: "R5", reason: "targetNotInCommittedList" });
    // A user removed earlier is no longer in the committed list either.
    const removed = given(config, [...COOPERATIVE_ROOM_EVENTS, remove("u0/d0", "u2")]);
    refuses(removed, remove("u0/d0", "u2"), { code: "invalidProposal", rule: "R5", reason: "targetNotInCommittedList" });
  });

  it("restricted: an owner removes the reader; the reader (no canRemoveParticipant) may not remove the observer", () => {
    const model = restrictedRoom(restrictedConfig());
    accepts(model, remove("u0/d0", "u1"), "R5", room(4, { u0: RESTRICTED.u0, u2: RESTRICTED.u2, u3: RESTRICTED.u3 }));
    refuses(model, remove("u1/d0", "u3"), { code: "notAllowed", rule: "R5", reason: "missingCanRemoveParticipant" });
  });

  it("restricted: an owner removes the other owner (owner has (3,[0,1,2]); one owner stays, its minimum of 1 holds)", () => {
    accepts(restrictedRoom(restrictedConfig()), remove("u0/d0", "u2"), "R5", room(4, { u0: RESTRICTED.u0, u1: RESTRICTED.u1, u3: RESTRICTED.u3 }));
  });
});

describe("kicking (R6)", () => {
  const config = cooperativeConfig();

  it("removes all the target's clients and leaves it listed, inactive (room-policy §2.1, §8.1.2)", () => {
    accepts(cooperativeRoom(config), kick("u0/d0", "u1"), "R6", room(3, { ...COOP, u1: [ORDINARY] }));
  });

  it("refuses an ordinary user (no canKick), kicking oneself, and an inactive target", () => {
    const model = cooperativeRoom(config);
    refuses(model, kick("u1/d0", "u2"), { code: "notAllowed", rule: "R6", reason: "missingCanKick" });
    refuses(model, kick("u0/d0", "u0"), { code: "notAllowed", rule: "R6", reason: "cannotKickSelf" });
    const inactive = given(config, [...COOPERATIVE_ROOM_EVENTS, add("u0/d0", "u3", ORDINARY)]);
    refuses(inactive, kick("u0/d0", "u3"), { code: "notAllowed", rule: "R6", reason: "targetNotActive" });
  });

  it("restricted: an owner kicks the reader or the other owner (one active owner stays); the reader may not kick", () => {
    const model = restrictedRoom(restrictedConfig());
    accepts(model, kick("u2/d0", "u1"), "R6", room(4, { ...RESTRICTED, u1: [READER] }));
    accepts(model, kick("u0/d0", "u2"), "R6", room(4, { ...RESTRICTED, u2: [OWNER] }));
    refuses(model, kick("u1/d0", "u0"), { code: "notAllowed", rule: "R6", reason: "missingCanKick" });
  });
});

describe("banning (R7)", () => {
  const config = cooperativeConfig();

  it("moves the target to role 1 and removes all its clients in the same commit (room-policy §8.1.3)", () => {
    accepts(cooperativeRoom(config), ban("u0/d0", "u1"), "R7", room(3, { ...COOP, u1: [BANNED] }));
  });

  it("may ban an inactive participant", () => {
    const kicked = given(config, [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u1")]);
    accepts(kicked, ban("u0/d0", "u1"), "R7", room(4, { ...COOP, u1: [BANNED] }));
  });

  it("refuses an ordinary user, oneself, and an already banned target", () => {
    const model = cooperativeRoom(config);
    refuses(model, ban("u1/d0", "u2"), { code: "notAllowed", rule: "R7", reason: "missingCanBan" });
    refuses(model, ban("u0/d0", "u0"), { code: "notAllowed", rule: "R7", reason: "cannotBanSelf" });
    const banned = given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(banned, ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "targetAlreadyBanned" });
  });

  it("bans an unlisted user pre-emptively: listed straight into role 1 by an actor whose role has (0,[1]) (every appendix admin)", () => {
    const model = cooperativeRoom(config);
    accepts(model, ban("u0/d0", "u3"), "R7", room(3, { ...COOP, u3: [BANNED] }));
    refuses(model, ban("u1/d0", "u3"), { code: "notAllowed", rule: "R7", reason: "missingCanBan" });
  });

  it("refuses a pre-emptive ban where the actor's role has no entry 0 → 1 (restricted owner: (0,[2,3,4]))", () => {
    refuses(restrictedRoom(restrictedConfig()), ban("u0/d0", "u4"), { code: "notAllowed", rule: "R7", reason: "roleChangeNotAuthorized" });
  });

  it("a change role or unban to role 1 of an unlisted user stays malformed: it names the target by a committed-list index (D1)", () => {
    const model = cooperativeRoom(config);
    refuses(model, changeRole("u0/d0", "u3", BANNED), { code: "invalidProposal", rule: "R9", reason: "targetNotInCommittedList" });
    refuses(model, unban("u0/d0", "u3", BANNED), { code: "invalidProposal", rule: "R8", reason: "targetNotInCommittedList" });
  });

  it("refuses when role 1 is not named \"banned\" (room-policy §3: required for canBan)", () => {
    const renamed: ModelConfig = {
      ...config,
      roles: COOPERATIVE_ROLES.map((r) => (r.index === 1 ? defineRole({ index: 1, name: "muted", capabilities: [], maxActive: 0 }) : r)),
    };
    refuses(cooperativeRoom(renamed), ban("u0/d0", "u1"), { code: "notAllowed", rule: "R7", reason: "noBannedRole" });
  });

  it("restricted: an owner bans the reader; the reader may not ban; the observer is out of the owners' reach ((4,[0,2]) has no 1)", () => {
    const model = restrictedRoom(restrictedConfig());
    accepts(model, ban("u2/d0", "u1"), "R7", room(4, { ...RESTRICTED, u1: [BANNED] }));
    refuses(model, ban("u1/d0", "u2"), { code: "notAllowed", rule: "R7", reason: "missingCanBan" });
    refuses(model, ban("u0/d0", "u3"), { code: "notAllowed", rule: "R7", reason: "roleChangeNotAuthorized" });
  });
});

describe("unbanning (R8)", () => {
  const config = cooperativeConfig();
  const banned = () => given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);

  it("moves a banned user to an allowed role without giving any client back (room-policy §8.1.3)", () => {
    accepts(banned(), unban("u0/d0", "u1", ADMIN), "R8", room(4, { ...COOP, u1: [ADMIN] }));
  });

  it("refuses the roles 0 and 1 for a banned target, and an unknown role", () => {
    refuses(banned(), unban("u0/d0", "u1", 0), { code: "notAllowed", rule: "R8", reason: "roleNotAssignable" });
    refuses(banned(), unban("u0/d0", "u1", BANNED), { code: "notAllowed", rule: "R8", reason: "roleNotAssignable" });
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
    accepts(model, unban("u0/d0", "u2", ADMIN), "R8", room(3, { ...COOP, u2: [ADMIN, "u2/d0"] }));
  });

  it("judges an \"unban\" to role 1 of a listed user who is not banned as a ban (D2, R7's checks)", () => {
    const model = cooperativeRoom(config);
    // u2 still has a client: a ban that keeps its clients.
    refuses(model, unban("u0/d0", "u2", BANNED), { code: "notAllowed", rule: "R8", reason: "banKeepsClients" });
    refuses(model, unban("u2/d0", "u1", BANNED), { code: "notAllowed", rule: "R8", reason: "missingCanBan" });
    const kicked = given(config, [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u2")]);
    accepts(kicked, unban("u0/d0", "u2", BANNED), "R8", room(4, { ...COOP, u2: [BANNED] }));
  });

  it("refuses an ordinary user (no canUnban)", () => {
    refuses(banned(), unban("u2/d0", "u1", ORDINARY), { code: "notAllowed", rule: "R8", reason: "missingCanUnban" });
  });

  it("restricted: unbans only into roles the actor's from=1 entry lists (owner: (1,[0,2]))", () => {
    const model = given(restrictedConfig(), [...RESTRICTED_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(model, unban("u0/d0", "u1", OWNER), { code: "notAllowed", rule: "R8", reason: "roleChangeNotAuthorized" });
    refuses(model, unban("u0/d0", "u1", OBSERVER), { code: "notAllowed", rule: "R8", reason: "roleChangeNotAuthorized" });
    accepts(model, unban("u2/d0", "u1", READER), "R8", room(5, { ...RESTRICTED, u1: [READER] }));
  });
});
