import { BANNED_ROLE, NO_ROLE, findRole, openJoinRole } from "./config.js";
import type { RoomEvent } from "./events.js";
import { sortedUnique, userOf, type UserId } from "./ids.js";
import { OUTSIDE, stepParticipant, type ParticipantEvent, type ParticipantRecord } from "./participantMachine.js";
import { applyPending, delistedUsers, listings, usersNamed, type PendingProposal } from "./pending.js";
import { consumeJoinCode, joinCodeRole } from "./joinCodes.js";
import { currentPreauth, preauthJoinRole } from "./preauth.js";
import { applyRoomChange } from "./roomChanges.js";
import { committedEnforcementEvent, enforcementBlocks, enforcementProposals, enforcerAtCreation } from "./enforcer.js";
import { liveRoster, type RoomContext } from "./roomContext.js";
import { countInRole, entryOf, withEntry, type Roster } from "./roster.js";

/**
 * What an accepted event does to the room. The guards (hubRules.ts) decide WHETHER; this file says WHAT.
 * R13 reads a commit's plan before acceptance, so planning is pure and cached per (context, event).
 */
export interface CommitPlan {
  /** Does the commit carry the epoch's pending proposals (by reference, first)? */
  readonly includesPending: boolean;
  /** Users whose participant-list entry this commit changes, in commit order (R13 "touched once"). */
  readonly touched: readonly UserId[];
  /** The committed roster after the commit. */
  readonly roster: Roster;
  /** Pending proposals of the new epoch (the hub's own delisting in clients-first, or regenerated ones). */
  readonly pending: readonly PendingProposal[];
  readonly blocked: readonly UserId[];
  readonly participantEvents: ReadonlyArray<readonly [UserId, ParticipantEvent]>;
}

type OwnAction = { touched: UserId[]; roster: Roster; events: Array<readonly [UserId, ParticipantEvent]> };

/** Does this commit include the pending proposals? External commits cannot (RFC 9420 by-reference rule). */
export function commitIncludesPending(event: RoomEvent): boolean {
  if (event.type === "commit") return event.includePending;
  return event.type !== "addOwnClient";
}

/** The committer's own changes, applied after the included pending proposals. */
function ownAction(ctx: RoomContext, roster: Roster, event: RoomEvent): OwnAction {
  const faults = ctx.config.faults ?? {};
  const none: OwnAction = { touched: [], roster, events: [] };
  switch (event.type) {
    case "addParticipant":
      return {
        touched: [event.target],
        roster: withEntry(roster, event.target, { role: event.role, clients: event.clients }),
        // Listed in role 1 it is a pre-emptive ban (hubRules.ts R3, R7).
        events: [[event.target, event.role === BANNED_ROLE ? { type: "BANNED" } : { type: "ADDED", role: event.role, clients: new Set(event.clients).size }]],
      };
    case "addOwnClient": {
      const entry = entryOf(roster, event.user);
      return {
        touched: [],
        roster: withEntry(roster, event.user, { role: entry.role, clients: [...entry.clients, event.client] }),
        events: [[event.user, { type: "CLIENT_JOINED" }]],
      };
    }
    case "removeParticipant": {
      const kept = faults.skipRemoveAllClients ? entryOf(roster, event.target).clients : [];
      return {
        touched: [event.target],
        roster: withEntry(roster, event.target, { role: NO_ROLE, clients: kept }),
        events: [[event.target, { type: "REMOVED" }]],
      };
    }
    case "kick":
      return {
        touched: [],
        roster: withEntry(roster, event.target, { role: entryOf(roster, event.target).role, clients: [] }),
        events: [[event.target, { type: "KICKED" }]],
      };
    case "ban": {
      const kept = faults.skipRemoveAllClients ? entryOf(roster, event.target).clients : [];
      return {
        touched: [event.target],
        roster: withEntry(roster, event.target, { role: BANNED_ROLE, clients: kept }),
        events: [[event.target, { type: "BANNED" }]],
      };
    }
    case "unban":
      // An "unban" of a user who is not banned is a role change (hubRules.ts r8).
      if (entryOf(roster, event.target).role !== BANNED_ROLE) return ownAction(ctx, roster, { ...event, type: "changeRole" });
      if (event.role === BANNED_ROLE)
        return { touched: [event.target], roster: withEntry(roster, event.target, { role: BANNED_ROLE, clients: [] }), events: [[event.target, { type: "BANNED" }]] };
      return {
        touched: [event.target],
        roster: withEntry(roster, event.target, { role: event.role, clients: entryOf(roster, event.target).clients }),
        events: [[event.target, { type: "UNBANNED", role: event.role }]],
      };
    case "changeRole":
      // Out of role 1 it is an unban, into role 1 a ban of a user without clients (hubRules.ts r9).
      if (entryOf(roster, event.target).role === BANNED_ROLE) return ownAction(ctx, roster, { ...event, type: "unban" });
      if (event.role === BANNED_ROLE)
        return { touched: [event.target], roster: withEntry(roster, event.target, { role: BANNED_ROLE, clients: [] }), events: [[event.target, { type: "BANNED" }]] };
      return {
        touched: [event.target],
        roster: withEntry(roster, event.target, { role: event.role, clients: entryOf(roster, event.target).clients }),
        events: [[event.target, { type: "ROLE_CHANGED", role: event.role }]],
      };
    default:
      return none;
  }
}

