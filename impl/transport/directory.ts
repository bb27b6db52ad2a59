// Where each endpoint lives (protocol §5.1–5.6): the paths `POST /<endpoint>/{param}`, their parameter
// percent-encoded, and the directory document `GET /.well-known/mimi-protocol-directory` that maps each
// endpoint name to its URL template. How the drafts' inconsistencies are resolved: docs/transport.md.
import type { EndpointName } from "./mimi-request.js";

/** The well-known path of the directory document (§5.1). */
export const DIRECTORY_PATH = "/.well-known/mimi-protocol-directory";

/** Each endpoint's path parameter (§5.2–5.8): the target user for key material, a domain for consent and
 * identifier queries, the room otherwise. */
export const ENDPOINT_PARAMETERS = {
  keyMaterial: "targetUser",
  update: "roomId",
  submitMessage: "roomId",
  notify: "roomId",
  groupInfo: "roomId",
  reportAbuse: "roomId",
  proxyDownload: "downloadUrl",
  // §5.7–5.8 name the domains in their paths (the §5.1 directory sample says {targetUser} and
  // {requesterUser} for consent instead: digest §2.2 lists this among the draft's inconsistencies).
  requestConsent: "targetDomain",
  updateConsent: "requesterDomain",
  identifierQuery: "domain",
} as const satisfies Record<EndpointName, string>;

const ENDPOINTS = Object.keys(ENDPOINT_PARAMETERS) as EndpointName[];

/** The directory document: endpoint name → URL template with its `{parameter}`. */
export type Directory = Readonly<Record<EndpointName, string>>;

/** The directory of a provider reachable at `authority` (host, and port when not 443). */
export function directoryFor(authority: string): Directory {
  return Object.fromEntries(ENDPOINTS.map((e) => [e, `https://${authority}/${e}/{${ENDPOINT_PARAMETERS[e]}}`])) as Record<EndpointName, string>;
}

/** A directory document read from JSON, or undefined when it lacks an endpoint or a template lacks its
 * parameter (the caller then cannot reach that provider). */
export function parseDirectory(json: string): Directory | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const e of ENDPOINTS) {
    const template = record[e];
    if (typeof template !== "string" || !template.startsWith("https://") || !template.includes(`{${ENDPOINT_PARAMETERS[e]}}`)) return undefined;
  }
  return Object.fromEntries(ENDPOINTS.map((e) => [e, record[e] as string])) as Record<EndpointName, string>;
}

/** The URL of one request: the template with its parameter percent-encoded (a URI's `:` and `/` too). */
export function expandTemplate(directory: Directory, endpoint: EndpointName, parameter: string): URL {
  return new URL(directory[endpoint].replace(`{${ENDPOINT_PARAMETERS[endpoint]}}`, encodeURIComponent(parameter)));
}

/** The path of a request to `endpoint` with its parameter, as this implementation serves it. */
export function endpointPath(endpoint: EndpointName, parameter: string): string {
  return `/${endpoint}/${encodeURIComponent(parameter)}`;
}

/** What a request path names: an endpoint and its decoded parameter, the directory, or nothing known. */
export type ParsedPath =
  | { readonly kind: "endpoint"; readonly endpoint: EndpointName; readonly parameter: string }
  | { readonly kind: "directory" }
  | { readonly kind: "unknown" }
  /** A known endpoint whose parameter is not valid percent-encoding or is empty. */
  | { readonly kind: "malformed"; readonly reason: string };

/** Reads a request target (path, no query): `/<endpoint>/<one percent-encoded segment>` or the directory. */
export function parsePath(path: string): ParsedPath {
  if (path === DIRECTORY_PATH) return { kind: "directory" };
  const match = /^\/([A-Za-z]+)\/([^/?#]*)$/.exec(path);
  if (match === null || !(ENDPOINTS as string[]).includes(match[1]!)) return { kind: "unknown" };
  const endpoint = match[1] as EndpointName;
  let parameter: string;
  try {
    parameter = decodeURIComponent(match[2]!);
  } catch {
    return { kind: "malformed", reason: `the ${ENDPOINT_PARAMETERS[endpoint]} is not valid percent-encoding` };
  }
  if (parameter === "") return { kind: "malformed", reason: `no ${ENDPOINT_PARAMETERS[endpoint]} in the path` };
  return { kind: "endpoint", endpoint, parameter };
}
