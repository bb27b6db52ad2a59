import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  abstractState,
  ALL_VARIANTS,
  checkModelInvariants,
  describeEvent,
  initialModel,
  isCommitEvent,
  liveUsers,
  step,
  verdictOf,
  type Model,
  type ModelConfig,
  type ModelEvent,
} from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";

/**
 * Random operation sequences, valid by construction: each command is a template of indexes that is
 * resolved against the current model (actors among current member clients, targets among listed or
 * unlisted users as the operation needs), so most commands are meaningful and none is filtered.
 */
const USERS = ["u0", "u1", "u2", "u3"];
const DEVICES = 2;
const clientsOf = (user: string) => Array.from({ length: DEVICES }, (_, d) => `${user}/d${d}`);

const KINDS = [
  "addParticipant",
  "addParticipant",
  "addOwnClient",
  "leave",
  "commit",
  "commit",
  "removeParticipant",
  "kick",
  "ban",
  "unban",
  "changeRole",
  "sendMessage",
  "staleCommit",
] as const;

interface Template {
  readonly kind: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly flag: boolean;
  readonly offset: number;
}

const template: fc.Arbitrary<Template> = fc.record({
  kind: fc.nat({ max: KINDS.length - 1 }),
  a: fc.nat({ max: 31 }),
  b: fc.nat({ max: 31 }),
  c: fc.nat({ max: 31 }),
  flag: fc.boolean(),
  offset: fc.constantFrom(0, 0, 0, -1, 1),
});

const pick = <T>(items: readonly T[], i: number, fallback: T): T => (items.length ? items[i % items.length]! : fallback);

function resolve(model: Model, config: ModelConfig, t: Template): ModelEvent {
  const live = liveUsers(model);
  const members = Object.entries(live).flatMap(([, e]) => e.clients);
  const actor = pick(members, t.a, "u0/d0");
  const listed = Object.keys(live).filter((u) => live[u]!.role !== 0);
  const unlisted = USERS.filter((u) => !listed.includes(u));
  const roles = config.roles.map((r) => r.index).filter((r) => r !== 0);
  const role = pick(roles, t.c, 2);
  const kind = KINDS[t.kind]!;
  switch (kind) {
    case "addParticipant": {
      const target = pick(unlisted, t.b, "u3");
      const clients = t.flag ? clientsOf(target).slice(0, 1 + (t.c % DEVICES)) : [];
      return { type: kind, actor, target, role, clients };
    }
    case "addOwnClient": {
      const user = pick(listed, t.b, "u0");
      const client = pick(clientsOf(user).filter((c) => !members.includes(c)), t.c, `${user}/d0`);
      return { type: kind, client, user };
    }
    case "leave":
    case "staleCommit":
      return { type: kind, actor };
    case "commit":
      return { type: kind, actor, includePending: t.flag };
    case "sendMessage":
      return { type: kind, actor, epochOffset: t.offset };
    case "removeParticipant":
    case "kick":
    case "ban":
      return { type: kind, actor, target: pick(listed, t.b, "u1") };
    case "unban":
    case "changeRole":
      return { type: kind, actor, target: pick(listed, t.b, "u1"), role };
  }
}

const CONFIGS: Array<[string, ModelConfig]> = ALL_VARIANTS.flatMap((v) => [
  [`cooperative ${v.leaveOrder}/${v.pendingProposals}`, cooperativeConfig(v)] as [string, ModelConfig],
  [`restricted ${v.leaveOrder}/${v.pendingProposals}`, restrictedConfig(v)] as [string, ModelConfig],
]);

describe("random operation sequences", () => {
  it.each(CONFIGS)("never break a model invariant (%s)", (_name, config) => {
    let steps = 0;
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(template, { minLength: 1, maxLength: 40 }), (templates) => {
        let model = step(initialModel(config), { type: "createRoom", creator: "u0", creatorClient: "u0/d0" }).model;
        const trace: string[] = [];
        for (const t of templates) {
          const event = resolve(model, config, t);
          const before = abstractState(model);
          const { model: next, verdict } = step(model, event);
          trace.push(describeEvent(event));
          steps++;
          expect(verdictOf(model, event), trace.join("\n")).toEqual(verdict);
          const violated = checkModelInvariants(next);
          expect(violated, `${violated.join(", ")} after:\n${trace.join("\n")}`).toEqual([]);
          if (!verdict.accepted) {
            expect(abstractState(next)).toEqual(before);
          } else {
            accepted++;
            expect(abstractState(next).epoch).toBe(before.epoch + (isCommitEvent(event) ? 1 : 0));
          }
          model = next;
        }
      }),
      { numRuns: 60, seed: 20261123 },
    );
    // Valid by construction: a good share of the generated operations really happen.
    expect(accepted / steps).toBeGreaterThan(0.25);
  });
});
