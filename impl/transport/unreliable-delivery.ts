// The hub's /notify delivery over links that lose, delay and duplicate (protocol §5.5: the hub SHOULD
// retry until it gets a 201; digest §7 D41, D42). One queue per follower, in hub order: a notification
// goes out only once every earlier one to the same follower was acknowledged, so a follower receives one
// order whatever the links do (a late copy of an acknowledged request is a duplicate, which the follower
// drops, D45). Each attempt is retried at once a few times; what still has no answer stays queued (the
// hub's `success` is a delivery promise, D42) and goes out when the follower is reachable again, the
// whole backlog in one body of concatenated FanoutMessages.
import { NO_ANSWER, RETRY_STATUSES } from "./unreliable-network.js";
import type { MimiRequest, MimiResponse } from "./mimi-request.js";

/** Attempts per request before a sender stops for now (the first and two retries). */
export const ATTEMPTS = 3;

/** Sends one request, retrying while no answer comes back; answers the last answer. */
export async function sendWithRetries(send: (to: string, request: MimiRequest) => Promise<MimiResponse>, to: string, request: MimiRequest, attempts = ATTEMPTS): Promise<MimiResponse> {
  let answer: MimiResponse = { status: NO_ANSWER, body: new Uint8Array(0) };
  for (let i = 0; i < attempts; i += 1) {
    answer = await send(to, { ...request, body: request.body.slice() });
    if (!RETRY_STATUSES.has(answer.status)) return answer;
  }
  return answer;
}

/** Planted defect of the hub's delivery, for tests and campaigns: never on by default. */
export interface DeliveryFaults {
  /** Drop a notification that is still unanswered after its retries, instead of keeping it for when the
   * follower is back: the hub's delivery promise (D42) broken, its followers' clients left behind. */
  noRecovery?: boolean;
}

interface Queued {
  readonly roomId: string;
  readonly body: Uint8Array;
}

export class NotifyOutbox {
  private readonly queues = new Map<string, Queued[]>();
  /** Notifications dropped under the planted `noRecovery`, by follower (for reports). */
  readonly dropped = new Map<string, number>();
  faults: DeliveryFaults = {};

  constructor(
    private readonly from: string,
    private readonly send: (to: string, request: MimiRequest) => Promise<MimiResponse>,
  ) {}

  /** Notifications waiting for `domain` (they go out, in order, once it answers). */
  backlog(domain: string): number {
    return this.queues.get(domain)?.length ?? 0;
  }

  /** Queues one /notify body for `domain` and delivers what can be delivered. Throws when the follower
   * answers anything but 201 or no answer (a defect somewhere: it never happens to honest parties). */
  async post(domain: string, roomId: string, body: Uint8Array): Promise<void> {
    const queue = this.queues.get(domain) ?? [];
    this.queues.set(domain, queue);
    queue.push({ roomId, body });
    await this.drain(domain);
  }

  /** Delivers `domain`'s queue in order while it answers; answers how many notifications went out. */
  async drain(domain: string): Promise<number> {
    const queue = this.queues.get(domain) ?? [];
    let delivered = 0;
    while (queue.length > 0) {
      // A backlog of one room goes as one body (the draft's "one or more concatenated FanoutMessage").
      const roomId = queue[0]!.roomId;
      let n = 0;
      while (n < queue.length && queue[n]!.roomId === roomId) n += 1;
      const parts = queue.slice(0, n).map((q) => q.body);
      const body = n === 1 ? parts[0]! : concat(parts);
      const answer = await sendWithRetries(this.send, domain, { endpoint: "notify", from: this.from, target: roomId, body });
      if (RETRY_STATUSES.has(answer.status)) {
        if (!this.faults.noRecovery) return delivered;
        this.dropped.set(domain, (this.dropped.get(domain) ?? 0) + n);
        queue.splice(0, n);
        continue;
      }
      if (answer.status !== 201) throw new Error(`notify to ${domain} failed with ${answer.status}`);
      queue.splice(0, n);
      delivered += n;
    }
    return delivered;
  }

  /** Drains every queue (time passed, followers may be back); answers the notifications delivered. */
  async drainAll(): Promise<number> {
    let delivered = 0;
    for (const domain of [...this.queues.keys()].sort()) delivered += await this.drain(domain);
    return delivered;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
