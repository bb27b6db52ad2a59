// What a provider knows of consent (protocol §5.7 and §8 "Consent"): the consent its own users gave or
// withdrew for requesters (a target's side, which /keyMaterial honours), the consent requests other
// providers sent for its users (pending until granted or cancelled), and what other providers told it
// of their users' consent for its own users (a requester's side).
//
// A ConsentScope is (requester, target, optional room). Consent for one room and consent for any room
// coexist (§8: "Each of these consent operations can indicate a specific room, or indicate any room"):
// the most specific entry decides. Room-scoped consent decides for its room; otherwise any-room consent
// decides; otherwise the provider's default. A refusal by a room-scoped entry is `noConsentForThisRoom`
// (§5.2: "the target user might have allowed a request for another room, but does not for this room"),
// any other refusal `noConsent`.
//
// The default is this deployment's choice, which the drafts leave to providers (§8 NOTE: "Many
// providers use additional factors to apply default consent"): every user consents to every requester
// unless it revoked that consent, so that rooms work without a consent exchange first.
import type { ConsentScope } from "../codec/consent-entry.js";

export type ConsentDecision = "consented" | "noConsent" | "noConsentForThisRoom";

/** A scope as a map key; `roomId` undefined is "any room". */
export const scopeKey = (s: ConsentScope) => `${s.requesterUri} ${s.targetUri} ${s.roomId ?? "*"}`;

export interface ConsentEntryRecord {
  readonly scope: ConsentScope;
  readonly granted: boolean;
}

/** A request another provider sent for one of this provider's users, with the provider that sent it. */
export interface PendingConsentRequest {
  readonly scope: ConsentScope;
  readonly from: string;
}

/** What another provider told this one of its user's consent (an /updateConsent received). */
export interface ToldConsent {
  readonly scope: ConsentScope;
  readonly granted: boolean;
  readonly from: string;
  /** KeyPackages a grant carried (the draft's bilateral-connection shortcut); kept, never used here. */
  readonly keyPackages: number;
}

export class ConsentStore {
  /** Its users' own consent as targets, by scope. */
  readonly given = new Map<string, ConsentEntryRecord>();
  /** Requests received for its users, by scope. */
  readonly pending = new Map<string, PendingConsentRequest>();
  /** Other providers' users' consent for its users, by scope. */
  readonly told = new Map<string, ToldConsent>();
  /** What a user with no entry for a requester answers (see above). */
  defaultConsent = true;

  /** The target's consent for `requester` to fetch its KeyPackages for `roomId` ("" or undefined: no room). */
  decide(requesterUri: string, targetUri: string, roomId: string | undefined): ConsentDecision {
    const room = roomId === undefined || roomId === "" ? undefined : this.given.get(scopeKey({ requesterUri, targetUri, roomId }));
    if (room !== undefined) return room.granted ? "consented" : "noConsentForThisRoom";
    const any = this.given.get(scopeKey({ requesterUri, targetUri, roomId: undefined }));
    if (any !== undefined) return any.granted ? "consented" : "noConsent";
    return this.defaultConsent ? "consented" : "noConsent";
  }

  /** The target grants or withdraws consent for a scope; a grant answers the pending request of that scope. */
  setGiven(scope: ConsentScope, granted: boolean): void {
    this.given.set(scopeKey(scope), { scope, granted });
    if (granted) this.pending.delete(scopeKey(scope));
  }
}
