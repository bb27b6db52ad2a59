// The receivers' message rules of the model (model/messageRules.ts). Each expected value is read from
// draft-ietf-mimi-content: §9.1 (discard a duplicate message ID; a reply or replacement naming an unknown
// message is legitimate), §9.3 (no edit or delete from anyone but the original sender unless a concrete
// policy allows it: room-policy's canDeleteOtherMessage, canDeleteOtherReaction), §4.1 (`replaces` names a
// first version).
import { describe, expect, it } from "vitest";
import {
  candidates, emptyMessageLog, forgetClients, messageOf, receiverDecision, recordMessage, resolveContent,
  type CapabilityName, type ClientId, type MessageContent, type MessageLog, type ReceiverDecision, type SenderCan,
} from "../../model/index.js";

const ALICE = "u0/d0";
const ALICE2 = "u0/d1";
const BOB = "u1/d0";
const CATHY = "u2/d0";
const ALL = [ALICE, ALICE2, BOB, CATHY];
const KEEP: ReceiverDecision = { keep: true };
const DUPLICATE: ReceiverDecision = { keep: false, reason: "duplicateMessageId", rule: "F55" };
const NOT_AUTHORIZED: ReceiverDecision = { keep: false, reason: "replaceNotAuthorized", rule: "F59" };
const NOT_FIRST: ReceiverDecision = { keep: false, reason: "replacesNotFirstVersion", rule: "F60" };

const nothing = (_: CapabilityName) => false;
const holding = (...caps: CapabilityName[]) => (c: CapabilityName) => caps.includes(c);

/** Sends `content` from `client` and records that every one of `receivers` keeps it. */
function sent(log: MessageLog, client: ClientId, content: MessageContent, receivers: readonly ClientId[] = ALL): MessageLog {
  const message = messageOf(log, client.split("/")[0]!, client, content);
  return recordMessage(log, message, new Map(receivers.map((r) => [r, KEEP] as const)));
}

const decide = (log: MessageLog, receiver: ClientId, client: ClientId, content: MessageContent, can: SenderCan = nothing) =>
  receiverDecision(log, receiver, messageOf(log, client.split("/")[0]!, client, content), can);

describe("§9.1 duplicates", () => {
  const log = sent(emptyMessageLog, ALICE, { kind: "text" });

  it("a message ID already held is discarded by every receiver holding it, the sender's own client too (F55)", () => {
    for (const r of ALL) expect(decide(log, r, ALICE, { kind: "duplicate", target: "m1" })).toEqual(DUPLICATE);
  });

  it("a receiver that does not hold the first copy keeps the repeat: to it, the ID is new", () => {
    const partial = sent(emptyMessageLog, ALICE, { kind: "text" }, [ALICE, BOB]);
    expect(decide(partial, CATHY, ALICE, { kind: "duplicate", target: "m1" })).toEqual(KEEP);
    expect(decide(partial, BOB, ALICE, { kind: "duplicate", target: "m1" })).toEqual(DUPLICATE);
  });

  it("a repeat adds no message to the record, only holders", () => {
    const partial = sent(emptyMessageLog, ALICE, { kind: "text" }, [ALICE]);
    const again = sent(partial, ALICE, { kind: "duplicate", target: "m1" }, [BOB]);
    expect(again.messages.map((m) => m.id)).toEqual(["m1"]);
    expect(again.holders["m1"]).toEqual([ALICE, BOB]);
  });

  it("only the client that sent a message can repeat it (it alone has the bytes)", () => {
    const two = sent(sent(emptyMessageLog, ALICE, { kind: "text" }), BOB, { kind: "text" });
    expect(candidates(two, ALICE, "duplicate")).toEqual(["m1"]);
    expect(candidates(two, ALICE2, "duplicate")).toEqual([]);
    expect(resolveContent(two, ALICE2, { kind: "duplicate", target: 0 })).toEqual({ kind: "text" });
  });
});

