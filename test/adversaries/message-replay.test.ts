// A current-epoch application message the hub accepted, submitted again byte for byte (the sibling of A25
// for messages). The drafts give the hub no rule against it: /submitMessage checks the framing (H19), the
// epoch (H20) and the sender (H21, H0), and all still hold; nothing in protocol §5.4 asks the hub to
// remember what it fanned out. The defence is the receivers': each member deletes a message key once it
// has used it (RFC 9420 §9.2, "MUST delete"), so a second copy cannot be decrypted, and the MIMI content
// draft (§9.1) has receivers drop a message ID they have seen. Here: the hub accepts and fans the copy out
// (a documented limit, docs/attacks.md), every other member refuses it as undecryptable and records it,
// and no one reads the message twice. No switch: the guard is MLS's key deletion inside ts-mls.
import { describe, expect, it } from "vitest";
import { decodeSubmitMessageRequest } from "../../impl/codec/submit-message-request.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";

const setup: RunSetup = { ...DEFAULT_SETUP };

/** u0/d0 adds u1 (b.example) with both clients, then sends a message. */
const ROOM: Command[] = [
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
  { op: "sendMessage", actor: 0, epochOffset: 0 },
];

describe("a current-epoch message submitted again", () => {
  it("is accepted by the hub (no draft rule), refused as undecryptable by every receiver, read once", async () => {
    const runner = await TraceRunner.start(setup);
    for (const c of ROOM) await runner.step(c);
    expect(runner.result().failure).toBeUndefined();
    const impl = runner.impl;
    const submitted = impl.system.network.log.filter((e) => e.request.endpoint === "submitMessage").at(-1)!;
    const { appMessage, sendingUri } = decodeSubmitMessageRequest(submitted.request.body);
    const receivers = impl.system.allClients().filter((c) => c.session(impl.roomId) !== undefined && !c.uri.endsWith("/u0/d0"));
    expect(receivers.map((c) => c.uri)).toEqual(["mimi://b.example/d/u1/d0", "mimi://b.example/d/u1/d1"]);
    const before = receivers.map((c) => ({ refusals: c.refusals.length, read: c.session(impl.roomId)!.received.map((m) => m.text) }));
    expect(before.map((b) => b.read.length)).toEqual([1, 1]);

    const sender = impl.client("u0/d0").compromisedAccess();
    const outcome = await sender.uplink.submitMessage(impl.roomId, appMessage, sendingUri);
    expect(outcome.code).toBe("accepted");
    for (const [i, c] of receivers.entries()) {
      expect(c.refusals.slice(before[i]!.refusals).map((r) => [r.what, r.code, r.rule])).toEqual([["message", "undecryptable", "MLS"]]);
      expect(c.session(impl.roomId)!.received.map((m) => m.text)).toEqual(before[i]!.read);
    }
  });
});
