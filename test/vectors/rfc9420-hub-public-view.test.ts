/**
 * The hub's own MLS code against the working group's vectors: the proposals of tree-operations.json
 * (RFC 9420 §12.1) go through `applyMemberProposals`, the step the hub's public view
 * (impl/mls/public-group-view.ts) uses for every member commit, and the trees it produces must be
 * tree_after byte for byte with the hub's tree hash (`viewTreeHash`) equal to tree_hash_after.
 * tree-validation.json checks that tree hash (RFC 9420 §7.8) on 14 more trees.
 *
 * The vectors carry no GroupContext; the one used here has empty extensions, so the proposals meet
 * only the checks RFC 9420 §12.2 and §7.3 make of the proposals themselves. The Update case's leaf
 * (leaf_node_source = update) is signed over a group_id and leaf index (§7.2) that the vector does not
 * record, so for that case signature verification is stubbed to accept, and the same case is also run
 * with real verification, which must refuse it.
 */
import { describe, expect, it } from "vitest";
import type { CiphersuiteImpl, GroupContext, Proposal, ProposalWithSender, RatchetTree } from "ts-mls";
import { bytesToBase64 } from "ts-mls";
import { encodeRatchetTree } from "ts-mls/ratchetTree.js";
import { decodeProposal } from "ts-mls/proposal.js";
import { applyMemberProposals, PublicViewError, viewTreeHash } from "../../impl/mls/public-group-view.js";
import { cipherSuite, SUITE_NAME } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";
import { decodeTree, type TreeOperationsCase, type TreeValidationCase } from "./tree-vectors.js";



const operations = suite1(loadVectors<TreeOperationsCase>("tree-operations"));
const validation = suite1(loadVectors<TreeValidationCase>("tree-validation"));


function decodeWholeProposal(hex: string): Proposal {
  const bytes = fromHex(hex);
  const d = decodeProposal(bytes, 0);
  if (d === undefined || d[1] !== bytes.length) throw new Error("proposal did not decode exactly");
  return d[0];
}

function groupContextFor(treeHash: Uint8Array): GroupContext {
  return {
    version: "mls10",
    cipherSuite: SUITE_NAME,
    groupId: new TextEncoder().encode("tree-operations"),
    epoch: 0n,
    treeHash,
    confirmedTranscriptHash: new Uint8Array(),
    extensions: [],
  };
}

/** Lowest occupied leaf other than `excluded`: a committer that the proposal neither updates nor removes. */
function otherMember(tree: RatchetTree, excluded: number[]): number {
  for (let n = 0; n < tree.length; n += 2) if (tree[n]?.nodeType === "leaf" && !excluded.includes(n / 2)) return n / 2;
  throw new Error("no other member");
}

/** The suite with every signature accepted (only for the Update case, see the header). */
function acceptingSignatures(cs: CiphersuiteImpl): CiphersuiteImpl {
  return { ...cs, signature: { ...cs.signature, verify: async () => true } };
}

/** A made-up reference: the hub keys accepted proposals by the base64 of their ProposalRef. */
const REFERENCE = new Uint8Array(32).fill(0xa0);

