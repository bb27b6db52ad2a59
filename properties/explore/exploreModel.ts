import {
  allGuardOutcomes,
  checkModelInvariants,
  describeConfig,
  describeEvent,
  guardOutcomeKey,
  guardOutcomesOf,
  initialModel,
  roomEndOf,
  step,
  verdictOf,
  DEFAULT_VARIANTS,
  type GuardOutcome,
  type Model,
  type ModelConfig,
  type ModelEvent,
  type ModelInvariantName,
  type ModelVariants,
  type RoomEvent,
  type UserId,
} from "../../model/index.js";
import { cooperativeConfig } from "../../model/fixtures/index.js";
import { checkLiveness } from "./liveness.js";
import { stateKey } from "./stateKey.js";
import { creationEvents, makeWorld, roomEvents, type CreatorChoice } from "./world.js";
import { presentableJoinCodes, withJoinCodeTable } from "../world/join-code-table.js";

/**
 * Exhaustive, depth-bounded exploration of the model alone: breadth-first over `step`, from the empty
 * room, with every event of the world's templates in every state, checking `checkModelInvariants` on
 * every reachable state. Breadth-first order makes the first path found to a violation a shortest one.
 *
 * Why our own BFS rather than @xstate/graph's traversals: those key states by serialising the whole
 * snapshot (config included, epoch included — so every commit makes a "new" state and the space never
 * closes), keep every edge and queue every successor including self-loops, and have no depth bound.
 * Here states are keyed without the epoch (stateKey.ts), refused events are answered by the same rule
 * guards without building a snapshot (`verdictOf`; a refusal never changes the model), and only
 * accepted events go through the room machine (`step`). test/model/exploration.test.ts cross-checks
 * the reachable set against @xstate/graph's getAdjacencyMap at a small depth.
 */
export interface ExploreOptions {
  /** The configuration to explore; default: the cooperative role set with `variants`. */
  readonly config?: ModelConfig;
  readonly variants?: ModelVariants;
  /** Events from the empty room (createRoom is the first). Default 5. */
  readonly depth?: number;
  readonly users?: number;
  readonly devicesPerUser?: number;
  readonly creators?: CreatorChoice;
  /** Stop (incomplete) after this many states. Default 200 000. */
  readonly maxStates?: number;
  /** Also try the room-state changes (R22: roles_list, base_room_policy, room_metadata). Off by default: each
   * change multiplies the states (the campaign's exploration rows stay as fast as they were); the command
   * line's exploration and the model tests turn it on. */
  readonly roomChanges?: boolean;
  /** Also try the hub's policy enforcer's operations where the set has the role (R18). Off by default: they
   * about double the states of an Appendix A room at depth 5 (the campaign's exploration rows stay as fast
   * as they were, with the enforcer listed); the command line's exploration and the model tests turn it on. */
  readonly enforcements?: boolean;
  /** Also return the key of every state reached (for cross-checks). */
  readonly keepStateKeys?: boolean;
}

/** What exploration judges: each model invariant on every state, and liveness over the whole graph. */
export type ExploredProperty = ModelInvariantName | "liveness";

export interface InvariantViolation {
  readonly invariant: ExploredProperty;
  /** A shortest event sequence from the empty room to a state violating the invariant. */
  readonly path: readonly RoomEvent[];
}

/**
 * Liveness (liveness.ts): from every reachable state every accepted leave can still be committed, or the
 * room ends. Under roomEnd "stuck" a stuck room is that reading's known consequence, reported but not a
 * violation; under the other readings it is one (and also appears in `violations`).
 */
export interface LivenessReport {
  /** Whether a stuck state counts as a violation (every roomEnd but "stuck"). */
  readonly required: boolean;
  readonly statesWithLeavePending: number;
  readonly stuckStates: number;
  /** States with a leave pending whose fate lies beyond the depth bound (neither live nor stuck). */
  readonly undecided: number;
  /** A shortest path to a stuck state, and the users whose leave can never be committed there. */
  readonly shortest?: { readonly path: readonly RoomEvent[]; readonly users: readonly UserId[] };
}

