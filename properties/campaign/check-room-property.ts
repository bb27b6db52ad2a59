// The model-versus-implementation property, as fast-check runs it: fc.commands generates command
// sequences, fc.asyncModelRun plays each on a fresh deployment beside the model (TraceRunner), and on
// the first discrepancy fast-check shrinks the sequence to a short one that still fails.
import fc from "fast-check";
import { joinCodesOffered } from "../world/join-code-table.js";
import { commandArbitrary, type Command } from "../commands/command.js";
import { RunCoverage } from "../coverage/run-coverage.js";
import { worldFor, type RunSetup } from "../runner/run-setup.js";
import { policyEnforcerRole } from "../../model/index.js";
import { TraceRunner, type TraceResult } from "../runner/run-trace.js";
import { roleSetArbitrary, type GeneratedRoleSet } from "../world/generated-role-set.js";
import { basePolicyArbitrary, type DrawnBasePolicy } from "../world/base-policy-draw.js";

export interface PropertyOptions {
  readonly setup: RunSetup;
  readonly seed: number;
  /** How many generated sequences to run (fast-check's numRuns). */
  readonly runs: number;
  /** The longest sequence, in commands after the room's creation. */
  readonly maxCommands: number;
  /** fast-check's counterexample path and the commands' replayPath, to replay one failure directly. */
  readonly path?: string;
  readonly replayPath?: string;
}

export interface PropertyFailure {
  /** The shrunk sequence's trace. */
  readonly trace: TraceResult;
  /** The shrunk sequence's commands, in order, as far as they ran: `runTrace(setup, commands)` replays it. */
  readonly commands: readonly Command[];
  readonly path: string;
  readonly replayPath: string | undefined;
  readonly shrinks: number;
  /** The run's role set, when the property drew one (`roleSet: "generated"`). */
  readonly generatedRoleSet?: GeneratedRoleSet;
  /** The run's base room policy, when the property drew one (`basePolicy: "drawn"`). */
  readonly basePolicy?: DrawnBasePolicy;
}

export interface PropertyResult {
  readonly options: PropertyOptions;
  /** Sequences run, shrinking included. */
  readonly runs: number;
  readonly coverage: RunCoverage;
  readonly failure?: PropertyFailure;
  /** Anything else that went wrong (an error outside a trace). */
  readonly error?: string;
}

class TraceFailed extends Error {
  constructor(
    readonly trace: TraceResult,
    readonly commands: readonly Command[],
    readonly generatedRoleSet?: GeneratedRoleSet,
  ) {
    super(`${trace.failure!.check} at step ${trace.failure!.step}: ${trace.failure!.message}`);
  }
}

/** The model lives inside the runner, beside the implementation; fast-check's own model slot only keeps
 * the commands run so far, so that a failure carries the concrete sequence that produced it. */
type NoModel = { readonly executed: Command[] };

class StepCommand implements fc.AsyncCommand<NoModel, TraceRunner> {
  constructor(readonly command: Command) {}
  // Commands are valid in every state by construction (indexes are resolved when they run).
  check(): boolean {
    return true;
  }
  async run(model: NoModel, runner: TraceRunner): Promise<void> {
    model.executed.push(this.command);
    await runner.step(this.command);
    if (runner.failed) {
      const trace = runner.result();
      throw new TraceFailed(trace, [...model.executed]);
    }
  }
  toString(): string {
    return JSON.stringify(this.command);
  }
}

export async function checkRoomProperty(options: PropertyOptions): Promise<PropertyResult> {
  const coverage = new RunCoverage();
  // Attacks when a party can be compromised; faults on the links when the network is the adversary.
  const parties = options.setup.adversaries ?? new Set();
  // Open joins only where role 0 may hold canOpenJoin or a preauth list lets outsiders in: other role sets generate exactly as before.
  const generation = { attacks: [...parties].some((p) => p !== "network"), network: parties.has("network"), openJoin: options.setup.roleSet === "public" || options.setup.roleSet === "preauth", preauth: options.setup.roleSet === "preauth", roomChanges: options.setup.roomChanges === true, enforce: options.setup.enforcements === true && policyEnforcerRole(worldFor(options.setup).config) !== undefined };
  const commands = fc.commands([commandArbitrary({ ...generation, downloads: options.setup.downloads ?? 0, joinCode: joinCodesOffered(options.setup.roleSet, options.setup.variants), concurrency: options.setup.concurrency ?? 1 }).map((c) => new StepCommand(c))], {
    maxCommands: options.maxCommands,
    // Long sequences reach deep states (leaves pending across commits, bans after rejoins); shrinking cuts them down.
    size: "max",
    ...(options.replayPath !== undefined ? { replayPath: options.replayPath } : {}),
  });
  // Role set "generated": each run draws its own set before its commands, so seed and path replay both.
  const roleSets = options.setup.roleSet === "generated" ? roleSetArbitrary.map((set) => set as GeneratedRoleSet | undefined) : fc.constant(undefined);
  // Base policy "drawn": each run draws its own, after its commands (so the other draws stay as they were).
  const basePolicies = options.setup.basePolicy === "drawn" ? basePolicyArbitrary.map((p) => p as DrawnBasePolicy | undefined) : fc.constant(undefined);
  const property = fc.asyncProperty(roleSets, commands, basePolicies, async (generated, cmds, drawn) => {
    // The deployment's crypto is synchronous, so a run is one long chain of microtasks: give the event loop
    // a turn between runs (test runners and timers talk to this process through it).
    await new Promise((resolve) => setImmediate(resolve));
    const setup = drawn === undefined ? options.setup : { ...options.setup, basePolicy: drawn };
    const runner = await TraceRunner.start(generated === undefined ? setup : { ...setup, generatedRoleSet: generated });
    try {
      if (runner.failed) throw new TraceFailed(runner.result(), [], generated);
      await fc.asyncModelRun(() => ({ model: { executed: [] }, real: runner }), cmds);
    } catch (e) {
      throw e instanceof TraceFailed && generated !== undefined ? new TraceFailed(e.trace, e.commands, generated) : e;
    } finally {
      coverage.merge(runner.coverage);
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
  });
  const base = { options, runs: coverage.runs, coverage };
  if (!details.failed) return base;
  const error = details.errorInstance;
  if (error instanceof TraceFailed && details.counterexamplePath !== null) {
    // fc.commands prints its replayPath into the counterexample's text.
    const text = String(details.counterexample?.[1]);
    const replayPath = /replayPath="([^"]*)"/.exec(text)?.[1];
    const generated = error.generatedRoleSet === undefined ? {} : { generatedRoleSet: error.generatedRoleSet };
    const drawn = details.counterexample?.[2];
    return { ...base, failure: { trace: error.trace, commands: error.commands, path: details.counterexamplePath, replayPath, shrinks: details.numShrinks, ...generated, ...(drawn === undefined ? {} : { basePolicy: drawn }) } };
  }
  return { ...base, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
