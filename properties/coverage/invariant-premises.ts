// When an invariant has something to judge. An invariant checked only on steps where it could not fail
// proves nothing, so each one declares its premise: the steps on which its check can come out false.
// A run counts, per invariant, the steps that met the premise; a row that asked about an invariant whose
// premise no step met is vacuous (campaign/vacuity.ts).
import { userOf, type ModelEvent } from "../../model/index.js";
import type { StepFacts } from "../invariants/implementation-invariants.js";
import { roomChangedInStep } from "../invariants/no-forged-room-change.js";
import { splitTrafficInStep } from "../invariants/split-detected.js";
import { removedUsers } from "../invariants/race-to-stay.js";
import { keyMaterialToJudge } from "../invariants/consent-honoured.js";
import { consentExchangeToJudge } from "../invariants/consent-operations.js";
import { frankedMessageOfStep } from "../invariants/franking.js";
import { messageAcceptedInStep } from "../invariants/content-timeline.js";
import { downloadSinceLastLook, proxyAskedSinceLastLook } from "../invariants/asset-policy.js";
import { NETWORK_PREMISES } from "../network/network-premises.js";

/** An invariant's premise, in words and as a test on one step's facts. */
export interface InvariantPremise {
  readonly when: string;
  readonly holds: (facts: StepFacts) => boolean;
}

/** The id of the invariant every step is checked against, whatever the selection: nothing thrown, no 5xx. */
export const NO_INTERNAL_ERROR_ID = "P0";

const BANNED_ROLE = 1;
const epochAdvanced = ({ before, after }: StepFacts) => after.hub.epoch !== before.hub.epoch;
const joinedByWelcome = ({ attack, before, after }: StepFacts) => attack === undefined || /^F(08|09|10)$/.test(attack.id) ? after.hub.members.some((m) => !before.hub.members.includes(m)) : false;
const actorOf = (event: ModelEvent): string | undefined =>
  event.type === "addOwnClient" ? event.client : event.type === "createRoom" ? event.creatorClient : event.actor;

