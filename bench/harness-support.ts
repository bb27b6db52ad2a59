// Shared by (b) harness throughput and (c) harness overhead: building index-based commands that hit a
// chosen client or user in the current room (properties/commands/resolve-command.ts resolves indexes
// against the room as it is), and a phase profile of TraceRunner steps taken from outside, by wrapping
// instance methods of a running deployment (nothing in properties/ or impl/ is changed).
import type { Command } from "../properties/commands/command.js";
import type { ImplementationInvariant } from "../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../properties/runner/run-setup.js";
import type { TraceRunner } from "../properties/runner/run-trace.js";
import { modelClientOf } from "../properties/world/room-world.js";
import type { MimiRequest, MimiResponse } from "../impl/transport/mimi-request.js";

/** Role indexes as commands name them: an index into `world.assignableRoles` ([1, 2, 3, 4, 5]). */
export const ROLE_ARG = { ordinaryUser: 1, groupAdmin: 2 } as const;

// ---------------------------------------------------------------- commands aimed at a given client/user

/** The clients holding the room, sorted: the list `memberClients(model)` an actor index ranges over
 * (the runner checks after every step that the implementation's holders equal the model's members). */
export function memberList(runner: TraceRunner): string[] {
  return runner.impl.system
    .allClients()
    .filter((c) => c.session(runner.impl.roomId) !== undefined)
    .map((c) => modelClientOf(c.uri))
    .sort();
}

function indexIn(items: readonly string[], item: string, what: string): number {
  const i = items.indexOf(item);
  if (i < 0) throw new Error(`bench: ${item} is not among the ${what} [${items.join(", ")}]`);
  return i;
}

/** The actor index that resolves to `client`. */
export function actorIndex(runner: TraceRunner, client: string): number {
  return indexIn(memberList(runner), client, "members");
}

/** The addOwnClient index that resolves to `client` (indexes range over the world's non-member clients). */
export function joinerIndex(runner: TraceRunner, client: string): number {
  const members = new Set(memberList(runner));
  return indexIn(runner.world.clients.filter((c) => !members.has(c)), client, "non-members");
}

/** The "fitting" target index of `user` for an actor of user `actorUser`: users other than the actor's,
 * listed (role ≠ 0) or unlisted, in world order. The listing is read from the hub's view. */
export function targetIndex(runner: TraceRunner, actorUser: string, user: string, wanted: "listed" | "unlisted"): number {
  const listed = new Set(runner.impl.system.hub.snapshot(runner.impl.roomId)!.committed.participants.participants.map((p) => p.user.slice(p.user.lastIndexOf("/") + 1)));
  const fitting = runner.world.users.filter((u) => u !== actorUser && (wanted === "listed") === listed.has(u));
  return indexIn(fitting, user, `${wanted} users`);
}

/** Run one command; a failure is returned to the caller (to be reported), a refusal by both sides is a bench bug. */
export async function stepAccepted(runner: TraceRunner, command: Command, step: (c: Command) => Promise<unknown> = (c) => runner.step(c)): Promise<void> {
  await step(command);
  if (runner.failed) return;
  const last = runner.result().steps.at(-1)!;
  if (last.skipped || last.implCode !== "accepted") throw new Error(`bench: "${last.text}" was not accepted (${last.implCode ?? "skipped"}); the command mix is wrong`);
}

/** The room's creator adds user `user` as ordinary_user with all its clients. */
export function addUserCommand(runner: TraceRunner, user: string): Command {
  const creator = runner.world.clientsOf[runner.world.users[0]!]![0]!;
  return { op: "addParticipant", actor: actorIndex(runner, creator), target: targetIndex(runner, "u0", user, "unlisted"), scope: "fitting", role: ROLE_ARG.ordinaryUser, clients: "all" };
}

export function describeFailure(runner: TraceRunner): string {
  const r = runner.result();
  if (r.failure === undefined) return "";
  const tail = r.steps.slice(-3).map((s) => `    ${s.index}. ${s.text} → impl ${s.implCode ?? "-"}, model ${s.modelVerdict === undefined ? "-" : s.modelVerdict.accepted ? "accepted" : s.modelVerdict.code}`);
  return [`FAILURE at step ${r.failure.step} (${r.failure.check}): ${r.failure.message}`, ...tail].join("\n");
}

// ---------------------------------------------------------------- phase profile

