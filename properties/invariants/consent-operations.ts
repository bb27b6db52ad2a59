// P30: consent operations between the right providers, and a cancel only of its own request (protocol
// §5.7; digest §7 E53), read off each provider's consent records and the consent exchanges on the wire.
// - A consent request a provider holds as pending names a target of its own domain and a requester of
//   the domain of the provider that sent it ("the `targetUri` needs to be in one of the domains of the
//   receiving provider, and the `requesterUri` needs to be in one of the domains of the sending provider").
// - What a provider was told by /updateConsent names a requester of its own domain and a target of the
//   sender's (the reverse).
// - A pending request disappears only by a cancel of the very same ConsentScope from the provider that
//   sent it ("A `cancel` MUST use the same `ConsentScope` as a previous `request`"), or by its target's
//   grant of that scope.
import { domainOf } from "../../impl/identity/mimi-uri.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";
import { consentWireOf, honestProvider, scopeText } from "./consent-wire.js";

/** The judgement over every provider's consent records and the exchanges since the last look. */
export function consentOperationsBreach(system: MimiSystem): string | undefined {
  const wire = consentWireOf(system);
  const exchanges = wire.consent.slice(wire.consentJudged);
  wire.consentJudged = wire.consent.length;
  for (const [domain] of system.providers) {
    const provider = honestProvider(system, domain);
    if (provider === undefined) continue;
    const pending = [...provider.consent.pending.values()];
    for (const p of pending) {
      if (domainOf(p.scope.targetUri) !== domain) return `${domain} holds a consent request for ${p.scope.targetUri}, not its user`;
      if (domainOf(p.scope.requesterUri) !== p.from) return `${domain} holds a consent request from ${p.from} in the name of ${p.scope.requesterUri}, not ${p.from}'s user`;
    }
    for (const t of provider.consent.told.values()) {
      if (domainOf(t.scope.requesterUri) !== domain) return `${domain} took ${t.from}'s consent ${t.granted ? "grant" : "revoke"} for ${t.scope.requesterUri}, not its user`;
      if (domainOf(t.scope.targetUri) !== t.from) return `${domain} took a consent ${t.granted ? "grant" : "revoke"} from ${t.from} in the name of ${t.scope.targetUri}, not ${t.from}'s user`;
    }
    const now = new Set(pending.map((p) => scopeText(p.scope)));
    const before = wire.pendingSeen.get(domain) ?? new Set<string>();
    wire.pendingSeen.set(domain, now);
    for (const gone of before) {
      if (now.has(gone)) continue;
      const cancelled = exchanges.some((x) => x.to === domain && x.status === 201 && x.entry?.consentOperation === "cancel" && scopeText(x.entry) === gone);
      const granted = [...provider.consent.given.values()].some((g) => g.granted && scopeText(g.scope) === gone);
      if (!cancelled && !granted) return `${domain} dropped the pending consent request (${gone}) without a cancel of that scope or a grant`;
    }
  }
  return undefined;
}

/** Whether a consent exchange happened since P30 last looked (its premise). */
export const consentExchangeToJudge = (system: MimiSystem) => {
  const wire = consentWireOf(system);
  return wire.consentJudged < wire.consent.length;
};

export const CONSENT_OPERATIONS: ImplementationInvariant = {
  id: "P30",
  name: "consent operations between the right providers; a cancel only of its own request",
  rule: "protocol §5.7 (domains of requester and target; a cancel uses its request's ConsentScope); digest §7 E53",
  check: ({ impl }) => consentOperationsBreach(impl.system),
};
