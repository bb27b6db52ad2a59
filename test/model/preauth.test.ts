import { describe, expect, it } from "vitest";
import { abstractState, checkModelInvariants, step, type Model, type ModelEvent } from "../../model/index.js";
import { preauthConfig } from "../../model/fixtures/index.js";
import { exploreModel } from "../../properties/explore/index.js";
import { accepts, add, ban, changeRole, commit, create, given, joinOwnClient, refuses, room } from "./helpers.js";

// Preauthorised users (room-policy §4, §8.1.1 canJoinIfPreauthorized, §8.1.3 canChangeOwnRole, §8.6
// canChangePreauthorizedUserList; docs/rules.md R20). The preauth set: 2 member (canJoinIfPreauthorized,
// canChangeOwnRole, ≤ 2), 3 admin (canChangePreauthorizedUserList), 4 guest (canChangeOwnRole, ≤ 1); the list:
// a.example's users → member, then u1 → guest. u0 and u3 live on a.example, u1 on b.example, u2 on c.example.
// Expected values from the draft: first match wins; preauth only for users not listed and for one's own
// role; authorized_role_changes not consulted; max of the target role, min of the role left.
const [MEMBER, ADMIN, GUEST] = [2, 3, 4];
const join = (client: string): ModelEvent => ({ type: "openJoin", actor: client, user: client.split("/")[0]! });
const changeList = (actor: string, list: number): ModelEvent => ({ type: "changePreauthList", actor, list });
const start = (): Model => given(preauthConfig(), [create("u0")]);

describe("joining by preauthorisation (R4, canJoinIfPreauthorized)", () => {
  it("lists u3 (a.example) as member by the hub's pending proposal; a commit lists it; its client joins", () => {
    const asked = step(start(), join("u3/d0"));
    expect(asked.verdict).toMatchObject({ accepted: true, rule: "R4" });
    expect(abstractState(asked.model)).toEqual(room(0, { u0: [ADMIN, "u0/d0"] }, { pending: 1 }));
    const listed = accepts(asked.model, commit("u0/d0"), "R17", room(1, { u0: [ADMIN, "u0/d0"], u3: [MEMBER] }));
    const joined = step(listed, joinOwnClient("u3/d0"));
    expect(joined.verdict).toMatchObject({ accepted: true, rule: "R4" });
    expect(checkModelInvariants(joined.model)).toEqual([]);
  });

  it("refuses u1, whose first match (guest) lacks canJoinIfPreauthorized, and u2, whom nothing matches", () => {
    refuses(start(), join("u1/d0"), { code: "notAllowed", rule: "R4", reason: "missingCanJoinIfPreauthorized" });
    refuses(start(), join("u2/d0"), { code: "notAllowed", rule: "R4", reason: "noPreauthMatch" });
  });

  it("does not read preauth for a listed user: u3 banned stays out", () => {
    const banned = given(preauthConfig(), [create("u0"), ban("u0/d0", "u3")]);
    refuses(banned, join("u3/d0"), { code: "notAllowed", rule: "R4", reason: "userBanned" });
  });

  it("keeps member's maximum of 2, counting pending listings", () => {
    const full = given(preauthConfig(), [create("u0"), add("u0/d0", "u1", MEMBER), add("u0/d0", "u2", MEMBER)]);
    refuses(full, join("u3/d0"), { code: "notAllowed", rule: "R4", reason: "maxParticipants" });
  });
});

describe("changing one's own role (R20, canChangeOwnRole)", () => {
  const withGuest = () => given(preauthConfig(), [create("u0"), add("u0/d0", "u3", GUEST, ["u3/d0"])]);

  it("moves a guest to its first non-zero preauth role, with no authorized_role_changes entry 4 → 2", () => {
    accepts(withGuest(), changeRole("u3/d0", "u3", MEMBER), "R20", room(2, { u0: [ADMIN, "u0/d0"], u3: [MEMBER, "u3/d0"] }));
  });

  it("refuses another role, and a role without canChangeOwnRole", () => {
    refuses(withGuest(), changeRole("u3/d0", "u3", ADMIN), { code: "notAllowed", rule: "R20", reason: "notPreauthRole" });
    refuses(withGuest(), changeRole("u0/d0", "u0", MEMBER), { code: "notAllowed", rule: "R20", reason: "missingCanChangeOwnRole" });
  });

  it("keeps the new role's maximum", () => {
    const full = given(preauthConfig(), [create("u0"), add("u0/d0", "u3", GUEST, ["u3/d0"]), add("u0/d0", "u1", MEMBER), add("u0/d0", "u2", MEMBER)]);
    refuses(full, changeRole("u3/d0", "u3", MEMBER), { code: "notAllowed", rule: "R20", reason: "maxParticipants" });
  });
});

describe("changing the preauth list (R20, canChangePreauthorizedUserList)", () => {
  it("lets the admin put list 2 (c.example → member) in place, after which u2 joins and u3 no longer does", () => {
    const changed = step(start(), changeList("u0/d0", 2));
    expect(changed.verdict).toMatchObject({ accepted: true, rule: "R20" });
    expect(step(changed.model, join("u2/d0")).verdict).toMatchObject({ accepted: true, rule: "R4" });
    expect(step(changed.model, join("u3/d0")).verdict).toMatchObject({ accepted: false, reason: "noPreauthMatch" });
  });

  it("refuses a member without the capability, and a change beside a pending listing (an addition)", () => {
    const withMember = given(preauthConfig(), [create("u0"), add("u0/d0", "u3", MEMBER, ["u3/d0"])]);
    refuses(withMember, changeList("u3/d0", 2), { code: "notAllowed", rule: "R20", reason: "missingCanChangePreauthorizedUserList" });
    const pending = step(start(), join("u3/d0")).model;
    refuses(pending, changeList("u0/d0", 1), { code: "notAllowed", rule: "R20", reason: "preauthWithListChange" });
  });

  it("refuses a leaving member's change under R2, even of the list in place (found by the property at seed 7)", () => {
    const leaving = given(preauthConfig(), [create("u0"), add("u0/d0", "u1", GUEST, ["u1/d0"]), { type: "leave", actor: "u1/d0" }]);
    refuses(leaving, changeList("u1/d0", 0), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
  });

  it("explores the preauth set to depth 3 with every model invariant holding", () => {
    const result = exploreModel({ config: preauthConfig(), depth: 3, users: 4 });
    expect(result.violations).toEqual([]);
  });
});

