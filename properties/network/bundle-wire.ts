// Proposal bundles as the wire shows them (digest §7 D44): what each proposer's provider sent the hub in
// /update, and what the hub fanned out in /notify, by the bundle's first proposal. Read off the bytes by
// an observer of the network, like every other wire record of a run.
import type { MLSMessage } from "ts-mls";
import { decodeFanoutMessages } from "../../impl/codec/fanout-message.js";
import { decodeUpdateRequest } from "../../impl/codec/update-request.js";
import { messageKey } from "../../impl/provider/delivery-log.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import { HUB_DOMAIN } from "../world/room-world.js";

/** One bundle: the other proposals as sent, and as each fanout of it carried them. */
export interface BundleOnTheWire {
  readonly sent: readonly string[];
  readonly fannedOut: (readonly string[])[];
}

const records = new WeakMap<ImplementationUnderTest, Map<string, BundleOnTheWire>>();

const keys = (messages: readonly MLSMessage[]) => messages.map(messageKey);

/** Starts recording the run's proposal bundles (once per deployment). */
export function recordBundles(impl: ImplementationUnderTest): void {
  if (records.has(impl)) return;
  const bundles = new Map<string, BundleOnTheWire>();
  records.set(impl, bundles);
  impl.system.network.addObserver((to, request) => {
    try {
      if (request.endpoint === "update" && to === HUB_DOMAIN) {
        const { bundle } = decodeUpdateRequest(request.body);
        if (bundle.kind !== "proposal") return;
        const key = messageKey(bundle.proposalOrCommit);
        if (!bundles.has(key)) bundles.set(key, { sent: keys(bundle.moreProposals), fannedOut: [] });
      } else if (request.endpoint === "notify") {
        for (const item of decodeFanoutMessages(request.body))
          if (item.kind === "proposal") bundles.get(messageKey(item.message))?.fannedOut.push(keys(item.moreProposals));
      }
    } catch {
      // Undecodable bytes carry no bundle.
    }
  });
}

/** The bundles recorded so far, by first proposal. */
export function bundlesOnTheWire(impl: ImplementationUnderTest): ReadonlyMap<string, BundleOnTheWire> {
  return records.get(impl) ?? new Map();
}
