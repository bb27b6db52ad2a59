// Requests in flight. A client builds its request (commit, proposal bundle or message) on the state it
// holds and hands it to its provider; the gate, installed on every provider's uplink, can hold the
// request there, already built and signed, and release it later. So several clients can build on one
// epoch before any request reaches the hub, and the order in which the hub gets them is chosen apart.
// Fetching key material or a GroupInfo (part of building) always passes; the network itself is untouched.
import type { ClientUplink, SubmitOutcome, UpdateOutcome } from "../../impl/client/uplink.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";

export type HeldKind = "commit" | "proposals" | "message";

/** One request held at its provider: released, it is sent to the hub and its answer handed back. */
export interface HeldRequest {
  readonly kind: HeldKind;
  /** The hub's answer once released (with `currentEpoch` when it says the request came too late). */
  outcome?: UpdateOutcome | SubmitOutcome;
}

interface Holding extends HeldRequest {
  readonly send: () => Promise<UpdateOutcome | SubmitOutcome>;
  readonly answer: (outcome: UpdateOutcome | SubmitOutcome) => void;
  readonly fail: (error: unknown) => void;
}

const gates = new WeakMap<MimiSystem, RequestGate>();

export class RequestGate {
  private holding = false;
  private waiter: ((held: HeldRequest) => void) | undefined;

  private constructor() {}

  /** The gate of `system`, installed on its providers' uplinks the first time it is asked for. */
  static of(system: MimiSystem): RequestGate {
    let gate = gates.get(system);
    if (gate !== undefined) return gate;
    const created = new RequestGate();
    for (const provider of system.providers.values()) created.wrap(provider.uplink);
    gates.set(system, created);
    return created;
  }

  private wrap(uplink: ClientUplink): void {
    const { sendCommit, sendProposals, submitMessage } = uplink;
    uplink.sendCommit = (roomId, bundle) => this.pass("commit", () => sendCommit(roomId, bundle)) as Promise<UpdateOutcome>;
    uplink.sendProposals = (roomId, bundle) => this.pass("proposals", () => sendProposals(roomId, bundle)) as Promise<UpdateOutcome>;
    uplink.submitMessage = (roomId, message, sendingUri) => this.pass("message", () => submitMessage(roomId, message, sendingUri)) as Promise<SubmitOutcome>;
  }

  private pass(kind: HeldKind, send: () => Promise<UpdateOutcome | SubmitOutcome>): Promise<UpdateOutcome | SubmitOutcome> {
    if (!this.holding) return send();
    return new Promise((answer, fail) => {
      const held: Holding = { kind, send, answer, fail };
      const waiter = this.waiter;
      this.waiter = undefined;
      if (waiter === undefined) fail(new Error("a request was held with nobody building it"));
      else waiter(held);
    });
  }

  /**
   * Runs `build` (a client's whole operation) with the gate closed: answers the request it handed to its
   * provider, held, or undefined when the operation ended without sending one (the client refused by
   * itself). `settled` is the operation's own promise, which ends once the held request is released.
   */
  async build<T>(operation: () => Promise<T>): Promise<{ held: HeldRequest | undefined; settled: Promise<{ value: T } | { thrown: unknown }> }> {
    this.holding = true;
    try {
      const held = new Promise<HeldRequest>((resolve) => (this.waiter = resolve));
      const settled = operation().then(
        (value) => ({ value }),
        (thrown: unknown) => ({ thrown }),
      );
      const first = await Promise.race([held, settled.then(() => undefined)]);
      return { held: first, settled };
    } finally {
      this.holding = false;
      this.waiter = undefined;
    }
  }

  /** Sends a held request to the hub now; resolves once the hub answered (its fanout included). */
  async release(request: HeldRequest): Promise<void> {
    const held = request as Holding;
    try {
      const outcome = await held.send();
      held.outcome = outcome;
      held.answer(outcome);
    } catch (e) {
      held.fail(e);
    }
  }
}
