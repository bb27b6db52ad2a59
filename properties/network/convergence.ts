// Convergence after the network's faults stop (digest §7 D42: a `success` is a delivery promise): how
// many steps after the last outage ended every member that can be reached agrees with the hub again, and
// the bound it must meet.
import { domainOf } from "../../impl/identity/mimi-uri.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";

/** Commands after the end of an outage by which every reachable member must agree with the hub. The hub
 * redelivers what a follower missed as soon as it answers again, so agreement is due at once: the bound
 * only allows the command that brought the follower back to finish. */
export const CONVERGENCE_BOUND = 1;

/** Each reachable client holding the room that disagrees with the hub (epoch, tree hash), in words; only
 * those on the followers in `on` when given. */
export function laggingClients(impl: ImplementationUnderTest, on?: readonly string[]): string[] {
  const hub = impl.system.hub.snapshot(impl.roomId);
  if (hub === undefined) return [];
  const links = impl.system.network.links;
  const lagging: string[] = [];
  for (const c of impl.system.allClients()) {
    const session = c.session(impl.roomId);
    const domain = domainOf(c.uri) ?? "";
    if (session === undefined || links?.isDown(domain) === true || (on !== undefined && !on.includes(domain))) continue;
    const { epoch, treeHash } = session.state.groupContext;
    if (epoch !== hub.epoch) lagging.push(`${c.uri} is in epoch ${epoch}, the hub in ${hub.epoch}`);
    else if (Buffer.compare(Buffer.from(treeHash), Buffer.from(hub.treeHash)) !== 0) lagging.push(`${c.uri}'s tree differs from the hub's`);
  }
  return lagging;
}
