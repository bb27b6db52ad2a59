// P16: no silent split (RFC 9420 §16.6; digest §7 G63). Honest members that end up in different states
// (another epoch, or the same epoch with another epoch authenticator: a side of a split, or behind a commit
// the hub withheld) cannot read each other; each must notice as soon as traffic from the other side reaches
// it, by recording a refusal (a commit it cannot apply, a message it cannot decrypt). Judged on every step on
// which the hub accepted a member's honest traffic (a message, or a commit) and so fanned it out to every
// provider with members in its group (an attack's step is not judged: the adversary chose where its traffic
// went): each other client that held the room in another state than the sender must have recorded a
// refusal during the step. How many steps detection took after the split is measured in
// test/properties/adversary-hub-split.test.ts.
import { domainOf } from "../../impl/identity/mimi-uri.js";
import type { ClientId, ModelEvent } from "../../model/index.js";
import { clientUriOf, HUB_DOMAIN } from "../world/room-world.js";
import type { ImplementationObservation } from "../runner/observe-implementation.js";
import type { ImplementationInvariant, StepFacts } from "./implementation-invariants.js";

const COMMITS = new Set(["commit", "addParticipant", "removeParticipant", "kick", "ban", "unban", "changeRole"]);

/** The member whose traffic the hub accepted in the step: a message's sender or a commit's committer. */
function sender(event: ModelEvent, code: string): ClientId | undefined {
  if (code !== "accepted" || !("actor" in event)) return undefined;
  if (event.type === "sendMessage") return event.epochOffset === 0 ? event.actor : undefined;
  return COMMITS.has(event.type) ? event.actor : undefined;
}

/** The providers the hub's fanout of the step went to: its own, and each with a member in its group before
 * or after the step (a provider hands what it gets to every local client holding the room). */
function reached(before: ImplementationObservation, after: ImplementationObservation): ReadonlySet<string> {
  return new Set([HUB_DOMAIN, ...[...before.hub.members, ...after.hub.members].map((m) => domainOf(m) ?? HUB_DOMAIN)]);
}

/** The clients that held the room before the step in another state than `from`, still hold it, and are
 * hosted by a provider the step's fanout went to. */
export function otherSide(from: ClientId, before: ImplementationObservation, after: ImplementationObservation, message = false): ClientId[] {
  const s = before.clients.find((c) => c.client === from);
  if (s === undefined) return [];
  const providers = reached(before, after);
  return before.clients
    .filter((c) => c.client !== from && (c.epoch !== s.epoch || c.epochAuthenticator !== s.epochAuthenticator))
    // A message from an epoch before the receiver's is what a late message looks like, and MLS keeps the past
    // epochs' keys to read it (RFC 9420 §14): it tells the receiver nothing; the sender's side notices.
    .filter((c) => !(message && c.epoch > s.epoch))
    .filter((c) => after.clients.some((a) => a.client === c.client) && providers.has(domainOf(clientUriOf(c.client)) ?? ""))
    .map((c) => c.client);
}

/** Whether the step's accepted traffic reached a client in another state (P16's premise). An attack's step is
 * not judged: a compromised hub chooses where its traffic goes, a compromised client what it sends. */
export function splitTrafficInStep({ event, code, before, after, attack }: StepFacts): boolean {
  const from = attack === undefined ? sender(event, code) : undefined;
  return from !== undefined && otherSide(from, before, after, event.type === "sendMessage").length > 0;
}

export const SPLIT_DETECTED: ImplementationInvariant = {
  id: "P16",
  name: "a split is detected",
  rule: "RFC 9420 §16.6, digest §7 G63: members left in different states for one epoch each notice it (a recorded refusal or decryption failure) as soon as traffic from the other side reaches them",
  check: ({ event, code, before, after, refusedBy, attack }) => {
    const from = attack === undefined ? sender(event, code) : undefined;
    if (from === undefined || refusedBy === undefined) return undefined;
    for (const c of otherSide(from, before, after, event.type === "sendMessage")) {
      if (refusedBy.includes(c)) continue;
      const [b, s] = [before.clients.find((x) => x.client === c)!, before.clients.find((x) => x.client === from)!];
      const state = b.epoch === s.epoch ? `epoch ${b.epoch} with another epoch authenticator` : `epoch ${b.epoch}`;
      return `${c} (${state}) received ${from}'s ${event.type === "sendMessage" ? "message" : "commit"} from epoch ${s.epoch} of the other side and recorded nothing: the split stays silent`;
    }
    return undefined;
  },
};
