// IdentifierRequest (draft-ietf-mimi-protocol §5.8, "Find internal address"):
// enum { reserved(0), handle(1), nick(2), email(3), phone(4), partialName(5), wholeProfile(6),
//        oidcStdClaim(7), vcardField(8), (255) } SearchIdentifierType;
// struct { SearchIdentifierType searchType;
//          select(type) { case oidcStdClaim: opaque claimName<V>; case vcardField: opaque propertyName<V>; };
//          opaque searchValue<V>;  /* a UTF8 string */ } QueryElement;
// struct { QueryElement query_elements<V>; AppDataDictionary id_request_extensions; } IdentifierRequest;
// reserved(0) never appears on the wire (invalidValue). searchValue is "a UTF8 string", and claim and
// vCard property names are names, so all three are read as UTF-8 text: invalid UTF-8 is invalidValue.

import { readAppDataDictionary, writeAppDataDictionary, type AppDataDictionary } from "./app-data-dictionary.js";
import { enumeration } from "./enumeration.js";
import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const SearchIdentifierType = enumeration("SearchIdentifierType", {
  handle: 1,
  nick: 2,
  email: 3,
  phone: 4,
  partialName: 5,
  wholeProfile: 6,
  oidcStdClaim: 7,
  vcardField: 8,
});
export type SearchIdentifierTypeName = "handle" | "nick" | "email" | "phone" | "partialName" | "wholeProfile" | "oidcStdClaim" | "vcardField";

export type QueryElement =
  | { searchType: Exclude<SearchIdentifierTypeName, "oidcStdClaim" | "vcardField">; searchValue: string }
  | { searchType: "oidcStdClaim"; claimName: string; searchValue: string }
  | { searchType: "vcardField"; propertyName: string; searchValue: string };

export interface IdentifierRequest {
  /** Every element must match (AND). */
  queryElements: QueryElement[];
  idRequestExtensions: AppDataDictionary;
}

export function writeQueryElement(w: Writer, q: QueryElement): void {
  w.enum8(SearchIdentifierType, q.searchType);
  if (q.searchType === "oidcStdClaim") w.string(q.claimName);
  else if (q.searchType === "vcardField") w.string(q.propertyName);
  w.string(q.searchValue);
}

export function readQueryElement(r: Reader): QueryElement {
  const searchType = r.enum8(SearchIdentifierType);
  if (searchType === "oidcStdClaim") {
    const claimName = r.string();
    return { searchType, claimName, searchValue: r.string() };
  }
  if (searchType === "vcardField") {
    const propertyName = r.string();
    return { searchType, propertyName, searchValue: r.string() };
  }
  return { searchType, searchValue: r.string() };
}

export function writeIdentifierRequest(w: Writer, request: IdentifierRequest): void {
  w.vector(request.queryElements, writeQueryElement);
  writeAppDataDictionary(w, request.idRequestExtensions);
}

export function readIdentifierRequest(r: Reader): IdentifierRequest {
  const queryElements = r.vector(readQueryElement);
  return { queryElements, idRequestExtensions: readAppDataDictionary(r) };
}

export function encodeIdentifierRequest(request: IdentifierRequest): Uint8Array {
  return encodeWith(writeIdentifierRequest, request);
}

export function decodeIdentifierRequest(bytes: Uint8Array): IdentifierRequest {
  return decodeExact(bytes, readIdentifierRequest, "IdentifierRequest");
}
