// When the invariants on the network's duties (P25–P28) have something to judge: a step on which a
// /notify came again, a backlog or a late copy arrived, a proposal bundle was handed on, or an outage had
// just ended (properties/coverage/invariant-premises.ts counts them; a row none met is vacuous).
import type { StepFacts } from "../invariants/implementation-invariants.js";
import { CONVERGENCE_BOUND } from "./convergence.js";
import { anyHandedSince } from "./handed-since.js";

const hitKinds = ({ impl }: StepFacts) => new Set((impl.system.network.links?.hits ?? []).filter((h) => h.endpoint === "notify").map((h) => h.fault.kind));

export const NETWORK_PREMISES = {
  P25: {
    when: "a /notify reached a follower again: twice (N01), late after its retry (N02), or retried after its answer was lost (N04)",
    holds: (facts: StepFacts) => ["duplicate", "delay", "loseAnswer"].some((k) => hitKinds(facts).has(k as never)),
  },
  P26: {
    when: "a follower took a backlog of several notifications at once (an outage ended, N05) or a late copy (N02)",
    holds: (facts: StepFacts) => facts.impl.system.network.links?.ticksSinceCalm === 0 || hitKinds(facts).has("delay"),
  },
  P27: {
    when: "a follower handed on a proposal whose bundle had other proposals",
    holds: ({ impl }: StepFacts) => anyHandedSince(impl, "P27", (item) => item.moreProposalsReceived.length > 0),
  },
  P28: {
    when: `an outage had ended within the last ${CONVERGENCE_BOUND} command(s)`,
    holds: ({ impl }: StepFacts) => {
      const since = impl.system.network.links?.ticksSinceCalm;
      return since !== undefined && since <= CONVERGENCE_BOUND;
    },
  },
} as const;
