// GroupInfoOption (draft-ietf-mimi-protocol §5.3) and PartialGroupInfo (draft-mahy-mls-ratchet-tree-options §4):
// enum { reserved(0), full(1), partial(2), (255) } GroupInfoRepresentation;
// struct { GroupInfoRepresentation representation;
//          select (representation) { case full: GroupInfo groupInfo;
//                                    case partial: PartialGroupInfo partialGroupInfo; } } GroupInfoOption;
// enum { no_ratchet_tree(0), present(1), removed(2), added(3), (255) } RatchetTreePresence;
// struct { RatchetTreePresence ratchet_tree_presence; Extension group_info_extensions<V>;
//          opaque signature<V>; } PartialGroupInfo;
// This project's clients send `full`; `partial` is decoded so a hub can recognise (and refuse) it.

import { decodeExact, encodeWith } from "./exact.js";
import { enumeration } from "./enumeration.js";
import { readExtension, readGroupInfo, writeExtension, writeGroupInfo, type Extension, type GroupInfo } from "./mls-structs.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const GroupInfoRepresentation = enumeration("GroupInfoRepresentation", { full: 1, partial: 2 });

export const RatchetTreePresence = enumeration("RatchetTreePresence", {
  no_ratchet_tree: 0,
  present: 1,
  removed: 2,
  added: 3,
});
export type RatchetTreePresenceName = "no_ratchet_tree" | "present" | "removed" | "added";

export interface PartialGroupInfo {
  ratchetTreePresence: RatchetTreePresenceName;
  /** GroupInfo extensions without ratchet_tree. */
  groupInfoExtensions: Extension[];
  signature: Uint8Array;
}

export type GroupInfoOption =
  | { representation: "full"; groupInfo: GroupInfo }
  | { representation: "partial"; partialGroupInfo: PartialGroupInfo };

export function writePartialGroupInfo(w: Writer, value: PartialGroupInfo): void {
  w.enum8(RatchetTreePresence, value.ratchetTreePresence);
  w.vector(value.groupInfoExtensions, writeExtension);
  w.opaque(value.signature);
}

export function readPartialGroupInfo(r: Reader): PartialGroupInfo {
  const ratchetTreePresence = r.enum8(RatchetTreePresence);
  const groupInfoExtensions = r.vector(readExtension);
  const signature = r.opaque();
  return { ratchetTreePresence, groupInfoExtensions, signature };
}

export function writeGroupInfoOption(w: Writer, option: GroupInfoOption): void {
  w.enum8(GroupInfoRepresentation, option.representation);
  if (option.representation === "full") writeGroupInfo(w, option.groupInfo);
  else writePartialGroupInfo(w, option.partialGroupInfo);
}

export function readGroupInfoOption(r: Reader): GroupInfoOption {
  const representation = r.enum8(GroupInfoRepresentation);
  return representation === "full"
    ? { representation, groupInfo: readGroupInfo(r) }
    : { representation, partialGroupInfo: readPartialGroupInfo(r) };
}

export function encodeGroupInfoOption(option: GroupInfoOption): Uint8Array {
  return encodeWith(writeGroupInfoOption, option);
}

export function decodeGroupInfoOption(bytes: Uint8Array): GroupInfoOption {
  return decodeExact(bytes, readGroupInfoOption, "GroupInfoOption");
}
