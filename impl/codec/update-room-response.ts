// UpdateRoomResponse (draft-ietf-mimi-protocol §5.3):
// enum { success(0), wrongEpoch(1), notAllowed(2), invalidProposal(3), (255) } UpdateResponseCode;
// struct { UpdateResponseCode responseCode; string errorDescription;
//          select (responseCode) {
//            case success:         uint64 accepted_timestamp;      (ms since the Unix epoch)
//            case wrongEpoch:      uint64 currentEpoch;
//            case invalidProposal: ProposalRef invalidProposals<V>; } } UpdateRoomResponse;
// ProposalRef is RFC 9420's `opaque HashReference<V>`.

import { decodeExact, encodeWith } from "./exact.js";
import { enumeration } from "./enumeration.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const UpdateResponseCode = enumeration("UpdateResponseCode", {
  success: 0,
  wrongEpoch: 1,
  notAllowed: 2,
  invalidProposal: 3,
});

export type UpdateRoomResponse =
  | { responseCode: "success"; errorDescription: string; acceptedTimestamp: bigint }
  | { responseCode: "wrongEpoch"; errorDescription: string; currentEpoch: bigint }
  | { responseCode: "notAllowed"; errorDescription: string }
  | { responseCode: "invalidProposal"; errorDescription: string; invalidProposals: Uint8Array[] };

export type UpdateResponseCodeName = UpdateRoomResponse["responseCode"];

const writeProposalRef = (w: Writer, ref: Uint8Array): void => w.opaque(ref);
const readProposalRef = (r: Reader): Uint8Array => r.opaque();

export function writeUpdateRoomResponse(w: Writer, response: UpdateRoomResponse): void {
  w.enum8(UpdateResponseCode, response.responseCode);
  w.string(response.errorDescription);
  switch (response.responseCode) {
    case "success":
      w.uint64(response.acceptedTimestamp);
      break;
    case "wrongEpoch":
      w.uint64(response.currentEpoch);
      break;
    case "invalidProposal":
      w.vector(response.invalidProposals, writeProposalRef);
      break;
    case "notAllowed":
      break;
  }
}

export function readUpdateRoomResponse(r: Reader): UpdateRoomResponse {
  const responseCode = r.enum8(UpdateResponseCode);
  const errorDescription = r.string();
  switch (responseCode) {
    case "success":
      return { responseCode, errorDescription, acceptedTimestamp: r.uint64() };
    case "wrongEpoch":
      return { responseCode, errorDescription, currentEpoch: r.uint64() };
    case "invalidProposal":
      return { responseCode, errorDescription, invalidProposals: r.vector(readProposalRef) };
    case "notAllowed":
      return { responseCode, errorDescription };
  }
}

export function encodeUpdateRoomResponse(response: UpdateRoomResponse): Uint8Array {
  return encodeWith(writeUpdateRoomResponse, response);
}

export function decodeUpdateRoomResponse(bytes: Uint8Array): UpdateRoomResponse {
  return decodeExact(bytes, readUpdateRoomResponse, "UpdateRoomResponse");
}
