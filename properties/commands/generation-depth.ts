// How deep the generated runs reach, measured on the model alone (cheap: no MLS): how many runs contain
// an accepted commit that carries at least two participant-list updates, and one that carries pending
// proposals from at least two proposers. These are the commits where per-commit rules (R13: a user
// touched once, constraints after the whole commit) and the participant-list indexing of several
// updates are exercised.
import fc from "fast-check";
import { abstractState, initialModel, step, type Model, type ModelEvent } from "../../model/index.js";
import type { ClientId } from "../../model/index.js";
import { roomWorld } from "../world/room-world.js";
import { commandArbitrary, type Command } from "./command.js";
import { expandCommand } from "./expand-command.js";
import { memberClients, resolveCommand } from "./resolve-command.js";
import type { ModelConfig } from "../../model/index.js";

export interface GenerationDepth {
  readonly runs: number;
  /** Runs with an accepted commit carrying ≥ 2 participant-list updates (pending delistings and its own). */
  readonly runsWithMultiUpdateCommit: number;
  /** Runs with an accepted commit carrying pending proposals of ≥ 2 proposers. */
  readonly runsWithMultiProposerCommit: number;
  /** Accepted commits of each kind over all runs. */
  readonly multiUpdateCommits: number;
  readonly multiProposerCommits: number;
}

const CHANGES_LIST = new Set<ModelEvent["type"]>(["addParticipant", "removeParticipant", "ban", "unban", "changeRole"]);

/** What an accepted commit event carries, read off the model's room before it. */
function carried(model: Model, event: ModelEvent): { listUpdates: number; proposers: number } {
  const includesPending = event.type === "commit" ? event.includePending : event.type !== "addOwnClient";
  const pending = includesPending ? model.context.pending : [];
  const delistings = pending.filter((p) => p.kind === "delist").length;
  const proposers = new Set(pending.map((p) => (p.kind === "delist" && p.by === "hub" ? "hub" : p.user))).size;
  return { listUpdates: delistings + (CHANGES_LIST.has(event.type) ? 1 : 0), proposers };
}

/** Runs the model over `runs` generated command sequences (as the property generates them) and counts. */
export function measureGenerationDepth(options: { config: ModelConfig; seed: number; runs: number; maxCommands: number; users?: number; compound?: boolean }): GenerationDepth {
  const world = roomWorld(options.config, options.users ?? 4);
  const runs = fc.sample(fc.array(commandArbitrary({ compound: options.compound ?? true }), { minLength: 1, maxLength: options.maxCommands, size: "max" }), {
    seed: options.seed,
    numRuns: options.runs,
  });
  let runsWithMultiUpdateCommit = 0;
  let runsWithMultiProposerCommit = 0;
  let multiUpdateCommits = 0;
  let multiProposerCommits = 0;
  for (const commands of runs) {
    let model = step(initialModel(world.config), { type: "createRoom", creator: world.users[0]!, creatorClient: world.clientsOf[world.users[0]!]![0]! }).model;
    const membersByEpoch = new Map<number, Set<ClientId>>();
    let [multiUpdate, multiProposer] = [false, false];
    for (const part of commands.flatMap((c: Command) => expandCommand(c))) {
      if (part.op === "attack") continue;
      const epoch = abstractState(model).epoch;
      const event = resolveCommand(part, { world, model, previousMembers: membersByEpoch.get(epoch - 1) ?? new Set() });
      if (event === undefined) continue;
      const { listUpdates, proposers } = carried(model, event);
      const result = step(model, event);
      if (result.verdict.accepted && abstractState(result.model).epoch !== epoch) {
        if (listUpdates >= 2) [multiUpdate, multiUpdateCommits] = [true, multiUpdateCommits + 1];
        if (proposers >= 2) [multiProposer, multiProposerCommits] = [true, multiProposerCommits + 1];
      }
      model = result.model;
      membersByEpoch.set(abstractState(model).epoch, new Set(memberClients(model)));
    }
    if (multiUpdate) runsWithMultiUpdateCommit += 1;
    if (multiProposer) runsWithMultiProposerCommit += 1;
  }
  return { runs: runs.length, runsWithMultiUpdateCommit, runsWithMultiProposerCommit, multiUpdateCommits, multiProposerCommits };
}
