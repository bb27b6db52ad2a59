// One property run: the room is created, then each command is resolved against the model, judged by
// the model, performed on the implementation, and the two compared — the verdict (code included), what
// every honest client decided, and the abstract state read from the hub and from each member client.
// The implementation's invariants are checked after every step. The first discrepancy ends the run.
import {
  abstractState, describeEvent, emptyMessageLog, forgetClients, initialModel, step, userOf, type ClientId, type MessageLog, type Model,
  type ModelEvent, type UserId, type Verdict,
} from "../../model/index.js";
import type { AttackCommand, Command, SimpleCommand } from "../commands/command.js";
import { runConcurrent, type BatchHost, type Delivery } from "../concurrency/run-concurrent.js";
import { judgeAttack } from "../adversaries/judge-attack.js";
import { armAttachment } from "../assets/attachments.js";
import { HUB_CONDUCT_INVARIANTS, inModelRoom, judgeAttackUnderCompromisedHub, judgeHubAttack, judgeUnderCompromisedHub } from "../adversaries/compromised-hub-judgement.js";
import { resolveAttack, type ResolvedAttack } from "../adversaries/resolve-attack.js";
import { expandCommand } from "../commands/expand-command.js";
import type { NetworkCommand } from "../network/network-command.js";
import { armNetworkFault, installNetwork, passTime, takeFaultHits, unreachableFollowers, unreachableFor } from "../network/network-steps.js";
import { laggingClients } from "../network/convergence.js";
import { memberClients, resolveCommand } from "../commands/resolve-command.js";
import { premiseHolds } from "../coverage/invariant-premises.js";
import type { StepFacts } from "../invariants/implementation-invariants.js";
import { RunCoverage } from "../coverage/run-coverage.js";
import { roleName, type RoomWorld } from "../world/room-world.js";
import { compareStep } from "./compare-step.js";
import { judgeAcceptedMessage, timelineArrivals } from "./message-decisions.js";
import { StepDecisionWatch } from "./step-decisions.js";
import { ImplementationUnderTest, type WireExchange } from "./implementation-under-test.js";
import { findInternalError, NO_INTERNAL_ERROR } from "./no-internal-error.js";
import { observeImplementation, type ImplementationObservation } from "./observe-implementation.js";
import { worldFor, type RunSetup } from "./run-setup.js";

export interface StepRecord {
  /** 1 is the room's creation. */
  readonly index: number;
  /** The step in words, e.g. "u1/d0 (ordinary_user) bans u2". */
  readonly text: string;
  readonly event?: ModelEvent;
  readonly modelVerdict?: Verdict;
  readonly implCode?: string;
  /** The command ran no operation: nobody in the model's room could do it (see resolve-command.ts), or the
   * implementation's room, left behind by a faulty hub, could not build it (invariants-only runs). */
  readonly skipped: boolean;
  /** What crossed the network during the step, in order. */
  readonly wire?: readonly WireExchange[];
  /** A request delivered from a concurrent batch: what else was in flight and which request overtook which. */
  readonly race?: string;
}

export interface TraceFailure {
  readonly step: number;
  /** "verdict", "client decision", "state", or an invariant id and name ("P0 no internal error" for an exception or a 5xx). */
  readonly check: string;
  readonly message: string;
  /** Local details that never crossed the wire: the stack lines of an internal error. */
  readonly detail?: readonly string[];
}

export interface TraceResult {
  readonly steps: StepRecord[];
  readonly failure?: TraceFailure;
  readonly coverage: RunCoverage;
}

/** The client whose own operation the event is (its adoption of it is no independent decision). */
const actorOf = (event: ModelEvent): ClientId | undefined => ("actor" in event ? event.actor : event.type === "addOwnClient" ? event.client : undefined);

function words(world: RoomWorld, model: Model, event: ModelEvent): string {
  const text = describeEvent(event);
  if (!("actor" in event)) return text;
  const role = abstractState(model).users[userOf(event.actor)]?.role ?? 0;
  return text.replace(event.actor, `${event.actor} (${roleName(world, role)})`);
}

