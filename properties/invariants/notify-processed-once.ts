// P25: a /notify is processed once (protocol §5.5: on a byte-identical duplicate a follower MUST answer
// 201 and SHOULD process only the first copy; digest §7 D45). Read off what each follower handed its
// clients: no client is handed the same FanoutMessage twice, however often the links delivered it.
import type { HandedItem } from "../../impl/provider/delivery-log.js";
import { handedSince } from "../network/handed-since.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

const seen = new WeakMap<object, Set<string>>();

export const describeHanded = (item: HandedItem): string => `the ${item.kind} the hub accepted at ${item.timestamp}`;

export const NOTIFY_PROCESSED_ONCE: ImplementationInvariant = {
  id: "P25",
  name: "/notify processed once",
  rule: "protocol §5.5 (a byte-identical re-delivery gets 201 and is processed only once), digest §7 D45",
  check: ({ impl }) => {
    const handed = seen.get(impl) ?? new Set<string>();
    seen.set(impl, handed);
    for (const { follower, item } of handedSince(impl, "P25")) {
      const key = `${item.client} ${item.roomId} ${item.item}`;
      if (handed.has(key)) return `${follower} handed ${item.client} ${describeHanded(item)} a second time`;
      handed.add(key);
    }
    return undefined;
  },
};
