// A provider's consent endpoints (protocol §5.7), provider to provider and never through a hub:
// - POST /requestConsent/{targetDomain}: a ConsentEntry `request` or `cancel` from the requester's
//   provider. The target must be this provider's user and the requester the sender's (§5.7: "the
//   `targetUri` needs to be in one of the domains of the receiving provider, and the `requesterUri` needs
//   to be in one of the domains of the sending provider").
// - POST /updateConsent/{requesterDomain}: a `grant` or `revoke` from the target's provider, the domains
//   the other way round.
// Answers: 201 when taken, and also for a user this provider does not know and for a cancel that matches
// no request (§5.7: "A provider that does not wish to reveal if a user is not found can respond with a
// 201"; "a 201 Accepted is sent and no further action is taken"); 404 when the user named as this
// provider's is not of its domain, or the path names another domain; 403 when the user named as the
// sender's is not of the sender's domain (the draft has no code for it: the sender binding's 403, as
// elsewhere, digest §2.6 H0); 400 for a body that does not decode or an operation the endpoint does not
// take. Nothing is recorded unless the answer is a 201 that took the entry.
import { decodeConsentEntry, type ConsentEntry } from "../codec/consent-entry.js";
import { domainOf } from "../identity/mimi-uri.js";
import { EMPTY, type MimiRequest, type MimiResponse } from "../transport/mimi-request.js";
import type { ConsentFaults } from "./consent-faults.js";
import { scopeKey, type ConsentStore } from "./consent-store.js";

/** What the endpoints need of the provider. */
export interface ConsentContext {
  readonly domain: string;
  readonly knowsUser: (uri: string) => boolean;
  readonly store: ConsentStore;
  readonly faults: ConsentFaults;
}

const taken: MimiResponse = { status: 201, body: EMPTY };
const badRequest: MimiResponse = { status: 400, body: EMPTY };
const forbidden: MimiResponse = { status: 403, body: EMPTY };
const notFound: MimiResponse = { status: 404, body: EMPTY };

/** The domain checks of §5.7: `ours` is the user this provider must host, `theirs` the sender's. */
function domainRefusal(ctx: ConsentContext, request: MimiRequest, ours: string, theirs: string): MimiResponse | undefined {
  if (request.target !== ctx.domain) return notFound;
  if (ctx.faults.skipConsentDomainCheck) return undefined;
  if (domainOf(ours) !== ctx.domain) return notFound;
  if (domainOf(theirs) !== request.from) return forbidden;
  return undefined;
}

/** /requestConsent: a request recorded as pending, or the pending request of the same scope cancelled. */
export function handleRequestConsent(ctx: ConsentContext, request: MimiRequest): MimiResponse {
  const entry: ConsentEntry = decodeConsentEntry(request.body);
  if (entry.consentOperation !== "request" && entry.consentOperation !== "cancel") return badRequest;
  const refusal = domainRefusal(ctx, request, entry.targetUri, entry.requesterUri);
  if (refusal !== undefined) return refusal;
  if (!ctx.knowsUser(entry.targetUri)) return taken;
  const scope = { requesterUri: entry.requesterUri, targetUri: entry.targetUri, roomId: entry.roomId };
  if (entry.consentOperation === "request") {
    ctx.store.pending.set(scopeKey(scope), { scope, from: request.from });
    return taken;
  }
  // A cancel withdraws the request of its very scope, sent by the same provider; any other is ignored.
  const pending = ctx.store.pending.get(scopeKey(scope));
  if (pending !== undefined && pending.from === request.from) ctx.store.pending.delete(scopeKey(scope));
  else if (ctx.faults.acceptAnyCancel)
    for (const [key, p] of ctx.store.pending) if (p.scope.requesterUri === scope.requesterUri && p.scope.targetUri === scope.targetUri) ctx.store.pending.delete(key);
  return taken;
}

/** /updateConsent: what the target's provider says of its user's consent, recorded on the requester's side. */
export function handleUpdateConsent(ctx: ConsentContext, request: MimiRequest): MimiResponse {
  const entry: ConsentEntry = decodeConsentEntry(request.body);
  if (entry.consentOperation !== "grant" && entry.consentOperation !== "revoke") return badRequest;
  const refusal = domainRefusal(ctx, request, entry.requesterUri, entry.targetUri);
  if (refusal !== undefined) return refusal;
  if (!ctx.knowsUser(entry.requesterUri)) return taken;
  const scope = { requesterUri: entry.requesterUri, targetUri: entry.targetUri, roomId: entry.roomId };
  const keyPackages = entry.consentOperation === "grant" ? entry.clientKeyPackages.length : 0;
  ctx.store.told.set(scopeKey(scope), { scope, granted: entry.consentOperation === "grant", from: request.from, keyPackages });
  return taken;
}
