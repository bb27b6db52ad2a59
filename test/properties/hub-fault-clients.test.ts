// When a faulty hub accepts what the rules refuse, the honest clients are the room's last defence: each
// one that received the commit or message must refuse it too. A client that takes it in is a failure of
// its own, named; otherwise the verdict failure says that the clients saved the room.
import { describe, expect, it } from "vitest";
import type { Command } from "../../properties/commands/command.js";
import { CLIENT_ACCEPTED_CHECK } from "../../properties/runner/compare-step.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { setupFor, withFault } from "./helpers.js";

// u0 (group_admin) adds u1 as ordinary_user (role 2) with both its clients.
const ADD_U1: Command = { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" };

describe("a hub fault: did the clients save the room?", () => {
  it("skipCommitPolicy: an ordinary user's ban reaches the clients, which refuse it (room-policy §8.1: canBan)", async () => {
    // Members, sorted: u0/d0, u1/d0, u1/d1; actor 1 is u1/d0, and its only fitting target is u0.
    const commands: Command[] = [ADD_U1, { op: "ban", actor: 1, target: 0, scope: "fitting" }];
    const trace = await runTrace(withFault("same-commit/must-include", "skipCommitPolicy"), commands);
    expect(trace.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1",
      "u1/d0 (ordinary_user) bans u0",
    ]);
    expect(trace.failure).toMatchObject({ step: 3, check: "verdict" });
    expect(trace.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R7: /);
    expect(trace.failure!.message).toContain("every honest client that received it refused it (u0/d0, u1/d1): the clients saved the room");
  });

  it("skipMessageSenderCheck: a leaving user's message reaches the clients, which do not check senders and take it", async () => {
    // protocol §5.3: once its leave is accepted a user may not send; clients leave that check to the hub.
    const commands: Command[] = [ADD_U1, { op: "leave", actor: 1 }, { op: "sendMessage", actor: 1, epochOffset: 0 }];
    const trace = await runTrace(withFault("same-commit/must-include", "skipMessageSenderCheck"), commands);
    expect(trace.steps.map((s) => s.text)).toEqual([
      "u0 creates the room with u0/d0",
      "u0/d0 (group_admin) adds u1 as role 2 with u1/d0,u1/d1",
      "u1/d0 (ordinary_user) leaves",
      "u1/d0 (ordinary_user) sends a message (epoch offset 0)",
    ]);
    expect(trace.failure).toMatchObject({ step: 4, check: CLIENT_ACCEPTED_CHECK });
    expect(trace.failure!.message).toMatch(/^hub accepted, model says notAllowed \(R14: /);
    expect(trace.failure!.message).toMatch(/; u0\/d0, u1\/d1 accepted it too$/);
  });

  it("without a fault the hub refuses both, and nothing fails", async () => {
    const setup = setupFor("same-commit/must-include");
    const ban = await runTrace(setup, [ADD_U1, { op: "ban", actor: 1, target: 0, scope: "fitting" }]);
    const message = await runTrace(setup, [ADD_U1, { op: "leave", actor: 1 }, { op: "sendMessage", actor: 1, epochOffset: 0 }]);
    expect(ban.failure).toBeUndefined();
    expect(message.failure).toBeUndefined();
    expect(ban.steps.at(-1)?.implCode).toBe("notAllowed");
    expect(message.steps.at(-1)?.implCode).toBe("notAllowed");
  });
});
