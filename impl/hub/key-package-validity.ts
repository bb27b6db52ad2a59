// H24 (protocol §5.2: a KeyPackage is never handed out twice, and never once expired; digest §7 E48–E49):
// what the hub checks of every KeyPackage it relays and of every KeyPackage an Add it accepts carries.
// The target provider owes these to the requester; the hub, which sits between them and records each
// KeyPackageRef's route, is where a lying provider is caught. Pure, so tests can exercise it directly.
import type { KeyPackage } from "ts-mls";
import { userOfClient } from "../identity/mimi-uri.js";
import { clientUriOfCredential } from "../mls/client-credential.js";

/** The hub's clock counts milliseconds; KeyPackage lifetimes (RFC 9420 §7.2) count seconds. */
export const MILLISECONDS_PER_SECOND = 1000n;

/** What one KeyPackage is checked against. */
export interface KeyPackageExpectation {
  /** The user it was asked for (undefined: not known, the user part is not checked). */
  readonly user?: string;
  /** The client the answer lists it for (undefined: not checked). */
  readonly client?: string;
  /** The hub's time, in seconds since the Unix epoch. */
  readonly nowSeconds: bigint;
  /** Whether the hub relayed it before (at relay time) or an accepted Add used it (at commit time). */
  readonly seenBefore: boolean;
}

/**
 * Why the hub refuses `keyPackage`, or undefined when it may be relayed or used: seen before (single
 * use), outside its lifetime at the hub's time (RFC 9420 §7.2: not_before ≤ now ≤ not_after), or its
 * credential names another client or user than the one it is offered for.
 */
export function keyPackageRefusal(keyPackage: KeyPackage, expected: KeyPackageExpectation): string | undefined {
  if (expected.seenBefore) return "KeyPackage already handed out or used";
  const leaf = keyPackage.leafNode;
  if (leaf.leafNodeSource !== "key_package") return "KeyPackage leaf is not a key_package leaf";
  const { notBefore, notAfter } = leaf.lifetime;
  if (notAfter < expected.nowSeconds) return `KeyPackage expired (not_after ${notAfter} < ${expected.nowSeconds})`;
  if (notBefore > expected.nowSeconds) return `KeyPackage not yet valid (not_before ${notBefore} > ${expected.nowSeconds})`;
  const client = clientUriOfCredential(leaf.credential);
  if (expected.client !== undefined && client !== expected.client) return `KeyPackage of ${client ?? "no client"} offered for ${expected.client}`;
  if (expected.user !== undefined && (client === undefined || userOfClient(client) !== expected.user))
    return `KeyPackage of ${client ?? "no client"} offered for user ${expected.user}`;
  return undefined;
}
