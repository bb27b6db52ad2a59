// One property run: the room is created, then each command is resolved against the model, judged by
// the model, performed on the implementation, and the two compared — the verdict (code included), what
// every honest client decided, and the abstract state read from the hub and from each member client.
// The implementation's invariants are checked after every step. The first discrepancy ends the run.
import {
  abstractState, describeEvent, initialModel, step, userOf, type ClientId, type Model, type ModelEvent, type UserId,
  type Verdict,
} from "../../model/index.js";
import type { Command } from "../commands/command.js";
import { memberClients, resolveCommand } from "../commands/resolve-command.js";
import { RunCoverage } from "../coverage/run-coverage.js";
import { roleName, type RoomWorld } from "../world/room-world.js";
import { compareStep } from "./compare-step.js";
import { ImplementationUnderTest, type WireExchange } from "./implementation-under-test.js";
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
  /** The command could not be built in this room (see resolve-command.ts). */
  readonly skipped: boolean;
  /** What crossed the network during the step, in order. */
  readonly wire?: readonly WireExchange[];
}

export interface TraceFailure {
  readonly step: number;
  /** "verdict", "client decision", "state", "exception", or an invariant id and name. */
  readonly check: string;
  readonly message: string;
}

export interface TraceResult {
  readonly steps: StepRecord[];
  readonly failure?: TraceFailure;
  readonly coverage: RunCoverage;
}

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
  private lastObservation: ImplementationObservation | undefined;

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
      world, roleSet: setup.roleSet, variants: setup.variants, hubFaults: setup.hubFaults, provider: setup.provider, keyPackagePool: setup.keyPackagePool,
    });
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

  /** Runs one command; answers the failure it caused, if any. */
  async step(command: Command): Promise<TraceFailure | undefined> {
    if (this.failure !== undefined) return this.failure;
    const epoch = abstractState(this.model).epoch;
    const event = resolveCommand(command, { world: this.world, model: this.model, previousMembers: this.membersByEpoch.get(epoch - 1) ?? new Set() });
    if (event === undefined) {
      this.steps.push({ index: this.steps.length + 1, text: `(${command.op}: nobody in this room can do it; skipped)`, skipped: true });
      return undefined;
    }
    this.failure = await this.runEvent(event);
    return this.failure;
  }

  private async runEvent(event: ModelEvent): Promise<TraceFailure | undefined> {
    const { impl, setup } = this;
    const index = this.steps.length + 1;
    const text = words(this.world, this.model, event);
    const { model: next, verdict } = step(this.model, event);
    // Nothing runs between steps, so the last step's "after" is this one's "before".
    const before = event.type === "createRoom" ? undefined : (this.lastObservation ?? observeImplementation(impl));
    this.lastObservation = undefined;
    const refusalsBefore = impl.refusals().length;
    impl.takeExchanges();
    let code: string;
    try {
      code = await impl.apply(event);
    } catch (e) {
      if (!setup.compareWithModel) {
        // Judged by invariants alone, the implementation may leave the model behind (a faulty hub accepts
        // what the model refused), so an operation the model still thinks possible may not be: skip it.
          this.steps.push({ index, text: `(${text}: not possible in the implementation's room; skipped)`, skipped: true });
        return undefined;
      }
      this.steps.push({ index, text, event, modelVerdict: verdict, skipped: false, wire: impl.takeExchanges() });
      return { step: index, check: "exception", message: (e as Error).message };
    }
    this.steps.push({ index, text, event, modelVerdict: verdict, implCode: code, skipped: false, wire: impl.takeExchanges() });
    this.coverage.record(verdict, this.model, next, event.type);
    this.model = next;
    const after = observeImplementation(impl);
    this.lastObservation = after;
    const fannedOut = impl.takeApplicationMessages();
    const blockedBefore = new Set<UserId>([...(before?.hubState.blocked ?? []), ...this.leavers]);
    if (after.hub.epoch !== this.hubEpoch) {
      this.hubEpoch = after.hub.epoch;
      this.leavers = new Set();
    }
    if (event.type === "leave" && code === "accepted" && after.hub.epoch === (before?.hub.epoch ?? 0n)) this.leavers.add(userOf(event.actor));
    this.membersByEpoch.set(abstractState(this.model).epoch, new Set(memberClients(this.model)));

    if (setup.compareWithModel) {
      const newRefusals = impl
        .refusals()
        .slice(refusalsBefore)
        .map(({ client, refusal }) => `${client} refused the ${refusal.what}: ${refusal.code} (${refusal.rule}: ${refusal.reason})`);
      const mismatch = compareStep(this.model, verdict, code, newRefusals, after);
      if (mismatch !== undefined) return { step: index, ...mismatch };
    }
    if (before !== undefined) {
      for (const invariant of setup.invariants) {
        const broken = await invariant.check({ event, code, before, after, blockedBefore, fannedOut, impl });
        if (broken !== undefined) return { step: index, check: `${invariant.id} ${invariant.name}`, message: broken };
      }
    }
    return undefined;
  }
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
