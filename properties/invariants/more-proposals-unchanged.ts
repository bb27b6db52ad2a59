// P27: moreProposals travel unchanged (protocol §5.5: FanoutMessage.moreProposals MUST equal the
// HandshakeBundle's; digest §7 D44). Both legs: the hub fans out each proposal bundle with the other
// proposals its proposer sent, byte for byte (read off the wire), and each follower hands them to its
// clients as the FanoutMessage carried them.
import { bundlesOnTheWire } from "../network/bundle-wire.js";
import { handedSince, hubHonest } from "../network/handed-since.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";
import { describeHanded } from "./notify-processed-once.js";

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const MORE_PROPOSALS_UNCHANGED: ImplementationInvariant = {
  id: "P27",
  name: "moreProposals unchanged",
  rule: "protocol §5.5 (FanoutMessage.moreProposals equals HandshakeBundle.moreProposals), digest §7 D44",
  check: (facts) => {
    const { impl } = facts;
    // The hub's leg holds an honest hub to it; a follower's leg holds whatever the hub sent.
    if (hubHonest(facts))
      for (const [, bundle] of bundlesOnTheWire(impl))
        for (const fannedOut of bundle.fannedOut)
          if (!same(fannedOut, bundle.sent)) return `the hub fanned out a proposal with ${fannedOut.length} other proposal(s), its proposer sent ${bundle.sent.length}`;
    for (const { follower, item } of handedSince(impl, "P27"))
      if (!same(item.moreProposalsHanded, item.moreProposalsReceived))
        return `${follower} handed ${item.client} ${describeHanded(item)} with ${item.moreProposalsHanded.length} other proposal(s) of its bundle, the hub sent ${item.moreProposalsReceived.length}`;
    return undefined;
  },
};