const planCache = new WeakMap<RoomContext, WeakMap<RoomEvent, CommitPlan>>();

/** The effect of `event` as a commit accepted in `ctx`'s epoch. */
export function planCommit(ctx: RoomContext, event: RoomEvent): CommitPlan {
  let perContext = planCache.get(ctx);
  if (!perContext) planCache.set(ctx, (perContext = new WeakMap()));
  let plan = perContext.get(event);
  if (!plan) perContext.set(event, (plan = computePlan(ctx, event)));
  return plan;
}

function computePlan(ctx: RoomContext, event: RoomEvent): CommitPlan {
  const include = commitIncludesPending(event) && ctx.pending.length > 0;
  const events: Array<readonly [UserId, ParticipantEvent]> = [];
  let roster = ctx.roster;
  const touched: UserId[] = [];
  let pending: PendingProposal[];

  if (include) {
    roster = applyPending(roster, ctx.pending);
    touched.push(...delistedUsers(ctx.pending));
    // The hub's listings of open joiners (R4): listed without a client, their clients join afterwards.
    for (const { user, role } of listings(ctx.pending)) {
      touched.push(user);
      events.push([user, { type: "ADDED", role, clients: 0 }]);
    }
    // The enforcer's changes (R18): each target's entry is touched once, and steps as the change says.
    const enforced = ctx.pending.flatMap((p) => (p.kind === "enforce" ? [p] : []));
    for (const p of enforced) {
      touched.push(p.user);
      events.push([p.user, committedEnforcementEvent(ctx.roster, p)]);
    }
    for (const user of usersNamed(ctx.pending)) {
      if (enforced.some((p) => p.user === user)) continue;
      const delisted = ctx.pending.some((p) => p.kind === "delist" && p.user === user);
      events.push([user, { type: delisted ? "LEAVE_COMMITTED" : "LEAVE_CLIENTS_REMOVED" }]);
    }
    // R12 clients-first: once the leaver's clients are gone, the hub proposes its delisting in the new
    // epoch (the user stays blocked until that proposal is committed).
    pending = usersNamed(ctx.pending)
      .filter((user) => !touched.includes(user) && entryOf(roster, user).role !== NO_ROLE)
      .map((user) => ({ kind: "delist", user, by: "hub" }) as const);
  } else {
    // Omitted proposals (may-omit, or an external commit) are discarded at the epoch change, except the
    // hub's own delisting, which the hub proposes again (protocol §5.5; R12 "blocked until committed").
    pending = ctx.pending.filter((p) => (p.kind === "delist" && p.by === "hub") || p.kind === "list");
    const kept = usersNamed(pending);
    for (const user of usersNamed(ctx.pending)) if (!kept.includes(user)) events.push([user, { type: "LEAVE_DISCARDED" }]);
  }

  const own = ownAction(ctx, roster, event);
  // The hub proposes an omitted listing again only while the join is still one (R4): the user is still
  // unlisted and the role still has room (counting the listings kept before it).
  const kept: PendingProposal[] = [];
  for (const p of pending) {
    if (p.kind === "list") {
      const max = findRole(ctx.config, p.role)?.maxParticipants;
      const listedBefore = kept.filter((k) => k.kind === "list" && k.role === p.role).length;
      if (entryOf(own.roster, p.user).role !== NO_ROLE || (max !== undefined && countInRole(own.roster, p.role) + listedBefore + 1 > max)) continue;
    }
    kept.push(p);
  }
  pending = kept;
  return {
    includesPending: include,
    touched: [...touched, ...own.touched],
    roster: own.roster,
    pending,
    blocked: sortedUnique(usersNamed(pending)),
    participantEvents: [...events, ...own.events],
  };
}

