// The endpoints' answers as the actors use them: UpdateRoomResponse and SubmitMessageResponse decoded
// (protocol §5.3, §5.4), plus the transport's own failure.
import type { Frank } from "../codec/frank.js";

export type UpdateOutcome =
  | { code: "success"; acceptedTimestamp: bigint }
  | { code: "wrongEpoch"; currentEpoch: bigint; description: string }
  | { code: "notAllowed"; description: string }
  | { code: "invalidProposal"; description: string; invalidProposals: Uint8Array[] }
  | { code: "transportError"; description: string };

export type SubmitOutcome =
  | { code: "accepted"; acceptedTimestamp: bigint; frank?: Frank }
  | { code: "notAllowed"; description: string }
  | { code: "epochTooOld"; currentEpoch: bigint }
  | { code: "transportError"; description: string };

/** The draft's code of an outcome, as verdicts are compared ("accepted" for both successes). */
export function verdictCode(outcome: UpdateOutcome | SubmitOutcome): string {
  return outcome.code === "success" ? "accepted" : outcome.code;
}
