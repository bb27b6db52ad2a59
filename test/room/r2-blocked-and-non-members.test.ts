import { describe, expect, it } from "vitest";
import { checkCommit, checkProposalBundle } from "../../impl/room/commit-check.js";
import { authorize } from "../../impl/room/policy.js";
import { BOB, CAROL, client, context, COOPERATIVE_MEMBERS, cooperativeRoom, memberActor, policy, removeItem } from "./helpers.js";

const room = cooperativeRoom();
const bob = memberActor(client("bob"));

describe("R2 blocked users and non-members", () => {
  it("refuses a commit from a blocked user's client", () => {
    expect(checkCommit(context(room, COOPERATIVE_MEMBERS, [BOB]), { committer: bob, items: [] })).toMatchObject({ ok: false, code: "notAllowed", rule: "R2" });
  });

  it("refuses a commit from a client that is not in the group", () => {
    const stranger = memberActor(client("bob", "9"));
    expect(checkCommit(context(room, COOPERATIVE_MEMBERS), { committer: stranger, items: [] })).toMatchObject({ ok: false, rule: "R2" });
  });

  it("refuses any proposal from a blocked user", () => {
    expect(checkProposalBundle(context(room, COOPERATIVE_MEMBERS, [BOB]), bob, [removeItem(bob, client("bob"), true)])).toMatchObject({ ok: false, rule: "R2" });
  });

  it("refuses any action of a blocked user in the policy", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, { kind: "removeParticipant", target: CAROL }, [BOB]))).toMatchObject({ ok: false, rule: "R2" });
  });

  it("refuses a commit from the hub, which only proposes", () => {
    expect(checkCommit(context(room, COOPERATIVE_MEMBERS), { committer: { kind: "hub" }, items: [] })).toMatchObject({ ok: false, code: "invalidProposal" });
  });
});
