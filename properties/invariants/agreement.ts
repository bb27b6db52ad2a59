// P8 agreement (protocol §4; RFC 9420 §8.7; digest §7 G63–G64): every client holding the room is in the
// hub's epoch, with the hub's tree hash, participants and roles, and all of them share one epoch
// authenticator.
//
// One allowance, for a client that is provably behind rather than forked. A compromised follower can
// acknowledge a commit's /notify and never hand it to its clients (attack class F11): they cannot follow
// the room past it (MLS has no way to skip an epoch) and cannot know at once. Such a client may hold an
// older epoch than the hub's only if all of this holds:
//   - its own provider is a compromised follower that withheld a commit of this room from it
//     (CompromisedFollower.withheldFrom, recorded when the commit was withheld);
//   - it is still in the epoch it held then, with the same epoch authenticator: it lags where it was left,
//     and P8 checked that state against the hub's on the step before (a client that moved on by itself
//     has forked, not lagged);
//   - that epoch is older than the hub's;
//   - it recorded a refusal for every item its provider handed it since (a later commit: wrongEpoch; a
//     later proposal bundle or message it cannot read: refused and recorded): it never diverges silently.
// Every other client, and a lagging client that took anything later without a word, fails P8 as before.
import { clientUriOf } from "../world/room-world.js";
import { CompromisedFollower, type WithheldFrom } from "../adversaries/compromised-follower.js";
import type { ClientObservation } from "../runner/observe-implementation.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

/** The record of `client` (a URI) being withheld from in this room, if its follower withheld a commit from
 * it: an invariant that reads a client's own view may leave such a client out, as P8 does once it checked
 * that the client lags where it was left and says so. */
export function withheldFrom(impl: ImplementationUnderTest, client: string): WithheldFrom | undefined {
  for (const follower of CompromisedFollower.takenOver(impl.system)) {
    const record = follower.withheldFrom.find((r) => r.roomId === impl.roomId && r.client === client);
    if (record !== undefined) return record;
  }
  return undefined;
}

/** Why `c` (not in the hub's epoch) is not merely lagging where a follower left it, or undefined if it is. */
function notMerelyBehind(impl: ImplementationUnderTest, c: ClientObservation, hubEpoch: number): string | undefined {
  const uri = clientUriOf(c.client);
  const record = withheldFrom(impl, uri);
  const plain = `${c.client} is in epoch ${c.epoch}, the hub in ${hubEpoch}`;
  if (record === undefined) return plain;
  if (BigInt(c.epoch) !== record.epoch || c.epochAuthenticator !== record.epochAuthenticator)
    return `${plain}, and it left epoch ${record.epoch}, where its follower withheld a commit from it, by itself`;
  if (c.epoch >= hubEpoch) return plain;
  const client = impl.system.allClients().find((x) => x.uri === uri);
  const handed = impl.system.provider(record.domain).deliveries.handed
    .slice(record.handedBefore)
    .filter((h) => h.client === uri && h.roomId === impl.roomId && h.kind !== "welcome").length;
  const refused = (client?.refusals.length ?? 0) - record.refusalsBefore;
  if (refused < handed)
    return `${plain} (its follower withheld a commit from it) and it took ${handed - refused} of the ${handed} later item(s) it was handed without recording a refusal: it diverges silently`;
  return undefined;
}

export const AGREEMENT: ImplementationInvariant = {
  id: "P8",
  name: "agreement",
  rule: "protocol §4, RFC 9420 §8.7: members in the same epoch share the epoch authenticator and room state, equal to the hub's (a client a follower withheld a commit from may lag where it was left, refusing all that comes later)",
  check: ({ after, impl }) => {
    const hub = after.hub;
    const hubEpoch = after.hubState.epoch;
    const hubTreeHash = Buffer.from(hub.treeHash).toString("hex");
    const hubRoom = JSON.stringify(after.hubState.users);
    const hubRoles = JSON.stringify(hub.committed.roles);
    let first: ClientObservation | undefined;
    for (const c of after.clients) {
      if (c.epoch !== hubEpoch) {
        const why = notMerelyBehind(impl, c, hubEpoch);
        if (why !== undefined) return why;
        continue;
      }
      if (c.treeHash !== hubTreeHash) return `${c.client}'s tree hash differs from the hub's`;
      if (JSON.stringify(c.users) !== hubRoom) return `${c.client}'s participants differ from the hub's`;
      if (JSON.stringify(c.roles) !== hubRoles) return `${c.client}'s roles differ from the hub's`;
      first ??= c;
      if (c.epochAuthenticator !== first.epochAuthenticator) return `${c.client} and ${first.client} have different epoch authenticators`;
    }
    return undefined;
  },
};
