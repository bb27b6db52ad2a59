// The client's checks of fanned-out commits, called directly: an ordinary user's ban (room-policy §8.1.3:
// canBan is the admins') that a hub without its commit policy lets through is refused by the members'
// clients, with the rule that decides it; with the client's own skipCommitPolicy switch it is accepted.
import { describe, expect, it } from "vitest";
import type { FramedContentCommit } from "ts-mls/framedContent.js";
import { decodeFanoutMessages } from "../../impl/codec/fanout-message.js";
import { judgeIncomingCommit, type IncomingRules } from "../../impl/client/incoming-checks.js";
import { defaultHubConfig } from "../../impl/hub/hub-config.js";
import { BOB, CATHY, ROLE, ROOM, threeProviders } from "../flows/helpers.js";

const HONEST: IncomingRules = { pendingProposals: "must-include", leaveOrder: "same-commit", faults: {} };

describe("judgeIncomingCommit", () => {
  it("refuses an ordinary user's ban with notAllowed, unless the client skips its commit policy", async () => {
    const { system, alice, bob } = await threeProviders({ ...defaultHubConfig, faults: { skipCommitPolicy: true } });
    await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
    await alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true);
    const view = alice.session(ROOM)!;
    const epoch = view.state.groupContext.epoch;
    const before = system.network.log.length;
    expect(await bob.ban(ROOM, CATHY)).toMatchObject({ code: "success" });
    // What the hub fanned out to a.example, decoded as Alice's provider reads it.
    const notify = system.network.log.slice(before).find((x) => x.to === "a.example" && x.request.endpoint === "notify");
    const commit = decodeFanoutMessages(notify!.request.body).find((i) => i.kind === "commit")!.message;
    if (commit.wireformat !== "mls_public_message") throw new Error("expected a public commit");
    const framed = commit.publicMessage.content as FramedContentCommit;

    // Alice's client refused it when it arrived, and stayed in the epoch.
    expect(alice.refusals).toEqual([expect.objectContaining({ what: "commit", code: "notAllowed", epoch })]);
    expect(alice.roomView(ROOM)!.epoch).toBe(epoch);

    const judged = judgeIncomingCommit(view, framed, alice.uri, HONEST);
    // R7 (docs/rules.md): a ban needs canBan, which the ordinary role lacks.
    expect(judged).toMatchObject({ ok: false, refusal: { what: "commit", code: "notAllowed", rule: "R7", reason: expect.stringContaining("lacks canBan") } });
    expect(alice.refusals[0]!.rule).toBe("R7");
    expect(judgeIncomingCommit(view, framed, alice.uri, { ...HONEST, faults: { skipCommitPolicy: true } })).toMatchObject({ ok: true, removesSelf: false });
    // Cathy's own client sees its removal in it.
    const cathyView = { ...view };
    expect(judgeIncomingCommit(cathyView, framed, "mimi://c.example/d/cathy/laptop", { ...HONEST, faults: { skipCommitPolicy: true } })).toMatchObject({ ok: true, removesSelf: true });
    // A commit for another epoch: wrongEpoch under R1, whatever the switches.
    expect(judgeIncomingCommit(view, { ...framed, epoch: epoch + 1n }, alice.uri, { ...HONEST, faults: { skipCommitPolicy: true } })).toMatchObject({ ok: false, refusal: { code: "wrongEpoch", rule: "R1" } });
  });
});
