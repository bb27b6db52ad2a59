// Planted defects in the delivery of the hub's fanout, for tests and campaigns: never defaults. Each
// switch breaks one duty of the follower's receive path (digest §2.7, §7 D41, D44, D45), or the hub's
// delivery promise (D42), to show that the invariant meant to catch it does (properties/invariants).
import type { DeliveryFaults } from "../transport/unreliable-delivery.js";

/** Fault switches of a follower's receive path; all off unless a test or campaign turns one on. */
export interface FollowerFaults {
  /** Process every /notify body it receives, a byte-identical re-delivery included (D45: at most once). */
  processNotifyTwice?: boolean;
  /** Hand the FanoutMessages of one /notify body to its clients newest first (D41: in hub order). */
  deliverOutOfOrder?: boolean;
  /** Hand a proposal to its clients without the bundle's other proposals (D44: moreProposals unchanged). */
  dropMoreProposals?: boolean;
}

/** Every switch of the fanout's delivery, the follower's and the hub's outbox's. */
export type NetworkDutyFaults = FollowerFaults & DeliveryFaults;

/**
 * Every delivery fault switch by name, with one line on what it does. Typed against NetworkDutyFaults, so
 * a switch added there without a line here does not compile.
 */
export const NETWORK_DUTY_FAULT_NAMES = {
  processNotifyTwice: "followers process a re-delivered /notify body again (D45)",
  deliverOutOfOrder: "followers hand a body's FanoutMessages to their clients newest first (D41)",
  dropMoreProposals: "followers hand a proposal without the bundle's moreProposals (D44)",
  noRecovery: "the hub drops a notification a follower did not answer after the retries, instead of redelivering it (D42)",
} as const satisfies Record<keyof NetworkDutyFaults, string>;