/** The premise of each invariant, by id. */
export const INVARIANT_PREMISES: Readonly<Record<string, InvariantPremise>> = {
  P0: { when: "every step that ran an operation", holds: () => true },
  P1: { when: "a commit changed the group (the hub's epoch advanced)", holds: epochAdvanced },
  P2: {
    when: "a commit changed the group after a removal, kick or ban, or with a banned user listed",
    holds: (facts) => {
      if (!epochAdvanced(facts)) return false;
      const { event } = facts;
      if (event.type === "removeParticipant" || event.type === "kick" || event.type === "ban") return true;
      return Object.values(facts.after.hubState.users).some((u) => u.role === BANNED_ROLE);
    },
  },
  P5: {
    when: "the room state changed: a commit or a proposal was accepted",
    holds: (facts) => epochAdvanced(facts) || facts.after.hub.pending !== facts.before.hub.pending,
  },
  P6: { when: "a commit was accepted (the hub's epoch advanced)", holds: epochAdvanced },
  P7: {
    when: "a commit changed the participant list or the group's leaves (an Add, a join, a delisting, a ban or a removal)",
    holds: (facts) =>
      epochAdvanced(facts) &&
      (JSON.stringify(facts.before.hub.committed.participants) !== JSON.stringify(facts.after.hub.committed.participants) ||
        JSON.stringify(facts.before.hub.members) !== JSON.stringify(facts.after.hub.members)),
  },
  P15: {
    when: "a client joined the hub's group or an honest client's",
    holds: ({ before, after }) =>
      after.hub.members.some((m) => !before.hub.members.includes(m)) ||
      after.clients.some((c) => {
        const b = before.clients.find((x) => x.client === c.client);
        const members = (users: typeof c.users) => Object.values(users).flatMap((u) => u.clients);
        return b !== undefined && members(c.users).some((m) => !members(b.users).includes(m));
      }),
  },
  P14: { when: "a client in the authorised room when the step began saw its participants or members change", holds: roomChangedInStep },
  P16: { when: "the hub accepted a member's message or commit while another client held the room in another state (a split, or behind a withheld commit)", holds: splitTrafficInStep },
  P3: {
    when: "a client of a blocked user acted",
    holds: ({ event, blockedBefore }) => {
      const actor = actorOf(event);
      return actor !== undefined && blockedBefore.has(userOf(actor));
    },
  },
  P8: { when: "a commit changed the group (every member has to follow)", holds: epochAdvanced },
  P9: { when: "a commit reached the hub for a new epoch or a closed one (staleCommit)", holds: (facts) => facts.event.type === "staleCommit" || epochAdvanced(facts) },
  P12: {
    when: "an application message was fanned out while a removed client kept its last state",
    holds: ({ fannedOut, impl }) =>
      fannedOut.length > 0 && impl.system.allClients().some((c) => c.formerStates.has(impl.roomId) && c.session(impl.roomId) === undefined),
  },
  P10: { when: "a client joined the hub's group by a Welcome (an Add the hub accepted)", holds: (facts) => facts.event.type !== "addOwnClient" && joinedByWelcome(facts) },
  P22: {
    when: "a client joined by a Welcome, or a compromised follower answered key material falsely (F08–F10)",
    holds: (facts) => /^F(08|09|10)$/.test(facts.attack?.id ?? "") || (facts.event.type !== "addOwnClient" && joinedByWelcome(facts)),
  },
  P24: { when: "a commit was accepted (the GroupInfo to serve changed)", holds: epochAdvanced },
  P19: { when: "a commit was accepted (a leaf can only enter or change by one)", holds: epochAdvanced },
  P20: { when: "the hub accepted the step's request (only accepted requests are judged)", holds: ({ code }) => code === "accepted" },
  P21: { when: "the hub fanned out an application message", holds: ({ fannedOut }) => fannedOut.length > 0 },
  P23: { when: "a client asked for the GroupInfo (an external join, or F03)", holds: (facts) => facts.event.type === "addOwnClient" || facts.attack?.id === "F03" },
  P17: { when: "the hub accepted an application message", holds: ({ event, code }) => event.type === "sendMessage" && code === "accepted" },
  P18: {
    when: "a user's committed removal or ban was in force, so any request the hub accepted from it or any client of it left would be a race it won",
    holds: ({ impl }) => removedUsers(impl).size > 0,
  },
  ...NETWORK_PREMISES,
  P29: { when: "a target provider answered a key-material request a hub relayed", holds: ({ impl }) => keyMaterialToJudge(impl.system) },
  P30: { when: "providers exchanged a consent request, cancel, grant or revoke", holds: ({ impl }) => consentExchangeToJudge(impl.system) },
  P33: { when: "the hub accepted an honest client's message (it is franked)", holds: (facts) => frankedMessageOfStep(facts) !== undefined },
  P34: { when: "the hub accepted an honest client's message (its frank can be misreported)", holds: (facts) => frankedMessageOfStep(facts) !== undefined },
  P35: { when: "the hub accepted an A28 message (its franking tag is another message's)", holds: ({ attack, code }) => attack?.id === "A28" && code === "accepted" },
  P37: { when: "the hub accepted a message (each receiver's timeline may take it in)", holds: messageAcceptedInStep },
  P38: { when: "the hub accepted a message (it may be an edit or delete)", holds: messageAcceptedInStep },
  P48: { when: "the hub accepted a message, or an M15 reordering (a receiver's order may change)", holds: (facts) => messageAcceptedInStep(facts) || facts.attack?.id === "M15" },
  P36: { when: "the hub's /proxyDownload was asked (a download command, or an attachment attack)", holds: proxyAskedSinceLastLook },
  P46: { when: "the hub accepted a message (it may carry an attachment)", holds: messageAcceptedInStep },
  P47: { when: "a client downloaded an honest attachment through the hub", holds: downloadSinceLastLook },
  P39: {
    when: "the room's base policy caps something (multi_device false, max_clients, max_users) and a step changed the group or the live list",
    holds: ({ before, after }) => {
      const policy = after.hub.committed.basePolicy;
      const capped = policy !== undefined && (!policy.multiDevice || policy.maxClients !== undefined || policy.maxUsers !== undefined);
      return capped && (after.hub.epoch !== before.hub.epoch || after.hub.pending !== before.hub.pending);
    },
  },
  P40: { when: "the room's membership is fixed (base_room_policy fixed_membership)", holds: ({ after }) => after.hub.committed.basePolicy?.fixedMembership === true },
};

/** Whether the step met the invariant's premise; an invariant without a declared premise counts every step. */
export function premiseHolds(invariantId: string, facts: StepFacts): boolean {
  return INVARIANT_PREMISES[invariantId]?.holds(facts) ?? true;
}
