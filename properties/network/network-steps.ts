// What an unreliable network does to a property run: the links are installed when the run enables the
// network adversary; a network command arms a fault; time passes once per command (held requests
// arrive, outages count down, the hub redelivers what a returning follower missed); and while a follower
// is unreachable its clients cannot act, and nothing that needs it can be done.
import type { ModelEvent } from "../../model/index.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { UnreliableNetwork } from "../../impl/transport/unreliable-network.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import type { RunSetup } from "../runner/run-setup.js";
import { clientUriOf, FOLLOWER_DOMAINS, HUB_DOMAIN, userUriOf } from "../world/room-world.js";
import { resolveNetworkCommand, type NetworkCommand } from "./network-command.js";
import { faultClassOf } from "./network-fault-classes.js";
import { recordBundles } from "./bundle-wire.js";

/** Links with faults when the run enables the network adversary; the delivery faults planted, if any;
 * the record of proposal bundles on the wire (for P27), in every run. */
export function installNetwork(impl: ImplementationUnderTest, setup: RunSetup): void {
  recordBundles(impl);
  if (setup.adversaries?.has("network") === true) impl.system.network.links = new UnreliableNetwork(HUB_DOMAIN);
  const faults = setup.deliveryFaults ?? {};
  for (const provider of impl.system.providers.values()) provider.faults = faults;
  impl.system.outbox.faults = faults;
}

/** Arms the command's fault; answers the step's text, or undefined when the run has no faulty links. */
export function armNetworkFault(impl: ImplementationUnderTest, command: NetworkCommand, classes?: readonly string[]): string | undefined {
  const links = impl.system.network.links;
  const members = impl.system.hub.snapshot(impl.roomId)?.members ?? [];
  const hosting = FOLLOWER_DOMAINS.filter((d) => members.some((m) => domainOf(m) === d));
  const resolved = resolveNetworkCommand(command, hosting, classes);
  if (links === undefined || resolved === undefined) return undefined;
  const { cls, follower, span } = resolved;
  links.arm(cls.fault(follower, span));
  return `network: ${cls.describe(follower, span)} [${cls.id} ${cls.name}]`;
}

/** What passing time did: domains back, notifications the hub redelivered, and what failed meanwhile. */
export interface TimePassed {
  readonly back: readonly string[];
  readonly redelivered: number;
  /** A request with no answer where an answer was due: thrown by the hub's outbox (a follower refused a /notify). */
  readonly thrown?: string;
}

/** Time passes: held requests arrive, outages count down, and the hub drains its queues. */
export async function passTime(impl: ImplementationUnderTest): Promise<TimePassed> {
  if (impl.system.network.links === undefined) return { back: [], redelivered: 0 };
  const back = await impl.system.network.tick();
  try {
    return { back, redelivered: await impl.system.outbox.drainAll() };
  } catch (e) {
    return { back, redelivered: 0, thrown: e instanceof Error ? e.message : String(e) };
  }
}

/** The followers unreachable now. */
export function unreachableFollowers(impl: ImplementationUnderTest): readonly string[] {
  return impl.system.network.links?.unreachable() ?? [];
}

/** Whether `client` (model id) is on an unreachable follower now: it can neither act nor be observed. */
export function isOffline(impl: ImplementationUnderTest, client: string): boolean {
  return impl.system.network.links?.isDown(domainOf(clientUriOf(client)) ?? "") === true;
}

/**
 * Why the event cannot run while some follower is unreachable: its actor (or joining client) is there, or
 * it adds clients there (their KeyPackages and Welcome go through that follower). Undefined when it can.
 */
export function unreachableFor(impl: ImplementationUnderTest, event: ModelEvent): string | undefined {
  const links = impl.system.network.links;
  if (links === undefined || links.unreachable().length === 0 || event.type === "createRoom") return undefined;
  const actor = event.type === "addOwnClient" ? event.client : event.actor;
  const down = (uri: string) => links.isDown(domainOf(uri) ?? "");
  if (down(clientUriOf(actor))) return `${domainOf(clientUriOf(actor))} is unreachable`;
  if (event.type === "addParticipant" && event.clients.length > 0 && down(userUriOf(event.target))) return `${domainOf(userUriOf(event.target))}, which holds ${event.target}'s KeyPackages, is unreachable`;
  return undefined;
}

/** The faults that took effect since the last call, by class id (for coverage). */
export function takeFaultHits(impl: ImplementationUnderTest): string[] {
  const links = impl.system.network.links;
  if (links === undefined) return [];
  const ids = links.hits.map((h) => faultClassOf(h.fault).id);
  links.hits = [];
  return ids;
}
