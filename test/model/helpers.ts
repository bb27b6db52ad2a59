import { expect } from "vitest";
import {
  abstractState,
  checkModelInvariants,
  describeEvent,
  describeVerdict,
  initialModel,
  step,
  type AbstractState,
  type Model,
  type ModelConfig,
  type ModelEvent,
  type RefusalCode,
  type RefusedVerdict,
  type RuleId,
} from "../../model/index.js";

/**
 * Test vocabulary for the model. Expectations are always written in the test (a verdict's code, rule
 * and reason; the next abstract state as a literal `room(...)`), never asked of the model: the only
 * helper that lets the model decide is `given`, which builds a starting state and fails on any refusal.
 */

/** Builds a starting state: applies events that must all be accepted; fails loudly on the first refusal. */
export function given(config: ModelConfig, events: readonly ModelEvent[], from?: Model): Model {
  let model = from ?? initialModel(config);
  for (const event of events) {
    const { model: next, verdict } = step(model, event);
    if (!verdict.accepted) throw new Error(`set-up step refused: ${describeEvent(event)} → ${describeVerdict(verdict)}`);
    expect(checkModelInvariants(next)).toEqual([]);
    model = next;
  }
  return model;
}

/**
 * A literal abstract state: `users` maps each user to `[role, ...clients]` (clients in sorted order, as
 * the abstract state lists them); `blocked` and `pending` default to none.
 */
export function room(
  epoch: number,
  users: Readonly<Record<string, readonly [number, ...string[]]>>,
  more: { readonly blocked?: readonly string[]; readonly pending?: number } = {},
): AbstractState {
  const entries = Object.entries(users).map(([user, [role, ...clients]]) => [user, { role, clients }] as const);
  return { epoch, users: Object.fromEntries(entries), blocked: more.blocked ?? [], pending: more.pending ?? 0 };
}

/**
 * Steps an event that must be accepted, credited to `rule`, and must lead to exactly the state `next`
 * (written literally by the test); the model invariants must hold after it. Returns the next model.
 */
export function accepts(model: Model, event: ModelEvent, rule: RuleId, next: AbstractState): Model {
  const { model: after, verdict } = step(model, event);
  expect(verdict, describeEvent(event)).toMatchObject({ accepted: true, rule });
  expect(abstractState(after), describeEvent(event)).toEqual(next);
  expect(checkModelInvariants(after)).toEqual([]);
  return after;
}

/** Like `accepts`, and the verdict must also list `guards` among the rules that held (in any order). */
export function acceptsPassing(model: Model, event: ModelEvent, rule: RuleId, guards: readonly RuleId[], next: AbstractState): Model {
  const { verdict } = step(model, event);
  expect(verdict.passed, describeEvent(event)).toEqual(expect.arrayContaining([...guards]));
  return accepts(model, event, rule, next);
}

/**
 * Everything a refusal must leave alone, as canonical JSON taken before the step: the room machine's
 * state value and its whole context except the (constant) configuration and the last verdict — epoch,
 * committed roster, pending proposals one by one, blocked users, participant machines.
 */
