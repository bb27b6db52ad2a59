// Security invariants on the implementation's own state, checked after every step and independent of
// the model (DESIGN.md §5, digest §7). Each names the draft rule it checks. They read only what the
// deployment exposes: the hub's snapshot, each client's GroupContext and tree, and the hub's fanout on
// the wire.
import { emptyPskIndex, processMessage, type MLSMessage } from "ts-mls";
import { decryptSenderData } from "ts-mls/privateMessage.js";
import { domainOf, userOfClient } from "../../impl/identity/mimi-uri.js";
import { treeMembers } from "../../impl/mls/client-credential.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";
import { userOf, type AbstractState, type ClientId, type ModelEvent, type UserId } from "../../model/index.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import { AUTHORISED_MEMBERSHIP } from "./authorised-membership.js";
import { PER_COMMIT_RULES } from "./per-commit-rules.js";
import { LIST_AND_MEMBERSHIP_ORDER } from "./list-and-membership-order.js";
import { ROOM_STATE_WELL_FORMED } from "./room-state-well-formed.js";
import { KEY_PACKAGES_SINGLE_USE } from "./key-packages-single-use.js";
import { WELCOME_ROUTING } from "./welcome-routing.js";
import { GROUP_INFO_ENTITLEMENT } from "./group-info-entitlement.js";
import { SERVED_GROUP_INFO_MATCHES } from "./served-group-info.js";
import { IDENTITY_BINDING } from "./identity-binding.js";
import { AGREEMENT } from "./agreement.js";
import { senderClaimOf } from "../../impl/franking/message-aad.js";
import { NO_FORGED_ROOM_CHANGE } from "./no-forged-room-change.js";
import { SPLIT_DETECTED } from "./split-detected.js";
import { NOTIFY_PROCESSED_ONCE } from "./notify-processed-once.js";
import { DELIVERY_IN_HUB_ORDER } from "./delivery-in-hub-order.js";
import { MORE_PROPOSALS_UNCHANGED } from "./more-proposals-unchanged.js";
import { CONVERGENCE_AFTER_FAULTS } from "./convergence-after-faults.js";
import { REMOVED_USER_CANNOT_STAY } from "./race-to-stay.js";
import { CONSENT_HONOURED } from "./consent-honoured.js";
import { CONSENT_OPERATIONS } from "./consent-operations.js";
import { FRANKING_ROUND_TRIP, REPORTS_ONLY_OF_SENT_MESSAGES, TAG_CHECKED_BY_RECEIVERS } from "./franking.js";
import { MESSAGE_IDS_UNIQUE, REPLACEMENTS_BY_SENDER, SAME_ORDER } from "./content-timeline.js";
import { ATTACHMENTS_FROM_SENDERS_STORAGE, HONEST_DOWNLOADS_OPEN, NO_OPEN_PROXY } from "./asset-policy.js";
import { BASE_POLICY_CAPS, FIXED_MEMBERSHIP } from "./base-policy.js";
import type { ImplementationObservation } from "../runner/observe-implementation.js";
import { modelUserOf } from "../world/room-world.js";

export interface StepFacts {
  readonly event: ModelEvent;
  /** The implementation's answer to the step ("accepted" or the draft's code). */
  readonly code: string;
  readonly before: ImplementationObservation;
  readonly after: ImplementationObservation;
  /** Users blocked when the step began: the hub's own list and every user whose leave it accepted this epoch. */
  readonly blockedBefore: ReadonlySet<UserId>;
  /** Application messages the hub fanned out during the step. */
  readonly fannedOut: readonly MLSMessage[];
  readonly impl: ImplementationUnderTest;
  /** Set when the step was a compromised party's attack: `event` is then the honest operation it mutates. */
  readonly attack?: { readonly id: string; readonly attacker: string };
  /** The model's room before and after the step: what the operations of authorised participants made of it
   * (`accepted`: the model took the step). P14 reads it. */
  readonly authorised?: { readonly before: AbstractState; readonly after: AbstractState; readonly accepted: boolean };
  /** Clients that held the room before the step, other than its actor, and recorded a refusal during it (P16). */
  readonly refusedBy?: readonly ClientId[];
  /** A compromised hub has misbehaved in the run (properties/adversaries/compromised-hub.ts): the hub's own
   * view and conduct are the adversary's, so only the invariants that judge the honest clients are asked. */
  readonly hubCompromised?: boolean;
}

export interface ImplementationInvariant {
  readonly id: string;
  readonly name: string;
  /** The draft text or rule it checks. */
  readonly rule: string;
  /** undefined when it holds, else what is wrong. */
  check(facts: StepFacts): Promise<string | undefined> | string | undefined;
}

const BANNED_ROLE = 1;
const actorOf = (event: ModelEvent): string | undefined =>
  event.type === "addOwnClient" ? event.client : event.type === "createRoom" ? event.creatorClient : event.actor;

