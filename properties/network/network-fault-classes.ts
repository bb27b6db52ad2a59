// The network's fault classes (docs/attacks.md "An unreliable network"): what the links between the hub
// and a follower do wrong, the clause whose duty it tests, and who defends. A fault is generated like any
// command (network-command.ts): picked by index, armed on the links for the next step (or, for an
// outage, for a few steps), shrinkable and replayable.
import type { LinkFault } from "../../impl/transport/unreliable-network.js";

/** One way the links misbehave. */
export interface NetworkFaultClass {
  /** "N01"…. */
  readonly id: string;
  readonly name: string;
  /** The duty it tests: digest §7 D-labels, protocol sections. */
  readonly clause: string;
  /** Who must cope: the hub's outbox, the follower's receive path, the sending follower. */
  readonly defender: string;
  /** The fault on the link to or from `follower`; `span` (1–3) sizes it. */
  fault(follower: string, span: number): LinkFault;
  /** The fault in words, for the step's text. */
  describe(follower: string, span: number): string;
}

export const NETWORK_FAULT_CLASSES: readonly NetworkFaultClass[] = [
  {
    id: "N01", name: "duplicated notification",
    clause: "protocol §5.5; D45 (a byte-identical /notify gets 201 and is processed at most once)", defender: "follower",
    fault: (follower) => ({ kind: "duplicate", to: follower }),
    describe: (follower) => `the next /notify to ${follower} arrives twice`,
  },
  {
    id: "N02", name: "delayed notification, overtaken",
    clause: "protocol §5.5 (the hub retries until 201); D41 (one order), D45", defender: "hub (one notification at a time per follower) + follower (drops the late copy)",
    fault: (follower, span) => ({ kind: "delay", to: follower, overtakenBy: span + 1 }),
    describe: (follower, span) => `the next /notify to ${follower} is held: the hub hears nothing and retries, and the original arrives after that retry and ${span} later request(s) to ${follower}, or when time passes`,
  },
  {
    id: "N03", name: "lost request",
    clause: "protocol §5.3–5.5 (the hub retries; a sender retries an unanswered request)", defender: "sender (retries)",
    fault: (follower) => ({ kind: "loseRequest", follower }),
    describe: (follower) => `the next /update, /submitMessage or /notify between ${follower} and the hub is lost`,
  },
  {
    id: "N04", name: "lost answer",
    clause: "protocol §5.3 (wrongEpoch for a closed epoch), §5.5; D45", defender: "sender (retries unless its message came back) + hub + follower",
    fault: (follower) => ({ kind: "loseAnswer", follower }),
    describe: (follower) => `the answer to the next /update, /submitMessage or /notify between ${follower} and the hub is lost (its receiver handled it)`,
  },
  {
    id: "N05", name: "follower unreachable for a while",
    clause: "protocol §5.5 (retry until 201); D42 (success is a delivery promise), D41", defender: "hub (keeps the notifications, redelivers them in order)",
    // Armed now, counted down at the start of each later step: `span` steps run while it is away.
    fault: (follower, span) => ({ kind: "down", domain: follower, ticks: span + 1 }),
    describe: (follower, span) => `${follower} is unreachable for the next ${span} step(s)`,
  },
];

/** The class a fault on the links belongs to. */
export function faultClassOf(fault: LinkFault): NetworkFaultClass {
  const id = { duplicate: "N01", delay: "N02", loseRequest: "N03", loseAnswer: "N04", down: "N05" }[fault.kind];
  return NETWORK_FAULT_CLASSES.find((c) => c.id === id)!;
}
