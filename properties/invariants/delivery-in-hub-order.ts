// P26: one total order, delivered in that order (digest §7 D41, room-policy §7: every follower receives
// one and the same totally ordered sequence; proposals arrive before the commits that reference them, and
// each commit before any other message of its new epoch). The hub's order is its acceptance time, which
// every FanoutMessage carries: each client must be handed its items in strictly increasing acceptance
// time, so every follower's sequence is a part of the one order, proposals before their commit included.
import { handedSince, hubHonest } from "../network/handed-since.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";
import { describeHanded } from "./notify-processed-once.js";

const last = new WeakMap<object, Map<string, { timestamp: bigint; what: string }>>();

export const DELIVERY_IN_HUB_ORDER: ImplementationInvariant = {
  id: "P26",
  name: "one total order, delivered in order",
  rule: "digest §7 D41 (room-policy §7; arch §5.2): one order for every follower, proposals before the commits referencing them, each commit before the rest of its epoch",
  check: (facts) => {
    const { impl } = facts;
    if (!hubHonest(facts)) return undefined;
    const latest = last.get(impl) ?? new Map<string, { timestamp: bigint; what: string }>();
    last.set(impl, latest);
    for (const { follower, item } of handedSince(impl, "P26")) {
      const key = `${item.client} ${item.roomId}`;
      const before = latest.get(key);
      if (before !== undefined && item.timestamp <= before.timestamp)
        return `${follower} handed ${item.client} ${describeHanded(item)} after ${before.what}`;
      latest.set(key, { timestamp: item.timestamp, what: describeHanded(item) });
    }
    return undefined;
  },
};
