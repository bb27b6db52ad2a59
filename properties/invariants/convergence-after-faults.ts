// P28: convergence once the faults stop (protocol §5.5: the hub retries until 201; digest §7 D42: a
// `success` means the message reaches every provider with active participants). Within CONVERGENCE_BOUND
// commands of the end of an outage, every member on the followers it cut off is in the hub's epoch with
// the hub's tree (any other lag is P8's to judge); the run reports how long it took (RunCoverage.convergence, and the step that brought the
// follower back).
import { CONVERGENCE_BOUND, laggingClients } from "../network/convergence.js";
import { hubHonest } from "../network/handed-since.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

export const CONVERGENCE_AFTER_FAULTS: ImplementationInvariant = {
  id: "P28",
  name: "convergence once the faults stop",
  rule: "protocol §5.5 (the hub retries until it gets a 201), digest §7 D42 (success is a delivery promise): every member catches up with the hub once its follower is reachable",
  check: (facts) => {
    const { impl } = facts;
    if (!hubHonest(facts)) return undefined;
    const since = impl.system.network.links?.ticksSinceCalm;
    if (since === undefined || since > CONVERGENCE_BOUND) return undefined;
    const lagging = laggingClients(impl, impl.system.network.links?.lastReturned ?? []);
    return lagging.length === 0 ? undefined : `${lagging[0]}, ${since + 1} command(s) after the network became calm again (bound ${CONVERGENCE_BOUND})`;
  },
};
