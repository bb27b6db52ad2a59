/**
 * RFC 9420 §7.8–7.9 tree hashes and §4.1.1 resolutions, plus whole-tree validation
 * (§12.4.3.1: leaf signatures, parent hashes, tree hash), against tree-validation.json
 * (suite-1 cases), with ts-mls's `treeHash`, `resolution` and `validateRatchetTree`
 * on the node:crypto provider.
 *
 * ts-mls 1.6.4's `validateRatchetTree` wrongly rejected suite-1 case 12 (it demanded the same
 * `unmerged_leaves` list on every node of the leaf's direct path, RFC 9420 §7.9.1 only asks the nodes
 * between the leaf and the node listing it); patches/ts-mls+1.6.4.patch corrects it, and all 14 cases
 * now validate.
 */
import { describe, expect, it } from "vitest";
import { defaultAuthenticationService, type GroupContext } from "ts-mls";
import { decodeRatchetTree, encodeRatchetTree, resolution } from "ts-mls/ratchetTree.js";
import { treeHash, treeHashRoot } from "ts-mls/treeHash.js";
import { toNodeIndex } from "ts-mls/treemath.js";
import { validateRatchetTree } from "ts-mls/clientState.js";
import { cipherSuite, SUITE_NAME } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";
import type { TreeValidationCase } from "./tree-vectors.js";


const cases = suite1(loadVectors<TreeValidationCase>("tree-validation"));

describe("tree-validation.json, suite 1, node provider", () => {
  it("has the suite-1 cases", () => {
    expect(cases.length).toBe(14);
  });

  for (const [i, v] of cases.entries()) {
    it(`case ${i}: ${v.tree_hashes.length} nodes: tree hashes, resolutions, validation`, async () => {
      const cs = await cipherSuite("node");
      const bytes = fromHex(v.tree);
      const d = decodeRatchetTree(bytes, 0);
      expect(d?.[1]).toBe(bytes.length);
      const tree = d![0];
      expect(toHex(encodeRatchetTree(tree))).toBe(v.tree);
      expect(tree.length).toBe(v.tree_hashes.length);

      for (let n = 0; n < tree.length; n++) {
        expect(toHex(await treeHash(tree, toNodeIndex(n), cs.hash)), `tree hash of node ${n}`).toBe(v.tree_hashes[n]);
        expect(resolution(tree, toNodeIndex(n)), `resolution of node ${n}`).toEqual(v.resolutions[n]);
      }

      // Leaf signatures (under group_id), parent hashes and the tree hash all verify.
      const root = await treeHashRoot(tree, cs.hash);
      const gc: GroupContext = {
        version: "mls10",
        cipherSuite: SUITE_NAME,
        groupId: fromHex(v.group_id),
        epoch: 0n,
        treeHash: root,
        confirmedTranscriptHash: new Uint8Array(),
        extensions: [],
      };
      const lifetimes = { maximumTotalLifetime: 2n ** 64n - 1n, validateLifetimeOnReceive: false };
      const verdict = await validateRatchetTree(tree, gc, lifetimes, defaultAuthenticationService, root, cs);
      expect(verdict).toBeUndefined();
      // ... and a wrong group id breaks the leaf signatures of update/commit leaves (if any).
      const hasNonKeyPackageLeaf = tree.some((n) => n?.nodeType === "leaf" && n.leaf.leafNodeSource !== "key_package");
      if (hasNonKeyPackageLeaf) {
        const wrong = { ...gc, groupId: fromHex(`${v.group_id}00`) };
        expect(await validateRatchetTree(tree, wrong, lifetimes, defaultAuthenticationService, root, cs)).toBeDefined();
      }
    });
  }
});
