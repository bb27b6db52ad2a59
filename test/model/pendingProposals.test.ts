import { describe, expect, it } from "vitest";
import { abstractState, allGuardOutcomes, step, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig, RESTRICTED_ROLE_INDEX as R } from "../../model/fixtures/index.js";
import { accepts, add, commit, cooperativeRoom, create, given, joinOwnClient, kick, leave, refuses } from "./helpers.js";

const variants = (leaveOrder: ModelVariants["leaveOrder"], pendingProposals: ModelVariants["pendingProposals"]): ModelVariants => ({
  leaveOrder,
  pendingProposals,
});

describe("pending proposals (R11)", () => {
  it("must-include: a commit that omits the pending leave is refused", () => {
    const leaving = accepts(cooperativeRoom(cooperativeConfig(variants("same-commit", "must-include"))), leave("u1/d0"));
    refuses(leaving, commit("u0/d0", false), { code: "notAllowed", rule: "R11", reason: "omitsPendingProposals" });
    accepts(leaving, commit("u0/d0", true), "R17");
  });

  it("must-include: an external commit (which cannot carry proposals by reference) is refused while a leave is pending", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig(variants("same-commit", "must-include"))), kick("u0/d0", "u2"));
    const leaving = accepts(model, leave("u1/d0"));
    refuses(leaving, joinOwnClient("u2/d0"), { code: "notAllowed", rule: "R11", reason: "omitsPendingProposals" });
  });

  it("may-omit: the commit is accepted, the leave is discarded and the leaver unblocked", () => {
    const leaving = accepts(cooperativeRoom(cooperativeConfig(variants("same-commit", "may-omit"))), leave("u1/d0"));
    const model = accepts(leaving, commit("u0/d0", false), "R11");
    expect(abstractState(model)).toMatchObject({
      epoch: 3,
      users: { u1: { role: 2, clients: ["u1/d0", "u1/d1"] } },
      blocked: [],
      pending: 0,
    });
    accepts(model, commit("u1/d1"), "R15");
  });

  it("may-omit: an external commit discards the pending leave too", () => {
    const model = accepts(cooperativeRoom(cooperativeConfig(variants("same-commit", "may-omit"))), kick("u0/d0", "u2"));
    const joined = accepts(accepts(model, leave("u1/d0")), joinOwnClient("u2/d0"), "R4");
    expect(abstractState(joined)).toMatchObject({ blocked: [], pending: 0, users: { u1: { clients: ["u1/d0", "u1/d1"] } } });
  });

  it("may-omit with clients-first: the hub's own delisting is proposed again until committed", () => {
    const leaving = accepts(cooperativeRoom(cooperativeConfig(variants("clients-first", "may-omit"))), leave("u1/d0"));
    const clientsGone = accepts(leaving, commit("u0/d0"));
    const omitted = accepts(clientsGone, commit("u0/d0", false), "R11");
    expect(abstractState(omitted)).toMatchObject({ blocked: ["u1"], pending: 1, users: { u1: { role: 2, clients: [] } } });
    expect(abstractState(accepts(omitted, commit("u2/d0"))).users.u1).toBeUndefined();
  });
});

describe("authority of proposals by reference (R17)", () => {
  it("a committer needs no capability for the proposals it commits by reference", () => {
    // Restricted: u1 is an owner who leaves; u2 is a reader with no membership capability at all.
    const model = given(restrictedConfig(), [
      create(),
      add("u0/d0", "u1", R.owner, ["u1/d0"]),
      add("u0/d0", "u2", R.reader, ["u2/d0"]),
      leave("u1/d0"),
    ]);
    const done = accepts(model, commit("u2/d0"), "R17");
    expect(abstractState(done).users.u1).toBeUndefined();
  });

  it("never refuses: there is no R17 refusal outcome, and a capability-less committer is refused only for other rules", () => {
    expect(allGuardOutcomes().some((o) => o.rule === "R17" && o.outcome === "refused")).toBe(false);
    const model = given(restrictedConfig(), [
      create(),
      add("u0/d0", "u1", R.owner, ["u1/d0"]),
      add("u0/d0", "u2", R.reader, ["u2/d0"]),
      leave("u1/d0"),
    ]);
    const { verdict } = step(model, commit("u2/d0", false));
    expect(verdict).toMatchObject({ accepted: false, rule: "R11" });
  });
});
