// A provider's directory of its users' profiles, and its answer to /identifierQuery/{domain} (protocol
// §5.8, "Find internal address"). A query is a list of QueryElements that must all match (AND). What
// each search type matches, from the draft's text:
// - handle: the entire handle URI, exactly (`im:alice.smith@a.example`);
// - nick: a nickname or the handle's user part, exactly (`alice.smith`);
// - email: the addr-spec, exactly; phone: the "+" international number, exactly;
// - partialName: a case-insensitive substring of any name field;
// - wholeProfile: a substring of any searchable field;
// - oidcStdClaim / vcardField: the named OIDC standard claim or vCard property, exactly.
// Searches only find users whose own policy lets the fields searched be searched (the draft's Xavier:
// found by names and handle; Yolanda: only by her exact handle; Zach: never). The provider's policy adds
// the codes: `forbidden` when it answers no queries, or for a query with no element; `ambiguous` when it
// demands an exact field and the query has only substring elements; `unsupportedField` for a claim or
// vCard property it does not search. A query that matches nobody is `notFound`.
import type { IdentifierRequest, QueryElement } from "../codec/identifier-query-request.js";
import type { IdentifierResponse, ProfileField } from "../codec/identifier-query-response.js";

/** What a user lets be searched (the draft's three example users). */
export type Searchability = "names and handle" | "exact handle" | "nothing";

export interface UserProfileData {
  /** The user's stable (internal) URI, e.g. mimi://b.example/u/xavier. */
  readonly uri: string;
  /** Its handle URI, e.g. im:xavier@b.example. */
  readonly handle: string;
  readonly nicks: readonly string[];
  readonly email?: string;
  readonly phone?: string;
  /** OIDC standard claims (given_name, family_name, name, …). */
  readonly claims: Readonly<Record<string, string>>;
  readonly searchable: Searchability;
}

export interface DirectoryPolicy {
  /** false: every query is `forbidden`. */
  readonly answersQueries: boolean;
  /** true: a query must carry an exact element (not only partialName / wholeProfile), else `ambiguous`. */
  readonly requireExactField: boolean;
}

/** OIDC standard claims searched (OpenID Connect Core §5.1), and the vCard properties mapped to them. */
const SEARCHED_CLAIMS = new Set(["name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "email", "phone_number"]);
const VCARD_TO_CLAIM: Readonly<Record<string, string>> = { FN: "name", NICKNAME: "nickname", EMAIL: "email", TEL: "phone_number" };
const NAME_CLAIMS = ["name", "given_name", "family_name", "middle_name"];

const isSubstring = (element: QueryElement) => element.searchType === "partialName" || element.searchType === "wholeProfile";

function matches(p: UserProfileData, q: QueryElement): boolean {
  if (p.searchable === "nothing") return false;
  if (p.searchable === "exact handle" && q.searchType !== "handle") return false;
  const v = q.searchValue;
  switch (q.searchType) {
    case "handle":
      return p.handle === v;
    case "nick":
      return p.nicks.includes(v) || p.handle.replace(/^[a-z]+:/, "").split("@")[0] === v;
    case "email":
      return p.email === v;
    case "phone":
      return p.phone === v;
    case "partialName":
      return v.length > 0 && NAME_CLAIMS.some((c) => p.claims[c]?.toLowerCase().includes(v.toLowerCase()) === true);
    case "wholeProfile":
      return v.length > 0 && [p.handle, ...p.nicks, p.email ?? "", p.phone ?? "", ...Object.values(p.claims)].some((f) => f.includes(v));
    case "oidcStdClaim":
      return p.claims[q.claimName] === v;
    case "vcardField":
      return p.claims[VCARD_TO_CLAIM[q.propertyName]!] === v;
  }
}

/** The fields a found profile shows: its name, as a vCard FN, when it has one. */
function shownFields(p: UserProfileData): ProfileField[] {
  return p.claims.name === undefined ? [] : [{ fieldSource: "vcardField", fieldName: "FN", fieldValue: new TextEncoder().encode(p.claims.name) }];
}

const answer = (responseCode: IdentifierResponse["responseCode"]): IdentifierResponse => ({ responseCode, uri: [], foundProfiles: [], idResponseExtensions: { componentData: [] } });

export class IdentifierDirectory {
  readonly profiles = new Map<string, UserProfileData>();
  policy: DirectoryPolicy = { answersQueries: true, requireExactField: false };

  add(profile: UserProfileData): void {
    this.profiles.set(profile.uri, profile);
  }

  /** The answer to one query (§5.8): a pure function of the directory and the request. */
  query(request: IdentifierRequest): IdentifierResponse {
    const elements = request.queryElements;
    if (!this.policy.answersQueries || elements.length === 0) return answer("forbidden");
    for (const q of elements) {
      if (q.searchType === "oidcStdClaim" && !SEARCHED_CLAIMS.has(q.claimName)) return answer("unsupportedField");
      if (q.searchType === "vcardField" && VCARD_TO_CLAIM[q.propertyName] === undefined) return answer("unsupportedField");
    }
    if (this.policy.requireExactField && elements.every(isSubstring)) return answer("ambiguous");
    const found = [...this.profiles.values()].filter((p) => elements.every((q) => matches(p, q))).sort((a, b) => (a.uri < b.uri ? -1 : 1));
    if (found.length === 0) return answer("notFound");
    return { ...answer("success"), uri: found.map((p) => p.uri), foundProfiles: found.map((p) => ({ stableUri: p.uri, fields: shownFields(p) })) };
  }
}
