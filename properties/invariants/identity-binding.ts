// P19: every member is who its credential says (digest §6 "MIMI identity", §7 B14; RFC 9420 §5.3.3;
// protocol §5.6). In the hub's tree and in every client's tree of the room:
//   (a) every leaf's credential names a mimi client URI, and no two leaves name the same client;
//   (b) no leaf naming client C carries a signature key that another client D of the deployment generated
//       (D holds its private half): D would then sit in the group under C's name, an impostor.
// The ground truth of (b) is the deployment's, not the protocol's: each client knows the keys it made
// (MimiClient.signatureKeysHeld). A key no client made (one a provider minted for its own user) is not an
// impostor's: with basic credentials a provider is authoritative for its own users' credentials, and H0
// already ties every joiner and committer to the provider that speaks for it.
import { treeMembers } from "../../impl/mls/client-credential.js";
import { bytesToBase64, type RatchetTree } from "ts-mls";
import { leafToNodeIndex, toLeafIndex } from "ts-mls/treemath.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

/** `holderOf`: each signature public key (base64) a client of the deployment generated, with that client. */
function identityBreach(who: string, tree: RatchetTree, holderOf: ReadonlyMap<string, string>): string | undefined {
  const seen = new Set<string>();
  for (const m of treeMembers(tree)) {
    if (seen.has(m.client)) return `${who} holds two leaves naming ${m.client}`;
    seen.add(m.client);
    const node = tree[leafToNodeIndex(toLeafIndex(m.leafIndex))];
    if (node?.nodeType !== "leaf") continue;
    const holder = holderOf.get(bytesToBase64(node.leaf.signaturePublicKey));
    if (holder !== undefined && holder !== m.client) return `${who}'s leaf ${m.leafIndex} names ${m.client} but carries ${holder}'s signature key`;
  }
  const unnamed = tree.filter((n, i) => i % 2 === 0 && n?.nodeType === "leaf").length - seen.size;
  return unnamed > 0 ? `${who} holds ${unnamed} leaf(s) whose credential names no client` : undefined;
}

export const IDENTITY_BINDING: ImplementationInvariant = {
  id: "P19",
  name: "every member is the client its credential names",
  rule: "digest §6, §7 B14; RFC 9420 §5.3.3; protocol §5.6 (H14): each leaf names one client, once, and carries no other client's signature key",
  check: ({ impl }) => {
    const clients = impl.system.allClients();
    const holderOf = new Map(clients.flatMap((c) => [...c.signatureKeysHeld()].map((key) => [key, c.uri] as const)));
    const hubTree = impl.system.hub.room(impl.roomId)?.view.tree;
    const hubBreach = hubTree === undefined ? undefined : identityBreach("the hub", hubTree, holderOf);
    if (hubBreach !== undefined) return hubBreach;
    for (const c of clients) {
      const state = c.session(impl.roomId)?.state;
      const breach = state === undefined ? undefined : identityBreach(c.uri, state.ratchetTree, holderOf);
      if (breach !== undefined) return breach;
    }
    return undefined;
  },
};
