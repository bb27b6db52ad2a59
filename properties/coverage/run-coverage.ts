// What a campaign exercised: the model's guard outcomes (rule × accepted/refused) and its participant
// state transitions, counted over every step run; and what it never hit. Also how the generated commands
// fared (accepted, refused, skipped) and how often each invariant had something to judge, so that a run
// that checked nothing is seen as such (campaign/vacuity.ts).
import {
  allGuardOutcomes, guardOutcomeKey, guardOutcomesOf, participantMachine, type Model, type ModelVariants, type Verdict,
} from "../../model/index.js";

type TransitionConfig = { target?: string | string[] } | string;

/** Every "from → to" pair of the participant machine's states (a self-loop is "s → s"). */
export function allParticipantTransitions(): string[] {
  const states = participantMachine.config.states as Record<string, { on?: Record<string, TransitionConfig | TransitionConfig[]> }>;
  const keys = new Set<string>();
  for (const [from, node] of Object.entries(states)) {
    for (const branches of Object.values(node.on ?? {})) {
      for (const branch of Array.isArray(branches) ? branches : [branches]) {
        const target = typeof branch === "string" ? branch : branch.target;
        const to = Array.isArray(target) ? target[0] : target;
        keys.add(`${from} → ${(to ?? from).replace(/^\./, "")}`);
      }
    }
  }
  return [...keys].sort();
}

export class RunCoverage {
  readonly guardOutcomes = new Map<string, number>();
  readonly transitions = new Map<string, number>();
  /** Refusals by event and reason, e.g. "kick missingCanKick": which refusals a run provoked. */
  readonly refusals = new Map<string, number>();
  /** Model acceptances by event type, e.g. "openJoin": which operations a run saw through. */
  readonly acceptances = new Map<string, number>();
  commands = 0;
  runs = 0;
  /** Generated commands (the room's creation not counted) the implementation accepted. */
  accepted = 0;
  /** Generated commands the implementation answered with a refusal code. */
  refused = 0;
  /** Generated commands that ran no operation: nobody in the room could perform them, or the implementation's room had left the model's (`diverged`). */
  skipped = 0;
  /** Of `skipped`: the model resolved the command but the implementation's room could not run it (a faulty hub let the two part). */
  diverged = 0;
  /** Steps on which each invariant's premise held (coverage/invariant-premises.ts), by invariant id. */
  readonly invariantPremises = new Map<string, number>();

  /** One generated command's fate. */
  countCommand(fate: "accepted" | "refused" | "skipped" | "diverged"): void {
    if (fate === "diverged") this.diverged += 1;
    if (fate === "diverged" || fate === "skipped") this.skipped += 1;
    else this[fate] += 1;
  }

  /** Attacks run, by "<class id> <accepted|refused>" (properties/adversaries). */
  readonly attacks = new Map<string, number>();

  /** A compromised party's attack of class `id` ran, and the hub answered. */
  countAttack(id: string, fate: "accepted" | "refused"): void {
    bump(this.attacks, `${id} ${fate}`);
  }

  /** Accepted messages and their receivers' decisions (model/messageRules.ts, runner/message-decisions.ts):
   * "sent <kind>", "kept", "discarded <rule> <reason>". */
  readonly messages = new Map<string, number>();

  countMessage(key: string): void {
    bump(this.messages, key);
  }

  /** Faults the links between hub and followers took, by class id (properties/network). */
  readonly networkFaults = new Map<string, number>();

  /** Commands it took, after each outage ended, until every reachable member agreed with the hub again. */
  readonly convergence: number[] = [];

  countNetworkFault(id: string): void {
    bump(this.networkFaults, id);
  }

  /** An invariant was checked on a step that met its premise. */
  countPremise(invariantId: string): void {
    bump(this.invariantPremises, invariantId);
  }

  /** One model step: its verdict's guard outcomes and every participant whose record changed. */
  record(verdict: Verdict, before: Model, after: Model, eventType = "event"): void {
    this.commands += 1;
    if (!verdict.accepted) bump(this.refusals, `${eventType} ${verdict.reason}`);
    else bump(this.acceptances, eventType);
    for (const outcome of guardOutcomesOf(verdict)) bump(this.guardOutcomes, guardOutcomeKey(outcome));
    const users = new Set([...Object.keys(before.context.participants), ...Object.keys(after.context.participants)]);
    for (const user of users) {
      const from = before.context.participants[user] ?? { state: "outside", role: 0, clients: 0 };
      const to = after.context.participants[user] ?? { state: "outside", role: 0, clients: 0 };
      if (from.state !== to.state || from.role !== to.role || from.clients !== to.clients) bump(this.transitions, `${from.state} → ${to.state}`);
    }
  }

  merge(other: RunCoverage): void {
    for (const [k, n] of other.guardOutcomes) bump(this.guardOutcomes, k, n);
    for (const [k, n] of other.transitions) bump(this.transitions, k, n);
    for (const [k, n] of other.refusals) bump(this.refusals, k, n);
    for (const [k, n] of other.acceptances) bump(this.acceptances, k, n);
    for (const [k, n] of other.attacks) bump(this.attacks, k, n);
    for (const [k, n] of other.invariantPremises) bump(this.invariantPremises, k, n);
    for (const [k, n] of other.networkFaults) bump(this.networkFaults, k, n);
    for (const [k, n] of other.messages) bump(this.messages, k, n);
    this.convergence.push(...other.convergence);
    this.commands += other.commands;
    this.runs += other.runs;
    this.accepted += other.accepted;
    this.refused += other.refused;
    this.skipped += other.skipped;
    this.diverged += other.diverged;
  }

  /** The rule × outcome pairs hit, e.g. "R4:refused", sorted. */
  hitGuardOutcomes(): string[] {
    return [...this.guardOutcomes.keys()].sort();
  }

  missingGuardOutcomes(variants: ModelVariants): string[] {
    return allGuardOutcomes(variants).map(guardOutcomeKey).filter((k) => !this.guardOutcomes.has(k));
  }

  missingTransitions(): string[] {
    return allParticipantTransitions().filter((k) => !this.transitions.has(k));
  }

  /** "covered/possible" for guard outcomes and for transitions. */
  summary(variants: ModelVariants): { guardOutcomes: [number, number]; transitions: [number, number] } {
    const outcomes = allGuardOutcomes(variants).length;
    const transitions = allParticipantTransitions().length;
    return {
      guardOutcomes: [outcomes - this.missingGuardOutcomes(variants).length, outcomes],
      transitions: [transitions - this.missingTransitions().length, transitions],
    };
  }
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
