// AbuseReport (draft-ietf-mimi-protocol §5.9), the body of POST /reportAbuse/{roomId}:
// enum { reserved(0), (255) } AbuseType;        (the draft leaves the taxonomy TODO; one octet here)
// struct { opaque message_content<V>; Frank frank; uint64 accepted_timestamp; } AbusiveMessage;
// struct { IdentifierUri reportingUser; IdentifierUri allegedAbuserUri; AbuseType reasonCode;
//          opaque note<V>; AbusiveMessage messages<V>; AppDataDictionary abuse_extensions; } AbuseReport;
// The answer has no body: the HTTP status alone says whether the hub accepted the report.

import { readAppDataDictionary, writeAppDataDictionary, type AppDataDictionary } from "./app-data-dictionary.js";
import { decodeExact, encodeWith } from "./exact.js";
import { readFrank, writeFrank, type Frank } from "./frank.js";
import { readIdentifierUri, writeIdentifierUri } from "./identifier-uri.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface AbusiveMessage {
  /** The reported message's plaintext: its encoded MIMI content. */
  messageContent: Uint8Array;
  frank: Frank;
  acceptedTimestamp: bigint;
}

export interface AbuseReport {
  reportingUser: string;
  allegedAbuserUri: string;
  /** AbuseType: only reserved(0) is defined so far. */
  reasonCode: number;
  note: Uint8Array;
  messages: AbusiveMessage[];
  abuseExtensions: AppDataDictionary;
}

function writeAbusiveMessage(w: Writer, m: AbusiveMessage): void {
  w.opaque(m.messageContent);
  writeFrank(w, m.frank);
  w.uint64(m.acceptedTimestamp);
}

function readAbusiveMessage(r: Reader): AbusiveMessage {
  const messageContent = r.opaque();
  const frank = readFrank(r);
  const acceptedTimestamp = r.uint64();
  return { messageContent, frank, acceptedTimestamp };
}

export function writeAbuseReport(w: Writer, report: AbuseReport): void {
  writeIdentifierUri(w, report.reportingUser);
  writeIdentifierUri(w, report.allegedAbuserUri);
  w.uint8(report.reasonCode);
  w.opaque(report.note);
  w.vector(report.messages, writeAbusiveMessage);
  writeAppDataDictionary(w, report.abuseExtensions);
}

export function readAbuseReport(r: Reader): AbuseReport {
  const reportingUser = readIdentifierUri(r);
  const allegedAbuserUri = readIdentifierUri(r);
  const reasonCode = r.uint8();
  const note = r.opaque();
  const messages = r.vector(readAbusiveMessage);
  const abuseExtensions = readAppDataDictionary(r);
  return { reportingUser, allegedAbuserUri, reasonCode, note, messages, abuseExtensions };
}

export function encodeAbuseReport(report: AbuseReport): Uint8Array {
  return encodeWith(writeAbuseReport, report);
}

export function decodeAbuseReport(bytes: Uint8Array): AbuseReport {
  return decodeExact(bytes, readAbuseReport, "AbuseReport");
}