/** Every view of the room that holds a tree: the hub's and each client's. */
function views(o: ImplementationObservation) {
  return [{ who: "hub", users: o.hubState.users }, ...o.clients.map((c) => ({ who: c.client, users: c.users }))];
}

export const MEMBERSHIP_WITHIN_PARTICIPATION: ImplementationInvariant = {
  id: "P1",
  name: "membership ⊆ participation",
  rule: "room-policy §2: every client in the group belongs to a user in the participant list",
  check: ({ after }) => {
    for (const { who, users } of views(after))
      for (const [user, entry] of Object.entries(users))
        if (entry.role === 0 && entry.clients.length > 0) return `${who} sees ${entry.clients.join(",")} in the group while ${user} is not listed`;
    return undefined;
  },
};

export const REMOVAL_LEAVES_NO_CLIENT: ImplementationInvariant = {
  id: "P2",
  name: "removal and ban leave no client",
  rule: "room-policy §8.1.2–8.1.3: removing, kicking or banning a user removes all its clients",
  check: ({ event, code, after }) => {
    for (const { who, users } of views(after))
      for (const [user, entry] of Object.entries(users))
        if (entry.role === BANNED_ROLE && entry.clients.length > 0) return `${who} sees banned ${user} with ${entry.clients.join(",")}`;
    if (code === "accepted" && (event.type === "removeParticipant" || event.type === "kick" || event.type === "ban")) {
      const left = after.hubState.users[event.target]?.clients ?? [];
      if (left.length > 0) return `after the accepted ${event.type} of ${event.target}, ${left.join(",")} remain`;
    }
    return undefined;
  },
};

export const BLOCKED_USERS_STAY_BLOCKED: ImplementationInvariant = {
  id: "P3",
  name: "a leaving user is blocked at once",
  rule: "protocol §5.3: the clients of a user whose removal the hub accepted may not commit, propose or send",
  check: ({ event, code, blockedBefore }) => {
    const actor = actorOf(event);
    if (event.type === "createRoom" || actor === undefined || code !== "accepted") return undefined;
    const user = userOf(actor);
    return blockedBefore.has(user) ? `${actor}'s ${event.type} was accepted while ${user} was blocked` : undefined;
  },
};

export const LINEAR_HISTORY: ImplementationInvariant = {
  id: "P9",
  name: "linear history",
  rule: "protocol §5.3: the hub accepts one commit per epoch",
  check: ({ impl }) => {
    for (const [epoch, commits] of impl.wire.commitsByEpoch) if (commits.size > 1) return `the hub fanned out ${commits.size} commits for epoch ${epoch}`;
    return undefined;
  },
};

export const REMOVED_CLIENTS_CANNOT_READ: ImplementationInvariant = {
  id: "P12",
  name: "forward secrecy for removed clients",
  rule: "RFC 9420 §16.4, protocol §4: a client removed from the group cannot decrypt later messages",
  check: async ({ fannedOut, impl }) => {
    if (fannedOut.length === 0) return undefined;
    for (const client of impl.system.allClients()) {
      const former = client.formerStates.get(impl.roomId);
      if (former === undefined || client.session(impl.roomId) !== undefined) continue;
      // What a holder of the removed client's keys has: its last state, and whatever it derived from the
      // commit that removed it (the client processes that commit as far as its keys let it).
      const attempts = former.afterRemoval.derived ? [former.lastState, former.afterRemoval.state] : [former.lastState];
      for (const message of fannedOut)
        for (const state of attempts) {
          let read = false;
          try {
            const r = await processMessage(message as never, state, emptyPskIndex, () => "reject", impl.system.hub.suite);
            read = r.kind === "applicationMessage";
          } catch {
            read = false;
          }
          if (read) {
            const how = former.afterRemoval.derived ? ` (it derived the epoch its removal opened: ${former.afterRemoval.how})` : "";
            return `${client.uri}, removed from the room, decrypted a later message${how}`;
          }
        }
    }
    return undefined;
  },
};

export const ONLY_ALLOWED_SENDERS: ImplementationInvariant = {
  id: "P17",
  name: "messages only from active participants allowed to send",
  rule: "room-policy §8.1.6, protocol §5.4: the sender is listed, unblocked, has a client in the group, and its role has canSendMessage",
  check: ({ event, code, before, blockedBefore }) => {
    if (event.type !== "sendMessage" || code !== "accepted") return undefined;
    const user = userOf(event.actor);
    const live = before.hub.live;
    const entry = live.participants.participants.find((p) => modelUserOf(p.user) === user);
    const role = live.roles.roles.find((r) => r.roleIndex === entry?.roleIndex);
    const active = (before.hubState.users[user]?.clients.length ?? 0) > 0;
    if (entry === undefined || role === undefined) return `a message from unlisted ${user} was accepted`;
    if (!active) return `a message from ${user}, who has no client in the group, was accepted`;
    if (blockedBefore.has(user)) return `a message from blocked ${user} was accepted`;
    if (!role.roleCapabilities.includes(CAPABILITY.canSendMessage)) return `a message from ${user} (role ${role.roleName}, without canSendMessage) was accepted`;
    return undefined;
  },
};

