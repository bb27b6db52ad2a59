export {
  exploreModel,
  formatExploreReport,
  formatLiveness,
  type ExploredProperty,
  type ExploreOptions,
  type ExploreReport,
  type InvariantViolation,
  type LivenessReport,
} from "./exploreModel.js";
export { checkLiveness, type ExploredGraph, type LivenessResult, type StuckState } from "./liveness.js";
export {
  combinationName,
  formatMatrix,
  invariantsHoldEverywhere,
  MATRIX_PROPERTIES,
  MATRIX_ROLE_SETS,
  MATRIX_VARIANTS,
  runMatrix,
  type Matrix,
  type MatrixOptions,
  type MatrixRoleSet,
  type MatrixRow,
} from "./matrix.js";
export { modelLogic, reachableStateKeysByXStateGraph } from "./graphAdapter.js";
export { stateKey } from "./stateKey.js";
export { creationEvents, makeWorld, roomEvents, type CreatorChoice, type World } from "./world.js";
