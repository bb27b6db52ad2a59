// From an attack command's indexes to a planned attack in the current room: the class among the enabled
// ones, the attacker among the parties its pool ranges over, then the class's own plan. Undefined when
// nothing can be built here (the run skips the step, as for any command nobody can perform).
import { abstractState, userOf, type ClientId, type Model } from "../../model/index.js";
import { memberClients } from "../commands/resolve-command.js";
import type { AttackCommand } from "../commands/command.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import { FOLLOWER_DOMAINS, HUB_DOMAIN, roleName, type RoomWorld } from "../world/room-world.js";
import type { AttackClass, CompromisedParty, PlannedAttack } from "./attack-class.js";
import { enabledAttacks } from "./catalogue.js";

export interface AttackResolutionContext {
  readonly world: RoomWorld;
  readonly model: Model;
  readonly impl: ImplementationUnderTest;
  readonly parties: ReadonlySet<CompromisedParty>;
  /** Clients that held the room in some earlier epoch (the runner's record of every epoch's members). */
  readonly everMembers: ReadonlySet<ClientId>;
  /** Only these class ids (RunSetup.attackClasses); every class of the enabled parties when absent. */
  readonly attackClasses?: readonly string[];
}

export type ResolvedAttack =
  | { readonly kind: "planned"; readonly attack: AttackClass; readonly attacker: string; readonly plan: PlannedAttack; readonly text: string }
  | { readonly kind: "unbuildable"; readonly text: string };

/** The parties an attacker index ranges over, for a class's pool. */
function attackers(attack: AttackClass, ctx: AttackResolutionContext): readonly string[] {
  const members = memberClients(ctx.model);
  switch (attack.attackerPool) {
    case "member":
      return members;
    case "former":
      return [...ctx.everMembers].filter((c) => !members.includes(c)).sort();
    case "follower":
      return FOLLOWER_DOMAINS;
    case "hub":
      return [HUB_DOMAIN];
  }
}

/** How the step reads in a report: who, compromised as what, sent what, under which class. */
function stepText(ctx: AttackResolutionContext, attack: AttackClass, attacker: string, sent: string): string {
  const isClient = attack.party === "client";
  const role = isClient ? abstractState(ctx.model).users[userOf(attacker)]?.role ?? 0 : undefined;
  const who = isClient
    ? `${attacker} (${attack.attackerPool === "former" ? "former member" : roleName(ctx.world, role!)}, compromised client)`
    : `${attacker} (compromised ${attack.party})`;
  return `${who} sends ${sent} [${attack.id} ${attack.name}]`;
}

/**
 * The attack the command stands for. Classes are tried from the indexed one on, in catalogue order, until
 * one can be built here (deterministic, so a shrunk or replayed command resolves the same way); undefined
 * when no party is enabled.
 */
export function resolveAttack(command: AttackCommand, ctx: AttackResolutionContext): ResolvedAttack | undefined {
  const classes = enabledAttacks(ctx.parties, ctx.attackClasses);
  if (classes.length === 0) return undefined;
  for (let k = 0; k < classes.length; k += 1) {
    const attack = classes[(command.attack + k) % classes.length]!;
    const pool = attackers(attack, ctx);
    if (pool.length === 0) continue;
    const attacker = pool[command.attacker % pool.length]!;
    const plan = attack.plan({ world: ctx.world, model: ctx.model, impl: ctx.impl, attacker, target: command.target, variant: command.variant });
    if (plan !== undefined) return { kind: "planned", attack, attacker, plan, text: stepText(ctx, attack, attacker, plan.sent) };
  }
  return { kind: "unbuildable", text: "attack: no enabled attack class can be built in this room" };
}
