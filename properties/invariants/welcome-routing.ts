// P10: a Welcome only after its commit is accepted, and only to the providers that own its KeyPackageRefs
// (protocol §5.5; digest §7 D43). Read off the wire: each /notify carrying a Welcome came from an /update
// the hub accepted, whose commit the hub had fanned out before it, and goes to a provider whose
// key-material answer (relayed by the hub) held one of the Welcome's KeyPackageRefs; every such provider
// gets it.
import { bytesToBase64 } from "ts-mls";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

/** What P10 has read of one run so far: relayed answers hashed, Welcome deliveries judged. */
interface Seen {
  relayed: number;
  welcomes: number;
  /** KeyPackageRef (base64) → the provider whose answer held it. */
  readonly owners: Map<string, string>;
}
const seenByRun = new WeakMap<ImplementationUnderTest, Seen>();

export const WELCOME_ROUTING: ImplementationInvariant = {
  id: "P10",
  name: "a Welcome only after its commit, only to its KeyPackages' providers",
  rule: "protocol §5.5 (the hub sends a Welcome to the providers of its new members once the commit is accepted), digest §7 D43",
  check: async ({ impl }) => {
    const wire = impl.wire.keyMaterial;
    const seen = seenByRun.get(impl) ?? { relayed: 0, welcomes: 0, owners: new Map<string, string>() };
    seenByRun.set(impl, seen);
    for (; seen.relayed < wire.relayed.length; seen.relayed += 1) {
      const answer = wire.relayed[seen.relayed]!;
      for (const { keyPackage } of answer.offered) seen.owners.set(bytesToBase64(await makeKeyPackageRef(keyPackage, impl.system.hub.suite.hash)), answer.answeredBy);
    }
    const fresh = wire.welcomes.slice(seen.welcomes);
    seen.welcomes = wire.welcomes.length;
    for (const d of fresh) {
      if (d.origin === undefined) return `the hub sent ${d.to} a Welcome that no /update carried`;
      if (d.origin.accepted !== true) return `the hub sent ${d.to} the Welcome of a commit it did not accept`;
      if (!d.afterCommit) return `the hub sent ${d.to} a Welcome before fanning out its commit`;
      const owners = new Set(d.welcome.secrets.flatMap((s) => seen.owners.get(bytesToBase64(s.newMember)) ?? []));
      if (!owners.has(d.to)) return `the hub sent ${d.to} a Welcome for KeyPackages of ${owners.size === 0 ? "no provider it relayed" : [...owners].sort().join(", ")}`;
    }
    // Every owner of one of a Welcome's KeyPackages gets it (all deliveries of a Welcome happen in its step).
    for (const key of new Set(fresh.map((d) => d.key))) {
      const deliveries = fresh.filter((d) => d.key === key);
      const owners = new Set(deliveries[0]!.welcome.secrets.flatMap((s) => seen.owners.get(bytesToBase64(s.newMember)) ?? []));
      const missed = [...owners].filter((o) => !deliveries.some((d) => d.to === o));
      if (missed.length > 0) return `the hub sent no Welcome to ${missed.join(", ")}, which handed out its KeyPackages`;
    }
    return undefined;
  },
};