describe("hub public view: RFC 9420 §12.1 tree operations (tree-operations.json, suite 1)", () => {
  it("has the 5 suite-1 cases", () => {
    expect(operations.length).toBe(5);
  });

  for (const [i, v] of operations.entries()) {
    const proposal = decodeWholeProposal(v.proposal);
    const kind = String(proposal.proposalType);
    const removed = proposal.proposalType === "remove" ? [proposal.remove.removed] : [];

    it(`case ${i}: ${kind} from leaf ${v.proposal_sender}, committed by reference (RFC 9420 §12.4)`, async () => {
      const real = await cipherSuite("node");
      // See the header: an Update's leaf signature covers a group_id the vector does not give.
      const cs = kind === "update" ? acceptingSignatures(real) : real;
      const before = decodeTree(v.tree_before);
      const hashBefore = await viewTreeHash(before, cs);
      expect(toHex(hashBefore)).toBe(v.tree_hash_before);
      // As in the hub: the proposal was accepted in this epoch and the commit names it by reference.
      const known: Record<string, ProposalWithSender> = { [bytesToBase64(REFERENCE)]: { proposal, senderLeafIndex: v.proposal_sender } };
      const committer = otherMember(before, [v.proposal_sender, ...removed]);
      const commit = [{ proposalOrRefType: "reference" as const, reference: REFERENCE }];
      const applied = await applyMemberProposals(groupContextFor(hashBefore), before, commit, committer, known, cs);
      expect(toHex(encodeRatchetTree(applied.tree))).toBe(v.tree_after);
      expect(toHex(await viewTreeHash(applied.tree, cs))).toBe(v.tree_hash_after);
      expect(applied.selfRemoved).toBe(false);
      expect(applied.extensions).toEqual([]);
      // RFC 9420 §12.4: a commit with an Update or a Remove needs a path; one with only an Add does not.
      expect(applied.needsUpdatePath).toBe(kind !== "add");
      // The view's tree is not modified in place.
      expect(toHex(encodeRatchetTree(before))).toBe(v.tree_before);
      if (kind === "update") {
        // With real signature checks the view refuses the leaf: it does verify Update leaves (RFC 9420 §7.3).
        await expect(applyMemberProposals(groupContextFor(hashBefore), before, commit, committer, known, real)).rejects.toThrow(
          /leaf node signature/,
        );
      }
    });

    if (kind === "update") {
      // RFC 9420 §12.2: a commit MUST NOT include an Update from its committer; by value means from the committer.
      it(`case ${i}: the same update by value (from the committer itself) is refused (RFC 9420 §12.2)`, async () => {
        const cs = await cipherSuite("node");
        const before = decodeTree(v.tree_before);
        const gc = groupContextFor(await viewTreeHash(before, cs));
        await expect(
          applyMemberProposals(gc, before, [{ proposalOrRefType: "proposal", proposal }], v.proposal_sender, {}, cs),
        ).rejects.toThrow(/update proposal sent by committer/);
      });
    } else {
      it(`case ${i}: ${kind} by value from leaf ${v.proposal_sender} as committer (RFC 9420 §12.4)`, async () => {
        const cs = await cipherSuite("node");
        const before = decodeTree(v.tree_before);
        const gc = groupContextFor(await viewTreeHash(before, cs));
        const applied = await applyMemberProposals(gc, before, [{ proposalOrRefType: "proposal", proposal }], v.proposal_sender, {}, cs);
        expect(toHex(encodeRatchetTree(applied.tree))).toBe(v.tree_after);
        expect(toHex(await viewTreeHash(applied.tree, cs))).toBe(v.tree_hash_after);
      });
    }
  }

  it("a reference the hub never accepted is refused (RFC 9420 §12.4)", async () => {
    const cs = await cipherSuite("node");
    const v = operations[0]!;
    const before = decodeTree(v.tree_before);
    const gc = groupContextFor(await viewTreeHash(before, cs));
    await expect(
      applyMemberProposals(gc, before, [{ proposalOrRefType: "reference", reference: REFERENCE }], 0, {}, cs),
    ).rejects.toBeInstanceOf(PublicViewError);
  });
});

describe("hub public view: RFC 9420 §7.8 tree hash (tree-validation.json, suite 1)", () => {
  it("has the 14 suite-1 cases", () => {
    expect(validation.length).toBe(14);
  });

  for (const [i, v] of validation.entries()) {
    it(`case ${i}: the view's tree hash is the root's tree hash`, async () => {
      const cs = await cipherSuite("node");
      const tree = decodeTree(v.tree);
      // Node indices: the root of a tree of n nodes is 2^k - 1 with 2^k the largest power of two ≤ n.
      const root = 2 ** Math.floor(Math.log2(tree.length)) - 1;
      expect(toHex(await viewTreeHash(tree, cs))).toBe(v.tree_hashes[root]);
    });
  }
});
