// The items each follower handed its clients since a reader last looked (impl/provider/delivery-log.ts),
// so that an invariant judges each hand-over once, whatever the length of the run.
import type { DeliveryLog, HandedItem } from "../../impl/provider/delivery-log.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";

const cursors = new WeakMap<DeliveryLog, Map<string, number>>();

/** Every follower's items handed since `reader`'s last call, with the follower's domain. */
export function handedSince(impl: ImplementationUnderTest, reader: string): { readonly follower: string; readonly item: HandedItem }[] {
  const out: { follower: string; item: HandedItem }[] = [];
  for (const provider of impl.system.providers.values()) {
    const log = provider.deliveries;
    const byReader = cursors.get(log) ?? new Map<string, number>();
    cursors.set(log, byReader);
    const from = byReader.get(reader) ?? 0;
    for (const item of log.handed.slice(from)) out.push({ follower: provider.domain, item });
    byReader.set(reader, log.handed.length);
  }
  return out;
}

/** The same without moving the cursor: has anything been handed since `reader`'s last call that `fits`? */
export function anyHandedSince(impl: ImplementationUnderTest, reader: string, fits: (item: HandedItem) => boolean): boolean {
  for (const provider of impl.system.providers.values()) {
    const from = cursors.get(provider.deliveries)?.get(reader) ?? 0;
    if (provider.deliveries.handed.slice(from).some(fits)) return true;
  }
  return false;
}

/** Whether the step's hub is honest: the hub's own order (its timestamps) and its delivery promise are what
 * P26–P28 hold the network's parties to, and a compromised hub (properties/adversaries) keeps neither. The
 * runner marks steps under a compromised hub in the facts it passes (`hubCompromised`). */
export function hubHonest(facts: object): boolean {
  return (facts as { readonly hubCompromised?: boolean }).hubCompromised !== true;
}
