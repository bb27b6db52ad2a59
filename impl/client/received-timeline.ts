// The receivers' rules of draft-ietf-mimi-content (§4.1, §5.11, §9; impl/content/content-timeline.ts) as a
// client applies them to one room: what the room supplies to the rules (its URI, its clock and floor, who
// is a member, the concrete policy of §9.3) and how a discard becomes a recorded refusal.
import { CAPABILITY } from "../room/capabilities.js";
import { DISPOSITIONS } from "../content/disposition.js";
import { DISCARD_RULE, type DiscardReason, type ReceivedMessage, type ReplaceKind, type TimelineRules } from "../content/content-timeline.js";
import { roomComponentsOf } from "../mls/room-components.js";
import type { RoomSession } from "./room-session.js";
import type { ClientFaults } from "./client-faults.js";

/**
 * The clock a client judges hub timestamps by (§9.1), in milliseconds since the Unix epoch.
 * `earliestMs` is the timeline's floor, "before publication of the specification": a deployment on real
 * time uses the content code's own (2024-01-01); a deployment on a simulated clock states where its
 * calendar starts, since its hub stamps times of its own making (the in-process deployment's hub starts in
 * November 2023, to keep every certificate window and KeyPackage lifetime of the runs where they are).
 */
export interface ContentClock {
  nowMs(): number;
  earliestMs?: number;
}

/** The rules of one room as `session`'s client applies them (read live: the room state at each receipt). */
export function timelineRulesOf(roomUri: string, session: () => RoomSession | undefined, clock: ContentClock | undefined, faults: ClientFaults): TimelineRules {
  return {
    roomUri,
    // No MIMI component carries the room's creation time, so a client has only the floor to go by.
    roomCreatedMs: 0,
    ...(clock?.earliestMs === undefined ? {} : { earliestTimestampMs: clock.earliestMs }),
    // The sender's leaf decrypted the message in its epoch (RFC 9420 §6.3.2): that is membership. Whether its
    // user may send is the hub's H21 and the clients' H0, judged before the timeline sees the message.
    isMember: () => true,
    authorizes: (actor, original, kind) => authorizes(session(), actor, original, kind),
    faults: { acceptDuplicateIds: faults.keepDuplicateIds === true, skipReplaceAuthorization: faults.acceptEditFromAnyone === true, orderByArrival: faults.orderByArrival === true },
  };
}

/**
 * The concrete policy of §9.3 in room-policy's terms (§8.3): a delete of another user's message needs
 * canDeleteOtherMessage (canDeleteOtherReaction for a reaction) in the actor's current role. No capability
 * lets anyone edit another's body, and this implementation lets no replacement change the metadata
 * (canEditOtherTopic would grant only a topic change, which the timeline does not tell apart).
 */
function authorizes(session: RoomSession | undefined, actor: string, original: ReceivedMessage, kind: ReplaceKind): boolean {
  if (kind !== "delete" || session === undefined) return false;
  const room = roomComponentsOf(session.state.groupContext.extensions);
  const roleIndex = room?.participants.participants.find((p) => p.user === actor)?.roleIndex;
  const role = room?.roles.roles.find((r) => r.roleIndex === roleIndex);
  const needed = original.content.body.disposition === DISPOSITIONS.reaction ? CAPABILITY.canDeleteOtherReaction : CAPABILITY.canDeleteOtherMessage;
  return role?.roleCapabilities.includes(needed) === true;
}

/** A discard as the refusal a client records (never silently): code `discarded`, the digest §7 F rule. */
export function discardRefusal(reason: DiscardReason, messageId: string): { what: "message"; code: string; rule: string; reason: string } {
  return { what: "message", code: "discarded", rule: DISCARD_RULE[reason], reason: `${reason}: message ${messageId}` };
}