export interface ExploreReport {
  readonly config: string;
  readonly variants: ModelVariants;
  readonly depth: number;
  /** Distinct states reached (epoch abstracted away), the empty room included. */
  readonly states: number;
  /** (state, event) pairs evaluated, accepted + refused. */
  readonly transitions: number;
  readonly acceptedTransitions: number;
  /** New states first reached at each depth (index = number of events). */
  readonly statesPerDepth: readonly number[];
  /** True if the frontier emptied before the depth bound: every reachable state was visited. */
  readonly exhaustive: boolean;
  /** True if maxStates stopped the walk. */
  readonly truncated: boolean;
  readonly violations: readonly InvariantViolation[];
  readonly liveness: LivenessReport;
  /** How often each rule × outcome was exercised, and the possible pairs never exercised. */
  readonly guardOutcomes: Readonly<Record<string, number>>;
  readonly neverHit: readonly GuardOutcome[];
  readonly durationMs: number;
  /** With `keepStateKeys`: the stateKey of every state reached. */
  readonly stateKeys?: readonly string[];
}

interface Visit {
  readonly model: Model;
  readonly parent: number;
  readonly event: RoomEvent | null;
  /** States one accepted event leads to (filled when the state is expanded). */
  readonly successors: number[];
  expanded: boolean;
}

export function exploreModel(options: ExploreOptions = {}): ExploreReport {
  const started = performance.now();
  const variants = options.config?.variants ?? options.variants ?? DEFAULT_VARIANTS;
  // Where role 0 may use join codes, the room has the runs' code table (properties/world/join-code-table.ts).
  const config = withJoinCodeTable(options.config ?? cooperativeConfig(variants));
  const depth = options.depth ?? 5;
  const maxStates = options.maxStates ?? 200_000;
  const made = makeWorld(config, options.users ?? 3, options.devicesPerUser ?? 2, presentableJoinCodes(config));
  const world = { ...made, roomChanges: options.roomChanges === true, enforce: options.enforcements === true && made.enforce === true };
  const noRoomEvents = creationEvents(world, options.creators ?? "first");
  // A second creation is part of the world too (the hub must refuse it).
  const openRoomEvents = [...noRoomEvents, ...roomEvents(world)];

  const visits: Visit[] = [];
  const index = new Map<string, number>();
  const violations = new Map<ExploredProperty, InvariantViolation>();
  const outcomes = new Map<string, number>();
  const statesPerDepth: number[] = [];
  let transitions = 0;
  let accepted = 0;
  let truncated = false;

  const pathTo = (i: number): RoomEvent[] => {
    const path: RoomEvent[] = [];
    for (let v = visits[i]!; v.event !== null; v = visits[v.parent]!) path.unshift(v.event);
    return path;
  };
  /** The state's index, and whether it is new. */
  const visit = (model: Model, parent: number, event: RoomEvent | null): [number, boolean] => {
    const key = stateKey(model);
    const known = index.get(key);
    if (known !== undefined) return [known, false];
    const i = visits.push({ model, parent, event, successors: [], expanded: false }) - 1;
    index.set(key, i);
    for (const invariant of checkModelInvariants(model))
      if (!violations.has(invariant)) violations.set(invariant, { invariant, path: pathTo(i) });
    return [i, true];
  };

  let frontier = [visit(initialModel(config), -1, null)[0]];
  statesPerDepth.push(1);
  for (let level = 0; level < depth && frontier.length > 0 && !truncated; level++) {
    const next: number[] = [];
    for (const i of frontier) {
      const { model, successors } = visits[i]!;
      for (const event of model.value === "noRoom" ? noRoomEvents : openRoomEvents) {
        transitions++;
        const verdict = verdictOf(model, event);
        for (const outcome of guardOutcomesOf(verdict)) {
          const key = guardOutcomeKey(outcome);
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }
        if (!verdict.accepted) continue;
        accepted++;
        const [reached, isNew] = visit(step(model, event).model, i, event);
        successors.push(reached);
        if (isNew) next.push(reached);
        if (visits.length >= maxStates) {
          truncated = true;
          break;
        }
      }
      if (truncated) break;
      visits[i]!.expanded = true;
    }
    statesPerDepth.push(next.length);
    frontier = next;
  }

  const live = checkLiveness({
    models: visits.map((v) => v.model),
    successors: visits.map((v) => v.successors),
    expanded: visits.map((v) => v.expanded),
  });
  const first = live.stuck[0];
  const liveness: LivenessReport = {
    required: roomEndOf(variants) !== "stuck",
    statesWithLeavePending: live.statesWithLeavePending,
    stuckStates: live.stuck.length,
    undecided: live.undecided,
    ...(first ? { shortest: { path: pathTo(first.state), users: first.users } } : {}),
  };
  if (liveness.required && liveness.shortest) violations.set("liveness", { invariant: "liveness", path: liveness.shortest.path });

  return {
    config: describeConfig(config),
    variants,
    depth,
    states: visits.length,
    transitions,
    acceptedTransitions: accepted,
    statesPerDepth,
    exhaustive: frontier.length === 0 && !truncated,
    truncated,
    violations: [...violations.values()],
    liveness,
    guardOutcomes: Object.fromEntries([...outcomes].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))),
    neverHit: allGuardOutcomes(variants).filter((o) => !outcomes.has(guardOutcomeKey(o))),
    durationMs: Math.round(performance.now() - started),
    ...(options.keepStateKeys ? { stateKeys: [...index.keys()] } : {}),
  };
}

