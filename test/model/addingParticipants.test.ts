import { describe, expect, it } from "vitest";
import { abstractState, DEFAULT_VARIANTS } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig, RESTRICTED_ROLE_INDEX as R } from "../../model/fixtures/index.js";
import { accepts, add, ADMIN, ban, cooperativeRoom, create, given, joinOwnClient, kick, leave, ORDINARY, refuses, unban } from "./helpers.js";


describe("adding another user (R3)", () => {
  const config = cooperativeConfig();

  it("lists the user and adds its clients in one commit", () => {
    const model = accepts(given(config, [create()]), add("u0/d0", "u1", ORDINARY, ["u1/d0", "u1/d1"]), "R3");
    expect(abstractState(model).users.u1).toEqual({ role: ORDINARY, clients: ["u1/d0", "u1/d1"] });
    expect(abstractState(model).epoch).toBe(1);
  });

  it("may list the user without clients (an inactive participant)", () => {
    const model = accepts(given(config, [create()]), add("u0/d0", "u1", ADMIN), "R3");
    expect(abstractState(model).users.u1).toEqual({ role: ADMIN, clients: [] });
  });

  it("lets an ordinary user add another ordinary user, but not an admin (authorized_role_changes 0→2 only)", () => {
    const model = cooperativeRoom(config);
    accepts(model, add("u1/d0", "u3", ORDINARY, ["u3/d0"]), "R3");
    refuses(model, add("u1/d0", "u3", ADMIN), { code: "notAllowed", rule: "R3", reason: "roleChangeNotAuthorized" });
  });

  it("refuses adding oneself or a listed user as malformed: an add of a user already in the committed list has no wire form", () => {
    const model = cooperativeRoom(config);
    // The actor is always listed, so adding oneself is adding a listed user (checked before authorisation).
    refuses(model, add("u1/d0", "u1", ORDINARY), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
    refuses(model, add("u0/d0", "u2", ADMIN), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
    // Malformed before authorised: even an actor without canAddParticipant gets invalidProposal.
    const restricted = given(restrictedConfig(), [create(), add("u0/d0", "u1", R.reader, ["u1/d0"])]);
    refuses(restricted, add("u1/d0", "u0", R.reader), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
  });

  it("refuses adding a banned or an inactive listed user the same way (they are in the committed list)", () => {
    const model = cooperativeRoom(config);
    refuses(accepts(model, ban("u0/d0", "u1")), add("u0/d0", "u1", ORDINARY), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
    refuses(accepts(model, kick("u0/d0", "u1")), add("u0/d0", "u1", ORDINARY, ["u1/d0"]), { code: "invalidProposal", rule: "R3", reason: "targetAlreadyListed" });
  });

  it("refuses the roles 0 and 1", () => {
    const model = cooperativeRoom(config);
    refuses(model, add("u0/d0", "u3", 0), { code: "notAllowed", rule: "R3", reason: "roleNotAssignable" });
    refuses(model, add("u0/d0", "u3", 1), { code: "notAllowed", rule: "R3", reason: "roleNotAssignable" });
  });

  it("refuses malformed adds with invalidProposal", () => {
    const model = cooperativeRoom(config);
    refuses(model, add("u0/d0", "u3", 9), { code: "invalidProposal", rule: "R3", reason: "unknownRole" });
    refuses(model, add("u0/d0", "u3", ORDINARY, ["u4/d0"]), { code: "invalidProposal", rule: "R3", reason: "clientsNotOfTarget" });
    refuses(model, add("u0/d0", "u3", ORDINARY, ["u3/d0", "u3/d0"]), { code: "invalidProposal", rule: "R3", reason: "duplicateClients" });
  });

  it("refuses a role without canAddParticipant (restricted reader)", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", R.reader, ["u1/d0"])]);
    refuses(model, add("u1/d0", "u2", R.reader), { code: "notAllowed", rule: "R3", reason: "missingCanAddParticipant" });
  });

  it("enforces the target role's maxima: clients for a max-active-0 role, a second observer, a third owner", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", R.owner, ["u1/d0"])]);
    refuses(model, add("u0/d0", "u2", R.observer, ["u2/d0"]), { code: "notAllowed", rule: "R3", reason: "roleAllowsNoClients" });
    const withObserver = accepts(model, add("u0/d0", "u2", R.observer));
    refuses(withObserver, add("u0/d0", "u3", R.observer), { code: "notAllowed", rule: "R3", reason: "maxParticipants" });
    refuses(model, add("u0/d0", "u3", R.owner), { code: "notAllowed", rule: "R3", reason: "maxParticipants" });
  });
});

describe("adding one's own client by external commit (R4)", () => {
  const config = cooperativeConfig();

  it("lets an inactive participant join a client, which makes it active", () => {
    const model = given(config, [create(), add("u0/d0", "u1", ORDINARY)]);
    const joined = accepts(model, joinOwnClient("u1/d0"), "R4");
    expect(abstractState(joined).users.u1).toEqual({ role: ORDINARY, clients: ["u1/d0"] });
    expect(abstractState(joined).epoch).toBe(2);
  });

  it("lets an active participant add a second client and a kicked user come back", () => {
    const model = cooperativeRoom(config);
    accepts(model, joinOwnClient("u2/d1"), "R4");
    const kicked = accepts(model, kick("u0/d0", "u1"));
    expect(abstractState(accepts(kicked, joinOwnClient("u1/d1"))).users.u1?.clients).toEqual(["u1/d1"]);
  });

  it("refuses a banned user's client, also after the ban was lifted only on the list (unban adds no client)", () => {
    const banned = accepts(cooperativeRoom(config), ban("u0/d0", "u1"));
    refuses(banned, joinOwnClient("u1/d0"), { code: "notAllowed", rule: "R4", reason: "userBanned" });
    const unbanned = accepts(banned, unban("u0/d0", "u1", ORDINARY));
    expect(abstractState(unbanned).users.u1).toEqual({ role: ORDINARY, clients: [] });
    accepts(unbanned, joinOwnClient("u1/d0"), "R4");
  });

  it("refuses a user who is not listed (no open join, preauth or join code in this model)", () => {
    refuses(cooperativeRoom(config), joinOwnClient("u3/d0"), { code: "notAllowed", rule: "R4", reason: "userNotListed" });
  });

  it("refuses a leaving user's client while it is still listed (clients-first)", () => {
    const clientsFirst = cooperativeConfig({ ...DEFAULT_VARIANTS, leaveOrder: "clients-first", pendingProposals: "may-omit" });
    const leaving = accepts(cooperativeRoom(clientsFirst), leave("u1/d0"));
    // u1/d0 and u1/d1 are still committed members; a third device tries to join.
    refuses(leaving, joinOwnClient("u1/d2"), { code: "notAllowed", rule: "R4", reason: "userLeaving" });
  });

  it("refuses a role without canAddOwnClient (restricted reader)", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", R.reader)]);
    refuses(model, joinOwnClient("u1/d0"), { code: "notAllowed", rule: "R4", reason: "missingCanAddOwnClient" });
  });

  it("refuses malformed joins with invalidProposal", () => {
    const model = cooperativeRoom(config);
    refuses(model, { type: "addOwnClient", client: "u2/d1", user: "u1" }, { code: "invalidProposal", rule: "R4", reason: "clientNotOfUser" });
    refuses(model, joinOwnClient("u1/d0"), { code: "invalidProposal", rule: "R4", reason: "clientAlreadyMember" });
  });
});
