// mimi:// identifiers (draft-ietf-mimi-protocol §3; draft-mahy-mimi-identity §4; spec digest §6).
//   provider  mimi://<domain>
//   user      mimi://<domain>/u/<id>          pseudonym mimi://<domain>/p/<id>
//   client    mimi://<domain>/d/<user-id>/<device-id>
//   room      mimi://<domain>/r/<id>          group     mimi://<domain>/g/<id>     team mimi://<domain>/t/<id>
// Only the canonical form is accepted (lowercase scheme and domain, no port, query, fragment, trailing
// slash or dot segments), so two URIs name the same thing exactly when their strings are equal. The
// drafts also allow a one-segment client form `/d/<id>`; this project always uses the two-segment
// form so that a client's user can be read off its URI, and rejects the one-segment form.

export type SingleIdKind = "user" | "pseudonym" | "room" | "group" | "team";
export type MimiUriKind = "provider" | "client" | SingleIdKind;

export interface ProviderUri {
  kind: "provider";
  domain: string;
}

export interface SingleIdUri {
  kind: SingleIdKind;
  domain: string;
  id: string;
}

export interface ClientUri {
  kind: "client";
  domain: string;
  userId: string;
  deviceId: string;
}

export type MimiUri = ProviderUri | SingleIdUri | ClientUri;

const SCHEME = "mimi://";

const LETTER_OF_KIND: Readonly<Record<SingleIdKind | "client", string>> = {
  user: "u",
  pseudonym: "p",
  client: "d",
  room: "r",
  group: "g",
  team: "t",
};

const KIND_OF_LETTER: ReadonlyMap<string, SingleIdKind | "client"> = new Map(
  Object.entries(LETTER_OF_KIND).map(([kind, letter]) => [letter, kind as SingleIdKind | "client"]),
);

// A DNS name in lowercase: labels of letters, digits and inner hyphens, at most 63 bytes each, 253 in all.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// RFC 3986 pchar: unreserved, percent-encoded octet, sub-delims, ":" and "@".
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;

export function isValidDomain(domain: string): boolean {
  return domain.length > 0 && domain.length <= 253 && domain.split(".").every((label) => LABEL.test(label));
}

/** A non-empty path segment that needs no escaping and is not a dot segment. */
export function isValidSegment(segment: string): boolean {
  return SEGMENT.test(segment) && segment !== "." && segment !== "..";
}

/** Parses a mimi:// URI; undefined if it is not one in canonical form. */
export function parseMimiUri(text: string): MimiUri | undefined {
  if (!text.startsWith(SCHEME)) return undefined;
  const [domain, ...segments] = text.slice(SCHEME.length).split("/");
  if (!isValidDomain(domain)) return undefined;
  if (segments.length === 0) return { kind: "provider", domain };
  const [letter, ...ids] = segments;
  const kind = KIND_OF_LETTER.get(letter);
  if (kind === undefined || !ids.every(isValidSegment)) return undefined;
  if (kind === "client") {
    return ids.length === 2 ? { kind, domain, userId: ids[0], deviceId: ids[1] } : undefined;
  }
  return ids.length === 1 ? { kind, domain, id: ids[0] } : undefined;
}

/** Parses and requires one kind, e.g. `parseMimiUriOfKind(text, "client")`. */
export function parseMimiUriOfKind<K extends MimiUriKind>(
  text: string,
  kind: K,
): Extract<MimiUri, { kind: K }> | undefined {
  const uri = parseMimiUri(text);
  return uri !== undefined && uri.kind === kind ? (uri as Extract<MimiUri, { kind: K }>) : undefined;
}

export function isMimiUri(text: string, kind?: MimiUriKind): boolean {
  const uri = parseMimiUri(text);
  return uri !== undefined && (kind === undefined || uri.kind === kind);
}

/** The canonical text of a URI; throws RangeError if a component is not valid. */
export function formatMimiUri(uri: MimiUri): string {
  if (!isValidDomain(uri.domain)) throw new RangeError(`invalid domain for a mimi URI: ${JSON.stringify(uri.domain)}`);
  const base = SCHEME + uri.domain;
  if (uri.kind === "provider") return base;
  const ids = uri.kind === "client" ? [uri.userId, uri.deviceId] : [uri.id];
  for (const id of ids) {
    if (!isValidSegment(id)) throw new RangeError(`invalid ${uri.kind} id for a mimi URI: ${JSON.stringify(id)}`);
  }
  const letter = LETTER_OF_KIND[uri.kind];
  if (letter === undefined) throw new RangeError(`unknown mimi URI kind: ${String(uri.kind)}`);
  return [base, letter, ...ids].join("/");
}

export function providerUri(domain: string): string {
  return formatMimiUri({ kind: "provider", domain });
}

export function userUri(domain: string, id: string): string {
  return formatMimiUri({ kind: "user", domain, id });
}

export function pseudonymUri(domain: string, id: string): string {
  return formatMimiUri({ kind: "pseudonym", domain, id });
}

export function clientUri(domain: string, userId: string, deviceId: string): string {
  return formatMimiUri({ kind: "client", domain, userId, deviceId });
}

export function roomUri(domain: string, id: string): string {
  return formatMimiUri({ kind: "room", domain, id });
}

export function groupUri(domain: string, id: string): string {
  return formatMimiUri({ kind: "group", domain, id });
}

export function teamUri(domain: string, id: string): string {
  return formatMimiUri({ kind: "team", domain, id });
}

/** The user URI a client URI belongs to (same domain); undefined if `client` is not a client URI. */
export function userOfClient(client: string): string | undefined {
  const uri = parseMimiUriOfKind(client, "client");
  return uri === undefined ? undefined : userUri(uri.domain, uri.userId);
}

/** The domain of any mimi URI; undefined if `uri` is not one. */
export function domainOf(uri: string): string | undefined {
  return parseMimiUri(uri)?.domain;
}
