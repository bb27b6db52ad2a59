import { describe, expect, it } from "vitest";
import { abstractState, ALL_VARIANTS, checkModelInvariants, describeEvent, step, type Model, type RoomEvent } from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { publicConfig } from "../../model/fixtures/publicRoles.js";
import { add, ADMIN, ban, commit, COOPERATIVE_ROOM, cooperativeRoom, create, given, joinOwnClient, leave, room, roomSnapshot, send } from "./helpers.js";

// Open join (room-policy §8.1.1 canOpenJoin; docs/rules.md R4 "Open join"). The public set: 0 no_role
// (canOpenJoin, entry 0 → [2]), 2 member (≤ 2), 3 admin. Expected states are written from the draft:
// the hub lists the joiner in member (role 0's entry) as its own pending proposal; a member commits it;
// then the joiner's client joins by external commit (R4, member has canAddOwnClient).
const MEMBER = 2;
const openJoin = (client: string): RoomEvent => ({ type: "openJoin", actor: client, user: client.split("/")[0]! });

/** Like the helpers' `given`, over room events (open joins included): every one must be accepted. */
function givenRoom(model: Model, events: readonly RoomEvent[]): Model {
  return events.reduce((m, event) => {
    const next = step(m, event);
    expect(next.verdict.accepted, describeEvent(event)).toBe(true);
    return next.model;
  }, model);
}

function accepts(model: Model, event: RoomEvent, next: ReturnType<typeof room>): Model {
  const { model: after, verdict } = step(model, event);
  expect(verdict, describeEvent(event)).toMatchObject({ accepted: true, rule: "R4" });
  expect(abstractState(after), describeEvent(event)).toEqual(next);
  expect(checkModelInvariants(after)).toEqual([]);
  return after;
}

function refuses(model: Model, event: RoomEvent, expected: { code: string; reason: string }): void {
  const before = roomSnapshot(model);
  const { model: after, verdict } = step(model, event);
  expect(verdict, describeEvent(event)).toMatchObject({ accepted: false, rule: "R4", ...expected });
  expect(roomSnapshot(after)).toBe(before);
}

describe("open join (R4, canOpenJoin)", () => {
  it.each(ALL_VARIANTS.map((v) => [`${v.leaveOrder}/${v.pendingProposals}`, v] as const))(
    "lists an unlisted user in role 0's target role through the hub's proposal, before its client joins (%s)",
    (_name, variants) => {
      const start = given(publicConfig(variants), [create("u0")]);
      // Accepted: nothing committed yet, the hub's listing is pending; no one is blocked.
      const asked = accepts(start, openJoin("u1/d0"), room(0, { u0: [ADMIN, "u0/d0"] }, { pending: 1 }));
      // The client cannot join before the listing is committed: its external commit cannot carry the
      // hub's proposal, so the hub refuses it the GroupInfo until then.
      const early = step(asked, joinOwnClient("u1/d0")).verdict;
      expect(early).toMatchObject({ accepted: false, code: "notAllowed", rule: "R4", reason: "listingNotCommitted" });
      // A member commits the listing: u1 is listed as member without clients.
      const listed = step(asked, commit("u0/d0"));
      expect(listed.verdict.accepted).toBe(true);
      expect(abstractState(listed.model)).toEqual(room(1, { u0: [ADMIN, "u0/d0"], u1: [MEMBER] }));
      // Then its client joins by external commit.
      const joined = step(listed.model, joinOwnClient("u1/d0"));
      expect(joined.verdict).toMatchObject({ accepted: true, rule: "R4" });
      expect(abstractState(joined.model)).toEqual(room(2, { u0: [ADMIN, "u0/d0"], u1: [MEMBER, "u1/d0"] }));
      expect(checkModelInvariants(joined.model)).toEqual([]);
    },
  );

  it("may-omit: the hub's listing survives a commit that omits it (the hub proposes it again)", () => {
    const start = given(publicConfig({ leaveOrder: "same-commit", pendingProposals: "may-omit" }), [create("u0")]);
    const asked = accepts(start, openJoin("u1/d0"), room(0, { u0: [ADMIN, "u0/d0"] }, { pending: 1 }));
    const omitted = step(asked, commit("u0/d0", false));
    expect(omitted.verdict.accepted).toBe(true);
    expect(abstractState(omitted.model)).toEqual(room(1, { u0: [ADMIN, "u0/d0"] }, { pending: 1 }));
  });

  it("refuses where role 0 lacks canOpenJoin (Appendix A.1 no_role has none)", () => {
    refuses(cooperativeRoom(cooperativeConfig()), openJoin("u3/d0"), { code: "notAllowed", reason: "missingCanOpenJoin" });
    expect(abstractState(cooperativeRoom(cooperativeConfig()))).toEqual(COOPERATIVE_ROOM);
  });

  it("refuses participants: a listed, a pending-listed, a banned and a leaving user", () => {
    const model = given(publicConfig(), [create("u0"), add("u0/d0", "u1", MEMBER, ["u1/d0"]), ban("u0/d0", "u1"), add("u0/d0", "u2", MEMBER, ["u2/d0"])]);
    refuses(model, openJoin("u1/d1"), { code: "notAllowed", reason: "userBanned" });
    refuses(model, openJoin("u2/d1"), { code: "notAllowed", reason: "userAlreadyListed" });
    refuses(step(model, leave("u2/d0")).model, openJoin("u2/d1"), { code: "notAllowed", reason: "userLeaving" });
    refuses(step(model, openJoin("u3/d0")).model, openJoin("u3/d1"), { code: "notAllowed", reason: "userAlreadyListed" });
    refuses(model, { type: "openJoin", actor: "u4/d0", user: "u3" }, { code: "invalidProposal", reason: "clientNotOfUser" });
  });

  it("refuses past the target role's maximum of participants (member ≤ 2), pending listings counted", () => {
    const model = givenRoom(given(publicConfig(), [create("u0"), add("u0/d0", "u1", MEMBER)]), [openJoin("u3/d0")]);
    refuses(model, openJoin("u4/d0"), { code: "notAllowed", reason: "maxParticipants" });
  });

  it("refuses when role 0's entry from 0 names no role to join (only 0 or 1)", () => {
    const config = publicConfig();
    const roles = config.roles.map((r) => (r.index === 0 ? { ...r, changes: new Map([[0, [1]]]) } : r));
    refuses(given({ ...config, roles }, [create("u0")]), openJoin("u1/d0"), { code: "notAllowed", reason: "noOpenJoinRole" });
  });

  it("an open joiner's listing gives no right before its client joins (a message from it is no member's)", () => {
    const listed = givenRoom(given(publicConfig(), [create("u0")]), [openJoin("u1/d0"), commit("u0/d0")]);
    expect(step(listed, send("u1/d0")).verdict).toMatchObject({ accepted: false, rule: "R14" });
  });
});
