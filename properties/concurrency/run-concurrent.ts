// A concurrent step: the batch's operations are resolved against one room state and built, each by its own
// client, with the request gate closed, so every request is made before any reaches the hub. fast-check's
// scheduler then releases them one at a time in the order the command's picks choose; each is a step of
// its own, judged by the model in the order the hub decided (linearise.ts), compared, and checked by every
// invariant. A client whose request lost its race builds its operation again on the room it now holds, if
// it still can, and that retry is judged like any step: the losers must recover without diverging.
import fc from "fast-check";
import { abstractState, step, userOf, type ClientId, type Model, type ModelEvent } from "../../model/index.js";
import type { ConcurrentCommand, SimpleCommand } from "../commands/command.js";
import { asOpenJoin, memberClients, resolveCommand } from "../commands/resolve-command.js";
import type { ImplementationUnderTest, WireExchange } from "../runner/implementation-under-test.js";
import type { RunSetup } from "../runner/run-setup.js";
import type { TraceFailure } from "../runner/run-trace.js";
import type { RoomWorld } from "../world/room-world.js";
import { actingClient, judgementAt, lostRace, type BuiltOn, type Judgement } from "./linearise.js";
import { RequestGate, type HeldRequest } from "./request-gate.js";

/** How one delivery of a batch is run by the trace runner (run-trace.ts `runEvent`). */
export interface Delivery {
  /** How the model judges the request as the hub receives it. */
  readonly judgement: Judgement;
  /** Releases the request (or, for one the client refused by itself, reads its answer): the code. */
  readonly perform: () => Promise<string>;
  /** Clients whose own external join is still in flight: they hold a provisional epoch, not the room. */
  readonly hidden: ReadonlySet<ClientId>;
  /** What crossed the network while the request was built (key material, a GroupInfo). */
  readonly builtWire: readonly WireExchange[];
  /** The interleaving in words: what else was in flight, and which request overtook which. */
  readonly race: string;
}

/** What the batch needs of the trace runner. */
export interface BatchHost {
  readonly world: RoomWorld;
  readonly impl: ImplementationUnderTest;
  readonly setup: RunSetup;
  model(): Model;
  previousMembers(): ReadonlySet<ClientId>;
  /** The event in the report's words ("u1/d0 (ordinary_user) bans u2"). */
  describe(event: ModelEvent): string;
  skip(text: string): void;
  /** Runs one delivery as a step (or, without a delivery, the event as an ordinary step). */
  run(event: ModelEvent, delivery?: Delivery, text?: string): Promise<TraceFailure | undefined>;
  fail(check: string, message: string): TraceFailure;
}

interface BuiltPart {
  readonly label: string;
  readonly event: ModelEvent;
  readonly text: string;
  readonly held: HeldRequest | undefined;
  readonly settled: Promise<{ value: string } | { thrown: unknown }>;
  readonly builtWire: readonly WireExchange[];
}

const ordinal = (n: number) => `${n}${n === 1 ? "st" : n === 2 ? "nd" : n === 3 ? "rd" : "th"}`;

async function codeOf(part: BuiltPart): Promise<string> {
  const r = await part.settled;
  if ("thrown" in r) throw r.thrown;
  return r.value;
}

/**
 * The order in which the held requests reach the hub, as indexes into `held`: each pick chooses among the
 * requests still held (modulo their number), and fast-check's scheduler releases them in that order. Under
 * may-omit, proposals go after the batch's commits (docs/rules.md "Races": the model has no operation
 * commit that omits only the proposals accepted after it was built).
 */
export async function deliveryOrder(held: readonly { readonly kind: string }[], picks: readonly number[], mayOmit: boolean): Promise<number[]> {
  const remaining = held.map((_, i) => i);
  const chosen: number[] = [];
  for (const pick of picks) {
    if (remaining.length === 0) break;
    chosen.push(remaining.splice(pick % remaining.length, 1)[0]!);
  }
  chosen.push(...remaining);
  const order = mayOmit ? [...chosen.filter((i) => held[i]!.kind !== "proposals"), ...chosen.filter((i) => held[i]!.kind === "proposals")] : chosen;
  // Task ids are given in scheduling order, from 1.
  const scheduler = fc.schedulerFor(order.map((i) => i + 1));
  const released: number[] = [];
  const tasks = held.map((_, i) => scheduler.schedule(Promise.resolve(i), `request ${i}`).then((j) => released.push(j)));
  await scheduler.waitAll();
  await Promise.all(tasks);
  return released;
}

