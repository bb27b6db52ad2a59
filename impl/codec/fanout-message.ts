// FanoutMessage (draft-ietf-mimi-protocol §5.5): what the hub sends to followers on /notify.
// struct { uint64 timestamp;                              (hub acceptance time, ms)
//          select (protocol) { case mls10:
//            MLSMessage message;
//            select (what the message is) {
//              case application: optional<Frank> frank;
//              case welcome:     RatchetTreeOption ratchetTreeOption;
//              case proposal:    MLSMessage moreProposals<V>;
//              case commit:      MLSMessage externalProposals<V>; } } } FanoutMessage;
// A /notify body is one or more FanoutMessages back to back, with no count or length in front.

import { CodecError } from "./codec-error.js";
import { decodeExact, decodeSequence, encodeSequence, encodeWith } from "./exact.js";
import { readFrank, writeFrank, type Frank } from "./frank.js";
import { mlsContentType, readMlsMessage, writeMlsMessage, type MLSMessage } from "./mls-structs.js";
import { readRatchetTreeOption, writeRatchetTreeOption, type RatchetTreeOption } from "./ratchet-tree-option.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export type FanoutMessage =
  | { kind: "application"; timestamp: bigint; message: MLSMessage; frank: Frank | undefined }
  | { kind: "welcome"; timestamp: bigint; message: MLSMessage; ratchetTreeOption: RatchetTreeOption }
  | { kind: "proposal"; timestamp: bigint; message: MLSMessage; moreProposals: MLSMessage[] }
  /** externalProposals: the hub's regenerated proposals stapled to an external commit. */
  | { kind: "commit"; timestamp: bigint; message: MLSMessage; externalProposals: MLSMessage[] };

export type FanoutKind = FanoutMessage["kind"];

/** Which select arm an MLSMessage takes; undefined for GroupInfo and KeyPackage, which are never fanned out. */
export function fanoutKindOf(message: MLSMessage): FanoutKind | undefined {
  return message.wireformat === "mls_welcome" ? "welcome" : mlsContentType(message);
}

export function writeFanoutMessage(w: Writer, fanout: FanoutMessage): void {
  const kind = fanoutKindOf(fanout.message);
  if (kind !== fanout.kind) {
    throw new CodecError("invalidValue", `a ${fanout.kind} FanoutMessage carries a ${kind ?? fanout.message.wireformat} message`);
  }
  w.uint64(fanout.timestamp);
  writeMlsMessage(w, fanout.message);
  switch (fanout.kind) {
    case "application":
      w.optional(fanout.frank, writeFrank);
      break;
    case "welcome":
      writeRatchetTreeOption(w, fanout.ratchetTreeOption);
      break;
    case "proposal":
      w.vector(fanout.moreProposals, writeMlsMessage);
      break;
    case "commit":
      w.vector(fanout.externalProposals, writeMlsMessage);
      break;
  }
}

export function readFanoutMessage(r: Reader): FanoutMessage {
  const timestamp = r.uint64();
  const message = readMlsMessage(r);
  const kind = fanoutKindOf(message);
  switch (kind) {
    case "application":
      return { kind, timestamp, message, frank: r.optional(readFrank) };
    case "welcome":
      return { kind, timestamp, message, ratchetTreeOption: readRatchetTreeOption(r) };
    case "proposal":
      return { kind, timestamp, message, moreProposals: r.vector(readMlsMessage) };
    case "commit":
      return { kind, timestamp, message, externalProposals: r.vector(readMlsMessage) };
    default:
      throw new CodecError("invalidValue", `a ${message.wireformat} cannot be fanned out`);
  }
}

export function encodeFanoutMessage(fanout: FanoutMessage): Uint8Array {
  return encodeWith(writeFanoutMessage, fanout);
}

export function decodeFanoutMessage(bytes: Uint8Array): FanoutMessage {
  return decodeExact(bytes, readFanoutMessage, "FanoutMessage");
}

/** The /notify body: the messages concatenated. */
export function encodeFanoutMessages(messages: readonly FanoutMessage[]): Uint8Array {
  if (messages.length === 0) throw new CodecError("invalidValue", "a /notify body needs at least one FanoutMessage");
  return encodeSequence(writeFanoutMessage, messages);
}

/** Splits a /notify body; an empty body is `truncated` (it needs at least one message). */
export function decodeFanoutMessages(bytes: Uint8Array): FanoutMessage[] {
  if (bytes.length === 0) throw new CodecError("truncated", "empty /notify body");
  return decodeSequence(bytes, readFanoutMessage);
}
