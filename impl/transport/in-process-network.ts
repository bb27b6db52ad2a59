// In-process delivery between providers, keyed by domain. Calls are sequential and awaited, so a run is
// deterministic. Every request passes through `taps`, which tests and adversaries use to observe or
// rewrite bytes in flight, and which feed the message log of a run.
import { EMPTY, type MimiRequest, type MimiResponse, type MimiServer } from "./mimi-request.js";
import type { UnreliableNetwork } from "./unreliable-network.js";

export type Tap = (to: string, request: MimiRequest) => MimiRequest | undefined;

/**
 * Watches one exchange: called with the request as delivered (after every tap), it may return a function
 * that gets the answer. Observers never change anything.
 */
export type ExchangeObserver = (to: string, request: MimiRequest) => ((response: MimiResponse) => void) | void;

/**
 * How a request reaches the server of domain `to` once the taps and observers have seen it: by default a
 * direct call of `local` (the server registered for `to`); the HTTPS transport sends it over a socket
 * (impl/transport/https-network.ts).
 */
export type Delivery = (to: string, request: MimiRequest, local: MimiServer | undefined) => Promise<MimiResponse>;

const directDelivery: Delivery = async (_to, request, local) => (local === undefined ? { status: 404, body: EMPTY } : local.handle(request));

export interface LoggedExchange {
  to: string;
  request: MimiRequest;
  response: MimiResponse;
}

export class InProcessNetwork {
  private readonly servers = new Map<string, MimiServer>();
  private readonly taps: Tap[] = [];
  private readonly observers: ExchangeObserver[] = [];
  readonly log: LoggedExchange[] = [];
  /** Keep at most this many exchanges in `log` (runs are long; reports need only the tail). */
  logLimit = 200;
  private delivery: Delivery = directDelivery;
  /** Faults on the hub's links (unreliable-network.ts); none when absent, and the links are perfect. */
  links: UnreliableNetwork | undefined;

  register(domain: string, server: MimiServer): void {
    this.servers.set(domain, server);
  }

  /** The server registered for `domain` now (a compromised party may have taken a provider's place). */
  registered(domain: string): MimiServer | undefined {
    return this.servers.get(domain);
  }

  /** Deliver requests this way from now on (see Delivery). */
  useDelivery(delivery: Delivery): void {
    this.delivery = delivery;
  }

  /** A tap may return a rewritten request, or undefined to drop it (the caller then sees a 503). */
  addTap(tap: Tap): () => void {
    this.taps.push(tap);
    return () => {
      const i = this.taps.indexOf(tap);
      if (i >= 0) this.taps.splice(i, 1);
    };
  }

  /** Observe every delivered request and its answer (see ExchangeObserver); answers the way to stop. */
  addObserver(observer: ExchangeObserver): () => void {
    this.observers.push(observer);
    return () => {
      const i = this.observers.indexOf(observer);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  async send(to: string, request: MimiRequest): Promise<MimiResponse> {
    let current: MimiRequest | undefined = { ...request, body: request.body.slice() };
    for (const tap of this.taps) {
      current = tap(to, current);
      if (current === undefined) return { status: 503, body: EMPTY };
    }
    return this.links === undefined ? this.exchange(to, current) : this.links.carry(to, current, this.exchange);
  }

  /** Time passes on the links (UnreliableNetwork.tick); answers the domains reachable again. */
  async tick(): Promise<string[]> {
    return this.links === undefined ? [] : this.links.tick(this.exchange);
  }

  /** One request handed to its server, observed and logged. */
  private readonly exchange = async (to: string, delivered: MimiRequest): Promise<MimiResponse> => {
    const answered = this.observers.map((observe) => observe(to, delivered));
    const response = await this.delivery(to, delivered, this.servers.get(to));
    // Copy so that no receiver keeps a reference into a sender's buffer.
    const copied = { status: response.status, body: response.body.slice() };
    for (const done of answered) if (done !== undefined) done(copied);
    this.log.push({ to, request: delivered, response: copied });
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    return copied;
  };
}
