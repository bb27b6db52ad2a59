// The hub's view of a room's MLS group. The hub is not a member: it holds no secrets, only what every
// handshake and GroupInfo make public (tree, GroupContext, last confirmation tag). From these it checks
// signatures, applies each accepted commit, and computes the next GroupContext itself, so that a
// GroupInfo a committer hands in can be compared with what the commit really produces.
import type { CiphersuiteImpl, Credential, Extension, GroupContext, GroupInfo, LeafNode, RatchetTree, ProposalWithSender } from "ts-mls";
import type { AuthenticatedContent } from "ts-mls/authenticatedContent.js";
import { makeProposalRef } from "ts-mls/authenticatedContent.js";
import { applyProposals, nextEpochContext, validateLeafNodeUpdateOrCommit, validateLeafNodeCredentialAndKeyUniqueness } from "ts-mls/clientState.js";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { verifyFramedContentSignature, type FramedContentCommit } from "ts-mls/framedContent.js";
import { verifyGroupInfoSignature } from "ts-mls/groupInfo.js";
import { encodeGroupContext } from "ts-mls/groupContext.js";
import { findSignaturePublicKey, type PublicMessage } from "ts-mls/publicMessage.js";
import { addLeafNode, removeLeafNode, getSignaturePublicKeyFromLeafIndex, findBlankLeafNodeIndexOrExtend } from "ts-mls/ratchetTree.js";
import { treeHashRoot } from "ts-mls/treeHash.js";
import { nodeToLeafIndex, toLeafIndex } from "ts-mls/treemath.js";
import type { ProposalOrRef } from "ts-mls/proposalOrRefType.js";
import { applyUpdatePath } from "ts-mls/updatePath.js";
import { bytesToBase64 } from "ts-mls";

export interface PublicGroupView {
  readonly groupContext: GroupContext;
  readonly tree: RatchetTree;
  /** Confirmation tag of the commit that started this epoch (feeds the interim transcript hash). */
  readonly confirmationTag: Uint8Array;
  /** The GroupInfo of this epoch, signed by a member, served to joiners. */
  readonly groupInfo: GroupInfo;
}

export class PublicViewError extends Error {}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The hub's credential validation (RFC 9420 §5.3.1; impl/identity/credential-validation.ts, the check
 * every honest client runs through ts-mls's hook): why a credential carried with a signature key is not
 * valid, or undefined. The view runs it on every leaf it takes in: the tree it starts from, and each
 * commit's new leaves (UpdatePath, Adds' KeyPackages, Updates). Without one, every credential passes.
 */
export type CredentialCheck = (credential: Credential, signaturePublicKey: Uint8Array) => Promise<string | undefined>;

/** The leaves a commit brings in, each with what it is: the committer's (or joiner's) new leaf, each
 * added KeyPackage's, each Update's (by-reference proposals looked up in `known`, by base64 reference). */
export function newLeavesOfCommit(framed: FramedContentCommit, known: Record<string, ProposalWithSender>): { what: string; leaf: LeafNode }[] {
  const path = framed.commit.path;
  const proposed = framed.commit.proposals.flatMap((p) => {
    const proposal = p.proposalOrRefType === "proposal" ? p.proposal : known[bytesToBase64(p.reference)]?.proposal;
    if (proposal?.proposalType === "add") return [{ what: "an added KeyPackage", leaf: proposal.add.keyPackage.leafNode as LeafNode }];
    if (proposal?.proposalType === "update") return [{ what: "an Update", leaf: proposal.update.leafNode as LeafNode }];
    return [];
  });
  return [...(path === undefined ? [] : [{ what: "the committer's new leaf", leaf: path.leafNode as LeafNode }]), ...proposed];
}

async function refuseInvalidLeaves(leaves: readonly { what: string; leaf: LeafNode }[], check: CredentialCheck | undefined): Promise<void> {
  if (check === undefined) return;
  for (const { what, leaf } of leaves) {
    const why = await check(leaf.credential, leaf.signaturePublicKey);
    if (why !== undefined) throw new PublicViewError(`credential of ${what} invalid: ${why}`);
  }
}

/** The tree hash (RFC 9420 §7.8) the view computes for a tree; exported so the vectors can check it. */
export function viewTreeHash(tree: RatchetTree, cs: CiphersuiteImpl): Promise<Uint8Array> {
  return treeHashRoot(tree, cs.hash);
}

