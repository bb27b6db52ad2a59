import { describe, expect, it } from "vitest";
import { authorizeMessageSubmission } from "../../impl/room/authorize-message.js";
import { RESTRICTED_ROLES } from "../../impl/room/fixtures/restricted.js";
import { authorize } from "../../impl/room/policy.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { ALICE, BOB, client, COOPERATIVE_MEMBERS, cooperativeRoom, DAVE, ERIN, policy, roomOf } from "./helpers.js";

const send = { kind: "sendMessage" as const };

describe("R14 messages (canSendMessage)", () => {
  const room = cooperativeRoom();

  it("lets an active, unblocked user whose role can send, send", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, send))).toEqual({ ok: true });
  });

  it("refuses a blocked user, an inactive user and a non-listed user", () => {
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, BOB, send, [BOB]))).toMatchObject({ ok: false, rule: "R14", reason: expect.stringContaining("blocked") });
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, ERIN, send))).toMatchObject({ ok: false, rule: "R14" });
    expect(authorize(policy(room, COOPERATIVE_MEMBERS, DAVE, send))).toMatchObject({ ok: false, rule: "R14" });
  });

  it("refuses a role without canSendMessage", () => {
    const r = roomOf(RESTRICTED_ROLES, [[ALICE, 3], [BOB, 2]]);
    const members = membersOfClients([client("alice"), client("bob")]);
    expect(authorize(policy(r, members, ALICE, send)).ok).toBe(true);
    expect(authorize(policy(r, members, BOB, send))).toMatchObject({ ok: false, rule: "R14", reason: expect.stringContaining("canSendMessage") });
  });

  it("judges a submission by its sendingUri, the sending user (protocol §5.4)", () => {
    const input = { room, members: COOPERATIVE_MEMBERS, blockedUsers: new Set<string>() };
    expect(authorizeMessageSubmission({ ...input, sendingUri: BOB }).ok).toBe(true);
    // A client's URI is not a participant: nobody by that name is listed.
    expect(authorizeMessageSubmission({ ...input, sendingUri: client("bob") })).toMatchObject({ ok: false, rule: "R14", reason: expect.stringContaining("not listed") });
    expect(authorizeMessageSubmission({ ...input, sendingUri: ERIN })).toMatchObject({ ok: false, rule: "R14", reason: expect.stringContaining("no client") });
    expect(authorizeMessageSubmission({ ...input, sendingUri: BOB, blockedUsers: new Set([BOB]) })).toMatchObject({ ok: false, rule: "R14", reason: expect.stringContaining("blocked") });
  });
});
