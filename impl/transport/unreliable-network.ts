// Faults on the links between the hub and its followers (digest §7 D41, D42, D45): a request delivered
// twice, one held back and delivered late (after its retry, and after later requests), a request or its
// answer lost, a follower unreachable for a while. The in-process network consults this layer for every
// request once installed (InProcessNetwork.links); without armed faults it is transparent. Time is the
// caller's: `tick` is "time passes" (the property runner ticks once per step), which releases held
// requests, ends the faults armed for the step and counts down outages.
import { EMPTY, type MimiRequest, type MimiResponse } from "./mimi-request.js";

/**
 * The status a sender sees when no answer came back (a timeout: the request or its answer was lost, or the
 * peer is unreachable). Not a status any server sends; senders retry on it (RETRY_STATUSES).
 */
export const NO_ANSWER = 504;

/** Statuses after which a sender retries: only no answer (a 503 from a tap that dropped a request, or any
 * other status, is an answer). */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([NO_ANSWER]);

/** One fault, armed for the next matching exchange (within FAULT_LIFETIME ticks). Domains name the follower the link leads to or from. */
export type LinkFault =
  /** The next /notify to `to` is delivered twice, back to back (the copy is byte-identical). */
  | { readonly kind: "duplicate"; readonly to: string }
  /** The next /notify to `to` is held: its sender sees no answer (and retries); the held original arrives
   * after `overtakenBy` later requests to `to` (its own retry counts), or when time passes, whichever
   * comes first (0: only when time passes). */
  | { readonly kind: "delay"; readonly to: string; readonly overtakenBy: number }
  /** The next /update or /submitMessage from `follower` to the hub, or /notify from the hub to it, is
   * lost on the way: its receiver never sees it. */
  | { readonly kind: "loseRequest"; readonly follower: string }
  /** The next such request reaches its receiver, which handles it; the answer is lost. */
  | { readonly kind: "loseAnswer"; readonly follower: string }
  /** `domain` is unreachable for `ticks` ticks: nothing reaches it, nothing it sends arrives. */
  | { readonly kind: "down"; readonly domain: string; readonly ticks: number };

/** A fault that took effect, for coverage and reports. */
export interface FaultHit {
  readonly fault: LinkFault;
  readonly endpoint: string;
}

/** Delivers one request to its server now (the network's own exchange: observers, server, log). */
export type Exchange = (to: string, request: MimiRequest) => Promise<MimiResponse>;

interface Held {
  readonly to: string;
  readonly request: MimiRequest;
  /** Later requests to `to` still to go before this one is released. */
  remaining: number;
}

/** Ticks an armed fault waits for a matching exchange (the steps after the one that armed it: 2). */
export const FAULT_LIFETIME = 3;

const noAnswer = (): MimiResponse => ({ status: NO_ANSWER, body: EMPTY });

export class UnreliableNetwork {
  /** Faults waiting for their exchange, with the ticks they have seen: they lapse at the FAULT_LIFETIME-th. */
  private armed: { fault: LinkFault; ticks: number }[] = [];
  private readonly down = new Map<string, number>();
  private held: Held[] = [];
  /** Every fault that took effect, in order (the runner reads and clears it per step). */
  hits: FaultHit[] = [];
  /** Ticks since the last outage ended; undefined during an outage, or if there never was one. */
  private calmTicks: number | undefined;
  /** The followers the last outage to end had cut off. */
  private returned: string[] = [];
  /** Followers unreachable at any point of the current outage (those to catch up when it ends). */
  private away = new Set<string>();

  /** `hub`: the hub's domain; faults are only ever on links between it and another domain. */
  constructor(readonly hub: string) {}

  arm(fault: LinkFault): void {
    if (fault.kind === "down") {
      this.down.set(fault.domain, Math.max(fault.ticks, this.down.get(fault.domain) ?? 0));
      if (fault.ticks > 0) this.away.add(fault.domain);
      this.hits.push({ fault, endpoint: "*" });
      if (fault.ticks > 0) this.calmTicks = undefined;
    } else this.armed.push({ fault, ticks: 0 });
  }

  isDown(domain: string): boolean {
    return (this.down.get(domain) ?? 0) > 0;
  }

  /** Domains unreachable now, sorted. */
  unreachable(): string[] {
    return [...this.down.entries()].filter(([, n]) => n > 0).map(([d]) => d).sort();
  }

