// Who decided what during one step: the hub's decision, with the rule behind it (read white-box from the
// hub, as its snapshot is), and what every honest client that held the room did with what the hub fanned
// out — refused it (a recorded refusal) or took it (moved to another epoch, left the room, queued a
// proposal, delivered a message).
import type { HubDecision } from "../../impl/hub/hub-decision.js";
import type { ClientId } from "../../model/index.js";
import { modelClientOf } from "../world/room-world.js";
import type { ImplementationUnderTest } from "./implementation-under-test.js";

/** What one step produced, beside the acting client's answer. */
export interface StepDecisions {
  /** The hub's decision during the step; undefined when the request never reached it (the acting client
   * refused by itself, docs/rules.md D6). */
  readonly hubDecision?: HubDecision;
  /** New client refusals, in words. */
  readonly refusals: readonly string[];
  /** Clients that held the room before the step, other than the actor, and recorded a refusal during it. */
  readonly refusedBy: readonly ClientId[];
  /** Clients that held the room before the step, other than the actor, whose state took the step in. */
  readonly acceptedBy: readonly ClientId[];
}

interface ClientMark {
  readonly epoch: bigint;
  readonly pendingItems: number;
  readonly received: number;
}

function markClients(impl: ImplementationUnderTest): Map<string, ClientMark> {
  const marks = new Map<string, ClientMark>();
  for (const c of impl.system.allClients()) {
    const s = c.session(impl.roomId);
    if (s !== undefined) marks.set(c.uri, { epoch: s.state.groupContext.epoch, pendingItems: s.pendingItems.length, received: s.received.length });
  }
  return marks;
}

/** Marks the implementation before a step; `finish` after it tells what the step decided. */
export class StepDecisionWatch {
  private constructor(
    private readonly serialBefore: number,
    /** Refusals each client (by URI) had recorded when the step began. */
    private readonly refusalsBefore: Map<string, number>,
    private readonly clientsBefore: Map<string, ClientMark>,
  ) {}

  static begin(impl: ImplementationUnderTest): StepDecisionWatch {
    const refusals = new Map(impl.system.allClients().map((c) => [c.uri, c.refusals.length]));
    return new StepDecisionWatch(impl.system.hub.lastDecision?.serial ?? 0, refusals, markClients(impl));
  }

  /** `actor`: the acting client (model id), whose own adoption of its request is no independent decision. */
  finish(impl: ImplementationUnderTest, actor: ClientId | undefined): StepDecisions {
    const decision = impl.system.hub.lastDecision;
    // Read per client: the deployment-wide list interleaves clients, so a slice of it by count would
    // attribute a refusal appended to an earlier client's list to a later client.
    const newRefusals = impl.system.allClients().flatMap((c) => c.refusals.slice(this.refusalsBefore.get(c.uri) ?? 0).map((refusal) => ({ client: c.uri, refusal })));
    const receivers = [...this.clientsBefore.keys()].filter((uri) => modelClientOf(uri) !== actor);
    const refusing = new Set(newRefusals.map((r) => r.client));
    const after = markClients(impl);
    const accepted = receivers.filter((uri) => {
      if (refusing.has(uri)) return false;
      const [b, a] = [this.clientsBefore.get(uri)!, after.get(uri)];
      return a === undefined || a.epoch !== b.epoch || a.pendingItems > b.pendingItems || a.received > b.received;
    });
    return {
      ...(decision !== undefined && decision.serial !== this.serialBefore ? { hubDecision: decision } : {}),
      refusals: newRefusals.map(({ client, refusal }) => `${client} refused the ${refusal.what}: ${refusal.code} (${refusal.rule}: ${refusal.reason})`),
      refusedBy: receivers.filter((uri) => refusing.has(uri)).map(modelClientOf),
      acceptedBy: accepted.map(modelClientOf),
    };
  }
}
