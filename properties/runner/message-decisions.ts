// The receivers' side of an accepted message, model against implementation: for every client in the room,
// the model's message rules (model/messageRules.ts) say keep or discard (with the digest §7 F rule), and
// each honest client's timeline did one or the other (or has not got it yet: an unreachable follower's).
// A difference is a finding like a verdict mismatch. The discards the model predicts are the clients'
// expected refusals, so they are taken out of the step's refusals before the rest of the step is compared.
import {
  abstractState, describeContent, userOf, hasCapability, messageOf, receiverDecision, recordMessage,
  type CapabilityName, type ClientId, type LoggedMessage, type MessageLog, type Model, type ModelEvent, type ReceiverDecision,
} from "../../model/index.js";
import { memberClients } from "../commands/resolve-command.js";
import { modelClientOf } from "../world/room-world.js";
import type { StepMismatch } from "./compare-step.js";
import type { ImplementationUnderTest } from "./implementation-under-test.js";
import type { StepDecisions } from "./step-decisions.js";

/** The check a message-decision mismatch is reported under. */
export const MESSAGE_DECISION_CHECK = "message decision";

/** How many messages each client's timeline took in so far (by client URI): read before a message step. */
export function timelineArrivals(impl: ImplementationUnderTest): Map<string, number> {
  const arrivals = new Map<string, number>();
  for (const c of impl.system.allClients()) {
    const s = c.session(impl.roomId);
    if (s !== undefined) arrivals.set(c.uri, s.timeline.arrivals);
  }
  return arrivals;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const says = (d: ReceiverDecision) => (d.keep ? "keep" : `discard (${d.rule} ${d.reason})`);

/** What the step did with an accepted message, read off the clients. */
interface Observed {
  readonly client: ClientId;
  readonly kept: boolean;
  /** The discard's refusal in words, as StepDecisions lists it. */
  readonly refusal?: string;
  /** The discard's reason name, e.g. "replaceNotAuthorized". */
  readonly reason?: string;
}

function observe(impl: ImplementationUnderTest, arrivalsBefore: ReadonlyMap<string, number>, decisions: StepDecisions, idHex: string): Observed[] {
  const out: Observed[] = [];
  for (const c of impl.system.allClients()) {
    const s = c.session(impl.roomId);
    if (s === undefined) continue;
    const client = modelClientOf(c.uri);
    const refusal = decisions.refusals.find((r) => r.startsWith(`${c.uri} refused the message: discarded (`) && r.endsWith(`: message ${idHex})`));
    if (refusal !== undefined) {
      out.push({ client, kept: false, refusal, reason: /\((F\d+): (\w+):/.exec(refusal)?.[2] });
      continue;
    }
    if (s.timeline.arrivals > (arrivalsBefore.get(c.uri) ?? 0)) out.push({ client, kept: true });
  }
  return out;
}

/** The outcome of comparing one accepted message. */
export interface MessageJudgement {
  /** The record with the message and the model's decisions for every client in the room. */
  readonly log: MessageLog;
  /** The step's decisions without the discards the model predicted. */
  readonly decisions: StepDecisions;
  readonly mismatch?: StepMismatch;
  /** Discards the model predicts for clients that have not got the message yet, as "client-URI message-hex". */
  readonly lateDiscards: readonly string[];
  /** For coverage: "sent <kind>", then one "kept" or "discarded <rule> <reason>" per client that decided. */
  readonly tally: readonly string[];
}

/**
 * Judges an accepted `sendMessage`: the model's decision for every member client (the sender's own
 * timeline included) against what each client that got the message did. `model` is the room after the
 * step (a message changes nothing in it). The concrete ID of a fresh message is learnt from its sender.
 */
export function judgeAcceptedMessage(
  log: MessageLog,
  model: Model,
  event: Extract<ModelEvent, { type: "sendMessage" }>,
  impl: ImplementationUnderTest,
  arrivalsBefore: ReadonlyMap<string, number>,
  decisions: StepDecisions,
): MessageJudgement {
  const sender = impl.client(event.actor);
  const message: LoggedMessage = messageOf(log, userOf(event.actor), event.actor, event.content ?? { kind: "text" });
  const concrete = sender.session(impl.roomId)?.ownMessages.at(-1)?.messageId;
  if (concrete !== undefined && !impl.messageIds.has(message.id)) impl.messageIds.set(message.id, concrete);
  const role = abstractState(model).users[message.sender]?.role ?? 0;
  const senderCan = (capability: CapabilityName) => hasCapability(model.context.config, role, capability);
  const expected = new Map(memberClients(model).map((c) => [c, receiverDecision(log, c, message, senderCan)] as const));
  const next = recordMessage(log, message, expected);
  const idHex = concrete === undefined ? "" : hex(concrete);
  const observed = observe(impl, arrivalsBefore, decisions, idHex);
  const seen = new Set(observed.map((o) => o.client));
  const lateDiscards = [...expected].filter(([c, d]) => !d.keep && !seen.has(c)).map(([c]) => `${impl.client(c).uri} ${idHex}`);
  const tally = [`sent ${event.content?.kind ?? "text"}`, ...observed.map((o) => (o.kept ? "kept" : `discarded ${o.refusal === undefined ? "" : (/\((F\d+):/.exec(o.refusal)?.[1] ?? "")} ${o.reason ?? ""}`))];
  const what = `${message.id} (${describeContent(message.content)}, from ${message.sender})`;
  for (const o of observed) {
    const e = expected.get(o.client);
    if (e === undefined) continue;
    const agree = e.keep ? o.kept : !o.kept && o.reason === e.reason;
    if (!agree) {
      const did = o.kept ? `kept ${what}` : `discarded ${what} (${o.refusal ?? "?"})`;
      return { log: next, decisions, lateDiscards, tally, mismatch: { check: MESSAGE_DECISION_CHECK, message: `${o.client} ${did}; the model says ${says(e)}` } };
    }
  }
  const predicted = new Set(observed.flatMap((o) => (o.refusal === undefined ? [] : [o.refusal])));
  const refusals = decisions.refusals.filter((r) => !predicted.has(r));
  const discarders = new Set(observed.filter((o) => !o.kept).map((o) => o.client));
  return { log: next, lateDiscards, tally, decisions: { ...decisions, refusals, refusedBy: decisions.refusedBy.filter((c) => !discarders.has(c)) } };
}