  /** Nobody unreachable (held requests do not count: their retries went through). */
  get calm(): boolean {
    return this.unreachable().length === 0;
  }

  /** The followers the last outage to end had cut off. */
  get lastReturned(): readonly string[] {
    return this.returned;
  }

  /** Ticks since the last outage ended (0 in the step it ended at); undefined during an outage, or if
   * there never was one. */
  get ticksSinceCalm(): number | undefined {
    return this.calmTicks;
  }

  /**
   * Time passes: held requests are delivered (in the order they were held), faults armed FAULT_LIFETIME
   * ticks ago and not hit lapse, outages count down. Answers the domains that became reachable again.
   */
  async tick(exchange: Exchange): Promise<string[]> {
    const released = this.held;
    this.held = [];
    for (const h of released) await exchange(h.to, h.request);
    for (const a of this.armed) a.ticks += 1;
    this.armed = this.armed.filter((a) => a.ticks < FAULT_LIFETIME);
    const back: string[] = [];
    for (const [domain, n] of this.down) {
      if (n <= 0) continue;
      this.down.set(domain, n - 1);
      if (n - 1 === 0) back.push(domain);
    }
    if (back.length > 0 && this.calm) {
      this.calmTicks = 0;
      this.returned = [...this.away].sort();
      this.away = new Set();
    }
    else if (this.calmTicks !== undefined) this.calmTicks += 1;
    return back.sort();
  }

  /** Carries one request over the link, with whatever fault is armed for it. */
  async carry(to: string, request: MimiRequest, exchange: Exchange): Promise<MimiResponse> {
    // A request the hub relays (a key-material request, §5.2) travels on the hub's link to its target.
    const from = request.via ?? request.from;
    if (to === from || (to !== this.hub && from !== this.hub)) return exchange(to, request);
    const follower = to === this.hub ? from : to;
    if (this.isDown(follower)) return noAnswer();
    // Only requests held before this one can be overtaken by it.
    const overtaken = [...this.held];
    const answer = await this.deliver(to, request, exchange);
    await this.releaseOvertaken(to, overtaken, exchange);
    return answer;
  }

  private take(match: (f: LinkFault) => boolean): LinkFault | undefined {
    const i = this.armed.findIndex((a) => match(a.fault));
    return i < 0 ? undefined : this.armed.splice(i, 1)[0]!.fault;
  }

  private async deliver(to: string, request: MimiRequest, exchange: Exchange): Promise<MimiResponse> {
    const follower = to === this.hub ? request.from : to;
    if (request.endpoint === "notify" || (to === this.hub && (request.endpoint === "update" || request.endpoint === "submitMessage"))) {
      const fault = this.take((f) => (f.kind === "loseRequest" || f.kind === "loseAnswer") && f.follower === follower);
      if (fault !== undefined) {
        this.hits.push({ fault, endpoint: request.endpoint });
        if (fault.kind === "loseRequest") return noAnswer();
        await exchange(to, request);
        return noAnswer();
      }
    }
    if (request.endpoint === "notify") {
      const fault = this.take((f) => (f.kind === "duplicate" || f.kind === "delay") && f.to === to);
      if (fault?.kind === "delay") {
        this.hits.push({ fault, endpoint: request.endpoint });
        this.held.push({ to, request, remaining: fault.overtakenBy });
        return noAnswer();
      }
      const answer = await exchange(to, request);
      if (fault?.kind === "duplicate") {
        this.hits.push({ fault, endpoint: request.endpoint });
        await exchange(to, { ...request, body: request.body.slice() });
      }
      return answer;
    }
    return exchange(to, request);
  }

  /** Held requests to `to` (of `overtaken`) that the request just carried was the last to overtake go now. */
  private async releaseOvertaken(to: string, overtaken: readonly Held[], exchange: Exchange): Promise<void> {
    const due: Held[] = [];
    for (const h of overtaken) {
      if (h.to !== to) continue;
      if (h.remaining === 0) continue;
      h.remaining -= 1;
      if (h.remaining === 0) due.push(h);
    }
    if (due.length === 0) return;
    this.held = this.held.filter((h) => !due.includes(h));
    for (const h of due) await exchange(h.to, h.request);
  }
}