export const SENDER_BINDING: ImplementationInvariant = {
  id: "P20",
  name: "sender binding",
  rule: "protocol §4.1 (From), §5.3–5.6; docs/rules.md H0: every request the hub accepts speaks only for clients and users of the provider that sent it",
  check: ({ impl }) => {
    for (const r of impl.wire.acceptedRequests)
      for (const speaker of r.speakers)
        if (domainOf(speaker) !== r.from) return `the hub accepted ${r.from}'s /${r.endpoint} speaking for ${speaker}`;
    return undefined;
  },
};

export const RECEIVERS_BIND_SENDERS: ImplementationInvariant = {
  id: "P21",
  name: "receivers bind the MLS sender to the claimed user",
  rule: "protocol §5.4 (sendingUri is the sender's URI); docs/rules.md H0 at the receiver: no honest client takes a message whose MLS sender is not a client of the user it claims",
  check: async ({ fannedOut, impl }) => {
    for (const message of fannedOut) {
      if (message.wireformat !== "mls_private_message") continue;
      const pm = message.privateMessage;
      const holders = impl.system.allClients().filter((c) => c.session(impl.roomId) !== undefined);
      // Any member holding the epoch's secrets reads the sender data (the harness, not the hub, can).
      let sender: string | undefined;
      for (const c of holders) {
        const state = c.session(impl.roomId)!.state;
        const epochData = pm.epoch === state.groupContext.epoch ? { senderDataSecret: state.keySchedule.senderDataSecret, ratchetTree: state.ratchetTree } : state.historicalReceiverData.get(pm.epoch);
        if (epochData === undefined) continue;
        const data = await decryptSenderData(pm, epochData.senderDataSecret, impl.system.hub.suite).catch(() => undefined);
        sender = data === undefined ? undefined : treeMembers(epochData.ratchetTree).find((m) => m.leafIndex === data.leafIndex)?.client;
        if (sender !== undefined) break;
      }
      if (sender === undefined) continue;
      const claimed = senderClaimOf(pm.authenticatedData);
      if (userOfClient(sender) === claimed) continue;
      for (const c of holders) {
        if (c.uri === sender) continue;
        if (!c.refusals.some((r) => r.rule === "H0" && r.reason.startsWith(`sent by ${sender} `)))
          return `${c.uri} took a message of ${sender} claiming to be from ${claimed === "" ? "no one" : claimed}`;
      }
    }
    return undefined;
  },
};

export const IMPLEMENTATION_INVARIANTS: readonly ImplementationInvariant[] = [
  MEMBERSHIP_WITHIN_PARTICIPATION,
  REMOVAL_LEAVES_NO_CLIENT,
  BLOCKED_USERS_STAY_BLOCKED,
  ROOM_STATE_WELL_FORMED,
  PER_COMMIT_RULES,
  LIST_AND_MEMBERSHIP_ORDER,
  AUTHORISED_MEMBERSHIP,
  ONLY_ALLOWED_SENDERS,
  LINEAR_HISTORY,
  REMOVED_CLIENTS_CANNOT_READ,
  AGREEMENT,
  SENDER_BINDING,
  RECEIVERS_BIND_SENDERS,
  KEY_PACKAGES_SINGLE_USE,
  WELCOME_ROUTING,
  GROUP_INFO_ENTITLEMENT,
  SERVED_GROUP_INFO_MATCHES,
  IDENTITY_BINDING,
  NO_FORGED_ROOM_CHANGE,
  SPLIT_DETECTED,
  NOTIFY_PROCESSED_ONCE,
  DELIVERY_IN_HUB_ORDER,
  MORE_PROPOSALS_UNCHANGED,
  CONVERGENCE_AFTER_FAULTS,
  REMOVED_USER_CANNOT_STAY,
  CONSENT_HONOURED,
  CONSENT_OPERATIONS,
  FRANKING_ROUND_TRIP,
  REPORTS_ONLY_OF_SENT_MESSAGES,
  TAG_CHECKED_BY_RECEIVERS,
  MESSAGE_IDS_UNIQUE,
  REPLACEMENTS_BY_SENDER,
  SAME_ORDER,
  NO_OPEN_PROXY,
  ATTACHMENTS_FROM_SENDERS_STORAGE,
  HONEST_DOWNLOADS_OPEN,
  BASE_POLICY_CAPS,
  FIXED_MEMBERSHIP,
];
