// The hub is the linearisation point: requests built on one room state reach it one after the other, and
// it judges each against the room as the earlier ones left it. The model is stepped in that order. A
// request built before the room moved is not the operation an honest client would build now, so the model
// judges it as what it has become (docs/rules.md "Races"):
// - a commit built for an epoch that has since been committed: a commit for an old epoch (R16, wrongEpoch
//   with the current epoch), whatever it carried; an external join's commit likewise;
// - a message built in such an epoch: a message from an old epoch (R1, epochTooOld with the current epoch);
// - a proposal bundle (a leave) built in such an epoch: wrongEpoch with the current epoch (R1, protocol
//   §5.3: handshakes are for the hub's epoch) — the model has no stale-proposal event, so this verdict is
//   written here, from the draft, and the model's room stays as it is;
// - a member's commit built before proposals the hub accepted since, in the same epoch: a commit that
//   omits pending proposals (R11 refuses it under must-include; R2 first when its committer is blocked).
// Everything else is judged as built: nothing it depended on has changed.
import { abstractState, userOf, type ClientId, type Model, type ModelEvent, type Verdict } from "../../model/index.js";

/** What a request was built on: the model's epoch and pending proposals then. */
export interface BuiltOn {
  readonly epoch: number;
  readonly pending: number;
}

/** How the model judges a request delivered now: as an event, or (a stale proposal) by a fixed verdict. */
export type Judgement =
  | { readonly kind: "event"; readonly event: ModelEvent; readonly why?: string }
  | { readonly kind: "verdict"; readonly verdict: Verdict; readonly why: string };

export function actingClient(event: ModelEvent): ClientId | undefined {
  if (event.type === "createRoom") return event.creatorClient;
  if (event.type === "addOwnClient") return event.client;
  return event.actor;
}

const isCommit = (event: ModelEvent) => event.type !== "leave" && event.type !== "sendMessage" && event.type !== "createRoom" && event.type !== "openJoin";

/** The model's reading of `event`, built on `built`, as the hub receives it in the room `model` is now. */
export function judgementAt(event: ModelEvent, built: BuiltOn, model: Model): Judgement {
  const now = abstractState(model);
  const actor = actingClient(event)!;
  if (now.epoch !== built.epoch) {
    const why = `built in epoch ${built.epoch}, the hub is in ${now.epoch}`;
    if (isCommit(event)) return { kind: "event", event: { type: "staleCommit", actor }, why };
    if (event.type === "sendMessage") return { kind: "event", event: { type: "sendMessage", actor, epochOffset: -1 }, why };
    return {
      kind: "verdict",
      verdict: { accepted: false, code: "wrongEpoch", rule: "R1", reason: "proposalForOtherEpoch", passed: [], currentEpoch: now.epoch },
      why,
    };
  }
  if (now.pending !== built.pending && isCommit(event) && event.type !== "addOwnClient") {
    // Only proposals are accepted within an epoch, so the count only grows: the commit omits the new ones.
    const added = now.pending - built.pending;
    return { kind: "event", event: { type: "commit", actor, includePending: false }, why: `built before ${added} proposal(s) the hub accepted since` };
  }
  return { kind: "event", event };
}

/** Whether a request so judged lost its race (a client then builds its operation again on the new room). */
export function lostRace(judgement: Judgement, code: string): boolean {
  return judgement.why !== undefined && code !== "accepted";
}

/** The user an event's request speaks for. */
export const speakingUser = (event: ModelEvent) => userOf(actingClient(event)!);