/**
 * `event` tied to the batch's previous request, so that both are about one user: its actor becomes a member
 * client of the previous request's target (a joining client of it, for a join), or else its target becomes
 * the previous actor's user. Indexes still choose among the candidates; nothing fits, nothing changes.
 */
function entangled(event: ModelEvent, previous: ModelEvent, part: SimpleCommand, model: Model, world: RoomWorld): ModelEvent {
  const users = abstractState(model).users;
  const target = "target" in previous && previous.type !== "addParticipant" ? previous.target : undefined;
  const index = part.op === "addOwnClient" ? part.client : part.actor;
  if (target !== undefined && event.type === "addOwnClient") {
    const joiners = world.clientsOf[target]!.filter((c) => !(users[target]?.clients ?? []).includes(c));
    if (joiners.length > 0) return { ...event, client: joiners[index % joiners.length]!, user: target };
  }
  if (target !== undefined && "actor" in event) {
    const clients = users[target]?.clients ?? [];
    if (clients.length > 0) return { ...event, actor: clients[index % clients.length]! };
  }
  const previousUser = userOf(actingClient(previous)!);
  if ("target" in event && event.type !== "addParticipant" && userOf(actingClient(event)!) !== previousUser) return { ...event, target: previousUser };
  return event;
}

/** The part's event with an actor that has no request in flight yet: the actor (or joining client) index
 * moves on to the next candidate until one is free (one client sends one request at a time). */
function distinctActor(part: SimpleCommand, acting: ReadonlySet<ClientId>, resolve: (part: SimpleCommand) => ModelEvent | undefined): ModelEvent | undefined {
  let first: ModelEvent | undefined;
  for (let shift = 0; shift < 16; shift++) {
    const shifted: SimpleCommand = part.op === "addOwnClient" ? { ...part, client: part.client + shift } : { ...part, actor: part.actor + shift };
    const event = resolve(shifted);
    first ??= event;
    if (event === undefined || !acting.has(actingClient(event)!)) return event ?? first;
  }
  return first;
}

