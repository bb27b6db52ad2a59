// The hub's /update with proposals (and a client receiving the fanned-out bundle): one sender's proposals,
// accepted or refused as a whole, every action authorised against the hub-live state (rules R2–R10, R12, R13).
// The bundle is judged as the tail of the commit that will include it: after the proposals already accepted
// this epoch (`pending`, applied unchecked), all indexing the committed list.
// A leave (R10) is delisting self plus the Remove of every own client; in the clients-first leave order
// (R12) it is the Removes alone, and the hub proposes the delisting itself in the next epoch.
import { authorizeActions } from "./authorize-actions.js";
import { classifyActions, type PlannedStep } from "./classify-actions.js";
import type { Actor, CheckContext, CommitItem, LeaveOrder, RoomEffects } from "./commit-item.js";
import { checkCompletion } from "./completion-checks.js";
import { liveRoom, type LiveRoom } from "./live-room.js";
import { resolveListChanges, type ResolvedListChanges } from "./resolve-list-changes.js";
import { resolveMembershipChanges, type ResolvedMembershipChanges } from "./resolve-membership-changes.js";
import { summarizeEffects } from "./room-effects.js";
import { activeUsersOf, BANNED_ROLE, clientsOfUser, NOT_LISTED_ROLE, roleIndexOfUser, type Member, type RoomState } from "./room-state.js";
import { invalidProposal, notAllowed, type Refusal } from "./verdict.js";

export type BundleVerdict =
  | {
      ok: true;
      /** The hub-live state once the bundle is accepted. */
      nextRoom: RoomState;
      nextMembers: Member[];
      /** Users blocked from now until the commit (their leave, removal or ban was accepted). */
      blocks: string[];
      effects: RoomEffects;
    }
  | Refusal;

function sameActor(a: Actor, b: Actor): boolean {
  if (a.kind === "hub" || b.kind === "hub") return a.kind === b.kind;
  return a.kind === b.kind && a.client === b.client && a.user === b.user;
}

function checkProposer(ctx: CheckContext, live: LiveRoom, proposer: Actor): Refusal | undefined {
  if (proposer.kind === "hub") return undefined;
  if (proposer.kind === "newMember") return invalidProposal("R13", "a joiner sends no standalone proposals");
  const member = live.members.find((m) => m.client === proposer.client);
  if (member === undefined || member.user !== proposer.user) return notAllowed("R2", `${proposer.client} is not a member of the group`);
  if (ctx.blocked.has(proposer.user)) return notAllowed("R2", `${proposer.user} is blocked (its leave or removal is pending)`);
  const role = roleIndexOfUser(live.room, proposer.user);
  if (role === NOT_LISTED_ROLE || role === BANNED_ROLE) return notAllowed("R2", `${proposer.user} is ${role === BANNED_ROLE ? "banned" : "not listed"}`);
  return undefined;
}

function checkItems(proposer: Actor, items: readonly CommitItem[]): Refusal | undefined {
  if (items.length === 0) return invalidProposal("R13", "an empty proposal bundle");
  for (const item of items) {
    if (item.kind === "externalInit") return invalidProposal("R13", "ExternalInit is not a standalone proposal");
    if (!sameActor(item.proposer, proposer)) return invalidProposal("R13", "a bundle's proposals all come from one sender");
    if (item.kind === "groupContextExtensions") return notAllowed("R13", "the GroupContext changes only by value, in a commit");
    // Its GCE could not travel with it, and R20 is judged on the commit that carries both (preauth-list-change.ts).
    if (item.kind === "preauthListUpdate") return notAllowed("R20", "preauth_list changes only by value, in a commit");
    if (item.kind === "metadataUpdate" || item.kind === "basePolicyUpdate") return notAllowed("R22", "room_metadata and base_room_policy change only by value, in a commit");
    if (item.kind === "unknown") return notAllowed("R13", `proposal type ${item.proposalType} is not allowed in this room`);
  }
  return undefined;
}

