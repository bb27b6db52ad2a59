/**
 * RFC 9420 §12.1 applying Add / Update / Remove to the ratchet tree, against
 * tree-operations.json (all 5 cases are suite 1), with ts-mls's `ratchetTree.js`
 * (`decodeRatchetTree`, `addLeafNode`, `updateLeafNode`, `removeLeafNode`,
 * `encodeRatchetTree`) and `treeHash.js` (`treeHashRoot`) on the node:crypto provider.
 *
 * Per case: tree_before decodes, re-encodes to the same bytes and hashes to
 * tree_hash_before; applying the proposal gives exactly tree_after's bytes and
 * tree_hash_after.
 */
import { describe, expect, it } from "vitest";
import type { RatchetTree } from "ts-mls";
import { addLeafNode, encodeRatchetTree, removeLeafNode, updateLeafNode } from "ts-mls/ratchetTree.js";
import { treeHashRoot } from "ts-mls/treeHash.js";
import { decodeProposal } from "ts-mls/proposal.js";
import { toLeafIndex } from "ts-mls/treemath.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";
import { decodeTree, type TreeOperationsCase } from "./tree-vectors.js";


const cases = suite1(loadVectors<TreeOperationsCase>("tree-operations"));


describe("tree-operations.json, suite 1, node provider", () => {
  it("has the 5 suite-1 cases", () => {
    expect(cases.length).toBe(5);
  });

  for (const [i, v] of cases.entries()) {
    const proposalType = decodeProposal(fromHex(v.proposal), 0)?.[0].proposalType;
    it(`case ${i}: ${String(proposalType)} by leaf ${v.proposal_sender}`, async () => {
      const cs = await cipherSuite("node");
      const before = decodeTree(v.tree_before);
      expect(toHex(encodeRatchetTree(before))).toBe(v.tree_before);
      expect(toHex(await treeHashRoot(before, cs.hash))).toBe(v.tree_hash_before);

      const decoded = decodeProposal(fromHex(v.proposal), 0);
      expect(decoded?.[1]).toBe(fromHex(v.proposal).length);
      const p = decoded![0];
      let after: RatchetTree;
      switch (p.proposalType) {
        case "add":
          [after] = addLeafNode(before, p.add.keyPackage.leafNode);
          break;
        case "update":
          after = updateLeafNode(before, p.update.leafNode, toLeafIndex(v.proposal_sender));
          break;
        case "remove":
          after = removeLeafNode(before, toLeafIndex(p.remove.removed));
          break;
        default:
          throw new Error(`tree-operations case with unexpected proposal ${String(p.proposalType)}`);
      }
      expect(toHex(encodeRatchetTree(after))).toBe(v.tree_after);
      expect(toHex(await treeHashRoot(after, cs.hash))).toBe(v.tree_hash_after);
      // The input tree is not modified in place.
      expect(toHex(encodeRatchetTree(before))).toBe(v.tree_before);
    });
  }
});
