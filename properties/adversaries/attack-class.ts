// An attack class: one way a compromised party departs from the honest protocol, the draft clause it
// breaks, who must defend against it, and how a run judges it. A class builds its attack from the room
// as the run has it (indexes resolved like every other command), so generated attacks are valid by
// construction, shrink and replay.
import type { ClientId, Model, ModelEvent, UserId } from "../../model/index.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import type { RoomWorld } from "../world/room-world.js";

/** The party an adversary controls (it holds that party's real keys and state). */
export type CompromisedParty = "client" | "follower" | "hub" | "network";

/** Every compromised party a run can enable, with what it is. */
export const COMPROMISED_PARTIES = {
  client: "a member or former member client: real keys and MLS state, any message structure",
  follower: "a follower provider: speaks for its own clients and users to the hub, delivers fanout to them",
  network: "the links between the hub and the followers: duplicates, delays past later requests, loses requests or answers, takes a follower away for a while (properties/network)",
  hub: "the hub: its signing keys and its view of each group, never a member's keys; it orders, fans out, withholds, holds and proposes as it likes",
} as const satisfies Record<CompromisedParty, string>;

/** Who must refuse the attack: the hub, the honest clients receiving it, or both (each independently). */
export type Defender = "hub" | "clients" | "both";

/** Which parties an attacker index ranges over. */
export type AttackerPool =
  /** Clients holding the room now (the model's members). */
  | "member"
  /** Clients that held the room in an earlier epoch and no longer do (removed, kicked, banned, left). */
  | "former"
  /** Follower providers (their domains). */
  | "follower"
  /** The hub (its domain). */
  | "hub";

/**
 * How a run judges the attack. "refusal": the model predicts it — the room does not change and the hub
 * answers one of the draft's codes (several when the draft allows several). "invariants": the model has no
 * way to express it; the named implementation invariants judge the step.
 */
export type AttackJudgement =
  | { readonly kind: "refusal"; readonly codes: readonly string[] }
  | { readonly kind: "invariants"; readonly invariants: readonly string[] };

/** What an attack class sees when it builds an attack. */
export interface AttackContext {
  readonly world: RoomWorld;
  /** The model's room before the step (the attack does not change it when refused). */
  readonly model: Model;
  readonly impl: ImplementationUnderTest;
  /** The attacker: a client id (model naming) or a follower's domain. */
  readonly attacker: string;
  /** The target index, for the class to resolve over the users it makes sense to target. */
  readonly target: number;
  /** The variant index, for the class's own choices. */
  readonly variant: number;
}

/** A concrete attack, ready to run. */
export interface PlannedAttack {
  /** What the compromised party sends that an honest one would not, in words (for the failure report). */
  readonly sent: string;
  /** The honest operation the attack mutates, in model terms: what the invariants read the step as. */
  readonly base: ModelEvent;
  /** Runs the attack on the implementation; answers the hub's code ("accepted" on success). */
  perform(): Promise<string>;
  /** The base operation really took place: a compromised hub accepted it and fanned it out (to some of the
   * room, or out of order), so the model takes it as it takes the honest operation. Absent: the model's room
   * does not change. */
  readonly modelTakes?: boolean;
}

/** One attack class of a compromised party's catalogue. */
export interface AttackClass {
  /** "A01"…: client classes; follower ("F…") and hub ("M…") classes use their own ranges. */
  readonly id: string;
  readonly name: string;
  readonly party: CompromisedParty;
  readonly attackerPool: AttackerPool;
  /** The draft clause it breaks: digest §2.6 H-labels, §7 invariant numbers, room-policy sections. */
  readonly clause: string;
  readonly defender: Defender;
  /** How the attack is built, in words (docs/attacks.md). */
  readonly built: string;
  readonly judged: AttackJudgement;
  /** Generated only in runs aimed at it (RunSetup.attackClasses, --attack-class), judged by invariants alone:
   * its effect is one the model cannot follow (clients that lag behind the hub for good). */
  readonly aimedOnly?: boolean;
  /** The attack in this room, or undefined when it cannot be built here (the step is skipped). */
  plan(ctx: AttackContext): PlannedAttack | undefined;
}

/** A client id from the model's naming, or undefined (followers are named by domain). */
export type AttackerId = ClientId | string;

/** The users an index ranges over, by a fitness test (undefined when none fits). */
export function pickUser(users: readonly UserId[], index: number, fits: (user: UserId) => boolean): UserId | undefined {
  const fitting = users.filter(fits);
  return fitting.length === 0 ? undefined : fitting[index % fitting.length];
}

/** The command line's `--adversary` choices and the parties each enables ("all": every party generated). */
export const ADVERSARY_CHOICES = {
  none: [],
  client: ["client"],
  follower: ["follower"],
  hub: ["hub"],
  network: ["network"],
  all: ["client", "follower", "hub", "network"],
} as const satisfies Record<string, readonly CompromisedParty[]>;

export type AdversaryChoice = keyof typeof ADVERSARY_CHOICES;

/** The choice naming exactly these parties (for a replay line), or undefined. */
export function adversaryChoiceOf(parties: ReadonlySet<CompromisedParty>): AdversaryChoice | undefined {
  return (Object.keys(ADVERSARY_CHOICES) as AdversaryChoice[]).find((c) => {
    const named: readonly CompromisedParty[] = ADVERSARY_CHOICES[c];
    return named.length === parties.size && named.every((p) => parties.has(p));
  });
}
