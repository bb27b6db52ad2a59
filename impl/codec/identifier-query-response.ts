// IdentifierResponse (draft-ietf-mimi-protocol §5.8, "Find internal address"):
// enum { success(0), notFound(1), ambiguous(2), forbidden(3), unsupportedField(4), (255) } IdentifierQueryCode;
// enum { reserved(0), oidcStdClaim(7), vcardField(8), (255) } FieldSource;
// struct { FieldSource fieldSource; string fieldName; opaque fieldValue<V>; } ProfileField;
// struct { IdentifierUri stableUri; ProfileField fields<V>; } UserProfile;
// struct { IdentifierQueryCode responseCode; IdentifierUri uri<V>; UserProfile foundProfiles<V>;
//          AppDataDictionary id_response_extensions; } IdentifierResponse;
// `string` is a UTF-8 opaque<V> (invalid UTF-8 is invalidValue); reserved(0) never appears on the wire.

import { readAppDataDictionary, writeAppDataDictionary, type AppDataDictionary } from "./app-data-dictionary.js";
import { enumeration } from "./enumeration.js";
import { decodeExact, encodeWith } from "./exact.js";
import { readIdentifierUri, writeIdentifierUri, type IdentifierUri } from "./identifier-uri.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const IdentifierQueryCode = enumeration("IdentifierQueryCode", { success: 0, notFound: 1, ambiguous: 2, forbidden: 3, unsupportedField: 4 });
export type IdentifierQueryCodeName = "success" | "notFound" | "ambiguous" | "forbidden" | "unsupportedField";

export const FieldSource = enumeration("FieldSource", { oidcStdClaim: 7, vcardField: 8 });
export type FieldSourceName = "oidcStdClaim" | "vcardField";

export interface ProfileField {
  fieldSource: FieldSourceName;
  fieldName: string;
  fieldValue: Uint8Array;
}

export interface UserProfile {
  stableUri: IdentifierUri;
  fields: ProfileField[];
}

export interface IdentifierResponse {
  responseCode: IdentifierQueryCodeName;
  uri: IdentifierUri[];
  foundProfiles: UserProfile[];
  idResponseExtensions: AppDataDictionary;
}

function writeProfileField(w: Writer, f: ProfileField): void {
  w.enum8(FieldSource, f.fieldSource);
  w.string(f.fieldName);
  w.opaque(f.fieldValue);
}

function readProfileField(r: Reader): ProfileField {
  const fieldSource = r.enum8(FieldSource);
  const fieldName = r.string();
  return { fieldSource, fieldName, fieldValue: r.opaque() };
}

export function writeUserProfile(w: Writer, p: UserProfile): void {
  writeIdentifierUri(w, p.stableUri);
  w.vector(p.fields, writeProfileField);
}

export function readUserProfile(r: Reader): UserProfile {
  const stableUri = readIdentifierUri(r);
  return { stableUri, fields: r.vector(readProfileField) };
}

export function writeIdentifierResponse(w: Writer, response: IdentifierResponse): void {
  w.enum8(IdentifierQueryCode, response.responseCode);
  w.vector(response.uri, writeIdentifierUri);
  w.vector(response.foundProfiles, writeUserProfile);
  writeAppDataDictionary(w, response.idResponseExtensions);
}

export function readIdentifierResponse(r: Reader): IdentifierResponse {
  const responseCode = r.enum8(IdentifierQueryCode);
  const uri = r.vector(readIdentifierUri);
  const foundProfiles = r.vector(readUserProfile);
  return { responseCode, uri, foundProfiles, idResponseExtensions: readAppDataDictionary(r) };
}

export function encodeIdentifierResponse(response: IdentifierResponse): Uint8Array {
  return encodeWith(writeIdentifierResponse, response);
}

export function decodeIdentifierResponse(bytes: Uint8Array): IdentifierResponse {
  return decodeExact(bytes, readIdentifierResponse, "IdentifierResponse");
}
