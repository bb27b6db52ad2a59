// HandshakeBundle (draft-ietf-mimi-protocol §5.3): a handshake message for the hub, plus what the hub
// needs to go with it.
// struct { MLSMessage proposalOrCommit;
//          select (proposalOrCommit.content.content_type) {
//            case commit:   optional<Welcome> welcome; GroupInfoOption groupInfoOption;
//                           RatchetTreeOption ratchetTreeOption;
//            case proposal: MLSMessage moreProposals<V>; } } HandshakeBundle;
// The content type is read from the framed message (PublicMessage content, or a PrivateMessage's
// clear-text content_type); which wire formats are acceptable is the hub's decision, not the codec's.

import { CodecError } from "./codec-error.js";
import { decodeExact, encodeWith } from "./exact.js";
import { readGroupInfoOption, writeGroupInfoOption, type GroupInfoOption } from "./group-info-option.js";
import {
  mlsContentType,
  readMlsMessage,
  readWelcome,
  writeMlsMessage,
  writeWelcome,
  type MLSMessage,
  type Welcome,
} from "./mls-structs.js";
import { readRatchetTreeOption, writeRatchetTreeOption, type RatchetTreeOption } from "./ratchet-tree-option.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface CommitBundle {
  kind: "commit";
  proposalOrCommit: MLSMessage;
  /** Without a ratchet_tree extension; present when the commit adds members. */
  welcome: Welcome | undefined;
  groupInfoOption: GroupInfoOption;
  ratchetTreeOption: RatchetTreeOption;
}

export interface ProposalBundle {
  kind: "proposal";
  proposalOrCommit: MLSMessage;
  /** Further proposals the hub must accept or reject together with the first. */
  moreProposals: MLSMessage[];
}

export type HandshakeBundle = CommitBundle | ProposalBundle;

export function writeHandshakeBundle(w: Writer, bundle: HandshakeBundle): void {
  const contentType = mlsContentType(bundle.proposalOrCommit);
  if (contentType !== bundle.kind) {
    throw new CodecError("invalidValue", `a ${bundle.kind} bundle carries a ${contentType ?? bundle.proposalOrCommit.wireformat} message`);
  }
  writeMlsMessage(w, bundle.proposalOrCommit);
  if (bundle.kind === "commit") {
    w.optional(bundle.welcome, writeWelcome);
    writeGroupInfoOption(w, bundle.groupInfoOption);
    writeRatchetTreeOption(w, bundle.ratchetTreeOption);
  } else {
    w.vector(bundle.moreProposals, writeMlsMessage);
  }
}

export function readHandshakeBundle(r: Reader): HandshakeBundle {
  const proposalOrCommit = readMlsMessage(r);
  const contentType = mlsContentType(proposalOrCommit);
  if (contentType === "commit") {
    const welcome = r.optional(readWelcome);
    const groupInfoOption = readGroupInfoOption(r);
    const ratchetTreeOption = readRatchetTreeOption(r);
    return { kind: "commit", proposalOrCommit, welcome, groupInfoOption, ratchetTreeOption };
  }
  if (contentType === "proposal") {
    return { kind: "proposal", proposalOrCommit, moreProposals: r.vector(readMlsMessage) };
  }
  throw new CodecError("invalidValue", `HandshakeBundle needs a proposal or commit, got ${contentType ?? proposalOrCommit.wireformat}`);
}

export function encodeHandshakeBundle(bundle: HandshakeBundle): Uint8Array {
  return encodeWith(writeHandshakeBundle, bundle);
}

export function decodeHandshakeBundle(bytes: Uint8Array): HandshakeBundle {
  return decodeExact(bytes, readHandshakeBundle, "HandshakeBundle");
}