/** Start a view from a member's GroupInfo and tree (room creation): the tree must hash to the GroupContext's. */
export async function viewFromGroupInfo(groupInfo: GroupInfo, tree: RatchetTree, cs: CiphersuiteImpl, credentials?: CredentialCheck): Promise<PublicGroupView> {
  const hash = await viewTreeHash(tree, cs);
  await refuseInvalidLeaves(tree.flatMap((n, i) => (n?.nodeType === "leaf" ? [{ what: `leaf ${i / 2}`, leaf: n.leaf }] : [])), credentials);
  if (!sameBytes(hash, groupInfo.groupContext.treeHash)) throw new PublicViewError("tree does not match the GroupInfo's tree hash");
  const signerKey = getSignaturePublicKeyFromLeafIndex(tree, toLeafIndex(groupInfo.signer));
  if (!(await verifyGroupInfoSignature(groupInfo, signerKey, cs.signature))) throw new PublicViewError("GroupInfo signature invalid");
  return { groupContext: groupInfo.groupContext, tree, confirmationTag: groupInfo.confirmationTag, groupInfo };
}

/** Verify a PublicMessage's signature against the view. The membership tag needs the membership key, which
 * the hub does not have (as for the DS of mls-extensions §6.3); the signature binds the sender. */
export async function verifyPublicMessage(view: PublicGroupView, message: PublicMessage, cs: CiphersuiteImpl): Promise<AuthenticatedContent> {
  let key: Uint8Array;
  try {
    key = findSignaturePublicKey(view.tree, view.groupContext, message.content);
  } catch (e) {
    throw new PublicViewError(`no signature key for sender: ${(e as Error).message}`);
  }
  const ok = await verifyFramedContentSignature(key, "mls_public_message", message.content, message.auth, view.groupContext, cs.signature);
  if (!ok) throw new PublicViewError("handshake signature invalid");
  return { wireformat: "mls_public_message", content: message.content, auth: message.auth };
}

export function proposalRef(content: AuthenticatedContent, cs: CiphersuiteImpl): Promise<Uint8Array> {
  return makeProposalRef(content, cs.hash);
}

export interface ResolvedProposal extends ProposalWithSender {
  byReference: boolean;
  reference?: Uint8Array;
}

/** The commit's proposals in order, by-reference ones looked up among those the caller knows for this epoch. */
export function resolveProposals(
  commit: FramedContentCommit,
  known: (referenceBase64: string) => ProposalWithSender | undefined,
): ResolvedProposal[] {
  const committer = commit.sender.senderType === "member" ? commit.sender.leafIndex : undefined;
  return commit.commit.proposals.map((p) => {
    if (p.proposalOrRefType === "proposal") return { proposal: p.proposal, senderLeafIndex: committer, byReference: false };
    const found = known(bytesToBase64(p.reference));
    if (found === undefined) throw new PublicViewError("commit references a proposal the hub never accepted");
    return { ...found, byReference: true, reference: p.reference };
  });
}

export interface AppliedProposals {
  tree: RatchetTree;
  /** GroupContext extensions after the commit: the GroupContextExtensions proposal's, else unchanged. */
  extensions: Extension[];
  needsUpdatePath: boolean;
  /** The committer's leaf is gone from the tree (refused by the caller). */
  selfRemoved: boolean;
}

/**
 * Validate and apply a member commit's proposals (RFC 9420 §12.2, §12.1) to the tree: by value ones come
 * from the committer, by-reference ones are looked up in `known`. This is ts-mls's own proposal validation
 * and tree mutation, driven with a stateless stand-in for a member (the hub holds no private state).
 */
export async function applyMemberProposals(
  groupContext: GroupContext,
  tree: RatchetTree,
  proposals: ProposalOrRef[],
  committerLeaf: number,
  known: Record<string, ProposalWithSender>,
  cs: CiphersuiteImpl,
): Promise<AppliedProposals> {
  const standIn = {
    groupContext,
    ratchetTree: tree,
    unappliedProposals: known,
    clientConfig: defaultClientConfig,
    privatePath: { leafIndex: committerLeaf, privateKeys: {} },
  } as unknown as Parameters<typeof applyProposals>[0];
  let result;
  try {
    result = await applyProposals(standIn, proposals, toLeafIndex(committerLeaf), {} as never, false, cs);
  } catch (e) {
    throw new PublicViewError(`invalid proposals: ${(e as Error).message}`);
  }
  if (result.additionalResult.kind !== "memberCommit") throw new PublicViewError("ReInit is not supported in MIMI rooms here");
  if (result.pskIds.length > 0) throw new PublicViewError("PSK proposals are not supported");
  const extensions = result.additionalResult.extensions.length > 0 ? result.additionalResult.extensions : groupContext.extensions;
  return { tree: result.tree, extensions, needsUpdatePath: result.needsUpdatePath, selfRemoved: result.selfRemoved };
}

export interface AppliedCommit {
  view: PublicGroupView;
  /** Leaf index of the committer in the new tree (the joiner's for an external commit). */
  committerLeaf: number;
}

/**
 * Apply a verified commit to the view and check the committer's GroupInfo against the result: same
 * GroupContext (epoch, tree hash, transcript hash, extensions), same confirmation tag, valid signature.
 * `skipGroupInfoMatch` (the hub's planted fault of that name) leaves out the first two: the signature stays.
 */
