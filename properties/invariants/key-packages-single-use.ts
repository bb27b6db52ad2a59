// P22: KeyPackages single-use and unexpired (protocol §5.2 MUST NOTs; digest §7 E48–E49, §2.6 H24), read
// off the wire: no KeyPackageRef in two key-material answers the hub passed on, none in two Adds of
// commits it accepted; no KeyPackage it passed on or an accepted Add carried was outside its lifetime at
// the hub's time (RFC 9420 §7.2: not_before ≤ now ≤ not_after, in seconds); and every KeyPackage it
// passed on is a credential of the client the answer lists it for, a client of the user asked for.
import { bytesToBase64, type KeyPackage } from "ts-mls";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";
import { clientUriOfCredential } from "../../impl/mls/client-credential.js";
import { userOfClient } from "../../impl/identity/mimi-uri.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

/** What P22 has read of one run so far (each answer and Add is judged once, in wire order). */
interface Seen {
  relayed: number;
  adds: number;
  readonly relayedRefs: Set<string>;
  readonly usedRefs: Set<string>;
}
const seenByRun = new WeakMap<ImplementationUnderTest, Seen>();

/** The hub's clock counts milliseconds (its acceptance timestamps); lifetimes count seconds. */
const secondsOf = (milliseconds: bigint) => milliseconds / 1000n;

function lifetimeBreach(kp: KeyPackage, nowSeconds: bigint): string | undefined {
  if (kp.leafNode.leafNodeSource !== "key_package") return "has no key_package lifetime";
  const { notBefore, notAfter } = kp.leafNode.lifetime;
  if (notAfter < nowSeconds) return `expired (not_after ${notAfter}, the hub's time ${nowSeconds})`;
  if (notBefore > nowSeconds) return `not yet valid (not_before ${notBefore}, the hub's time ${nowSeconds})`;
  return undefined;
}

export const KEY_PACKAGES_SINGLE_USE: ImplementationInvariant = {
  id: "P22",
  name: "KeyPackages single-use and unexpired",
  rule: "protocol §5.2 (a KeyPackage is never handed out twice, never expired, and is the target user's client's), digest §7 E48–E49, §2.6 H24",
  check: async ({ impl }) => {
    const wire = impl.wire.keyMaterial;
    const seen = seenByRun.get(impl) ?? { relayed: 0, adds: 0, relayedRefs: new Set<string>(), usedRefs: new Set<string>() };
    seenByRun.set(impl, seen);
    const hash = impl.system.hub.suite.hash;
    // The hub's time when it passed an answer on is at least its last acceptance before; its current
    // time bounds it from above: the check uses the current time (lifetimes are far wider than a run).
    const now = impl.system.hub.keyPackageTime;
    for (; seen.relayed < wire.relayed.length; seen.relayed += 1) {
      const answer = wire.relayed[seen.relayed]!;
      for (const { client, keyPackage } of answer.offered) {
        const ref = bytesToBase64(await makeKeyPackageRef(keyPackage, hash));
        if (seen.relayedRefs.has(ref)) return `the hub passed on ${answer.answeredBy}'s KeyPackage for ${client} a second time`;
        seen.relayedRefs.add(ref);
        const breach = lifetimeBreach(keyPackage, now);
        if (breach !== undefined) return `the hub passed on ${answer.answeredBy}'s KeyPackage for ${client}, ${breach}`;
        const owner = clientUriOfCredential(keyPackage.leafNode.credential);
        if (owner !== client || userOfClient(owner) !== answer.targetUser)
          return `the hub passed on a KeyPackage of ${owner ?? "no client"} as ${client}'s, asked for ${answer.targetUser}`;
      }
    }
    for (; seen.adds < wire.acceptedAdds.length; seen.adds += 1) {
      const commit = wire.acceptedAdds[seen.adds]!;
      for (const keyPackage of commit.keyPackages) {
        const ref = bytesToBase64(await makeKeyPackageRef(keyPackage, hash));
        const owner = clientUriOfCredential(keyPackage.leafNode.credential) ?? "no client";
        if (seen.usedRefs.has(ref)) return `the hub accepted a second Add of one KeyPackage of ${owner}`;
        seen.usedRefs.add(ref);
        const breach = lifetimeBreach(keyPackage, secondsOf(commit.acceptedTimestamp));
        if (breach !== undefined) return `the hub accepted an Add of ${owner} whose KeyPackage was ${breach}`;
      }
    }
    return undefined;
  },
};