/**
 * A run in progress: the model and a fresh deployment side by side. `start` creates the room; each
 * `step` resolves one command, runs it on both and checks them; `result` is the trace so far. The first
 * discrepancy stops the run: later steps are ignored.
 */
export class TraceRunner {
  readonly coverage = new RunCoverage();
  private readonly steps: StepRecord[] = [];
  private failure: TraceFailure | undefined;
  private readonly membersByEpoch = new Map<number, Set<ClientId>>();
  private leavers = new Set<UserId>();
  private hubEpoch = 0n;
  private model: Model;
  /** What a compromised hub did so far, in words: from its first attack on, the hub is the adversary. */
  private readonly hubMisdeeds: string[] = [];
  private lastObservation: ImplementationObservation | undefined;
  /** The messages the hub accepted and who holds them (model/messageRules.ts), beside the room model. */
  private messages: MessageLog = emptyMessageLog;
  /** Discards the model predicted for clients that had not got the message yet ("client-uri message-hex"):
   * expected when it arrives late. */
  private readonly expectedDiscards = new Set<string>();

  private constructor(
    readonly setup: RunSetup,
    readonly world: RoomWorld,
    readonly impl: ImplementationUnderTest,
  ) {
    this.model = initialModel(world.config);
    this.coverage.runs = 1;
  }

