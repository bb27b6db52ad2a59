// The per-commit check shared by the hub and every honest client (docs/rules.md R2–R10, R13, R17).
// Order: who commits, the commit's shape, the participant-list and membership changes and the
// GroupContext (malformed → invalidProposal), then each by-value action authorised in commit order against
// the evolving state (→ notAllowed), then what must hold of the whole commit.
import { authorizeActions } from "./authorize-actions.js";
import { basePolicyBreach } from "./base-policy.js";
import { classifyActions, itemByReference } from "./classify-actions.js";
import type { CheckContext, CommitDescription, CommitItem, RoomEffects } from "./commit-item.js";
import { checkCompletion } from "./completion-checks.js";
import { checkGroupContextExtensions } from "./group-context-check.js";
import { newBasePolicyOf, roomChangeBreaks } from "./room-state-change.js";
import { resolveListChanges } from "./resolve-list-changes.js";
import { resolveMembershipChanges } from "./resolve-membership-changes.js";
import { summarizeEffects } from "./room-effects.js";
import { activeUsersOf, BANNED_ROLE, NOT_LISTED_ROLE, roleIndexOfUser, type Member, type RoomState } from "./room-state.js";
import { invalidProposal, notAllowed, type Refusal } from "./verdict.js";

export type { Actor, AttributedAction, CheckContext, CommitCheckSkip, CommitDescription, CommitItem, LeaveOrder, RoomEffects } from "./commit-item.js";
export { checkProposalBundle, type BundleOptions, type BundleVerdict } from "./proposal-bundle-check.js";

export type CommitVerdict = { ok: true; nextRoom: RoomState; nextMembers: Member[]; effects: RoomEffects } | Refusal;

/** R2: a member commits only while its user is listed, not banned and not blocked; the hub never commits. */
function checkMemberCommitter(ctx: CheckContext, commit: CommitDescription): Refusal | undefined {
  const committer = commit.committer;
  if (committer.kind === "hub") return invalidProposal("R13", "the hub is an external sender and never commits");
  if (committer.kind !== "member") return undefined;
  const member = ctx.members.find((m) => m.client === committer.client);
  if (member === undefined || member.user !== committer.user) return notAllowed("R2", `${committer.client} is not a member of the group`);
  if (ctx.blocked.has(committer.user)) return notAllowed("R2", `${committer.user} is blocked (its leave or removal is pending)`);
  const role = roleIndexOfUser(ctx.room, committer.user);
  if (role === NOT_LISTED_ROLE || role === BANNED_ROLE) return notAllowed("R2", `${committer.user} is ${role === BANNED_ROLE ? "banned" : "not listed"}`);
  if (commit.items.some((i) => i.kind === "externalInit")) return invalidProposal("R13", "ExternalInit in a member's commit");
  return undefined;
}

/**
 * An external commit (RFC 9420 §12.4.3.2, as ts-mls builds it) holds one ExternalInit for its joiner and
 * at most one Remove, of the joiner's own earlier leaf; nothing by reference. It cannot change the list:
 * open join, preauthorisation and join codes are not modelled (R4).
 */
function checkExternalCommitShape(commit: CommitDescription): Refusal | undefined {
  const joiner = commit.committer;
  if (joiner.kind !== "newMember") return undefined;
  const inits = commit.items.filter((i) => i.kind === "externalInit");
  if (inits.length !== 1 || inits[0].client !== joiner.client || inits[0].user !== joiner.user) {
    return invalidProposal("R13", "an external commit needs exactly one ExternalInit, for its joiner");
  }
  let resyncs = 0;
  for (const item of commit.items) {
    if (item.kind === "externalInit") continue;
    if (itemByReference(item)) return invalidProposal("R13", "an external commit cannot hold proposals by reference");
    if (item.kind === "participantListUpdate") return notAllowed("R4", "an external commit cannot change the participant list");
    if (item.kind === "remove" && item.client === joiner.client && resyncs++ === 0) continue;
    return invalidProposal("R13", `an external commit cannot hold a ${item.kind} proposal`);
  }
  return undefined;
}

function checkNoUnknownItems(items: readonly CommitItem[]): Refusal | undefined {
  const unknown = items.find((i) => i.kind === "unknown");
  return unknown === undefined || unknown.kind !== "unknown"
    ? undefined
    : notAllowed("R13", `proposal type ${unknown.proposalType} is not allowed in this room`);
}

/** Checks one commit; on success returns the room and members after it and what it did. */
export function checkCommit(ctx: CheckContext, commit: CommitDescription): CommitVerdict {
  const shapeRefusal = checkMemberCommitter(ctx, commit) ?? checkExternalCommitShape(commit) ?? (ctx.skip?.has("unknownProposals") ? undefined : checkNoUnknownItems(commit.items));
  if (shapeRefusal !== undefined) return shapeRefusal;
  const { items, committer } = commit;

  const list = resolveListChanges(ctx.room, items);
  if ("ok" in list) return list;
  const membership = resolveMembershipChanges(ctx.members, items);
  if ("ok" in membership) return membership;
  if (committer.kind === "member" && membership.removed.some((m) => m.client === committer.client)) {
    return invalidProposal("R13", `the commit removes its own committer ${committer.client}`);
  }
  const groupContext = checkGroupContextExtensions(ctx, items, list.finalList);
  if ("ok" in groupContext) return groupContext;

  // R17: by-reference proposals were authorised when the hub accepted them; only by-value ones are judged.
  const steps = classifyActions(items, list, membership, ctx.hubUser, {
    authorises: (item) => !itemByReference(item),
    refuseLeaveByValue: true,
    unjudgedPreemptiveBans: ctx.skip?.has("preemptiveBan") === true,
  });
  const refusal = authorizeActions(steps, {
    room: ctx.room,
    activeUsers: activeUsersOf(ctx.members),
    blockedUsers: ctx.blocked,
    hubUser: ctx.hubUser,
    unjudgedOwnRoleChanges: ctx.skip?.has("ownRole") === true,
  });
  if (refusal !== undefined) return refusal;

  // A base_room_policy update puts the new policy in place; R22 judges the room by it instead of R21.
  const newPolicy = newBasePolicyOf(items);
  const policy = newPolicy ?? ctx.room.basePolicy;
  const nextRoom: RoomState = { participants: list.finalList, roles: groupContext.roles, ...(policy === undefined ? {} : { basePolicy: policy }) };
  const changed = ctx.skip?.has("roomChange") === true ? undefined : roomChangeBreaks(ctx.room, { room: nextRoom, members: membership.finalMembers }, groupContext.redefinedRoles, newPolicy);
  if (changed !== undefined) return changed;
  const incomplete = checkCompletion({
    items,
    steps,
    before: { room: ctx.room, members: ctx.members },
    after: { room: nextRoom, members: membership.finalMembers },
    strictConstraints: groupContext.redefinedRoles,
    skipClients: ctx.skip?.has("clientsAfterCommit") === true,
  });
  if (incomplete !== undefined) return incomplete;
  // R21: the base room policy's caps and fixed membership, on the room the whole commit makes.
  const breach = ctx.skip?.has("basePolicy") === true || newPolicy !== undefined ? undefined : basePolicyBreach(ctx.room.basePolicy, ctx.room, { room: nextRoom, members: membership.finalMembers });
  if (breach !== undefined) return notAllowed("R21", breach);
  return { ok: true, nextRoom, nextMembers: membership.finalMembers, effects: summarizeEffects(steps, list, membership, groupContext.rolesChanged) };
}
