// Every attack class of every compromised party, in one registry: the attack command's index ranges over
// the classes of the parties a run enables, in this order.
import type { AttackClass, CompromisedParty } from "./attack-class.js";
import { CLIENT_ATTACKS } from "./client-attacks.js";
import { FOLLOWER_ATTACKS } from "./follower-attacks.js";
import { CREDENTIAL_ATTACKS } from "./credential-attacks.js";
import { HUB_ATTACKS } from "./hub-attacks.js";
import { ENFORCER_ATTACKS } from "./enforcer-attacks.js";
import { ORDER_ATTACKS } from "./order-attacks.js";
import { FRANKING_ATTACKS } from "./franking-attacks.js";
import { CONTENT_ATTACKS } from "./content-attacks.js";
import { ASSET_ATTACKS } from "./asset-attacks.js";

/** All attack classes, client ones first (each party's catalogue file adds its own). */
export const ATTACK_CATALOGUE: readonly AttackClass[] = [...CLIENT_ATTACKS, ...FRANKING_ATTACKS, ...CONTENT_ATTACKS, ...ASSET_ATTACKS, ...FOLLOWER_ATTACKS, ...HUB_ATTACKS, ...ENFORCER_ATTACKS, ...ORDER_ATTACKS, ...CREDENTIAL_ATTACKS];

/** The classes of the enabled parties, in catalogue order; with `only`, just the classes it names (to aim
 * a run at one class, e.g. to show which check catches it when a defence is switched off). A class marked
 * `aimedOnly` is enabled only when named. */
export function enabledAttacks(parties: ReadonlySet<CompromisedParty>, only?: readonly string[]): readonly AttackClass[] {
  return ATTACK_CATALOGUE.filter((a) => parties.has(a.party) && (only === undefined ? a.aimedOnly !== true : only.includes(a.id)));
}
