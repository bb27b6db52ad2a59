// Preauthorisation claims (room-policy §4; digest §3.5, §8 q.23) and the first-match rule. "Refactor
// Claims" is a TODO of the draft and "exact match" over credential types is undefined, so this project
// keeps two claims, both read off what every party already validates of a credential: the user URI it
// names (x509: the leaf certificate's subjectAltName, basic: the identity; impl/identity).
//  - user:     ClaimId { x509 (2), id = DER of OID 2.5.29.17 subjectAltName } = the user's mimi:// URI;
//  - provider: ClaimId { 0xF000 (private use), id = "mimi-provider" } = the domain of the user's URI.
// The claim's credential_type is not compared with the joiner's credential type (both modes name the same
// URI). An entry matches when every one of its claims equals the joiner's value for that claim; a claim of
// any other ClaimId has no counterpart, so its entry never matches. An entry with no claim matches nobody
// (decision: the draft's "every claim" would otherwise preauthorise the whole world by an empty set).
// Entries are read in order and the first match wins. Shared by the join (hub and clients), the own role
// change and any external sender a room preauthorises.
import type { Claim, PreAuthData, PreAuthRoleEntry } from "../codec/preauth-list.js";
import { domainOf } from "../identity/mimi-uri.js";

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export const CREDENTIAL_TYPE_X509 = 0x0002;
/** MLS CredentialType private-use value this project names its provider claim under. */
export const CREDENTIAL_TYPE_PRIVATE_CLAIMS = 0xf000;
/** DER content octets of OID 2.5.29.17 (id-ce-subjectAltName). */
export const SUBJECT_ALT_NAME_OID = Uint8Array.from([0x55, 0x1d, 0x11]);
export const PROVIDER_CLAIM_ID = utf8.encode("mimi-provider");

export type PreauthClaim = { kind: "user"; uri: string } | { kind: "provider"; domain: string };

/** The wire form of a claim. */
export function claimOf(claim: PreauthClaim): Claim {
  return claim.kind === "user"
    ? { claimId: { credentialType: CREDENTIAL_TYPE_X509, id: SUBJECT_ALT_NAME_OID }, claimValue: utf8.encode(claim.uri) }
    : { claimId: { credentialType: CREDENTIAL_TYPE_PRIVATE_CLAIMS, id: PROVIDER_CLAIM_ID }, claimValue: utf8.encode(claim.domain) };
}

/** A preauth entry from claims and a target role index. */
export function preauthEntry(claims: readonly PreauthClaim[], targetRoleIndex: number): PreAuthRoleEntry {
  return { claimset: claims.map(claimOf), targetRoleIndex };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a user (by its validated user URI) presents for a claim id, or undefined if it has no such claim. */
function presented(claim: Claim, userUri: string): string | undefined {
  const { credentialType, id } = claim.claimId;
  if (credentialType === CREDENTIAL_TYPE_X509 && sameBytes(id, SUBJECT_ALT_NAME_OID)) return userUri;
  if (credentialType === CREDENTIAL_TYPE_PRIVATE_CLAIMS && sameBytes(id, PROVIDER_CLAIM_ID)) return domainOf(userUri);
  return undefined;
}

/** Does every claim of `entry` have an exact counterpart for this user? */
export function entryMatches(entry: PreAuthRoleEntry, userUri: string): boolean {
  if (entry.claimset.length === 0) return false;
  return entry.claimset.every((claim) => {
    const value = presented(claim, userUri);
    return value !== undefined && sameBytes(utf8.encode(value), claim.claimValue);
  });
}

/** The first entry that matches the user (room-policy §4 "first match wins"), or undefined. */
export function firstPreauthMatch(preauth: PreAuthData | undefined, userUri: string): PreAuthRoleEntry | undefined {
  return preauth?.preauthorizedEntries.find((entry) => entryMatches(entry, userUri));
}

/** The first match whose target role is not 0 (canChangeOwnRole: "the first non-zero role matched"). */
export function firstNonZeroPreauthMatch(preauth: PreAuthData | undefined, userUri: string): PreAuthRoleEntry | undefined {
  return preauth?.preauthorizedEntries.find((entry) => entry.targetRoleIndex !== 0 && entryMatches(entry, userUri));
}

/** A printable form of a claim (for refusals and reports). */
export function describeClaim(claim: Claim): string {
  return `${claim.claimId.credentialType}:${utf8Decoder.decode(claim.claimId.id)}=${utf8Decoder.decode(claim.claimValue)}`;
}
