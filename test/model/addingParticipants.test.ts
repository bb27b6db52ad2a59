import { describe, it } from "vitest";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  add,
  ADMIN,
  ban,
  BANNED,
  cooperativeRoom,
  COOPERATIVE_ROOM,
  COOPERATIVE_ROOM_EVENTS,
  create,
  given,
  joinOwnClient,
  kick,
  leave,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  refuses,
  restrictedRoom,
  RESTRICTED_ROOM,
  room,
  unban,
  COOPERATIVE_USERS as COOP,
} from "./helpers.js";


describe("adding another user (R3)", () => {
  const config = cooperativeConfig();

  it("lists the user and adds its clients in one commit (protocol §3.2–3.3: list change with or before the MLS Add)", () => {
    accepts(given(config, [create()]), add("u0/d0", "u1", ORDINARY, ["u1/d0", "u1/d1"]), "R3", room(1, { u0: [ADMIN, "u0/d0"], u1: [ORDINARY, "u1/d0", "u1/d1"] }));
  });

  it("may list the user without clients (an inactive participant, room-policy §2)", () => {
    accepts(given(config, [create()]), add("u0/d0", "u1", ADMIN), "R3", room(1, { u0: [ADMIN, "u0/d0"], u1: [ADMIN] }));
  });

  it("lets an ordinary user add another ordinary user, but not an admin (Appendix A.1: ordinary_user has (0,[2]) only)", () => {
    const model = cooperativeRoom(config);
    accepts(model, add("u1/d0", "u3", ORDINARY, ["u3/d0"]), "R3", room(3, { ...COOP, u3: [ORDINARY, "u3/d0"] }));
    refuses(model, add("u1/d0", "u3", ADMIN), { code: "notAllowed", rule: "R3", reason: "roleChangeNotAuthorized" });
  });

  it("refuses adding oneself or a listed user as malformed: an add of a user already in the committed list has no wire form (D1)", () => {
    const model = cooperativeRoom(config);
    // The actor is always listed, so adding oneself is adding a listed user (checked before authorisation).
    refuses(model, add("u1/d0", "u1", ORDINARY), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
    refuses(model, add("u0/d0", "u2", ADMIN), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
    // Malformed before authorised: even an actor without canAddParticipant gets invalidProposal.
    refuses(restrictedRoom(restrictedConfig()), add("u1/d0", "u0", READER), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
  });

  it("refuses adding a banned or an inactive listed user the same way (they are in the committed list)", () => {
    const banned = given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(banned, add("u0/d0", "u1", ORDINARY), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
    const kicked = given(config, [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u1")]);
    refuses(kicked, add("u0/d0", "u1", ORDINARY, ["u1/d0"]), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
  });

  it("refuses role 0 (room-policy §3: \"not listed\"); an add into role 1 is a pre-emptive ban, judged by R7's checks", () => {
    const model = cooperativeRoom(config);
    refuses(model, add("u0/d0", "u3", 0), { code: "notAllowed", rule: "R3", reason: "roleNotAssignable" });
    // group_admin has (0,[1]) and canBan: u3 is listed straight into role 1, with no client.
    accepts(model, add("u0/d0", "u3", BANNED), "R3", room(3, { ...COOP, u3: [BANNED] }));
    // ordinary_user has neither canBan nor an entry 0 → 1; and a banned user may bring no client.
    refuses(model, add("u1/d0", "u3", BANNED), { code: "notAllowed", rule: "R3", reason: "missingCanBan" });
    refuses(model, add("u0/d0", "u3", BANNED, ["u3/d0"]), { code: "notAllowed", rule: "R3", reason: "roleAllowsNoClients" });
  });

  it("refuses malformed adds with invalidProposal (unknown role, another user's clients, a client twice)", () => {
    const model = cooperativeRoom(config);
    refuses(model, add("u0/d0", "u3", 9), { code: "invalidProposal", rule: "R3", reason: "unknownRole" });
    refuses(model, add("u0/d0", "u3", ORDINARY, ["u4/d0"]), { code: "invalidProposal", rule: "R3", reason: "clientsNotOfTarget" });
    refuses(model, add("u0/d0", "u3", ORDINARY, ["u3/d0", "u3/d0"]), { code: "invalidProposal", rule: "R3", reason: "duplicateClients" });
  });

  it("restricted: an owner adds a reader with a client; a reader (no canAddParticipant) may not add anyone", () => {
    const model = restrictedRoom(restrictedConfig());
    accepts(model, add("u2/d0", "u4", READER, ["u4/d0"]), "R3", room(4, { u0: [OWNER, "u0/d0"], u1: [READER, "u1/d0"], u2: [OWNER, "u2/d0"], u3: [OBSERVER], u4: [READER, "u4/d0"] }));
    refuses(model, add("u1/d0", "u4", READER), { code: "notAllowed", rule: "R3", reason: "missingCanAddParticipant" });
  });

  it("restricted: enforces the target role's maxima — clients for a max-active-0 role, a second observer, a third owner", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", OWNER, ["u1/d0"])]);
    refuses(model, add("u0/d0", "u2", OBSERVER, ["u2/d0"]), { code: "notAllowed", rule: "R3", reason: "roleAllowsNoClients" });
    const withObserver = accepts(model, add("u0/d0", "u2", OBSERVER), "R3", room(2, { u0: [OWNER, "u0/d0"], u1: [OWNER, "u1/d0"], u2: [OBSERVER] }));
    refuses(withObserver, add("u0/d0", "u3", OBSERVER), { code: "notAllowed", rule: "R3", reason: "maxParticipants" });
    refuses(model, add("u0/d0", "u3", OWNER), { code: "notAllowed", rule: "R3", reason: "maxParticipants" });
    refuses(restrictedRoom(restrictedConfig()), add("u0/d0", "u4", OWNER, ["u4/d0"]), { code: "notAllowed", rule: "R3", reason: "maxParticipants" });
  });
});

describe("adding one's own client by external commit (R4)", () => {
  const config = cooperativeConfig();

  it("lets an inactive participant join a client, which makes it active (room-policy §8.1.1 canAddOwnClient)", () => {
    const model = given(config, [create(), add("u0/d0", "u1", ORDINARY)]);
    accepts(model, joinOwnClient("u1/d0"), "R4", room(2, { u0: [ADMIN, "u0/d0"], u1: [ORDINARY, "u1/d0"] }));
  });

  it("lets an active participant add a second client, and a kicked user come back (room-policy §2.1)", () => {
    accepts(cooperativeRoom(config), joinOwnClient("u2/d1"), "R4", room(3, { ...COOP, u2: [ORDINARY, "u2/d0", "u2/d1"] }));
    const kicked = given(config, [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u1")]);
    accepts(kicked, joinOwnClient("u1/d1"), "R4", room(4, { ...COOP, u1: [ORDINARY, "u1/d1"] }));
  });

  it("refuses a banned user's client; an unban gives no client back, the user rejoins by itself (room-policy §8.1.3)", () => {
    const banned = given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(banned, joinOwnClient("u1/d0"), { code: "notAllowed", rule: "R4", reason: "userBanned" });
    const unbanned = accepts(banned, unban("u0/d0", "u1", ORDINARY), "R8", room(4, { ...COOP, u1: [ORDINARY] }));
    accepts(unbanned, joinOwnClient("u1/d0"), "R4", room(5, { ...COOP, u1: [ORDINARY, "u1/d0"] }));
  });

  it("refuses a user who is not listed (no open join, preauth or join code in this model)", () => {
    refuses(cooperativeRoom(config), joinOwnClient("u3/d0"), { code: "notAllowed", rule: "R4", reason: "userNotListed" });
    refuses(restrictedRoom(restrictedConfig()), joinOwnClient("u4/d0"), { code: "notAllowed", rule: "R4", reason: "userNotListed" });
  });

  it("refuses a leaving user's client while it is still listed (clients-first; protocol §5.3 blocks it)", () => {
    const clientsFirst = cooperativeConfig({ leaveOrder: "clients-first", pendingProposals: "may-omit" });
    const leaving = given(clientsFirst, [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    // u1/d0 and u1/d1 are still committed members; a third device tries to join.
    refuses(leaving, joinOwnClient("u1/d2"), { code: "notAllowed", rule: "R4", reason: "userLeaving" });
  });

  it("restricted: refuses a reader (no canAddOwnClient) and an observer (max active 0); an owner adds a second client", () => {
    const model = restrictedRoom(restrictedConfig());
    refuses(model, joinOwnClient("u1/d1"), { code: "notAllowed", rule: "R4", reason: "missingCanAddOwnClient" });
    refuses(model, joinOwnClient("u3/d0"), { code: "notAllowed", rule: "R4", reason: "missingCanAddOwnClient" });
    accepts(model, joinOwnClient("u2/d1"), "R4", room(4, { u0: [OWNER, "u0/d0"], u1: [READER, "u1/d0"], u2: [OWNER, "u2/d0", "u2/d1"], u3: [OBSERVER] }));
  });

  it("refuses malformed joins with invalidProposal", () => {
    const model = cooperativeRoom(config);
    refuses(model, { type: "addOwnClient", client: "u2/d1", user: "u1" }, { code: "invalidProposal", rule: "R4", reason: "clientNotOfUser" });
    refuses(model, joinOwnClient("u1/d0"), { code: "invalidProposal", rule: "R4", reason: "clientAlreadyMember" });
  });

  it("the starting rooms are what their set-up says", () => {
    accepts(given(config, COOPERATIVE_ROOM_EVENTS.slice(0, 2)), COOPERATIVE_ROOM_EVENTS[2]!, "R3", COOPERATIVE_ROOM);
    accepts(given(restrictedConfig(), [create(), add("u0/d0", "u1", READER, ["u1/d0"]), add("u0/d0", "u2", OWNER, ["u2/d0"])]), add("u0/d0", "u3", OBSERVER), "R3", RESTRICTED_ROOM);
  });
});