/** Liveness in words: what was judged, and the shortest stuck room if there is one. */
export function formatLiveness(liveness: LivenessReport): string[] {
  const judged = `${liveness.statesWithLeavePending} states with a leave pending${liveness.undecided ? `, ${liveness.undecided} undecided at the depth bound` : ""}`;
  if (!liveness.shortest) return [`liveness: every accepted leave can still be committed, or the room ends (${judged})`];
  return [
    `liveness ${liveness.required ? "VIOLATED" : "fails (roomEnd=stuck: a known consequence of this reading)"}: ${liveness.stuckStates} stuck states (${judged}); shortest, where ${liveness.shortest.users.join(", ")} can never leave:`,
    ...liveness.shortest.path.map((event, i) => `  ${i + 1}. ${describeEvent(event)}`),
  ];
}

/** The last depth at which new states appeared. */
function closedAt(report: ExploreReport): number {
  let depth = 0;
  report.statesPerDepth.forEach((n, i) => (n > 0 ? (depth = i) : undefined));
  return depth;
}

/** A printable summary: counts, violations with their numbered shortest paths, unexercised guards. */
export function formatExploreReport(report: ExploreReport): string {
  const lines = [
    `Model exploration — ${report.config}`,
    `  depth ${report.depth}${report.exhaustive ? ` (exhaustive: no new state after depth ${closedAt(report)})` : ""}${report.truncated ? " (TRUNCATED at maxStates)" : ""}`,
    `  states ${report.states} (new per depth: ${report.statesPerDepth.join(", ")}), transitions ${report.transitions} (${report.acceptedTransitions} accepted), ${report.durationMs} ms`,
  ];
  if (report.violations.every((v) => v.invariant === "liveness")) lines.push("  invariants: all hold in every reached state");
  lines.push(...formatLiveness(report.liveness).map((line) => `  ${line}`));
  for (const violation of report.violations.filter((v) => v.invariant !== "liveness")) {
    lines.push(`  VIOLATED ${violation.invariant} after ${violation.path.length} steps:`);
    violation.path.forEach((event, i) => lines.push(`    ${i + 1}. ${describeEvent(event)}`));
  }
  lines.push(
    report.neverHit.length === 0
      ? "  guard outcomes: every rule × outcome exercised"
      : `  guard outcomes never exercised: ${report.neverHit.map(guardOutcomeKey).join(", ")}`,
  );
  return lines.join("\n");
}
