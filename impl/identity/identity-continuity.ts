// Identity continuity (RFC 9420 §5.3.3: when a member's credential is replaced, the new one must name a
// valid successor of the old identity; digest §2.6 H14 and §6 "recognise the same client replacing
// itself"). With basic credentials a leaf's only proof of being a client is its signature key, so:
// - a resync (the Remove an external commit carries) may replace only the joiner's own earlier leaf: the
//   same client URI and the same signature key;
// - a member's UpdatePath leaf, or an Update proposal's leaf, keeps the client URI of the leaf it replaces.
// One pure function, run by the hub (impl/hub/hub.ts, rule H14) and by every honest client
// (impl/client/incoming-checks.ts) on the commit before it is applied.
import type { LeafNode, ProposalWithSender, RatchetTree } from "ts-mls";
import type { FramedContentCommit } from "ts-mls/framedContent.js";
import { leafToNodeIndex, toLeafIndex } from "ts-mls/treemath.js";
import { clientUriOfCredential } from "../mls/client-credential.js";

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function leafAt(tree: RatchetTree, leafIndex: number): LeafNode | undefined {
  const node = tree[leafToNodeIndex(toLeafIndex(leafIndex))];
  return node?.nodeType === "leaf" ? node.leaf : undefined;
}

const nameOf = (leaf: LeafNode | undefined) => (leaf === undefined ? undefined : clientUriOfCredential(leaf.credential));

/**
 * Why `framed` breaks identity continuity against `tree` (the tree of the epoch it was made in), or
 * undefined when every replaced leaf keeps its identity. `proposals`: the commit's proposals, by-reference
 * ones resolved, with their senders (an Update names its sender's leaf).
 */
export function identityContinuityRefusal(framed: FramedContentCommit, proposals: readonly ProposalWithSender[], tree: RatchetTree): string | undefined {
  const path = framed.commit.path;
  if (framed.sender.senderType === "new_member_commit") {
    const joiner = path?.leafNode;
    if (joiner === undefined) return undefined; // MLS refuses a pathless external commit
    const joinerName = nameOf(joiner);
    for (const p of proposals) {
      if (p.proposal.proposalType !== "remove") continue;
      const removed = leafAt(tree, p.proposal.remove.removed);
      const removedName = nameOf(removed);
      if (removedName !== joinerName) return `the joiner ${joinerName ?? "(unnamed)"} removes ${removedName ?? "a blank leaf"}, not its own earlier leaf`;
      if (removed !== undefined && !sameBytes(removed.signaturePublicKey, joiner.signaturePublicKey))
        return `the joiner claims to be ${joinerName} but its signature key is not that client's`;
    }
    return undefined;
  }
  if (framed.sender.senderType !== "member") return undefined;
  const committerName = nameOf(leafAt(tree, framed.sender.leafIndex));
  if (path !== undefined && nameOf(path.leafNode) !== committerName)
    return `${committerName ?? "the committer"} replaces its leaf with one naming ${nameOf(path.leafNode) ?? "no client"}`;
  for (const p of proposals) {
    if (p.proposal.proposalType !== "update" || p.senderLeafIndex === undefined) continue;
    const before = nameOf(leafAt(tree, p.senderLeafIndex));
    const after = nameOf(p.proposal.update.leafNode);
    if (after !== before) return `${before ?? "a member"} updates its leaf to one naming ${after ?? "no client"}`;
  }
  return undefined;
}
