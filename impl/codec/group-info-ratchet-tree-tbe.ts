// The plaintext inside GroupInfoResponse.encrypted_groupinfo_and_tree (draft-ietf-mimi-protocol §5.6):
// struct { MLSMessage proposal; uint64 hub_accepted_time; } PendingProposal;
// struct { GroupInfo groupInfo;                    (without a ratchet_tree extension)
//          RatchetTreeOption ratchetTreeOption;
//          PendingProposal pending_proposals<V>; } GroupInfoRatchetTreeTBE;

import { decodeExact, encodeWith } from "./exact.js";
import { readGroupInfo, readMlsMessage, writeGroupInfo, writeMlsMessage, type GroupInfo, type MLSMessage } from "./mls-structs.js";
import { readRatchetTreeOption, writeRatchetTreeOption, type RatchetTreeOption } from "./ratchet-tree-option.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface PendingProposal {
  proposal: MLSMessage;
  /** When the hub accepted it, ms since the Unix epoch. */
  hubAcceptedTime: bigint;
}

export interface GroupInfoRatchetTreeTbe {
  groupInfo: GroupInfo;
  ratchetTreeOption: RatchetTreeOption;
  pendingProposals: PendingProposal[];
}

export function writePendingProposal(w: Writer, pending: PendingProposal): void {
  writeMlsMessage(w, pending.proposal);
  w.uint64(pending.hubAcceptedTime);
}

export function readPendingProposal(r: Reader): PendingProposal {
  const proposal = readMlsMessage(r);
  const hubAcceptedTime = r.uint64();
  return { proposal, hubAcceptedTime };
}

export function writeGroupInfoRatchetTreeTbe(w: Writer, tbe: GroupInfoRatchetTreeTbe): void {
  writeGroupInfo(w, tbe.groupInfo);
  writeRatchetTreeOption(w, tbe.ratchetTreeOption);
  w.vector(tbe.pendingProposals, writePendingProposal);
}

export function readGroupInfoRatchetTreeTbe(r: Reader): GroupInfoRatchetTreeTbe {
  const groupInfo = readGroupInfo(r);
  const ratchetTreeOption = readRatchetTreeOption(r);
  const pendingProposals = r.vector(readPendingProposal);
  return { groupInfo, ratchetTreeOption, pendingProposals };
}

export function encodeGroupInfoRatchetTreeTbe(tbe: GroupInfoRatchetTreeTbe): Uint8Array {
  return encodeWith(writeGroupInfoRatchetTreeTbe, tbe);
}

export function decodeGroupInfoRatchetTreeTbe(bytes: Uint8Array): GroupInfoRatchetTreeTbe {
  return decodeExact(bytes, readGroupInfoRatchetTreeTbe, "GroupInfoRatchetTreeTBE");
}
