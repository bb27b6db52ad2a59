// A client's MLS credential names the client's mimi:// URI: an x509 credential whose leaf certificate
// carries it as subjectAltName (issued by the client's provider, impl/identity/provider-ca.ts), or, in the
// insecure basic mode, a basic credential whose identity is the URI. The drafts leave the credential type
// open (protocol §4.2 TODO). Reading the name here does not validate it: impl/identity/credential-validation.ts does.
import type { Credential, RatchetTree } from "ts-mls";
import { leafToNodeIndex, toLeafIndex } from "ts-mls/treemath.js";
import { uriOfX509Credential } from "../identity/credential-validation.js";

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A basic credential naming `clientUri` (the insecure basic mode, and requests that carry only a name). */
export function credentialFor(clientUri: string): Credential {
  return { credentialType: "basic", identity: utf8.encode(clientUri) };
}

/** Makes the credential of a client (or provider) URI for a signature public key: what a client asks its
 * provider's authentication service for each new signature key. */
export type CredentialIssuer = (subjectUri: string, signaturePublicKey: Uint8Array) => Promise<Credential>;

/** The issuer of the basic mode: the credential names the URI and vouches for no key. */
export const basicCredentials: CredentialIssuer = async (subjectUri) => credentialFor(subjectUri);

/** The URI a credential names (basic: its identity; x509: its leaf certificate's subjectAltName). */
export function clientUriOfCredential(credential: Credential): string | undefined {
  if (credential.credentialType === "x509") return uriOfX509Credential(credential.certificates);
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
