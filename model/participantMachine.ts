import { assign, setup, transition } from "xstate";
import { BANNED_ROLE, NO_ROLE } from "./config.js";

/**
 * One user's lifecycle in the room (docs/rules.md "World"), independent of the hub's rules: its guards
 * only say which lifecycle steps make sense for this user (a banned user cannot get a client, a leaving
 * user cannot be kicked, …). The room machine drives it with the events below after each accepted
 * operation; the invariant `participantMachinesAgree` then checks that this encoding and the room's data
 * say the same thing, so a room transition that skips a lifecycle step is caught.
 *
 * `clients` counts the user's committed MLS clients; `role` is its committed role.
 */
export type ParticipantStateName = "outside" | "inactive" | "active" | "leaving" | "banned";

export interface ParticipantContext {
  readonly role: number;
  readonly clients: number;
}

export type ParticipantEvent =
  | { readonly type: "ADDED"; readonly role: number; readonly clients: number }
  | { readonly type: "CLIENT_JOINED" }
  | { readonly type: "KICKED" }
  | { readonly type: "REMOVED" }
  | { readonly type: "BANNED" }
  | { readonly type: "UNBANNED"; readonly role: number }
  | { readonly type: "ROLE_CHANGED"; readonly role: number }
  | { readonly type: "LEAVE_ACCEPTED" }
  /** clients-first: the commit removed the leaver's clients; the delisting is still to come. */
  | { readonly type: "LEAVE_CLIENTS_REMOVED" }
  | { readonly type: "LEAVE_COMMITTED" }
  /** may-omit: the commit omitted the leave bundle and the hub discarded it. */
  | { readonly type: "LEAVE_DISCARDED" };

/** The plain value stored in the room's context for every user that is not outside. */
export interface ParticipantRecord {
  readonly state: ParticipantStateName;
  readonly role: number;
  readonly clients: number;
}

const isOrdinaryRole = (role: number) => role !== NO_ROLE && role !== BANNED_ROLE;

export const participantMachine = setup({
  types: { context: {} as ParticipantContext, events: {} as ParticipantEvent },
  guards: {
    addedWithClients: ({ event }) => event.type === "ADDED" && isOrdinaryRole(event.role) && event.clients > 0,
    addedWithoutClients: ({ event }) => event.type === "ADDED" && isOrdinaryRole(event.role) && event.clients === 0,
    toOrdinaryRole: ({ event }) => (event.type === "UNBANNED" || event.type === "ROLE_CHANGED") && isOrdinaryRole(event.role),
    stillHasClients: ({ context }) => context.clients > 0,
    wasBanned: ({ context }) => context.role === BANNED_ROLE,
  },
  actions: {
    takeAddedEntry: assign(({ event }) =>
      event.type === "ADDED" ? { role: event.role, clients: event.clients } : {},
    ),
    addClient: assign(({ context }) => ({ clients: context.clients + 1 })),
    dropClients: assign({ clients: 0 }),
    forget: assign({ role: NO_ROLE, clients: 0 }),
    becomeBanned: assign({ role: BANNED_ROLE, clients: 0 }),
    takeNewRole: assign(({ event }) => (event.type === "UNBANNED" || event.type === "ROLE_CHANGED" ? { role: event.role } : {})),
  },
}).createMachine({
  id: "participant",
  initial: "outside",
  context: { role: NO_ROLE, clients: 0 },
  states: {
    outside: {
      on: {
        // A pre-emptive ban lists an outsider straight into role 1 (hubRules.ts R7).
        BANNED: { target: "banned", actions: "becomeBanned" },
        ADDED: [
          { guard: "addedWithClients", target: "active", actions: "takeAddedEntry" },
          { guard: "addedWithoutClients", target: "inactive", actions: "takeAddedEntry" },
        ],
      },
    },
    inactive: {
      on: {
        CLIENT_JOINED: { target: "active", actions: "addClient" },
        REMOVED: { target: "outside", actions: "forget" },
        BANNED: { target: "banned", actions: "becomeBanned" },
        ROLE_CHANGED: { guard: "toOrdinaryRole", actions: "takeNewRole" },
        // The policy enforcer's removal or ban of a user without clients (R18) blocks it like a leave.
        LEAVE_ACCEPTED: { target: "leaving" },
      },
    },
    active: {
      on: {
        CLIENT_JOINED: { actions: "addClient" },
        KICKED: { target: "inactive", actions: "dropClients" },
        REMOVED: { target: "outside", actions: "forget" },
        BANNED: { target: "banned", actions: "becomeBanned" },
        ROLE_CHANGED: { guard: "toOrdinaryRole", actions: "takeNewRole" },
        LEAVE_ACCEPTED: { target: "leaving" },
      },
    },
    leaving: {
      on: {
        LEAVE_CLIENTS_REMOVED: { actions: "dropClients" },
        LEAVE_COMMITTED: { target: "outside", actions: "forget" },
        LEAVE_DISCARDED: [{ guard: "wasBanned", target: "banned" }, { guard: "stillHasClients", target: "active" }, { target: "inactive" }],
        // The policy enforcer's ban, committed (R18).
        BANNED: { target: "banned", actions: "becomeBanned" },
      },
    },
    banned: {
      on: {
        UNBANNED: { guard: "toOrdinaryRole", target: "inactive", actions: "takeNewRole" },
        // The policy enforcer's (1,[0]) entry: a banned user may be cleaned off the list.
        REMOVED: { target: "outside", actions: "forget" },
        // The enforcer's delisting of a banned user (its (1,[0]) entry, R18) blocks it until committed.
        LEAVE_ACCEPTED: { target: "leaving" },
      },
    },
  },
});

export const OUTSIDE: ParticipantRecord = { state: "outside", role: NO_ROLE, clients: 0 };

/** Steps one user's lifecycle with XState's pure transition function. */
export function stepParticipant(record: ParticipantRecord, event: ParticipantEvent): ParticipantRecord {
  const snapshot = participantMachine.resolveState({
    value: record.state,
    context: { role: record.role, clients: record.clients },
  });
  const [next] = transition(participantMachine, snapshot, event);
  return { state: next.value as ParticipantStateName, role: next.context.role, clients: next.context.clients };
}
