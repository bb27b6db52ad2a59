// ConsentEntry and ConsentScope (draft-ietf-mimi-protocol §5.7, "Convey explicit consent"):
// enum { cancel(0), request(1), grant(2), revoke(3), (255) } ConsentOperation;
// struct { ConsentOperation consentOperation; IdentifierUri requesterUri; IdentifierUri targetUri;
//          optional<RoomId> roomId;
//          select (consentOperation) { case grant: KeyPackage clientKeyPackages<V>; };
//          AppDataDictionary consent_extensions; } ConsentEntry;
// struct { IdentifierUri requesterUri; IdentifierUri targetUri; optional<RoomId> roomId; } ConsentScope;
// The draft does not define RoomId; it is encoded here as the room's IdentifierUri, which is what
// KeyMaterialRequest carries in its `roomId` field (§5.2). Which operation each endpoint takes, and the
// domain rules, are for the receiving provider (impl/provider/consent-endpoints.ts), not the codec.

import { readAppDataDictionary, writeAppDataDictionary, type AppDataDictionary } from "./app-data-dictionary.js";
import { enumeration } from "./enumeration.js";
import { decodeExact, encodeWith } from "./exact.js";
import { readIdentifierUri, writeIdentifierUri, type IdentifierUri } from "./identifier-uri.js";
import { readKeyPackage, writeKeyPackage, type KeyPackage } from "./mls-structs.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const ConsentOperation = enumeration("ConsentOperation", { cancel: 0, request: 1, grant: 2, revoke: 3 });
export type ConsentOperationName = "cancel" | "request" | "grant" | "revoke";

/** requester, target, and the one room the consent is for (undefined: any room). */
export interface ConsentScope {
  requesterUri: IdentifierUri;
  targetUri: IdentifierUri;
  roomId: IdentifierUri | undefined;
}

export type ConsentEntry = ConsentScope & { consentExtensions: AppDataDictionary } & (
    | { consentOperation: "cancel" | "request" | "revoke" }
    | { consentOperation: "grant"; clientKeyPackages: KeyPackage[] }
  );

export function writeConsentScope(w: Writer, scope: ConsentScope): void {
  writeIdentifierUri(w, scope.requesterUri);
  writeIdentifierUri(w, scope.targetUri);
  w.optional(scope.roomId, writeIdentifierUri);
}

export function readConsentScope(r: Reader): ConsentScope {
  const requesterUri = readIdentifierUri(r);
  const targetUri = readIdentifierUri(r);
  const roomId = r.optional(readIdentifierUri);
  return { requesterUri, targetUri, roomId };
}

export function writeConsentEntry(w: Writer, entry: ConsentEntry): void {
  w.enum8(ConsentOperation, entry.consentOperation);
  writeConsentScope(w, entry);
  if (entry.consentOperation === "grant") w.vector(entry.clientKeyPackages, writeKeyPackage);
  writeAppDataDictionary(w, entry.consentExtensions);
}

export function readConsentEntry(r: Reader): ConsentEntry {
  const consentOperation = r.enum8(ConsentOperation);
  const scope = readConsentScope(r);
  if (consentOperation === "grant") {
    const clientKeyPackages = r.vector(readKeyPackage);
    return { consentOperation, ...scope, clientKeyPackages, consentExtensions: readAppDataDictionary(r) };
  }
  return { consentOperation, ...scope, consentExtensions: readAppDataDictionary(r) };
}

export function encodeConsentEntry(entry: ConsentEntry): Uint8Array {
  return encodeWith(writeConsentEntry, entry);
}

export function decodeConsentEntry(bytes: Uint8Array): ConsentEntry {
  return decodeExact(bytes, readConsentEntry, "ConsentEntry");
}

export function encodeConsentScope(scope: ConsentScope): Uint8Array {
  return encodeWith(writeConsentScope, scope);
}

export function decodeConsentScope(bytes: Uint8Array): ConsentScope {
  return decodeExact(bytes, readConsentScope, "ConsentScope");
}