export async function runConcurrent(host: BatchHost, command: ConcurrentCommand): Promise<TraceFailure | undefined> {
  const { impl, setup, world } = host;
  const model = host.model();
  const state = abstractState(model);
  const builtOn: BuiltOn = { epoch: state.epoch, pending: state.pending };
  const gate = RequestGate.of(impl.system);
  const acting = new Set<ClientId>();
  const parts: BuiltPart[] = [];
  const joinersInFlight = () => new Set(parts.filter((p) => p.held !== undefined && p.event.type === "addOwnClient").map((p) => actingClient(p.event)!));

  let previous: ModelEvent | undefined;
  for (const [i, command_] of command.parts.entries()) {
    const tie = i > 0 && command.entangle?.[i - 1] === true ? previous : undefined;
    const resolve = (c: SimpleCommand) => {
      const resolved = resolveCommand(c, { world, model, previousMembers: host.previousMembers() });
      return resolved === undefined || tie === undefined ? resolved : asOpenJoin(entangled(resolved, tie, c, model, world), model);
    };
    const event = distinctActor(command_, acting, resolve);
    previous = event ?? previous;
    if (event === undefined) {
      host.skip(`(${command_.op}: nobody in this room can do it; skipped)`);
      continue;
    }
    const text = host.describe(event);
    const actor = actingClient(event)!;
    if (acting.has(actor)) {
      host.skip(`(${text}: every client that could do it already has a request in flight; skipped)`);
      continue;
    }
    // An open join's /groupInfo request is never held (fetches pass the gate), and the hub's listing it
    // makes would overtake the batch's held commits unseen by the model: open joins run alone.
    if (event.type === "openJoin") {
      host.skip(`(${text}: an open join is not held with others; skipped)`);
      continue;
    }
    const unavailable = impl.unavailable(event);
    if (unavailable !== undefined) {
      host.skip(`(${text}: ${unavailable}; skipped)`);
      continue;
    }
    if (setup.skipRefusedOperations === true && !step(model, event).verdict.accepted) {
      host.skip(`(${text}: the model refuses it; skipped)`);
      continue;
    }
    acting.add(actor);
    impl.takeExchanges();
    const { held, settled } = await gate.build(() => impl.apply(event));
    const part: BuiltPart = { label: String.fromCharCode(97 + i), event, text, held, settled, builtWire: impl.takeExchanges() };
    if (held !== undefined) {
      parts.push(part);
      continue;
    }
    // Refused by the client itself before anything was sent: judged where it happened, before any delivery.
    const delivery: Delivery = {
      judgement: { kind: "event", event },
      perform: () => codeOf(part),
      hidden: joinersInFlight(),
      builtWire: part.builtWire,
      race: `[${part.label}] built beside ${parts.length} request(s) in flight; refused by its own client, nothing sent`,
    };
    const failure = await host.run(event, delivery, text);
    if (failure !== undefined) return failure;
  }
  if (parts.length === 0) return undefined;

  const order = await deliveryOrder(parts.map((p) => ({ kind: p.held!.kind })), command.picks, setup.variants.pendingProposals === "may-omit");
  const name = (p: BuiltPart) => `[${p.label}] ${p.text.replace(/ \([^)]*\)/, "")}`;
  const losers: BuiltPart[] = [];
  for (const [n, i] of order.entries()) {
    const part = parts[i]!;
    const judgement = judgementAt(part.event, builtOn, host.model());
    const later = order.slice(n + 1).map((j) => parts[j]!);
    const overtaken = later.filter((p) => parts.indexOf(p) < i);
    const others = parts.filter((p) => p !== part);
    const race = [
      `in flight from epoch ${builtOn.epoch}${others.length > 0 ? ` with ${others.map(name).join(", ")}` : ", alone"}`,
      `reached the hub ${ordinal(n + 1)} of ${parts.length}${overtaken.length > 0 ? `, overtaking ${overtaken.map(name).join(", ")}` : ""}`,
      ...(judgement.why !== undefined ? [judgement.why] : []),
    ].join("; ");
    const hidden = new Set(later.filter((p) => p.event.type === "addOwnClient").map((p) => actingClient(p.event)!));
    const delivery: Delivery = {
      judgement,
      perform: async () => {
        await gate.release(part.held!);
        return codeOf(part);
      },
      hidden,
      builtWire: part.builtWire,
      race: `[${part.label}] ${race}`,
    };
    const failure = await host.run(part.event, delivery, part.text);
    if (failure !== undefined) return failure;
    const outcome = part.held!.outcome;
    if (outcome !== undefined && (outcome.code === "wrongEpoch" || outcome.code === "epochTooOld")) {
      const now = abstractState(host.model()).epoch;
      if (outcome.currentEpoch === undefined || Number(outcome.currentEpoch) !== now)
        return host.fail("race", `${part.text}: the hub answered ${outcome.code} with currentEpoch ${String(outcome.currentEpoch)}, its room is in epoch ${now}`);
    }
    if (lostRace(judgement, await codeOf(part))) losers.push(part);
  }

  // The losers build their operations again on the room they now hold, if they still can.
  for (const part of losers) {
    const now = host.model();
    const actor = actingClient(part.event)!;
    const member = memberClients(now).includes(actor);
    const canTryAgain = part.event.type === "addOwnClient" ? !member && abstractState(now).users[userOf(actor)] !== undefined : member;
    if (!canTryAgain || impl.unavailable(part.event) !== undefined) continue;
    const failure = await host.run(part.event, undefined, `↻ ${host.describe(part.event)}, again after losing its race`);
    if (failure !== undefined) return failure;
  }
  return undefined;
}