/** The leave bundle of R10/R12: Removes of all the leaver's clients, plus its delisting in same-commit. */
export function leaveBundle(ctx: RoomContext, event: Extract<RoomEvent, { type: "leave" }>): PendingProposal[] {
  const user = userOf(event.actor);
  const removes = entryOf(liveRoster(ctx), user).clients.map((client) => ({ kind: "removeClient", user, client }) as const);
  return ctx.config.variants.leaveOrder === "same-commit"
    ? [{ kind: "delist", user, by: "leaver" }, ...removes]
    : removes;
}

/** Feeds lifecycle events to each user's participant machine; outside users are not stored. */
export function stepParticipants(
  participants: Readonly<Record<UserId, ParticipantRecord>>,
  events: ReadonlyArray<readonly [UserId, ParticipantEvent]>,
): Record<UserId, ParticipantRecord> {
  const next: Record<UserId, ParticipantRecord> = { ...participants };
  for (const [user, event] of events) {
    const record = stepParticipant(next[user] ?? OUTSIDE, event);
    if (record.state === "outside") delete next[user];
    else next[user] = record;
  }
  return next;
}

/** The room after an accepted event (the verdict is recorded separately by the machine). */
export function applyAccepted(ctx: RoomContext, event: RoomEvent): RoomContext {
  switch (event.type) {
    case "createRoom": {
      // The hub's policy enforcer is listed from creation, without clients, in a set with the role (R18).
      const enforcer = enforcerAtCreation(ctx.config);
      const roster = withEntry({}, event.creator, { role: ctx.config.creatorRole, clients: [event.creatorClient] });
      return {
        ...ctx,
        epoch: 0,
        roster: enforcer === undefined ? roster : withEntry(roster, enforcer.user, { role: enforcer.role, clients: [] }),
        participants: stepParticipants({}, [
          [event.creator, { type: "ADDED", role: ctx.config.creatorRole, clients: 1 }],
          ...(enforcer === undefined ? [] : [[enforcer.user, { type: "ADDED", role: enforcer.role, clients: 0 }] as const]),
        ]),
      };
    }
    case "enforce": {
      // The hub proposes the change as external sender; a member commits it (R18).
      const blocked = enforcementBlocks(ctx, event);
      return {
        ...ctx,
        pending: [...ctx.pending, ...enforcementProposals(ctx, event)],
        blocked: sortedUnique([...ctx.blocked, ...blocked]),
        participants: stepParticipants(ctx.participants, blocked.map((user) => [user, { type: "LEAVE_ACCEPTED" }] as const)),
      };
    }
    case "leave": {
      const user = userOf(event.actor);
      return {
        ...ctx,
        pending: [...ctx.pending, ...leaveBundle(ctx, event)],
        blocked: sortedUnique([...ctx.blocked, user]),
        participants: stepParticipants(ctx.participants, [[user, { type: "LEAVE_ACCEPTED" }]]),
      };
    }
    case "openJoin":
      // The hub's listing of the joiner becomes pending (R4 open join); nothing is committed yet.
      if (event.code !== undefined)
        return { ...ctx, pending: [...ctx.pending, { kind: "list", user: event.user, role: joinCodeRole(ctx.config, event.code)! }], usedJoinCodes: consumeJoinCode(ctx, event.code) };
      // In a room with a preauth list, the role the user's first match gives (R4 by preauth, model/preauth.ts).
      return { ...ctx, pending: [...ctx.pending, { kind: "list", user: event.user, role: preauthJoinRole(ctx.config, event.user, currentPreauth(ctx)) ?? openJoinRole(ctx.config)! }] };
    case "sendMessage":
    case "destroyRoom":
      return ctx;
    case "changePreauthList":
      // A commit (with the pending proposals) whose GroupContext carries the new list (R20).
      return { ...applyAccepted(ctx, { type: "commit", actor: event.actor, includePending: true }), preauth: ctx.config.preauthLists![event.list]! };
    case "changeRoleDefinitions":
    case "changeRoomPolicy":
    case "changeMetadata":
      // A commit (with the pending proposals) whose GroupContext carries the new component (R22).
      return applyRoomChange(ctx, event, applyAccepted);
    default: {
      const plan = planCommit(ctx, event);
      return {
        ...ctx,
        epoch: ctx.epoch + 1,
        roster: plan.roster,
        pending: plan.pending,
        blocked: plan.blocked,
        participants: stepParticipants(ctx.participants, plan.participantEvents),
      };
    }
  }
}
