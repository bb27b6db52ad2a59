// Franking (protocol §5.4.1, §5.9; digest §7 F61–F62), judged on every honest message the hub accepts:
// P33 the frank round-trips: the hub franked the message, every receiver that kept it holds that frank at
//     the hub's timestamp, none refused it for its franking or content, and the hub accepts a report of it;
// P34 a report about a message never sent, or altered, is refused: the same frank with other content, a
//     fresh message that was never submitted, another time or another accused sender;
// P35 a message whose franking tag is not its content's (attack A28) is kept by no honest client.
// The hub's report check is asked directly (Hub.abuseReportRefusal records nothing, so the runner's view of
// the hub's decisions is untouched), on a report that went through the AbuseReport codec both ways.
import type { Frank } from "../../impl/codec/frank.js";
import { decodeAbuseReport, encodeAbuseReport, type AbuseReport, type AbusiveMessage } from "../../impl/codec/abuse-report.js";
import { buildMessageContent } from "../../impl/client/message-content.js";
import type { SentMessage } from "../../impl/client/room-session.js";
import type { ImplementationInvariant, StepFacts } from "./implementation-invariants.js";
import { modelClientOf } from "../world/room-world.js";
import { lastTagOfAnotherMessage } from "../adversaries/franking-attacks.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const sameFrank = (a: Frank, b: Frank) =>
  hex(a.serverFrank) === hex(b.serverFrank) && a.frankingSignatureCiphersuite === b.frankingSignatureCiphersuite && hex(a.frankingIntegritySignature) === hex(b.frankingIntegritySignature);

/** The honest message the step had the hub accept, with its sending client, or undefined. */
export function frankedMessageOfStep(facts: StepFacts): { client: string; uri: string; user: string; message: SentMessage } | undefined {
  const { event, code, attack, hubCompromised, impl } = facts;
  if (event.type !== "sendMessage" || code !== "accepted" || attack !== undefined || hubCompromised === true) return undefined;
  const client = impl.client(event.actor);
  const own = client.session(impl.roomId)?.ownMessages ?? [];
  const message = own.at(-1);
  // A repeat of an earlier message (the same content, so the same message ID) is discarded by every receiver
  // holding the first (content §9.1, F55): what they keep is the first one, with its own frank.
  const repeat = message !== undefined && own.slice(0, -1).some((m) => hex(m.messageId) === hex(message.messageId));
  return message === undefined || repeat ? undefined : { client: event.actor, uri: client.uri, user: client.user, message };
}

function report(reporter: string, accused: string, messages: AbusiveMessage[]): AbuseReport {
  // Through the codec both ways, as it would cross to the hub.
  return decodeAbuseReport(encodeAbuseReport({ reportingUser: reporter, allegedAbuserUri: accused, reasonCode: 0, note: new Uint8Array(0), messages, abuseExtensions: { componentData: [] } }));
}

export const FRANKING_ROUND_TRIP: ImplementationInvariant = {
  id: "P33",
  name: "franking round-trips",
  rule: "protocol §5.4.1 (the hub franks, receivers verify and keep the frank), §5.9 (the hub accepts a report of a frank it issued), digest §7 F61–F62",
  check: async (facts) => {
    const sent = frankedMessageOfStep(facts);
    if (sent === undefined) return undefined;
    const { impl } = facts;
    const { message } = sent;
    if (message.frank === undefined) return `the hub accepted ${sent.client}'s message without a frank`;
    for (const c of facts.refusedBy ?? []) {
      const last = impl.client(c).refusals.at(-1);
      if (last !== undefined && (last.rule === "F61" || last.rule === "F57")) return `${c} refused ${sent.client}'s message (${last.rule}: ${last.reason})`;
    }
    for (const c of impl.system.allClients()) {
      if (c.uri === sent.uri) continue;
      const kept = c.session(impl.roomId)?.received.find((r) => r.messageId !== undefined && hex(r.messageId) === hex(message.messageId));
      if (kept === undefined) continue;
      if (kept.frank === undefined || !sameFrank(kept.frank, message.frank)) return `${modelClientOf(c.uri)} kept ${sent.client}'s message with another frank than the hub issued`;
      if (kept.timestamp !== message.acceptedTimestamp) return `${modelClientOf(c.uri)} kept ${sent.client}'s message at ${kept.timestamp}, the hub accepted it at ${message.acceptedTimestamp}`;
    }
    const refusal = await impl.system.hub.abuseReportRefusal(impl.roomId, report(sent.user, sent.user, [{ messageContent: message.content, frank: message.frank, acceptedTimestamp: message.acceptedTimestamp }]));
    return refusal === undefined ? undefined : `the hub refuses a report of ${sent.client}'s message with the frank it issued: ${refusal}`;
  },
};

export const REPORTS_ONLY_OF_SENT_MESSAGES: ImplementationInvariant = {
  id: "P34",
  name: "a report about a message never sent, or altered, is refused",
  rule: "protocol §5.9 (the hub recomputes the tag from the reported content and server_frank with hub_key, and verifies its signature), §5.4.1",
  check: async (facts) => {
    const sent = frankedMessageOfStep(facts);
    if (sent?.message.frank === undefined) return undefined;
    const { impl } = facts;
    const { message } = sent;
    const frank = message.frank!;
    const altered = message.content.slice();
    altered[altered.length - 1]! ^= 0x01;
    // A message that was never submitted: the sender's next text, with a salt of its own.
    const neverSent = buildMessageContent("text", "never sent", sent.user, impl.roomId, new Uint8Array(16).fill(0x5a), { latest: undefined, ownLatest: undefined }).bytes;
    const other = impl.system.allClients().map((c) => c.user).find((u) => u !== sent.user) ?? "mimi://example.invalid/u/nobody";
    const forged: [string, AbuseReport][] = [
      ["its content altered", report(sent.user, sent.user, [{ messageContent: altered, frank, acceptedTimestamp: message.acceptedTimestamp }])],
      ["a message never sent", report(sent.user, sent.user, [{ messageContent: neverSent, frank, acceptedTimestamp: message.acceptedTimestamp }])],
      ["another time", report(sent.user, sent.user, [{ messageContent: message.content, frank, acceptedTimestamp: message.acceptedTimestamp + 1n }])],
      [`${other} as its sender`, report(sent.user, other, [{ messageContent: message.content, frank, acceptedTimestamp: message.acceptedTimestamp }])],
    ];
    for (const [what, r] of forged)
      if ((await impl.system.hub.abuseReportRefusal(impl.roomId, r)) === undefined) return `the hub accepts a report of ${sent.client}'s frank with ${what}`;
    return undefined;
  },
};

export const TAG_CHECKED_BY_RECEIVERS: ImplementationInvariant = {
  id: "P35",
  name: "a message whose franking tag is not its content's is kept by no honest client",
  rule: "protocol §5.4.1 (receivers recompute franking_tag from the content; the hub cannot), digest §2.5 (the formal model's assumption: an honest client processed the message)",
  check: ({ attack, code, impl }) => {
    if (attack?.id !== "A28" || code !== "accepted") return undefined;
    const sent = lastTagOfAnotherMessage.get(impl);
    if (sent === undefined) return undefined;
    const attacker = impl.client(sent.attacker).uri;
    for (const c of impl.system.allClients()) {
      if (c.uri === attacker) continue;
      if (c.session(impl.roomId)?.received.some((r) => r.messageId !== undefined && hex(r.messageId) === hex(sent.sentId)))
        return `${modelClientOf(c.uri)} kept ${sent.attacker}'s message whose franking tag is another message's`;
    }
    return undefined;
  },
};
