// Planted defect `leakPathSecretToRemoved` (client-faults.ts): ts-mls's createCommit, step for step, except
// that the UpdatePath's root path secret is also encrypted to the leaf of every client the commit removes,
// appended after the ciphertexts of the node's resolution. Honest members and the hub read only the
// ciphertexts of the resolution (RFC 9420 §12.4.2), so the commit is accepted and processed everywhere;
// only a removed client, trying its keys, learns the new epoch. Commits that add members are left to
// ts-mls (a Welcome is not rebuilt here).
import { createCommit, type CiphersuiteImpl, type ClientState, type MLSMessage, type Proposal, type Welcome } from "ts-mls";
import { addHistoricalReceiverData, applyProposals, checkCanSendHandshakeMessages, makePskIndex, nextEpochContext } from "ts-mls/clientState.js";
import { encryptWithLabel } from "ts-mls/crypto/hpke.js";
import { deriveSecret } from "ts-mls/crypto/kdf.js";
import { encode } from "ts-mls/codec/tlsEncoder.js";
import { createConfirmationTag, createContentCommitSignature } from "ts-mls/framedContent.js";
import { groupContextEncoder } from "ts-mls/groupContext.js";
import { initializeEpoch } from "ts-mls/keySchedule.js";
import { protectPublicMessage } from "ts-mls/messageProtectionPublic.js";
import { getCommitSecret, pathToPathSecrets } from "ts-mls/pathSecrets.js";
import { mergePrivateKeyPaths, toPrivateKeyPath, updateLeafKey } from "ts-mls/privateKeyPath.js";
import { getHpkePublicKey } from "ts-mls/ratchetTree.js";
import { createSecretTree } from "ts-mls/secretTree.js";
import { treeHashRoot } from "ts-mls/treeHash.js";
import { leafToNodeIndex, leafWidth, toLeafIndex, toNodeIndex } from "ts-mls/treemath.js";
import { createUpdatePath } from "ts-mls/updatePath.js";
import { base64ToBytes } from "ts-mls/util/byteArray.js";

/** The parts of ts-mls's CreateCommitResult the client uses. */
export interface BuiltCommit {
  commit: MLSMessage;
  welcome: Welcome | undefined;
  newState: ClientState;
}

/** A public-message commit of `state`'s pending proposals and `extraProposals` that leaks its path secret to removed leaves. */
export async function createCommitLeakingPathSecret(state: ClientState, extraProposals: Proposal[], cs: CiphersuiteImpl): Promise<BuiltCommit> {
  checkCanSendHandshakeMessages(state);
  const refs = Object.keys(state.unappliedProposals).map((r) => ({ proposalOrRefType: "reference" as const, reference: base64ToBytes(r) }));
  const allProposals = [...refs, ...extraProposals.map((p) => ({ proposalOrRefType: "proposal" as const, proposal: p }))];
  const self = toLeafIndex(state.privatePath.leafIndex);
  const res = await applyProposals(state, allProposals, self, makePskIndex(state, {}), true, cs);
  const removed = res.allProposals.flatMap((p) => (p.proposal.proposalType === "remove" ? [p.proposal.remove.removed] : []));
  const adds = res.additionalResult.kind === "memberCommit" ? res.additionalResult.addedLeafNodes.length : 0;
  if (!res.needsUpdatePath || removed.length === 0 || adds > 0 || res.additionalResult.kind !== "memberCommit")
    return createCommit({ state, cipherSuite: cs }, { wireAsPublicMessage: true, extraProposals, ratchetTreeExtension: false });
  const context = res.additionalResult.extensions.length > 0 ? { ...state.groupContext, extensions: res.additionalResult.extensions } : state.groupContext;
  const created = (await createUpdatePath(res.tree, self, context, state.signaturePrivateKey, cs, [])) as unknown as [typeof res.tree, NonNullable<Parameters<typeof createContentCommitSignature>[2]["path"]>, { nodeIndex: number; secret: Uint8Array }[], Parameters<typeof cs.hpke.exportPrivateKey>[0], Uint8Array | undefined];
  const [tree, updatePath, pathSecrets, newPrivateKey, leafPathSecret] = created;
  const rootSecret = pathSecrets.at(-1);
  if (rootSecret !== undefined) {
    // The defect: the removed leaves' keys (from the tree before the commit) get the root's path secret too.
    const provisional = encode(groupContextEncoder)({ ...context, treeHash: await treeHashRoot(tree, cs.hash), epoch: context.epoch + 1n });
    const last = updatePath.nodes.at(-1)!;
    for (const leaf of removed) {
      const key = await cs.hpke.importPublicKey(getHpkePublicKey(state.ratchetTree[leafToNodeIndex(toLeafIndex(leaf))]!));
      const { ct, enc } = await encryptWithLabel(key, "UpdatePathNode", provisional, rootSecret.secret, cs.hpke);
      last.encryptedPathSecret.push({ ciphertext: ct, kemOutput: enc });
    }
  }
  const privateKeys = mergePrivateKeyPaths(
    updateLeafKey(state.privatePath, await cs.hpke.exportPrivateKey(newPrivateKey)),
    await toPrivateKeyPath(pathToPathSecrets(pathSecrets as never), state.privatePath.leafIndex, cs),
  );
  const commitSecret =
    rootSecret !== undefined
      ? await getCommitSecret(tree, toNodeIndex(rootSecret.nodeIndex), rootSecret.secret, cs.kdf)
      : leafPathSecret !== undefined
        ? await deriveSecret(leafPathSecret, "path", cs.kdf)
        : new Uint8Array(cs.kdf.size);
  const { signature, framedContent } = await createContentCommitSignature(state.groupContext, "mls_public_message", { proposals: allProposals, path: updatePath }, { senderType: "member", leafIndex: self }, new Uint8Array(), state.signaturePrivateKey, cs.signature);
  const treeHash = await treeHashRoot(tree, cs.hash);
  const groupContext = await nextEpochContext(context, "mls_public_message", framedContent as never, signature, treeHash, state.confirmationTag, cs.hash);
  const epoch = await initializeEpoch(state.keySchedule.initSecret, commitSecret, groupContext, res.pskSecret, cs.kdf);
  const confirmationTag = await createConfirmationTag(epoch.keySchedule.confirmationKey, groupContext.confirmedTranscriptHash, cs.hash);
  const publicMessage = await protectPublicMessage(state.keySchedule.membershipKey, state.groupContext, { wireformat: "mls_public_message", content: framedContent, auth: { contentType: "commit", signature, confirmationTag } } as never, cs);
  const [historicalReceiverData] = addHistoricalReceiverData(state);
  const newState: ClientState = {
    ...state,
    groupContext,
    ratchetTree: tree,
    secretTree: await createSecretTree(leafWidth(tree.length), epoch.encryptionSecret, cs.kdf),
    keySchedule: epoch.keySchedule,
    privatePath: privateKeys,
    unappliedProposals: {},
    historicalReceiverData,
    confirmationTag,
    groupActiveState: { kind: "active" },
  };
  return { commit: { version: "mls10", wireformat: "mls_public_message", publicMessage }, welcome: undefined, newState };
}
