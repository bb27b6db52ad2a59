import { describe, expect, it } from "vitest";
import { ALL_VARIANTS, describeEvent, type ModelConfig, type ModelEvent, type ModelJoinCode } from "../../model/index.js";
import { cooperativeConfig, strictConfig } from "../../model/fixtures/index.js";
import { accepts, ADMIN, ban, BANNED, commit, create, given, joinOwnClient, leave, ORDINARY, refuses, room } from "./helpers.js";

// Join codes (room-policy §8.1.1 canUseJoinCode; docs/rules.md R4 "Join codes"). Appendix A.2 (strict):
// 0 no_role holds canUseJoinCode, 2 ordinary_user, 3 group_admin (the creator), 5 policy_enforcer (at
// most 2 participants, no clients; the hub's enforcer is listed in it from creation, R18). The code table is an input, written here; expected verdicts and
// states come from the draft's sentence "join externally with a valid join code that names a valid target
// role, subject to max constraints" and docs/rules.md's readings (expired is a state; a single-use code
// is consumed by its first accepted use; the listing is the hub's pending proposal, as for open join).
const POLICY_ENFORCER = 5;
const CODES: readonly ModelJoinCode[] = [
  { code: "once", role: ORDINARY, state: "single-use" },
  { code: "open", role: ORDINARY, state: "valid" },
  { code: "many", role: POLICY_ENFORCER, state: "valid" },
  { code: "old", role: ORDINARY, state: "expired" },
  { code: "ghost", role: 9, state: "valid" },
  { code: "ban", role: BANNED, state: "valid" },
  { code: "none", role: 0, state: "valid" },
];
// The hub lists its policy enforcer, as the implementation's and the runs' do (model/enforcer.ts, R18).
const withCodes = (config: ModelConfig): ModelConfig => ({ ...config, joinCodes: CODES, hubListsEnforcer: true });
const codeJoin = (client: string, code: string): ModelEvent => ({ type: "openJoin", actor: client, user: client.split("/")[0]!, code });
const refusedR4 = (reason: string) => ({ code: "notAllowed" as const, rule: "R4" as const, reason });
/** The hub's policy enforcer, listed in policy_enforcer from creation (R18). */
const ENFORCER = { "policy-enforcer": [POLICY_ENFORCER] } as const;

describe("join codes (R4, canUseJoinCode)", () => {
  it.each(ALL_VARIANTS.map((v) => [`${v.leaveOrder}/${v.pendingProposals}`, v] as const))(
    "a single-use code lists its user in the code's role by the hub's proposal, once; the client joins after (%s)",
    (_name, variants) => {
      const m0 = given(withCodes(strictConfig(variants)), [create()]);
      // The listing is the hub's pending proposal: the committed room is unchanged until a member commits it.
      const m1 = accepts(m0, codeJoin("u1/d0", "once"), "R4", room(0, { ...ENFORCER, u0: [ADMIN, "u0/d0"] }, { pending: 1 }));
      // The code is consumed at acceptance: a second user is refused, the room unchanged.
      refuses(m1, codeJoin("u2/d0", "once"), refusedR4("codeUsed"));
      // Before the listing is committed the client may not join (R4 listingNotCommitted), after it may.
      refuses(m1, joinOwnClient("u1/d0"), refusedR4("listingNotCommitted"));
      const m2 = accepts(m1, commit("u0/d0"), "R17", room(1, { ...ENFORCER, u0: [ADMIN, "u0/d0"], u1: [ORDINARY] }));
      const m3 = accepts(m2, joinOwnClient("u1/d0"), "R4", room(2, { ...ENFORCER, u0: [ADMIN, "u0/d0"], u1: [ORDINARY, "u1/d0"] }));
      // Still used two commits later.
      refuses(m3, codeJoin("u2/d0", "once"), refusedR4("codeUsed"));
    },
  );

  it("a valid (multi-use) code serves several users, up to the role's maximum of participants, pending listings counted", () => {
    // policy_enforcer holds at most 2: the enforcer and u1 (pending) fill it.
    const m0 = given(withCodes(strictConfig()), [create(), codeJoin("u1/d0", "many")]);
    refuses(m0, codeJoin("u2/d0", "many"), refusedR4("maxParticipants"));
    const m1 = given(m0.context.config, [codeJoin("u2/d0", "open"), codeJoin("u3/d0", "open")], m0);
    expect(m1.context.pending).toHaveLength(3);
  });

  it("refuses an unknown code, an expired one, and codes naming no role, role 0 or the banned role", () => {
    const m0 = given(withCodes(strictConfig()), [create()]);
    refuses(m0, codeJoin("u1/d0", "nope"), refusedR4("codeUnknown"));
    refuses(m0, codeJoin("u1/d0", "old"), refusedR4("codeExpired"));
    refuses(m0, codeJoin("u1/d0", "ghost"), refusedR4("codeRoleInvalid"));
    refuses(m0, codeJoin("u1/d0", "ban"), refusedR4("codeRoleInvalid"));
    refuses(m0, codeJoin("u1/d0", "none"), refusedR4("codeRoleInvalid"));
    refuses(m0, { type: "openJoin", actor: "u2/d0", user: "u1", code: "many" }, { code: "invalidProposal", rule: "R4", reason: "clientNotOfUser" });
  });

  it("refuses participants: listed, banned, leaving; and a banned user's code is not consumed", () => {
    const m0 = given(withCodes(strictConfig()), [create(), codeJoin("u1/d0", "open"), commit("u0/d0"), joinOwnClient("u1/d0"), ban("u0/d0", "u2")]);
    refuses(m0, codeJoin("u1/d1", "open"), refusedR4("userAlreadyListed"));
    refuses(m0, codeJoin("u2/d0", "once"), refusedR4("userBanned"));
    const leaving = given(m0.context.config, [leave("u1/d0")], m0);
    refuses(leaving, codeJoin("u1/d1", "once"), refusedR4("userLeaving"));
    // Neither refusal consumed "once".
    accepts(leaving, codeJoin("u3/d0", "once"), "R4", room(3, { ...ENFORCER, u0: [ADMIN, "u0/d0"], u1: [ORDINARY, "u1/d0"], u2: [BANNED] }, { blocked: ["u1"], pending: 3 }));
  });

  it("refuses every code where role 0 lacks canUseJoinCode (Appendix A.1)", () => {
    const m0 = given(withCodes(cooperativeConfig()), [create()]);
    refuses(m0, codeJoin("u1/d0", "once"), refusedR4("missingCanUseJoinCode"));
  });

  it("describes a code join in words", () => {
    expect(describeEvent(codeJoin("u1/d0", "once"))).toBe("u1/d0 asks to join for u1 with join code once");
  });
});
