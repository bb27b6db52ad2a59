// SubmitMessageResponse (draft-ietf-mimi-protocol §5.4):
// enum { accepted(0), notAllowed(1), epochTooOld(2), (255) } SubmitResponseCode;
// struct { Protocol protocol;
//          select (protocol) { case mls10:
//            SubmitResponseCode statusCode;
//            select (statusCode) {
//              case accepted:    uint64 accepted_timestamp; optional<Frank> frank;   (the draft says `success`)
//              case epochTooOld: uint64 currentEpoch; } } } SubmitMessageResponse;

import { decodeExact, encodeWith } from "./exact.js";
import { enumeration } from "./enumeration.js";
import { readFrank, writeFrank, type Frank } from "./frank.js";
import { readProtocol, writeProtocol, type ProtocolName } from "./protocol.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const SubmitResponseCode = enumeration("SubmitResponseCode", { accepted: 0, notAllowed: 1, epochTooOld: 2 });

export type SubmitMessageResponse =
  | { protocol: ProtocolName; statusCode: "accepted"; acceptedTimestamp: bigint; frank: Frank | undefined }
  | { protocol: ProtocolName; statusCode: "notAllowed" }
  | { protocol: ProtocolName; statusCode: "epochTooOld"; currentEpoch: bigint };

export type SubmitResponseCodeName = SubmitMessageResponse["statusCode"];

export function writeSubmitMessageResponse(w: Writer, response: SubmitMessageResponse): void {
  writeProtocol(w, response.protocol);
  w.enum8(SubmitResponseCode, response.statusCode);
  if (response.statusCode === "accepted") {
    w.uint64(response.acceptedTimestamp);
    w.optional(response.frank, writeFrank);
  } else if (response.statusCode === "epochTooOld") {
    w.uint64(response.currentEpoch);
  }
}

export function readSubmitMessageResponse(r: Reader): SubmitMessageResponse {
  const protocol = readProtocol(r);
  const statusCode = r.enum8(SubmitResponseCode);
  switch (statusCode) {
    case "accepted": {
      const acceptedTimestamp = r.uint64();
      const frank = r.optional(readFrank);
      return { protocol, statusCode, acceptedTimestamp, frank };
    }
    case "epochTooOld":
      return { protocol, statusCode, currentEpoch: r.uint64() };
    case "notAllowed":
      return { protocol, statusCode };
  }
}

export function encodeSubmitMessageResponse(response: SubmitMessageResponse): Uint8Array {
  return encodeWith(writeSubmitMessageResponse, response);
}

export function decodeSubmitMessageResponse(bytes: Uint8Array): SubmitMessageResponse {
  return decodeExact(bytes, readSubmitMessageResponse, "SubmitMessageResponse");
}
