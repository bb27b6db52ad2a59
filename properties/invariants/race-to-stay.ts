// P18: a removed user cannot win a race to stay (protocol §5.3: once the hub has accepted the removal or ban
// of a user, that user's clients may neither commit nor send; room-policy §8.1.2–8.1.3: no client of it
// remains). Read off the implementation alone: the hub's committed list tells when a removal or ban took
// effect, and the wire tells which requests the hub accepted afterwards and for whom. A request built
// before the removal and delivered after it — in flight when the commit went through — counts as sent
// after: the hub decides in the order requests reach it.
import { userOfClient } from "../../impl/identity/mimi-uri.js";
import type { UserId } from "../../model/index.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import { clientUriOf, modelUserOf } from "../world/room-world.js";
import { withheldFrom } from "./agreement.js";
import type { ImplementationInvariant, StepFacts } from "./implementation-invariants.js";

const BANNED_ROLE = 1;
const gone = (role: number | undefined) => role === undefined || role === 0 || role === BANNED_ROLE;

interface Watch {
  /** Accepted requests already judged (index into the wire's record). */
  seen: number;
  /** Users whose removal or ban the hub committed and that were not listed again since, with the epoch. */
  readonly removed: Map<UserId, number>;
}

const watches = new WeakMap<ImplementationUnderTest, Watch>();
const watchOf = (impl: ImplementationUnderTest): Watch => {
  let w = watches.get(impl);
  if (w === undefined) watches.set(impl, (w = { seen: 0, removed: new Map() }));
  return w;
};

/** Users whose committed removal or ban was in force when the step began (P18's premise). */
export function removedUsers(impl: ImplementationUnderTest): ReadonlyMap<UserId, number> {
  return watchOf(impl).removed;
}

function speakerUser(uri: string): UserId {
  return modelUserOf(userOfClient(uri) ?? uri);
}

export const REMOVED_USER_CANNOT_STAY: ImplementationInvariant = {
  id: "P18",
  name: "a removed user cannot win a race to stay",
  rule: "protocol §5.3: once the hub accepted a removal or ban, the user's clients can neither commit nor send; room-policy §8.1.2–8.1.3",
  check: ({ before, after, impl }: StepFacts) => {
    const watch = watchOf(impl);
    const accepted = impl.wire.acceptedRequests.slice(watch.seen);
    watch.seen = impl.wire.acceptedRequests.length;
    for (const request of accepted) {
      if (request.endpoint !== "update" && request.endpoint !== "submitMessage") continue;
      for (const speaker of request.speakers) {
        const epoch = watch.removed.get(speakerUser(speaker));
        if (epoch !== undefined)
          return `the hub accepted ${request.endpoint === "update" ? "a handshake" : "a message"} from ${speaker} after the commit into epoch ${epoch} removed ${speakerUser(speaker)}`;
      }
    }
    if (after.hub.epoch !== before.hub.epoch) {
      const epoch = Number(after.hub.epoch);
      for (const [user, entry] of Object.entries(before.hubState.users))
        if (!gone(entry.role) && gone(after.hubState.users[user]?.role)) watch.removed.set(user, epoch);
      for (const user of [...watch.removed.keys()]) if (!gone(after.hubState.users[user]?.role)) watch.removed.delete(user);
    }
    for (const [user, epoch] of watch.removed) {
      // A client its follower withheld the removal from (F11) lags before it, where P8 judges it: not a race won.
      const judged = after.clients.filter((c) => !(c.epoch < epoch && withheldFrom(impl, clientUriOf(c.client)) !== undefined));
      for (const view of [{ who: "the hub", users: after.hubState.users }, ...judged.map((c) => ({ who: c.client, users: c.users }))]) {
        const clients = view.users[user]?.clients ?? [];
        if (clients.length > 0) return `${view.who} still has ${clients.join(",")} in the group after the commit into epoch ${epoch} removed ${user}`;
      }
    }
    return undefined;
  },
};
