import { NO_ROLE, type Model, type UserId } from "../../model/index.js";

/**
 * Liveness over an explored state graph: from every reachable state, every accepted leave can still be
 * committed by someone, or the room ends (a closed room counts as live). In this model every pending
 * proposal belongs to a leave (model/pending.ts), and a user is blocked exactly while its leave is
 * pending, so "every pending proposal can still be committed" is "every blocked user can still be
 * delisted": some path of accepted events from the state takes that user out of the blocked users and
 * out of the committed participant list. A path on which its leave is merely discarded (may-omit) does
 * not count: the user is then listed and no longer leaving, its leave never took effect.
 *
 * Computed by backward reachability: the states with an outgoing edge that completes u's leave, and the
 * closed states, are the seeds; every state that reaches a seed is live for u. The graph is the explored
 * one, bounded in depth, so states at the bound have unknown successors. A state is reported stuck only
 * if nothing it reaches is at the bound (its whole future was explored and none of it lets u go);
 * states whose fate depends on an unexplored state are counted as undecided, never as live or stuck.
 */
export interface ExploredGraph {
  /** States in breadth-first order (so a lower index is at no greater depth). */
  readonly models: readonly Model[];
  /** Accepted transitions: successors[i] are the states one accepted event leads to from state i. */
  readonly successors: readonly (readonly number[])[];
  /** Whether state i's events were all tried (false at the depth bound or after truncation). */
  readonly expanded: readonly boolean[];
}

export interface StuckState {
  readonly state: number;
  /** Blocked users whose leave can never be committed from this state. */
  readonly users: readonly UserId[];
}

export interface LivenessResult {
  /** States with at least one blocked user (a leave pending), closed rooms aside. */
  readonly statesWithLeavePending: number;
  /** Stuck states in breadth-first order: the first is a shortest one. */
  readonly stuck: readonly StuckState[];
  /** States with a leave pending whose fate depends on states beyond the depth bound. */
  readonly undecided: number;
}

/** Does the step from `from` to `to` complete `user`'s leave (blocked before, delisted and unblocked after)? */
function completes(from: Model, to: Model, user: UserId): boolean {
  return from.context.blocked.includes(user) && !to.context.blocked.includes(user) && (to.context.roster[user]?.role ?? NO_ROLE) === NO_ROLE;
}

/** Every state that can reach one of `seeds` along the graph's edges (the seeds included). */
function backwardClosure(predecessors: readonly (readonly number[])[], seeds: Iterable<number>): Set<number> {
  const reached = new Set<number>(seeds);
  const queue = [...reached];
  while (queue.length > 0) {
    const state = queue.pop()!;
    for (const p of predecessors[state]!) if (!reached.has(p)) (reached.add(p), queue.push(p));
  }
  return reached;
}

export function checkLiveness(graph: ExploredGraph): LivenessResult {
  const { models, successors, expanded } = graph;
  const predecessors: number[][] = models.map(() => []);
  successors.forEach((next, from) => next.forEach((to) => predecessors[to]!.push(from)));
  const closed = models.flatMap((m, i) => (m.value === "closed" ? [i] : []));
  const frontier = models.flatMap((_, i) => (expanded[i] ? [] : [i]));

  const blockedUsers = [...new Set(models.flatMap((m) => (m.value === "closed" ? [] : m.context.blocked)))].sort();
  const stuckUsers = new Map<number, UserId[]>();
  const undecided = new Set<number>();
  for (const user of blockedUsers) {
    const completing = models.flatMap((m, i) => (successors[i]!.some((j) => completes(m, models[j]!, user)) ? [i] : []));
    const live = backwardClosure(predecessors, [...completing, ...closed]);
    const perhaps = backwardClosure(predecessors, [...live, ...frontier]);
    models.forEach((m, i) => {
      if (m.value === "closed" || !m.context.blocked.includes(user) || live.has(i)) return;
      if (perhaps.has(i)) undecided.add(i);
      else stuckUsers.set(i, [...(stuckUsers.get(i) ?? []), user]);
    });
  }
  for (const state of stuckUsers.keys()) undecided.delete(state);
  return {
    statesWithLeavePending: models.filter((m) => m.value !== "closed" && m.context.blocked.length > 0).length,
    stuck: [...stuckUsers].sort(([a], [b]) => a - b).map(([state, users]) => ({ state, users })),
    undecided: undecided.size,
  };
}
