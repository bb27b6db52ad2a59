export { exploreModel, formatExploreReport, type ExploreOptions, type ExploreReport, type InvariantViolation } from "./exploreModel.js";
export { modelLogic, reachableStateKeysByXStateGraph } from "./graphAdapter.js";
export { stateKey } from "./stateKey.js";
export { creationEvents, makeWorld, roomEvents, type CreatorChoice, type World } from "./world.js";
