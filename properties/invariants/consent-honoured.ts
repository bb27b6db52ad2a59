// P29: room-scoped consent honoured (protocol §5.2, §5.7, §8 "Consent"; digest §7 E52, E50), read off
// the wire. The target's provider answers a key-material request only when it carries a room and that
// room's hub relayed it (§5.2: KeyPackages for a room "MUST be sent via the hub provider of whatever
// room they will be used in"). The answer hands out KeyPackages only if the target consented: its consent
// for this requester and this room decides, else its consent for this requester and any room, else the
// provider's default (§8: a grant or revoke may name one room or any room; §5.2: noConsentForThisRoom
// "the target user might have allowed a request for another room, but does not for this room"). A
// noConsent or noConsentForThisRoom answer lists no client (§5.2 MUST NOT).
import { domainOf } from "../../impl/identity/mimi-uri.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";
import { consentWireOf, type ConsentSnapshot } from "./consent-wire.js";

/** The draft's reading: the most specific consent decides. */
const consented = (c: ConsentSnapshot) => c.room ?? c.anyRoom ?? c.byDefault;

/** The judgement over every key-material exchange not judged yet; undefined when they all hold. */
export function consentHonouredBreach(system: MimiSystem): string | undefined {
  const wire = consentWireOf(system);
  for (; wire.keyMaterialJudged < wire.keyMaterial.length; wire.keyMaterialJudged += 1) {
    const x = wire.keyMaterial[wire.keyMaterialJudged]!;
    const { requestingUser, targetUser, roomId } = x.request;
    const answer = x.answer;
    if (answer === undefined) continue;
    if (roomId === "" || domainOf(roomId) !== x.via)
      return `${x.to} answered ${requestingUser}'s key-material request for ${targetUser} relayed by ${x.via}, not the hub of room "${roomId}"`;
    const handsOut = answer.clients.some((c) => c.clientStatus === "success");
    if (handsOut && !consented(x.consent)) {
      const which = x.consent.room === false ? `for ${roomId}` : "for any room";
      return `${x.to} handed out ${targetUser}'s KeyPackages to ${requestingUser} for ${roomId} although ${targetUser} withdrew consent ${which}`;
    }
    if ((answer.userStatus === "noConsent" || answer.userStatus === "noConsentForThisRoom") && answer.clients.length > 0)
      return `${x.to} answered ${answer.userStatus} for ${targetUser} and still listed ${answer.clients.length} client(s)`;
  }
  return undefined;
}

/** Whether a key-material exchange is waiting to be judged (P29's premise). */
export const keyMaterialToJudge = (system: MimiSystem) => {
  const wire = consentWireOf(system);
  return wire.keyMaterialJudged < wire.keyMaterial.length;
};

export const CONSENT_HONOURED: ImplementationInvariant = {
  id: "P29",
  name: "KeyPackages only with the target's consent for the requester and room",
  rule: "protocol §5.2 (roomId, via the room's hub; noConsent, noConsentForThisRoom list no client), §5.7, §8; digest §7 E52, E50",
  check: ({ impl }) => consentHonouredBreach(impl.system),
};
