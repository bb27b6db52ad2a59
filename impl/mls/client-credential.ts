// A client's MLS credential is a basic credential whose identity is the client's mimi:// URI.
// The drafts leave the credential type open (protocol §4.2 TODO); basic keeps every party's check simple.
import type { Credential, RatchetTree } from "ts-mls";
import { leafToNodeIndex, toLeafIndex } from "ts-mls/treemath.js";

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function credentialFor(clientUri: string): Credential {
  return { credentialType: "basic", identity: utf8.encode(clientUri) };
}

export function clientUriOfCredential(credential: Credential): string | undefined {
  if (credential.credentialType !== "basic") return undefined;
  try {
    return strictUtf8.decode(credential.identity);
  } catch {
    return undefined;
  }
}

export interface TreeMember {
  leafIndex: number;
  client: string;
}

/** The client URI at a leaf, or undefined for a blank leaf. */
export function clientAtLeaf(tree: RatchetTree, leafIndex: number): string | undefined {
  const node = tree[leafToNodeIndex(toLeafIndex(leafIndex))];
  if (node === undefined || node.nodeType !== "leaf") return undefined;
  return clientUriOfCredential(node.leaf.credential);
}

/** Every occupied leaf of the tree with its client URI, in leaf order. */
export function treeMembers(tree: RatchetTree): TreeMember[] {
  const members: TreeMember[] = [];
  for (let nodeIndex = 0; nodeIndex < tree.length; nodeIndex += 2) {
    const node = tree[nodeIndex];
    if (node?.nodeType !== "leaf") continue;
    const client = clientUriOfCredential(node.leaf.credential);
    if (client !== undefined) members.push({ leafIndex: nodeIndex / 2, client });
  }
  return members;
}
