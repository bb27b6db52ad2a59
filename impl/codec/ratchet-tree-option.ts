// RatchetTreeOption (draft-mahy-mls-ratchet-tree-options-02 §3):
// enum { reserved(0), full(1), httpsUri(2), outOfBand(3), distributionService(4), (255) } RatchetTreeRepresentation;
// struct { RatchetTreeRepresentation representation;
//          select (representation) {
//            case full:                Node ratchet_tree<V>;        (RFC 9420's optional<Node> list)
//            case httpsUri:            opaque ratchet_tree_url<V>; opaque tree_signature<V>;
//            case outOfBand:           opaque tree_signature<V>;
//            case distributionService: struct {}; } } RatchetTreeOption;

import { decodeExact, encodeWith } from "./exact.js";
import { enumeration } from "./enumeration.js";
import { readRatchetTree, writeRatchetTree, type RatchetTree } from "./mls-structs.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const RatchetTreeRepresentation = enumeration("RatchetTreeRepresentation", {
  full: 1,
  httpsUri: 2,
  outOfBand: 3,
  distributionService: 4,
});

export type RatchetTreeOption =
  | { representation: "full"; ratchetTree: RatchetTree }
  | { representation: "httpsUri"; ratchetTreeUrl: string; treeSignature: Uint8Array }
  | { representation: "outOfBand"; treeSignature: Uint8Array }
  | { representation: "distributionService" };

export function writeRatchetTreeOption(w: Writer, option: RatchetTreeOption): void {
  w.enum8(RatchetTreeRepresentation, option.representation);
  switch (option.representation) {
    case "full":
      writeRatchetTree(w, option.ratchetTree);
      break;
    case "httpsUri":
      w.string(option.ratchetTreeUrl);
      w.opaque(option.treeSignature);
      break;
    case "outOfBand":
      w.opaque(option.treeSignature);
      break;
    case "distributionService":
      break;
  }
}

export function readRatchetTreeOption(r: Reader): RatchetTreeOption {
  const representation = r.enum8(RatchetTreeRepresentation);
  switch (representation) {
    case "full":
      return { representation, ratchetTree: readRatchetTree(r) };
    case "httpsUri": {
      const ratchetTreeUrl = r.string();
      const treeSignature = r.opaque();
      return { representation, ratchetTreeUrl, treeSignature };
    }
    case "outOfBand":
      return { representation, treeSignature: r.opaque() };
    case "distributionService":
      return { representation };
  }
}

export function encodeRatchetTreeOption(option: RatchetTreeOption): Uint8Array {
  return encodeWith(writeRatchetTreeOption, option);
}

export function decodeRatchetTreeOption(bytes: Uint8Array): RatchetTreeOption {
  return decodeExact(bytes, readRatchetTreeOption, "RatchetTreeOption");
}