/** In the clients-first leave order, the user whose bundle removes all of its remaining clients is leaving. */
function clientsFirstLeaver(ctx: CheckContext, live: LiveRoom, proposer: Actor, items: readonly CommitItem[]): string | undefined {
  if (ctx.leaveOrder !== "clients-first" || proposer.kind !== "member") return undefined;
  const removed = new Set(items.flatMap((i) => (i.kind === "remove" ? [i.client] : [])));
  const own = clientsOfUser(live.members, proposer.user);
  return own.length > 0 && own.every((c) => removed.has(c)) ? proposer.user : undefined;
}

/** The effects of the new bundle alone (items from `offset` on), not of the pending proposals before it. */
function bundleEffects(steps: readonly PlannedStep[], list: ResolvedListChanges, membership: ResolvedMembershipChanges, items: readonly CommitItem[], offset: number): RoomEffects {
  const touchedClients = new Set(items.flatMap((i) => (i.kind === "add" || i.kind === "remove" ? [i.client] : [])));
  return summarizeEffects(
    steps.filter((s) => s.kind === "action" && s.planned.itemIndex >= offset),
    { ...list, perItem: list.perItem.filter((p) => p.itemIndex >= offset) },
    {
      ...membership,
      added: membership.added.filter((m) => touchedClients.has(m.client)),
      removed: membership.removed.filter((m) => touchedClients.has(m.client)),
    },
    false,
  );
}

/** Variants that may be given apart from the context; they take precedence over the context's. */
export interface BundleOptions {
  leaveOrder?: LeaveOrder;
  hubUser?: string;
}

/**
 * Checks one atomic bundle of proposals from `proposer`. With `context.pending`, `context.room` and
 * `context.members` are the committed state; without, they are taken as the hub-live state.
 */
export function checkProposalBundle(
  context: CheckContext,
  proposer: Actor,
  items: readonly CommitItem[],
  options: BundleOptions = {},
): BundleVerdict {
  const ctx: CheckContext = {
    ...context,
    leaveOrder: options.leaveOrder ?? context.leaveOrder,
    hubUser: options.hubUser ?? context.hubUser,
  };
  const pending = ctx.pending ?? [];
  const live = liveRoom(ctx, pending);
  const shapeRefusal = checkProposer(ctx, live, proposer) ?? checkItems(proposer, items);
  if (shapeRefusal !== undefined) return shapeRefusal;

  const all = [...pending, ...items];
  const offset = pending.length;
  const list = resolveListChanges(ctx.room, all);
  if ("ok" in list) return list;
  const membership = resolveMembershipChanges(ctx.members, all);
  if ("ok" in membership) return membership;
  const delistsSelf = list.perItem.some((p) => p.itemIndex >= offset && proposer.kind === "member" && p.changes.removals.some((r) => r.user === proposer.user));
  if (ctx.leaveOrder === "clients-first" && delistsSelf) {
    return notAllowed("R12", "in the clients-first leave order a leave removes only the clients; the hub delists the user afterwards");
  }

  const fresh = new Set(items);
  const steps = classifyActions(all, list, membership, ctx.hubUser, {
    authorises: (item) => fresh.has(item),
    clientsFirstLeaver: clientsFirstLeaver(ctx, live, proposer, items),
  });
  const refusal = authorizeActions(steps, {
    room: ctx.room,
    activeUsers: activeUsersOf(ctx.members),
    blockedUsers: ctx.blocked,
    hubUser: ctx.hubUser,
    ...(ctx.hubDelisting !== undefined ? { hubDelisting: ctx.hubDelisting } : {}),
  });
  if (refusal !== undefined) return refusal;

  const nextRoom: RoomState = { participants: list.finalList, roles: ctx.room.roles };
  const incomplete = checkCompletion({
    items: all,
    steps,
    before: { room: ctx.room, members: ctx.members },
    after: { room: nextRoom, members: membership.finalMembers },
    strictConstraints: false,
  });
  if (incomplete !== undefined) return incomplete;

  const effects = bundleEffects(steps, list, membership, items, offset);
  const blocks = [...new Set([...effects.leftUsers, ...effects.removedUsers, ...effects.bannedUsers])];
  return { ok: true, nextRoom, nextMembers: membership.finalMembers, blocks, effects };
}
