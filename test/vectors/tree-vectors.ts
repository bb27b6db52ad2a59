/** The tree vector files' case shapes (tree-operations.json, tree-validation.json) and their tree decoder. */
import type { RatchetTree } from "ts-mls";
import { decodeRatchetTree } from "ts-mls/ratchetTree.js";
import { fromHex } from "./vector-files.js";

export interface TreeOperationsCase {
  cipher_suite: number;
  tree_before: string;
  proposal: string;
  proposal_sender: number;
  tree_after: string;
  tree_hash_before: string;
  tree_hash_after: string;
}

export interface TreeValidationCase {
  cipher_suite: number;
  tree: string;
  group_id: string;
  tree_hashes: string[];
  resolutions: number[][];
}

/** A ratchet tree that must decode from exactly these bytes. */
export function decodeTree(hex: string): RatchetTree {
  const bytes = fromHex(hex);
  const d = decodeRatchetTree(bytes, 0);
  if (d === undefined || d[1] !== bytes.length) throw new Error("ratchet tree did not decode exactly");
  return d[0];
}