export function roomSnapshot(model: Model): string {
  const { config: _config, verdict: _verdict, ...room } = model.context;
  return canonicalJson({ value: model.value, ...room });
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Steps an event that must be refused with `code` by `rule` (and `reason` if given). The room after the
 * step, and the model handed in, must both equal a snapshot taken before the step.
 */
export function refuses(
  model: Model,
  event: ModelEvent,
  expected: { code: RefusalCode; rule: RuleId; reason?: string },
): RefusedVerdict {
  const before = roomSnapshot(model);
  const { model: after, verdict } = step(model, event);
  expect(verdict, describeEvent(event)).toMatchObject({ accepted: false, ...expected });
  expect(roomSnapshot(after), `the room changed on a refused ${describeEvent(event)}`).toBe(before);
  expect(roomSnapshot(model), `the refused ${describeEvent(event)} altered the model it was given`).toBe(before);
  return verdict as RefusedVerdict;
}

export const create = (user = "u0"): ModelEvent => ({ type: "createRoom", creator: user, creatorClient: `${user}/d0` });

export const add = (actor: string, target: string, role: number, clients: string[] = []): ModelEvent => ({
  type: "addParticipant",
  actor,
  target,
  role,
  clients,
});

export const commit = (actor: string, includePending = true): ModelEvent => ({ type: "commit", actor, includePending });
export const leave = (actor: string): ModelEvent => ({ type: "leave", actor });
export const remove = (actor: string, target: string): ModelEvent => ({ type: "removeParticipant", actor, target });
export const kick = (actor: string, target: string): ModelEvent => ({ type: "kick", actor, target });
export const ban = (actor: string, target: string): ModelEvent => ({ type: "ban", actor, target });
export const unban = (actor: string, target: string, role: number): ModelEvent => ({ type: "unban", actor, target, role });
export const changeRole = (actor: string, target: string, role: number): ModelEvent => ({ type: "changeRole", actor, target, role });
export const joinOwnClient = (client: string): ModelEvent => ({ type: "addOwnClient", client, user: client.split("/")[0]! });
export const send = (actor: string, epochOffset = 0): ModelEvent => ({ type: "sendMessage", actor, epochOffset });
export const staleCommit = (actor: string): ModelEvent => ({ type: "staleCommit", actor });

/** Role indexes written from the drafts: 0 "not listed", 1 "banned" (room-policy §3). */
export const NO_ROLE = 0;
export const BANNED = 1;
/** Cooperative roles (room-policy-03 Appendix A.1): 2 ordinary_user, 3 group_admin, 4 super_admin. */
export const ORDINARY = 2;
export const ADMIN = 3;
export const SUPER_ADMIN = 4;
/** Restricted roles (model/fixtures/restrictedRoles.ts): 2 reader, 3 owner (1..2, ≥ 1 active), 4 observer (≤ 1, no clients). */
export const READER = 2;
export const OWNER = 3;
export const OBSERVER = 4;

/** The usual cooperative room set-up: u0 creates it; u1 (two clients) and u2 (one) are added as ordinary users. */
export const COOPERATIVE_ROOM_EVENTS: readonly ModelEvent[] = [
  create("u0"),
  add("u0/d0", "u1", ORDINARY, ["u1/d0", "u1/d1"]),
  add("u0/d0", "u2", ORDINARY, ["u2/d0"]),
];

/**
 * Its state, written from the drafts: the creator in the configured role (group_admin) with its client
 * at epoch 0 (protocol §3.1), then one commit per add (epochs 1 and 2).
 */
export const COOPERATIVE_USERS = { u0: [ADMIN, "u0/d0"], u1: [ORDINARY, "u1/d0", "u1/d1"], u2: [ORDINARY, "u2/d0"] } as const;
export const COOPERATIVE_ROOM = room(2, COOPERATIVE_USERS);

export function cooperativeRoom(config: ModelConfig): Model {
  return given(config, COOPERATIVE_ROOM_EVENTS);
}

/**
 * The usual restricted room set-up: u0 creates it (owner); u1 is a reader with one client; u2 a second
 * owner with one client (the owners' maximum of 2 is reached); u3 an observer without clients.
 */
export const RESTRICTED_ROOM_EVENTS: readonly ModelEvent[] = [
  create("u0"),
  add("u0/d0", "u1", READER, ["u1/d0"]),
  add("u0/d0", "u2", OWNER, ["u2/d0"]),
  add("u0/d0", "u3", OBSERVER),
];

export const RESTRICTED_USERS = { u0: [OWNER, "u0/d0"], u1: [READER, "u1/d0"], u2: [OWNER, "u2/d0"], u3: [OBSERVER] } as const;
export const RESTRICTED_ROOM = room(3, RESTRICTED_USERS);

export function restrictedRoom(config: ModelConfig): Model {
  return given(config, RESTRICTED_ROOM_EVENTS);
}