describe("§9.3 edits and deletes", () => {
  const log = sent(sent(emptyMessageLog, ALICE, { kind: "text" }), BOB, { kind: "reaction", target: "m1" });

  it("the original sender edits and deletes its own message, from any of its clients", () => {
    expect(decide(log, CATHY, ALICE, { kind: "edit", target: "m1" })).toEqual(KEEP);
    expect(decide(log, CATHY, ALICE2, { kind: "delete", target: "m1" })).toEqual(KEEP);
    expect(decide(log, CATHY, BOB, { kind: "unlike", target: "m2" })).toEqual(KEEP);
  });

  it("nobody else edits another's message: no capability in the registry grants it (F59)", () => {
    const everything = holding("canDeleteOtherMessage", "canDeleteOtherReaction", "canEditOtherTopic", "canEditOwnMessage");
    expect(decide(log, CATHY, BOB, { kind: "edit", target: "m1" }, everything)).toEqual(NOT_AUTHORIZED);
    expect(decide(log, ALICE, BOB, { kind: "edit", target: "m1" }, everything)).toEqual(NOT_AUTHORIZED);
  });

  it("a delete of another's message is kept only when the sender's role holds canDeleteOtherMessage", () => {
    expect(decide(log, CATHY, BOB, { kind: "delete", target: "m1" })).toEqual(NOT_AUTHORIZED);
    expect(decide(log, CATHY, BOB, { kind: "delete", target: "m1" }, holding("canDeleteOtherReaction"))).toEqual(NOT_AUTHORIZED);
    expect(decide(log, CATHY, BOB, { kind: "delete", target: "m1" }, holding("canDeleteOtherMessage"))).toEqual(KEEP);
  });

  it("an unlike (or delete) of another's reaction needs canDeleteOtherReaction", () => {
    expect(decide(log, CATHY, ALICE, { kind: "unlike", target: "m2" })).toEqual(NOT_AUTHORIZED);
    expect(decide(log, CATHY, ALICE, { kind: "unlike", target: "m2" }, holding("canDeleteOtherMessage"))).toEqual(NOT_AUTHORIZED);
    expect(decide(log, CATHY, ALICE, { kind: "unlike", target: "m2" }, holding("canDeleteOtherReaction"))).toEqual(KEEP);
    expect(decide(log, CATHY, ALICE, { kind: "delete", target: "m2" }, holding("canDeleteOtherReaction"))).toEqual(KEEP);
  });

  it("§9.1: a replacement naming a message the receiver does not hold is legitimate, kept unjudged", () => {
    const partial = sent(emptyMessageLog, ALICE, { kind: "text" }, [ALICE, BOB]);
    expect(decide(partial, CATHY, BOB, { kind: "edit", target: "m1" })).toEqual(KEEP);
    expect(decide(partial, ALICE, BOB, { kind: "edit", target: "m1" })).toEqual(NOT_AUTHORIZED);
  });

  it("§4.1: a replacement of a replacement is discarded, before any question of who sent it (F60)", () => {
    const edited = sent(log, ALICE, { kind: "edit", target: "m1" });
    expect(decide(edited, CATHY, ALICE, { kind: "edit", target: "m3" })).toEqual(NOT_FIRST);
    expect(decide(edited, CATHY, BOB, { kind: "delete", target: "m3" }, holding("canDeleteOtherMessage"))).toEqual(NOT_FIRST);
  });
});

describe("replies, reactions and the rest are kept", () => {
  const log = sent(emptyMessageLog, ALICE, { kind: "text" }, [ALICE, BOB]);

  it("a reply or reaction to another's message, held or not (§9.1: an unknown target is legitimate)", () => {
    for (const r of [ALICE, BOB, CATHY]) {
      expect(decide(log, r, BOB, { kind: "reply", target: "m1" })).toEqual(KEEP);
      expect(decide(log, r, BOB, { kind: "reaction", target: "m1" })).toEqual(KEEP);
    }
  });

  it("a text, an expiring text, an attachment", () => {
    for (const kind of ["text", "expiring", "attachment"] as const) expect(decide(log, CATHY, BOB, { kind })).toEqual(KEEP);
  });
});

describe("what a sender can name", () => {
  it("only messages its own client holds, latest first; an unlike only reactions; none: a text", () => {
    let log = sent(emptyMessageLog, ALICE, { kind: "text" }, [ALICE, BOB]);
    log = sent(log, BOB, { kind: "reaction", target: "m1" }, [ALICE, BOB, CATHY]);
    expect(candidates(log, BOB, "reply")).toEqual(["m2", "m1"]);
    expect(candidates(log, CATHY, "edit")).toEqual(["m2"]);
    expect(candidates(log, CATHY, "unlike")).toEqual(["m2"]);
    expect(resolveContent(log, BOB, { kind: "edit", target: 1 })).toEqual({ kind: "edit", target: "m1" });
    expect(resolveContent(log, BOB, { kind: "edit", target: 2 })).toEqual({ kind: "edit", target: "m2" });
    expect(resolveContent(emptyMessageLog, BOB, { kind: "reply", target: 0 })).toEqual({ kind: "text" });
    expect(resolveContent(emptyMessageLog, BOB, { kind: "unlike", target: 0 })).toEqual({ kind: "text" });
  });

  it("a client that leaves forgets what it held", () => {
    const log = forgetClients(sent(emptyMessageLog, ALICE, { kind: "text" }), new Set([ALICE, CATHY]));
    expect(log.holders["m1"]).toEqual([ALICE, CATHY]);
    expect(candidates(log, BOB, "reply")).toEqual([]);
  });
});
