// Planted defects of a provider's consent and key-material duties (protocol §5.2, §5.7; digest §7 E50,
// E52–E53), for tests
// and the consent property: never on by default. Each switches one check off, to show that the
// implementation invariant meant to catch it (properties/invariants/consent-*.ts) does.

export interface ConsentFaults {
  /** Answer /keyMaterial for its users whatever their consent (E52: noConsent / noConsentForThisRoom). */
  ignoreConsent?: boolean;
  /** Let a `cancel` withdraw a pending request of the same requester and target whatever its room (E53:
   * a cancel uses the same ConsentScope as its request). */
  acceptAnyCancel?: boolean;
  /** Take a /requestConsent or /updateConsent whose requester (or target) is not the sending provider's
   * user (E53: the domains match the sending and receiving providers). */
  skipConsentDomainCheck?: boolean;
  /** Answer a key-material request that the room's hub did not relay (E52: KeyPackages for a room go
   * through that room's hub, protocol §5.2 MUST). */
  skipRelayCheck?: boolean;
  /** Name the user's clients in a noConsent / noConsentForThisRoom answer (E50: §5.2 MUST NOT). */
  listClientsWhenRefusing?: boolean;
}

/** Every switch by name, with one line on what it does. */
export const CONSENT_FAULT_NAMES = {
  ignoreConsent: "the target's provider hands out KeyPackages without its user's consent (E52)",
  acceptAnyCancel: "a consent cancel withdraws a request of another ConsentScope (E53)",
  skipConsentDomainCheck: "consent operations are taken for users of another provider than the sender (E53)",
  skipRelayCheck: "the target's provider answers key-material requests the room's hub did not relay (E52)",
  listClientsWhenRefusing: "a noConsent answer names the user's clients (E50)",
} as const satisfies Record<keyof ConsentFaults, string>;
