import { getAdjacencyMap } from "@xstate/graph";
import { fromTransition } from "xstate";
import { initialModel, step, verdictOf, type Model, type ModelConfig, type RoomEvent } from "../../model/index.js";
import { stateKey } from "./stateKey.js";
import { creationEvents, makeWorld, roomEvents } from "./world.js";

/**
 * The model as an XState actor logic that @xstate/graph can traverse: its snapshot context is the model
 * and the number of accepted events that led to it (the depth, which the key ignores). Used to
 * cross-check exploreModel's own breadth-first walk against the library's getAdjacencyMap at small
 * depths (the library's walk queues every successor, refused ones included, so it is only practical
 * for a few levels).
 */
interface Walk {
  readonly model: Model;
  readonly depth: number;
}

export function modelLogic(config: ModelConfig) {
  return fromTransition(
    (walk: Walk, event: RoomEvent): Walk =>
      verdictOf(walk.model, event).accepted ? { model: step(walk.model, event).model, depth: walk.depth + 1 } : walk,
    { model: initialModel(config), depth: 0 },
  );
}

/** The keys of every state @xstate/graph's getAdjacencyMap reaches within `depth` accepted events. */
export function reachableStateKeysByXStateGraph(config: ModelConfig, depth: number): string[] {
  const world = makeWorld(config);
  const noRoom = creationEvents(world, "first");
  const open = [...noRoom, ...roomEvents(world)];
  const adjacency = getAdjacencyMap(modelLogic(config), {
    events: (snapshot) => (snapshot.context.model.value === "noRoom" ? noRoom : open),
    serializeState: (snapshot) => stateKey(snapshot.context.model),
    // Breadth-first: the first visit of a state is at its least depth, so stopping there is exact.
    stopWhen: (snapshot) => snapshot.context.depth >= depth,
  });
  return Object.keys(adjacency);
}