  static async start(setup: RunSetup): Promise<TraceRunner> {
    const world = worldFor(setup);
    const impl = await ImplementationUnderTest.create({
      world, roleSet: setup.roleSet, variants: setup.variants, hubFaults: setup.hubFaults, clientFaults: setup.clientFaults, provider: setup.provider, keyPackagePool: setup.keyPackagePool, credentials: setup.credentials, transport: setup.transport, messageTimestampGranularityMs: setup.messageTimestampGranularityMs,
    });
    installNetwork(impl, setup);
    const runner = new TraceRunner(setup, world, impl);
    const creator = world.users[0]!;
    runner.failure = await runner.runEvent({ type: "createRoom", creator, creatorClient: world.clientsOf[creator]![0]! });
    return runner;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  result(): TraceResult {
    return { steps: [...this.steps], coverage: this.coverage, ...(this.failure !== undefined ? { failure: this.failure } : {}) };
  }

  /** Runs one command (a compound one part by part, each a step; a concurrent batch's requests in the order
   * the hub gets them, each a step); answers the failure it caused, if any. */
  async step(command: Command): Promise<TraceFailure | undefined> {
    // On faulty links time passes before each command (properties/network).
    if (this.failure === undefined) await this.passTime();
    if (command.op === "network") return this.stepNetwork(command);
    if (command.op === "concurrent" && unreachableFollowers(this.impl).length > 0) {
      // Operations in flight together go through the links being judged: they wait while a follower is away.
      this.steps.push({ index: this.steps.length + 1, text: `(concurrent operations: ${unreachableFollowers(this.impl).join(", ")} unreachable; skipped)`, skipped: true });
      this.coverage.countCommand("skipped");
      return this.failure;
    }
    if (command.op === "concurrent") {
      if (this.failure === undefined) this.failure = await runConcurrent(this.batchHost(), command);
      return this.failure;
    }
    for (const part of expandCommand(command)) if ((await this.stepSimple(part)) !== undefined) break;
    this.countNetwork();
    return this.failure;
  }

  /** What a concurrent batch (properties/concurrency) needs of this run. */
  private batchHost(): BatchHost {
    return {
      world: this.world,
      impl: this.impl,
      setup: this.setup,
      model: () => this.model,
      previousMembers: () => this.membersByEpoch.get(abstractState(this.model).epoch - 1) ?? new Set(),
      describe: (event) => words(this.world, this.model, event),
      skip: (text) => {
        this.steps.push({ index: this.steps.length + 1, text, skipped: true });
        this.coverage.countCommand("skipped");
      },
      run: (event, delivery, text) => this.runEvent(event, delivery, text),
      fail: (check, message) => ({ step: this.steps.length, check, message }),
    };
  }

  private async stepSimple(command: SimpleCommand | AttackCommand): Promise<TraceFailure | undefined> {
    if (this.failure !== undefined) return this.failure;
    if (command.op === "attack") return this.stepAttack(command);
    const epoch = abstractState(this.model).epoch;
    const event = resolveCommand(command, { world: this.world, model: this.model, previousMembers: this.membersByEpoch.get(epoch - 1) ?? new Set(), messages: this.messages });
    if (event === undefined) {
      this.steps.push({ index: this.steps.length + 1, text: `(${command.op}: nobody in this room can do it; skipped)`, skipped: true });
      this.coverage.countCommand("skipped");
      return undefined;
    }
    // A download command's message is an attachment, which a client that gets it then downloads through the
    // hub (properties/assets); disarmed after, had the step not sent it.
    if (command.op === "download") armAttachment(this.impl.system, command.receiver);
    this.failure = await this.runEvent(event, undefined, command.op === "download" ? `${words(this.world, this.model, event)}: an attachment, which a receiver downloads through the hub` : undefined);
    if (command.op === "download") armAttachment(this.impl.system, undefined);
    return this.failure;
  }

  /** Clients that held the room in any epoch so far (former members are those of them no longer in it). */
  private everMembers(): Set<ClientId> {
    return new Set([...this.membersByEpoch.values()].flatMap((members) => [...members]));
  }

  /** A fault armed on the links for what follows (it changes nothing by itself). */
  private async stepNetwork(command: NetworkCommand): Promise<TraceFailure | undefined> {
    if (this.failure !== undefined) return this.failure;
    const text = armNetworkFault(this.impl, command, this.setup.networkFaultClasses);
    this.steps.push({ index: this.steps.length + 1, text: text ?? "(network: the links are perfect in this run; skipped)", skipped: text === undefined });
    if (text === undefined) this.coverage.countCommand("skipped");
    this.countNetwork();
    return undefined;
  }

  /** Time passes on faulty links: held requests arrive, outages count down, and the hub redelivers what a
   * returning follower missed, which its clients process at once (a step of its own when anything arrived). */
  private async passTime(): Promise<void> {
    const { impl } = this;
    if (impl.system.network.links === undefined) return;
    const refusalsBefore = impl.refusals().length;
    const errorsBefore = impl.internalErrors().length;
    impl.takeExchanges();
    const passed = await passTime(impl);
    const wire = impl.takeExchanges();
    if (passed.back.length === 0 && wire.length === 0 && passed.thrown === undefined) return;
    this.lastObservation = undefined;
    const index = this.steps.length + 1;
    const lagging = laggingClients(impl);
    const text = passed.back.length > 0
      ? `network: ${passed.back.join(", ")} reachable again; the hub delivers the ${passed.redelivered} notification(s) waiting; ${lagging.length === 0 ? "every reachable member agrees with the hub again" : `${lagging.length} member(s) still behind`}`
      : `network: time passes; ${wire.length} held request(s) arrive late`;
    this.steps.push({ index, text, skipped: false, wire });
    if (passed.back.length > 0 && lagging.length === 0) this.coverage.convergence.push(0);
    const errors = impl.internalErrors().slice(errorsBefore);
    if (passed.thrown !== undefined || errors.length > 0)
      this.failure = { step: index, check: `${NO_INTERNAL_ERROR.id} ${NO_INTERNAL_ERROR.name}`, message: passed.thrown ?? `${errors[0]!.domain} answered 500 to /${errors[0]!.endpoint}`, ...(errors.length > 0 ? { detail: errors[0]!.error.split("\n").slice(0, 8) } : {}) };
    else if (impl.refusals().slice(refusalsBefore).some((r) => !this.expectedDiscard(r)))
      this.failure = { step: index, check: "client decision", message: impl.refusals().slice(refusalsBefore).filter((r) => !this.expectedDiscard(r)).map(({ client, refusal }) => `${client} refused the ${refusal.what}: ${refusal.code} (${refusal.rule}: ${refusal.reason})`).join("; ") };
  }

  /** A refusal that is a discard the model predicted for a message that reached its client late. */
  private expectedDiscard({ client, refusal }: { client: string; refusal: { code: string; reason: string } }): boolean {
    const id = / message ([0-9a-f]+)$/.exec(refusal.reason)?.[1];
    return refusal.code === "discarded" && id !== undefined && this.expectedDiscards.has(`${client} ${id}`);
  }

  /** The faults the links took since the last count. */
  private countNetwork(): void {
    for (const id of takeFaultHits(this.impl)) this.coverage.countNetworkFault(id);
  }

  private async stepAttack(command: AttackCommand): Promise<TraceFailure | undefined> {
    // While a follower is away, attacks wait: what they would build goes through the links being judged.
    const away = unreachableFollowers(this.impl);
    if (away.length > 0) {
      this.steps.push({ index: this.steps.length + 1, text: `(attack: ${away.join(", ")} unreachable; skipped)`, skipped: true });
      this.coverage.countCommand("skipped");
      return undefined;
    }
    const parties = this.setup.adversaries ?? new Set();
    const resolved = resolveAttack(command, { world: this.world, model: this.model, impl: this.impl, parties, everMembers: this.everMembers(), attackClasses: this.setup.attackClasses });
    if (resolved === undefined || resolved.kind === "unbuildable") {
      const why = resolved === undefined ? "attack: no compromised party enabled" : resolved.text;
      this.steps.push({ index: this.steps.length + 1, text: `(${why}; skipped)`, skipped: true });
      this.coverage.countCommand("skipped");
      return undefined;
    }
    this.failure = await this.runAttack(resolved);
    return this.failure;
  }

  /** One attack: the model's room stays as it is; the implementation must refuse it (or, where the model
   * cannot express it, keep every invariant). */
  private async runAttack(resolved: Extract<ResolvedAttack, { kind: "planned" }>): Promise<TraceFailure | undefined> {
    const { impl, setup } = this;
    const { attack, plan, text } = resolved;
    const index = this.steps.length + 1;
    if (this.hubCompromised && attack.party !== "hub" && attack.defender === "hub") {
      // The hub is this class's only defender (docs/attacks.md), and it is the adversary now: a compromised
      // hub colluding with another compromised party is a limit stated there, not a failure of the clients.
      this.steps.push({ index, text: `(${text}: its only defender, the hub, is compromised; skipped)`, skipped: true });
      this.coverage.countCommand("skipped");
      return undefined;
    }
    const before = this.lastObservation ?? observeImplementation(impl);
    this.lastObservation = undefined;
    const { watch, code, thrown, wire, newInternalErrors } = await this.perform(() => plan.perform());
    const attackSent = wire.some((w) => /update|submitMessage/.test(w.endpoint));
    if (thrown !== undefined && newInternalErrors.length === 0 && !attackSent) {
      // The compromised party's own tools (ts-mls) would not build the message: nothing was sent, nothing
      // to judge, as for any command nobody in the room can perform. (Anything thrown once it was sent is
      // judged as an internal error.)
      const why = thrown.value instanceof Error ? thrown.value.message : String(thrown.value);
      this.steps.push({ index, text: `(${text}: the attacker could not build it: ${why}; skipped)`, skipped: true, wire });
      this.coverage.countCommand("skipped");
      return undefined;
    }
    const internalError = findInternalError(resolved.attacker, thrown, wire, newInternalErrors);
    this.steps.push({ index, text, event: plan.base, ...(thrown === undefined ? { implCode: code } : {}), skipped: false, wire });
    if (internalError !== undefined) return { step: index, check: `${NO_INTERNAL_ERROR.id} ${NO_INTERNAL_ERROR.name}`, ...internalError };
    this.coverage.countCommand(code === "accepted" ? "accepted" : "refused");
    this.coverage.countAttack(attack.id, code === "accepted" ? "accepted" : "refused");
    this.coverage.countPremise(NO_INTERNAL_ERROR.id);
    const { after, fannedOut, blockedBefore } = this.observeAfter(before);
    const modelBefore = this.model;
    // Whether the hub misbehaved before this attack: another party's attack is then judged at the clients.
    const hubCompromisedBefore = this.hubCompromised;
    if (attack.party === "hub") this.hubMisdeeds.push(`${plan.sent} [${attack.id}]`);
    // An honest operation the compromised hub accepted and fanned out (to some, or out of order) took place.
    const taken = plan.modelTakes === true ? step(this.model, plan.base) : undefined;
    if (taken?.verdict.accepted === true) {
      this.model = taken.model;
      this.membersByEpoch.set(abstractState(this.model).epoch, new Set(memberClients(this.model)));
    }
    const actor = attack.party === "client" ? resolved.attacker : taken !== undefined && "actor" in plan.base ? plan.base.actor : undefined;
    const decisions = watch.finish(impl, actor);
    if (setup.compareWithModel) {
      const judged = inModelRoom(before, abstractState(modelBefore));
      const mismatch = attack.party === "hub"
        ? judgeHubAttack(attack, plan, decisions, judged)
        : hubCompromisedBefore
          ? judgeAttackUnderCompromisedHub(attack, plan, decisions, judged, this.hubMisdeeds)
          : judgeAttack(attack, plan, this.model, code, decisions, after);
      if (mismatch !== undefined) return { step: index, ...mismatch };
    }
    const facts = { event: plan.base, code, before, after, blockedBefore, fannedOut, impl, attack: { id: attack.id, attacker: resolved.attacker } };
    return this.checkInvariants(index, { ...facts, ...this.judging(modelBefore, taken?.verdict.accepted === true, decisions.refusedBy) });
  }

  /** Runs one event as a step; `delivery`: a request of a concurrent batch, built earlier and released now,
   * which the model judges as the hub receives it (properties/concurrency/linearise.ts). */
  private async runEvent(event: ModelEvent, delivery?: Delivery, retold?: string): Promise<TraceFailure | undefined> {
    const { impl, setup } = this;
    const index = this.steps.length + 1;
    const text = retold ?? words(this.world, this.model, event);
    const judgement = delivery?.judgement ?? { kind: "event", event };
    const judged = judgement.kind === "event" ? judgement.event : event;
    const { model: next, verdict } = judgement.kind === "event" ? step(this.model, judgement.event) : { model: this.model, verdict: judgement.verdict };
    const race = delivery === undefined ? {} : { race: delivery.race };
    if (delivery === undefined && setup.skipRefusedOperations === true && event.type !== "createRoom" && !verdict.accepted) {
      this.steps.push({ index, text: `(${text}: the model refuses it; skipped)`, skipped: true });
      this.coverage.countCommand("skipped");
      return undefined;
    }
    // A concurrent batch's parts were all built before a follower went away (batches wait meanwhile).
    const away = delivery === undefined ? unreachableFor(impl, event) : undefined;
    if (away !== undefined) {
      this.steps.push({ index, text: `(${text}: ${away}; skipped)`, skipped: true });
      this.coverage.countCommand("skipped");
      return undefined;
    }
    // Nothing runs between steps, so the last step's "after" is this one's "before".
    const observed = event.type === "createRoom" ? undefined : (this.lastObservation ?? observeImplementation(impl));
    const before = observed === undefined ? undefined : withoutClients(observed, delivery?.hidden);
    this.lastObservation = undefined;
    const unavailable = delivery === undefined ? impl.unavailable(event) : undefined;
    if (unavailable !== undefined) {
      if (!setup.compareWithModel || this.hubCompromised) {
        // Judged by invariants alone (or with a compromised hub, which forks and withholds as it likes), the implementation may leave the model behind (a faulty hub accepts
        // what the model refused), so an operation the model still thinks possible may have no form in the
        // implementation's room: it runs nothing, and is counted apart so a report can say so.
        this.steps.push({ index, text: `(${text}: ${unavailable}; the implementation's room has left the model's; skipped)`, skipped: true });
        this.coverage.countCommand("diverged");
        return undefined;
      }
      // Compared step by step, the two rooms agreed after the last step: this is a discrepancy of state.
      this.steps.push({ index, text, event, modelVerdict: verdict, skipped: false });
      return { step: index, check: "state", message: `the model lets ${text.split(" ")[0]} act, but ${unavailable}` };
    }
    const arrivalsBefore = event.type === "sendMessage" ? timelineArrivals(impl) : undefined;
    const { watch, code, thrown, wire: sent, newInternalErrors } = await this.perform(delivery?.perform ?? (() => impl.apply(event)));
    const wire = delivery === undefined ? sent : [...delivery.builtWire, ...sent];
    const internalError = findInternalError(text.split(" ")[0]!, thrown, wire, newInternalErrors);
    if (internalError !== undefined) {
      this.steps.push({ index, text, event, modelVerdict: verdict, ...(thrown === undefined ? { implCode: code } : {}), skipped: false, wire, ...race });
      return { step: index, check: `${NO_INTERNAL_ERROR.id} ${NO_INTERNAL_ERROR.name}`, ...internalError };
    }
    this.steps.push({ index, text, event, modelVerdict: verdict, implCode: code, skipped: false, wire, ...race });
    if (event.type !== "createRoom") {
      this.coverage.countCommand(code === "accepted" ? "accepted" : "refused");
      this.coverage.countPremise(NO_INTERNAL_ERROR.id);
    }
    // A stale proposal's verdict is written from the draft, not the model's: no model coverage to record.
    if (judgement.kind === "event") this.coverage.record(verdict, this.model, next, judged.type);
    const modelBefore = this.model;
    // Once the hub is compromised the model follows the honest history that took place: what it accepts and
    // the hub accepted too (what the hub's forked view refuses leaves the clients where they were).
    if (!this.hubCompromised || code === "accepted") this.model = next;
    const observedAfter = this.observeAfter(before);
    const { fannedOut, blockedBefore } = observedAfter;
    const after = withoutClients(observedAfter.after, delivery?.hidden);
    if (judged.type === "leave" && code === "accepted" && after.hub.epoch === (before?.hub.epoch ?? 0n)) this.leavers.add(userOf(judged.actor));
    this.membersByEpoch.set(abstractState(this.model).epoch, new Set(memberClients(this.model)));
    this.messages = forgetClients(this.messages, new Set(memberClients(this.model)));

    if (setup.compareWithModel) {
      const actor = "actor" in event ? event.actor : event.type === "addOwnClient" ? event.client : undefined;
      let decisions = watch.finish(impl, actor);
      if (judged.type === "sendMessage" && code === "accepted" && !this.hubCompromised && arrivalsBefore !== undefined) {
        // What each receiver kept or discarded of the message, against the model's message rules.
        const judgement = judgeAcceptedMessage(this.messages, this.model, judged, impl, arrivalsBefore, decisions);
        this.messages = judgement.log;
        decisions = judgement.decisions;
        for (const late of judgement.lateDiscards) this.expectedDiscards.add(late);
        for (const fate of judgement.tally) this.coverage.countMessage(fate);
        if (judgement.mismatch !== undefined) return { step: index, ...judgement.mismatch };
      }
      const mismatch = this.hubCompromised
        ? judgeUnderCompromisedHub(judged, verdict, decisions, inModelRoom(before, abstractState(modelBefore)), this.hubMisdeeds)
        : compareStep(this.model, judged, verdict, code, decisions, after, setup.compareRules !== false);
      if (mismatch !== undefined) return { step: index, ...mismatch };
    } else if (judged.type === "sendMessage" && code === "accepted" && !this.hubCompromised && arrivalsBefore !== undefined) {
      // Judged by invariants alone, the record still follows the messages, for later ones to name them.
      const judgement = judgeAcceptedMessage(this.messages, this.model, judged, impl, arrivalsBefore, watch.finish(impl, actorOf(judged)));
      this.messages = judgement.log;
      for (const late of judgement.lateDiscards) this.expectedDiscards.add(late);
    }
    return before === undefined ? undefined : this.checkInvariants(index, { event: judged, code, before, after, blockedBefore, fannedOut, impl, ...this.judging(modelBefore, verdict.accepted, watch.finish(impl, actorOf(judged)).refusedBy) });
  }

  /** Runs one operation, capturing its answer, anything thrown, the requests it caused and the servers'
   * internal errors; the decision watch starts before it. */
  private async perform(operation: () => Promise<string>) {
    const { impl } = this;
    const watch = StepDecisionWatch.begin(impl);
    const internalErrorsBefore = impl.internalErrors().length;
    impl.takeExchanges();
    let code = "";
    let thrown: { value: unknown } | undefined;
    try {
      code = await operation();
    } catch (e) {
      thrown = { value: e };
    }
    return { watch, code, thrown, wire: impl.takeExchanges(), newInternalErrors: impl.internalErrors().slice(internalErrorsBefore) };
  }

  /** The deployment after a step, what the hub fanned out during it, and who was blocked when it began. */
  private observeAfter(before: ImplementationObservation | undefined) {
    const after = observeImplementation(this.impl);
    this.lastObservation = after;
    const fannedOut = this.impl.takeApplicationMessages();
    const blockedBefore = new Set<UserId>([...(before?.hubState.blocked ?? []), ...this.leavers]);
    if (after.hub.epoch !== this.hubEpoch) {
      this.hubEpoch = after.hub.epoch;
      this.leavers = new Set();
    }
    return { after, fannedOut, blockedBefore };
  }

  /** Whether a compromised hub has misbehaved in this run (it is the adversary from then on). */
  private get hubCompromised(): boolean {
    return this.hubMisdeeds.length > 0;
  }

  /** The step's facts that judge the honest clients: the model's room before and after it (what authorised
   * operations made of it), who refused during it, and whether the hub is compromised. */
  private judging(modelBefore: Model, accepted: boolean, refusedBy: readonly ClientId[]): Pick<StepFacts, "authorised" | "refusedBy" | "hubCompromised"> {
    return { authorised: { before: abstractState(modelBefore), after: abstractState(this.model), accepted }, refusedBy, hubCompromised: this.hubCompromised };
  }

  /** Every configured invariant on the step's facts, counting the steps on which each had something to judge;
   * once the hub is compromised, not those that judge the hub's own conduct. */
  private async checkInvariants(index: number, facts: StepFacts): Promise<TraceFailure | undefined> {
    for (const invariant of this.setup.invariants) {
      if (facts.hubCompromised === true && HUB_CONDUCT_INVARIANTS.has(invariant.id)) continue;
      if (premiseHolds(invariant.id, facts)) this.coverage.countPremise(invariant.id);
      const broken = await invariant.check(facts);
      if (broken !== undefined) return { step: index, check: `${invariant.id} ${invariant.name}`, message: broken };
    }
    return undefined;
  }
}

/** The observation without the given clients (those whose own external join is still in flight). */
function withoutClients(observation: ImplementationObservation, hidden: ReadonlySet<ClientId> | undefined): ImplementationObservation {
  if (hidden === undefined || hidden.size === 0) return observation;
  return { ...observation, clients: observation.clients.filter((c) => !hidden.has(c.client)) };
}

/** Runs a whole command sequence (tests, benchmarks, replays outside fast-check). */
export async function runTrace(setup: RunSetup, commands: readonly Command[]): Promise<TraceResult> {
  const runner = await TraceRunner.start(setup);
  for (const command of commands) {
    if (runner.failed) break;
    await runner.step(command);
  }
  return runner.result();
}
