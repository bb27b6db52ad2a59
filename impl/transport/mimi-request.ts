// The draft's endpoints (protocol §5) as one request/response shape. Bodies are always bytes: every
// message that crosses a provider boundary is encoded by its sender and decoded by its receiver.

export type EndpointName =
  | "keyMaterial"
  | "update"
  | "submitMessage"
  | "notify"
  | "groupInfo"
  | "reportAbuse"
  // GET, no body: the hub fetches an asset for the downloading provider (§5.10.2).
  | "proxyDownload"
  // Provider to provider, never through a hub (§5.7, §5.8).
  | "requestConsent"
  | "updateConsent"
  | "identifierQuery";

export interface MimiRequest {
  endpoint: EndpointName;
  /** Source provider domain (the draft's `From: mimi@<domain>`). */
  from: string;
  /** The path parameter: `{targetUser}` for keyMaterial; `{targetDomain}`, `{requesterDomain}` and
   * `{domain}` for requestConsent, updateConsent and identifierQuery (§5.7–5.8); `{downloadUrl}` for
   * proxyDownload (§5.10.2); `{roomId}` for the others. */
  target: string;
  body: Uint8Array;
  /** Set by the hub when it relays a key-material request to the target provider (§5.2). */
  via?: string;
}

export interface MimiResponse {
  /** HTTP status: 200 with a body, 201 for an accepted notify, 400 for a body that does not decode, 404 unknown target. */
  status: number;
  body: Uint8Array;
}

/** Anything that answers MIMI requests: a hub, a provider, or a provider hosting a hub. */
export interface MimiServer {
  handle(request: MimiRequest): Promise<MimiResponse>;
}

export const EMPTY = new Uint8Array(0);
