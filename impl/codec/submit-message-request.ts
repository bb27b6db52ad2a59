// struct { Protocol protocol;
//          select (protocol) { case mls10: MLSMessage appMessage; IdentifierUri sendingUri; }
// } SubmitMessageRequest;   (draft-ietf-mimi-protocol §5.4)
// That appMessage is an application PrivateMessage is the hub's check, not the codec's.

import { decodeExact, encodeWith } from "./exact.js";
import { readIdentifierUri, writeIdentifierUri, type IdentifierUri } from "./identifier-uri.js";
import { readMlsMessage, writeMlsMessage, type MLSMessage } from "./mls-structs.js";
import { readProtocol, writeProtocol, type ProtocolName } from "./protocol.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface SubmitMessageRequest {
  protocol: ProtocolName;
  appMessage: MLSMessage;
  sendingUri: IdentifierUri;
}

export function writeSubmitMessageRequest(w: Writer, request: SubmitMessageRequest): void {
  writeProtocol(w, request.protocol);
  writeMlsMessage(w, request.appMessage);
  writeIdentifierUri(w, request.sendingUri);
}

export function readSubmitMessageRequest(r: Reader): SubmitMessageRequest {
  const protocol = readProtocol(r);
  const appMessage = readMlsMessage(r);
  const sendingUri = readIdentifierUri(r);
  return { protocol, appMessage, sendingUri };
}

export function encodeSubmitMessageRequest(request: SubmitMessageRequest): Uint8Array {
  return encodeWith(writeSubmitMessageRequest, request);
}

export function decodeSubmitMessageRequest(bytes: Uint8Array): SubmitMessageRequest {
  return decodeExact(bytes, readSubmitMessageRequest, "SubmitMessageRequest");
}