/**
 * Where a step's time goes, as exclusive (self) time per phase:
 * - runner: TraceRunner's own work — resolving the command, the model step, observing the implementation
 *   before and after (hub snapshot + every client's view), the model/implementation comparison, coverage;
 * - client: the acting client's operation (building the commit/message with ts-mls, its GroupInfo,
 *   encoding, its provider's request to the hub), i.e. `impl.apply` minus the requests it causes;
 * - hub: the hub's endpoints (decode, verify, policy, public-view update, fanout encoding);
 * - keyMaterial: the target provider answering /keyMaterial (fresh KeyPackages for the added user);
 * - notify: each provider's /notify handling around its clients (de-duplication digest, fanout decoding);
 * - members: each member client receiving (room-rule checks and ts-mls processing of a commit, proposal
 *   or message; Welcome joins);
 * - wireTap: the runner's wire tap decoding every /notify for the invariants;
 * - invariants: the implementation invariants (P1–P17).
 */
export const PHASES = ["runner", "client", "hub", "keyMaterial", "notify", "members", "wireTap", "invariants"] as const;
export type Phase = (typeof PHASES)[number];

export class PhaseProfile {
  readonly self = new Map<Phase, number>(PHASES.map((p) => [p, 0]));
  private readonly stack: { phase: Phase; start: number; children: number }[] = [];
  /** Off until `instrument`: the wrapped invariants then cost one flag test. */
  private active = false;

  private enter(phase: Phase): void {
    this.stack.push({ phase, start: performance.now(), children: 0 });
  }

  private exit(): void {
    const frame = this.stack.pop()!;
    const elapsed = performance.now() - frame.start;
    this.self.set(frame.phase, this.self.get(frame.phase)! + elapsed - frame.children);
    const parent = this.stack.at(-1);
    if (parent !== undefined) parent.children += elapsed;
  }

  async within<T>(phase: Phase, f: () => Promise<T> | T): Promise<T> {
    if (!this.active) return f();
    this.enter(phase);
    try {
      return await f();
    } finally {
      this.exit();
    }
  }

  withinSync<T>(phase: Phase, f: () => T): T {
    if (!this.active) return f();
    this.enter(phase);
    try {
      return f();
    } finally {
      this.exit();
    }
  }

  get totalMs(): number {
    return [...this.self.values()].reduce((a, b) => a + b, 0);
  }

  reset(): void {
    for (const p of PHASES) this.self.set(p, 0);
  }

  /** The same setup with each invariant's check timed under "invariants" (once instrumented). */
  setup(base: RunSetup): RunSetup {
    const invariants: ImplementationInvariant[] = base.invariants.map((inv) => ({
      id: inv.id,
      name: inv.name,
      rule: inv.rule,
      check: (facts) => this.within("invariants", () => inv.check(facts)),
    }));
    return { ...base, invariants };
  }

  /** Wrap a started runner's deployment: the acting client's operation, every provider's endpoints, every
   * client's receiving, the wire taps. */
  instrument(runner: TraceRunner): void {
    if (runner.setup.invariants.length > 0 && runner.setup.invariants === DEFAULT_SETUP.invariants)
      throw new Error("bench: start the runner with profile.setup(...) so that its invariants are timed");
    this.active = true;
    const impl = runner.impl;
    const apply = impl.apply.bind(impl);
    impl.apply = (event) => this.within("client", () => apply(event));
    for (const provider of impl.system.providers.values()) {
      const handle = provider.handle.bind(provider);
      provider.handle = (request: MimiRequest): Promise<MimiResponse> =>
        this.within(request.endpoint === "notify" ? "notify" : request.endpoint === "keyMaterial" && request.via !== undefined ? "keyMaterial" : "hub", () => handle(request));
    }
    for (const client of impl.system.allClients()) {
      const receive = client.receive.bind(client);
      const receiveWelcome = client.receiveWelcome.bind(client);
      client.receive = (...args) => this.within("members", () => receive(...args));
      client.receiveWelcome = (...args) => this.within("members", () => receiveWelcome(...args));
    }
    // InProcessNetwork keeps its taps in a private array; wrap them in place.
    const taps = (impl.system.network as unknown as { taps?: ((to: string, r: MimiRequest) => MimiRequest | undefined)[] }).taps;
    if (!Array.isArray(taps)) throw new Error("bench: InProcessNetwork no longer keeps its taps in `taps`; update PhaseProfile.instrument");
    for (let i = 0; i < taps.length; i++) {
      const tap = taps[i]!;
      taps[i] = (to, r) => this.withinSync("wireTap", () => tap(to, r));
    }
  }

  /** One runner step, its remainder timed under "runner". */
  step(runner: TraceRunner, command: Command): Promise<unknown> {
    return this.within("runner", () => runner.step(command));
  }
}