export async function applyCommitToView(
  view: PublicGroupView,
  content: AuthenticatedContent & { content: FramedContentCommit },
  known: Record<string, ProposalWithSender>,
  groupInfo: GroupInfo,
  cs: CiphersuiteImpl,
  credentials?: CredentialCheck,
  skipGroupInfoMatch = false,
): Promise<AppliedCommit> {
  const framed = content.content;
  if (framed.epoch !== view.groupContext.epoch) throw new PublicViewError("commit for another epoch");
  if (content.auth.contentType !== "commit") throw new PublicViewError("commit without confirmation tag");
  const path = framed.commit.path;
  // Every leaf the commit brings in is validated before anything is applied.
  await refuseInvalidLeaves(newLeavesOfCommit(framed, known), credentials);
  let tree: RatchetTree;
  let extensions = view.groupContext.extensions;
  let committerLeaf: number;

  if (framed.sender.senderType === "member") {
    const result = await applyMemberProposals(view.groupContext, view.tree, framed.commit.proposals, framed.sender.leafIndex, known, cs);
    if (result.needsUpdatePath && path === undefined) throw new PublicViewError("update path required");
    extensions = result.extensions;
    tree = result.tree;
    committerLeaf = framed.sender.leafIndex;
    if (result.selfRemoved) throw new PublicViewError("committer removes itself");
    if (path !== undefined) {
      const gc = { ...view.groupContext, extensions };
      const err = await validateLeafNodeUpdateOrCommit(path.leafNode, toLeafIndex(committerLeaf), gc, defaultClientConfig.authService, cs.signature);
      if (err !== undefined) throw new PublicViewError(`committer leaf invalid: ${err.message}`);
      const dup = await validateLeafNodeCredentialAndKeyUniqueness(tree, path.leafNode, committerLeaf);
      if (dup !== undefined) throw new PublicViewError(`committer leaf not unique: ${dup.message}`);
      tree = await wrap(() => applyUpdatePath(tree, toLeafIndex(committerLeaf), path, cs.hash));
    }
  } else if (framed.sender.senderType === "new_member_commit") {
    // External commit (RFC 9420 §12.4.3.2): ExternalInit, optionally a resync Remove, and a path.
    if (path === undefined) throw new PublicViewError("external commit without path");
    const proposals = framed.commit.proposals;
    let externalInits = 0;
    tree = view.tree;
    for (const p of proposals) {
      if (p.proposalOrRefType !== "proposal") throw new PublicViewError("external commit with a proposal by reference");
      if (p.proposal.proposalType === "external_init") externalInits++;
      else if (p.proposal.proposalType === "remove") tree = removeLeafNode(tree, toLeafIndex(p.proposal.remove.removed));
      else throw new PublicViewError(`external commit may not carry ${String(p.proposal.proposalType)}`);
    }
    if (externalInits !== 1) throw new PublicViewError("external commit needs exactly one ExternalInit");
    committerLeaf = nodeToLeafIndex(findBlankLeafNodeIndexOrExtend(tree));
    const err = await validateLeafNodeUpdateOrCommit(path.leafNode, toLeafIndex(committerLeaf), view.groupContext, defaultClientConfig.authService, cs.signature);
    if (err !== undefined) throw new PublicViewError(`joiner leaf invalid: ${err.message}`);
    const [withLeaf, leafNodeIndex] = addLeafNode(tree, path.leafNode);
    committerLeaf = nodeToLeafIndex(leafNodeIndex);
    tree = await wrap(() => applyUpdatePath(withLeaf, toLeafIndex(committerLeaf), path, cs.hash, true));
  } else {
    throw new PublicViewError(`commit from a ${framed.sender.senderType} sender`);
  }

  const treeHash = await viewTreeHash(tree, cs);
  const next = await nextEpochContext(
    { ...view.groupContext, extensions },
    "mls_public_message",
    framed,
    content.auth.signature,
    treeHash,
    view.confirmationTag,
    cs.hash,
  );
  if (!skipGroupInfoMatch && !sameBytes(encodeGroupContext(next), encodeGroupContext(groupInfo.groupContext)))
    throw new PublicViewError("GroupInfo does not match the GroupContext the commit produces");
  if (!skipGroupInfoMatch && !sameBytes(groupInfo.confirmationTag, content.auth.confirmationTag)) throw new PublicViewError("GroupInfo confirmation tag differs from the commit's");
  if (groupInfo.signer !== committerLeaf) throw new PublicViewError("GroupInfo not signed by the committer");
  const signerKey = getSignaturePublicKeyFromLeafIndex(tree, toLeafIndex(committerLeaf));
  if (!(await verifyGroupInfoSignature(groupInfo, signerKey, cs.signature))) throw new PublicViewError("GroupInfo signature invalid");
  return { view: { groupContext: next, tree, confirmationTag: content.auth.confirmationTag, groupInfo }, committerLeaf };
}

async function wrap<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new PublicViewError((e as Error).message);
  }
}
