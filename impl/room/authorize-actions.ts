// Fourth pass: authorise the planned actions in order, each against the state the earlier ones left
// (rules: "a later action in the same commit sees the effect of the earlier ones"). Actions that are not
// authorised here (by-reference proposals in a commit, R17) still take effect on that state.
import type { UserRolePair } from "../codec/participant-list.js";
import type { AttributedAction, HubDelisting } from "./commit-item.js";
import type { PlannedStep } from "./classify-actions.js";
import { authorizeOutsiderListing } from "./authorize-preauth.js";
import { authorize } from "./policy.js";
import { listingByCodeRefusal } from "./authorize-join-code.js";
import { isListed, type RoomState } from "./room-state.js";
import { notAllowed, type Refusal } from "./verdict.js";

const TARGETED = new Set(["removeParticipant", "kick", "ban", "unban", "changeRole"]);

interface Working {
  room: RoomState;
  activeUsers: Set<string>;
}

function withParticipants(room: RoomState, participants: UserRolePair[]): RoomState {
  return { ...room, participants: { participants } };
}

function setRole(room: RoomState, user: string, roleIndex: number): RoomState {
  return withParticipants(room, room.participants.participants.map((p) => (p.user === user ? { user, roleIndex } : p)));
}

function delist(room: RoomState, user: string): RoomState {
  return withParticipants(room, room.participants.participants.filter((p) => p.user !== user));
}

/** The effect of one action on the semantic state (who is listed in which role, who is active). */
function applyEffect(w: Working, { action, subject }: AttributedAction): void {
  switch (action.kind) {
    case "addParticipant":
      w.room = withParticipants(w.room, [...w.room.participants.participants, { user: action.target, roleIndex: action.role }]);
      if (action.withClients) w.activeUsers.add(action.target);
      return;
    case "removeParticipant":
    case "leave":
      w.room = delist(w.room, subject);
      w.activeUsers.delete(subject);
      return;
    case "ban":
      // A pre-emptive ban lists the user in role 1.
      w.room = isListed(w.room, subject) ? setRole(w.room, subject, 1) : withParticipants(w.room, [...w.room.participants.participants, { user: subject, roleIndex: 1 }]);
      w.activeUsers.delete(subject);
      return;
    case "unban":
    case "changeRole":
      w.room = setRole(w.room, subject, action.role);
      return;
    case "kick":
      w.activeUsers.delete(subject);
      return;
    case "addOwnClient":
      w.activeUsers.add(subject);
      return;
    case "removeOwnClient":
      if (action.leavesUserInactive === true) w.activeUsers.delete(subject);
      return;
    case "sendMessage":
      return;
  }
}

/** Role 1 is the banned role (room-policy §8.1.3). */
const BANNED_ROLE = 1;

/** Whether the hub may delist `subject`, listed and without clients, as the end of a clients-first leave (R12). */
function hubMayDelist(w: Working, subject: string, blockedUsers: ReadonlySet<string>, reading: HubDelisting): boolean {
  if (reading === "any" || blockedUsers.has(subject)) return true;
  return reading === "unbanned" && w.room.participants.participants.find((p) => p.user === subject)?.roleIndex !== BANNED_ROLE;
}

/**
 * Without a hub user, the hub may only finish a clients-first leave: delist a listed leaver with no client
 * (R12; whom the judge may take for a leaver: CheckContext.hubDelisting); or list an outsider, without
 * clients, in the role its preauth entry (R20) or role 0 (R4 open join) allows (authorize-preauth.ts).
 */
function authorizeHubWithoutRole(w: Working, { action, subject }: AttributedAction, blockedUsers: ReadonlySet<string>, reading: HubDelisting): Refusal | undefined {
  if (action.kind === "removeParticipant" && isListed(w.room, subject) && !w.activeUsers.has(subject)) {
    if (hubMayDelist(w, subject, blockedUsers, reading)) return undefined;
    return notAllowed("R12", `the hub delists only a leaver whose clients are gone; ${subject} has not left`);
  }
  if (action.kind === "addParticipant" && !action.withClients) {
    const verdict = authorizeOutsiderListing({ room: w.room, activeUsers: w.activeUsers, blockedUsers }, subject, action.role);
    // Else it may be a code join (R4), whose code only the hub can check (authorize-join-code.ts).
    return verdict.ok ? undefined : listingByCodeRefusal({ room: w.room, activeUsers: w.activeUsers, blockedUsers }, subject, action.role, verdict);
  }
  return notAllowed("R12", `the hub proposes only the delisting of a user whose clients are gone, not ${action.kind} of ${subject}`);
}

export function authorizeActions(
  steps: readonly PlannedStep[],
  start: {
    room: RoomState;
    activeUsers: ReadonlySet<string>;
    blockedUsers: ReadonlySet<string>;
    hubUser: string | undefined;
    hubDelisting?: HubDelisting;
    /** Planted defect (CommitCheckSkip "ownRole"): a user's change of its own role takes effect unjudged (R20). */
    unjudgedOwnRoleChanges?: boolean;
  },
): Refusal | undefined {
  const w: Working = { room: start.room, activeUsers: new Set(start.activeUsers) };
  for (const step of steps) {
    if (step.kind === "refusal") return step.refusal;
    const planned = step.planned;
    if (planned.authorised) {
      const actor = planned.actor;
      // The hub's housekeeping (R12's delisting of a leaver, an open joiner's listing) carries out what the
      // leaver or the joiner was allowed to do, and needs no role; anything else the hub proposes acts with
      // its enforcer user's role (R18, policy-enforcer.ts), and without one is refused.
      const housekeeping = actor.kind === "hub" ? authorizeHubWithoutRole(w, planned, start.blockedUsers, start.hubDelisting ?? "leavers") : undefined;
      if (actor.kind === "hub" && (housekeeping === undefined || start.hubUser === undefined)) {
        if (housekeeping !== undefined) return housekeeping;
      } else {
        const user = actor.kind === "hub" ? start.hubUser! : actor.user;
        // R12: a leaving user is on its way out; nobody else may remove, kick, ban or re-role it meanwhile.
        // The hub's own delisting of a clients-first leaver is how that leave ends (housekeeping, above).
        if (TARGETED.has(planned.action.kind) && planned.subject !== user && start.blockedUsers.has(planned.subject))
          return notAllowed("R12", `${planned.subject} is leaving; it cannot be the target of ${planned.action.kind}`);
        const ownRoleUnjudged = start.unjudgedOwnRoleChanges === true && planned.action.kind === "changeRole" && planned.subject === user;
        const verdict = ownRoleUnjudged ? { ok: true as const } : authorize({ room: w.room, activeUsers: w.activeUsers, blockedUsers: start.blockedUsers, actor: user, action: planned.action });
        if (!verdict.ok) return verdict;
      }
    }
    applyEffect(w, planned);
  }
  return undefined;
}
