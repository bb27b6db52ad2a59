// What a client removed by a commit can still learn from that commit: the attacker's view of RFC 9420
// §16.4 (forward secrecy for removed members). ts-mls stops processing at the member's own removal; an
// adversary holding the removed client's keys does not. It applies the commit's proposals and UpdatePath
// to its copy of the tree like any member, opens every ciphertext of the UpdatePath it can with every
// private key it holds, and also tries the all-zero commit_secret a commit gets without a path secret.
// A candidate counts only if the commit's confirmation tag verifies under the key schedule it yields:
// then the removed client holds the new epoch's secrets, and can read the epoch's messages.
import { emptyPskIndex, type CiphersuiteImpl, type ClientState, type MLSMessage } from "ts-mls";
import { applyProposals, nextEpochContext } from "ts-mls/clientState.js";
import { decryptWithLabel } from "ts-mls/crypto/hpke.js";
import { deriveSecret } from "ts-mls/crypto/kdf.js";
import { verifyConfirmationTag, type FramedContentCommit } from "ts-mls/framedContent.js";
import { groupContextEncoder, type GroupContext } from "ts-mls/groupContext.js";
import { encode } from "ts-mls/codec/tlsEncoder.js";
import { initializeEpoch } from "ts-mls/keySchedule.js";
import { pathToRoot } from "ts-mls/pathSecrets.js";
import { filteredDirectPath } from "ts-mls/ratchetTree.js";
import { createSecretTree } from "ts-mls/secretTree.js";
import { treeHashRoot } from "ts-mls/treeHash.js";
import { leafWidth, root, toLeafIndex, toNodeIndex } from "ts-mls/treemath.js";
import { applyUpdatePath } from "ts-mls/updatePath.js";

/** The outcome of a removed client's attempt on the commit that removed it. */
export type RemovedClientDerivation =
  | { readonly derived: true; readonly state: ClientState; readonly how: string }
  | { readonly derived: false; readonly reason: string };

/**
 * Try to derive the epoch a commit opens from the state of a client that commit removes, as an attacker
 * holding that client's keys would. Never throws: a failure is a reason.
 */
export async function deriveEpochAfterRemoval(state: ClientState, message: MLSMessage, cs: CiphersuiteImpl): Promise<RemovedClientDerivation> {
  try {
    return await attempt(state, message, cs);
  } catch (e) {
    return { derived: false, reason: `cannot derive the epoch: ${(e as Error).message}` };
  }
}

async function attempt(state: ClientState, message: MLSMessage, cs: CiphersuiteImpl): Promise<RemovedClientDerivation> {
  if (message.wireformat !== "mls_public_message") return { derived: false, reason: "cannot derive the epoch: the commit is not a public message" };
  const { content, auth } = message.publicMessage as unknown as { content: FramedContentCommit; auth: { contentType: string; signature: Uint8Array; confirmationTag: Uint8Array } };
  if (content.contentType !== "commit" || auth.contentType !== "commit") return { derived: false, reason: "cannot derive the epoch: not a commit" };
  if (content.sender.senderType !== "member") return { derived: false, reason: "cannot derive the epoch: not a member's commit" };
  const committer = toLeafIndex(content.sender.leafIndex);
  const applied = await applyProposals(state, content.commit.proposals, committer, emptyPskIndex, false, cs);
  const context: GroupContext =
    applied.additionalResult.kind === "memberCommit" && applied.additionalResult.extensions.length > 0
      ? { ...state.groupContext, extensions: applied.additionalResult.extensions }
      : state.groupContext;
  const path = content.commit.path;
  const tree = path === undefined ? applied.tree : await applyUpdatePath(applied.tree, committer, path, cs.hash);
  const treeHash = await treeHashRoot(tree, cs.hash);
  const candidates: { commitSecret: Uint8Array; how: string }[] = [];
  if (path !== undefined) {
    // Every path secret any held key opens, wherever it sits: honest committers encrypt none to the removed leaf.
    const provisional = encode(groupContextEncoder)({ ...context, treeHash, epoch: context.epoch + 1n });
    const pathNodes = filteredDirectPath(committer, applied.tree);
    const heldKeys = await Promise.all(Object.values(state.privatePath.privateKeys).map((k) => cs.hpke.importPrivateKey(k)));
    for (const [level, node] of path.nodes.entries())
      for (const ct of node.encryptedPathSecret)
        for (const key of heldKeys) {
          const secret = await decryptWithLabel(key, "UpdatePathNode", provisional, ct.kemOutput, ct.ciphertext, cs.hpke).catch(() => undefined);
          if (secret === undefined) continue;
          const secrets = await pathToRoot(tree, toNodeIndex(pathNodes[level]!), secret, cs.kdf);
          const rootSecret = secrets[root(leafWidth(tree.length))];
          if (rootSecret !== undefined) candidates.push({ commitSecret: await deriveSecret(rootSecret, "path", cs.kdf), how: "opened a path secret of the UpdatePath" });
        }
  }
  candidates.push({ commitSecret: new Uint8Array(cs.kdf.size), how: "the commit_secret is all zeros" });
  const next = await nextEpochContext(context, message.wireformat, content, auth.signature, treeHash, state.confirmationTag, cs.hash);
  for (const { commitSecret, how } of candidates) {
    const epoch = await initializeEpoch(state.keySchedule.initSecret, commitSecret, next, applied.pskSecret, cs.kdf);
    if (!(await verifyConfirmationTag(epoch.keySchedule.confirmationKey, auth.confirmationTag, next.confirmedTranscriptHash, cs.hash))) continue;
    const derived: ClientState = {
      ...state,
      ratchetTree: tree,
      groupContext: next,
      keySchedule: epoch.keySchedule,
      secretTree: await createSecretTree(leafWidth(tree.length), epoch.encryptionSecret, cs.kdf),
      confirmationTag: auth.confirmationTag,
      unappliedProposals: {},
      historicalReceiverData: new Map(),
      groupActiveState: { kind: "active" },
    };
    return { derived: true, state: derived, how };
  }
  return { derived: false, reason: "cannot derive the epoch: no key held opens the UpdatePath, and no guessed commit_secret matches the confirmation tag" };
}
