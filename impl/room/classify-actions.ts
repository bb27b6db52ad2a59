// Third pass: turn items into room actions attributed to their proposers, in commit order.
//   participant list: role change → ban (to 1) / unban (from 1) / changeRole; removal → leave when the
//     proposer delists its own user, else removeParticipant; addition → addParticipant (withClients when
//     the same change adds clients of that user), or a ban when it lists the user in role 1.
//   Remove of clients: part of the delisting or ban of their user in the same change; else, by the
//     client's own user → removeOwnClient (or, for a clients-first leave bundle, the leave); else a kick.
//   Add of clients: part of the listing of their user in the same change; else by their own user →
//     addOwnClient; an Add of another already-listed user's client is not an action this project allows.
import type { Actor, AttributedAction, CommitItem } from "./commit-item.js";
import type { ResolvedListChanges } from "./resolve-list-changes.js";
import type { ResolvedMembershipChanges } from "./resolve-membership-changes.js";
import { BANNED_ROLE } from "./room-state.js";
import { notAllowed, type Refusal } from "./verdict.js";

export type PlannedStep = { kind: "action"; planned: AttributedAction } | { kind: "refusal"; refusal: Refusal };

export interface ClassifyOptions {
  /** Whether this item's actions are authorised here (a commit: by value only; a bundle: all). */
  authorises: (item: CommitItem) => boolean;
  /** A clients-first leave bundle (R12): this user's Removes of all its own clients form its leave. */
  clientsFirstLeaver?: string;
  /** Commits: the proposer of a leave cannot commit it (R10). */
  refuseLeaveByValue?: boolean;
  /** Planted defect (CommitCheckSkip "preemptiveBan"): listings in role 1 take effect unjudged. */
  unjudgedPreemptiveBans?: boolean;
}

/** The user an actor acts as: its own user, or for the hub the configured hub user (if any). */
export function actingUser(actor: Actor, hubUser: string | undefined): string | undefined {
  return actor.kind === "hub" ? hubUser : actor.user;
}

function actorKey(actor: Actor): string {
  return actor.kind === "hub" ? "hub" : `${actor.kind}:${actor.client}`;
}

/** Whether an item was committed by reference (an ExternalInit, Update or unknown item counts as by value). */
export function itemByReference(item: CommitItem): boolean {
  switch (item.kind) {
    case "participantListUpdate":
    case "add":
    case "remove":
      return item.byReference;
    case "groupContextExtensions":
      return item.byReference ?? false;
    default:
      return false;
  }
}

export function classifyActions(
  items: readonly CommitItem[],
  list: ResolvedListChanges,
  membership: ResolvedMembershipChanges,
  hubUser: string | undefined,
  options: ClassifyOptions,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const usersGainingClients = new Set(membership.added.map((m) => m.user));
  const usersKeepingClients = new Set(membership.finalMembers.map((m) => m.user));
  const changesAt = new Map(list.perItem.map((p) => [p.itemIndex, p.changes]));
  const groupsSeen = new Set<string>();
  const resyncingClient = items.find((i) => i.kind === "externalInit")?.client;

  for (const [itemIndex, item] of items.entries()) {
    const byReference = itemByReference(item);
    const authorised = options.authorises(item);
    const push = (actor: Actor, subject: string, action: AttributedAction["action"]) =>
      steps.push({ kind: "action", planned: { action, actor, subject, byReference, authorised, itemIndex } });

    switch (item.kind) {
      case "participantListUpdate": {
        const changes = changesAt.get(itemIndex)!;
        const self = actingUser(item.proposer, hubUser);
        for (const c of changes.roleChanges) {
          if (c.fromRole === BANNED_ROLE) push(item.proposer, c.user, { kind: "unban", target: c.user, role: c.toRole });
          else if (c.toRole === BANNED_ROLE) push(item.proposer, c.user, { kind: "ban", target: c.user });
          else push(item.proposer, c.user, { kind: "changeRole", target: c.user, role: c.toRole });
        }
        for (const r of changes.removals) {
          if (item.proposer.kind !== "hub" && r.user === self) {
            if (authorised && options.refuseLeaveByValue === true) {
              steps.push({ kind: "refusal", refusal: notAllowed("R10", `${r.user} cannot commit its own leave; another member commits it`) });
            } else push(item.proposer, r.user, { kind: "leave" });
          } else push(item.proposer, r.user, { kind: "removeParticipant", target: r.user });
        }
        for (const a of changes.additions) {
          // Listing a user straight into role 1 is a pre-emptive ban (room-policy §8.1.3 from role 0: every
          // appendix admin has (0,[1])), judged as a ban; its clients, if any, are refused with the add (R3).
          if (a.roleIndex === BANNED_ROLE) {
            if (options.unjudgedPreemptiveBans === true) steps.push({ kind: "action", planned: { action: { kind: "ban", target: a.user }, actor: item.proposer, subject: a.user, byReference, authorised: false, itemIndex } });
            else push(item.proposer, a.user, { kind: "ban", target: a.user });
          }
          else push(item.proposer, a.user, { kind: "addParticipant", target: a.user, role: a.roleIndex, withClients: usersGainingClients.has(a.user) });
        }
        break;
      }
      case "externalInit":
        push({ kind: "newMember", client: item.client, user: item.user }, item.user, { kind: "addOwnClient" });
        break;
      case "add": {
        if (list.addedUsers.has(item.user)) break; // authorised with the listing (R3 "may also add that user's clients")
        if (actingUser(item.proposer, hubUser) === item.user && item.proposer.kind !== "hub") {
          push(item.proposer, item.user, { kind: "addOwnClient" });
        } else if (authorised) {
          steps.push({
            kind: "refusal",
            refusal: notAllowed("R3", `${item.client} belongs to ${item.user}, who is not listed by this change; only its own user may add it`),
          });
        }
        break;
      }
      case "remove": {
        if (list.delistedUsers.has(item.user) || list.bannedUsers.has(item.user)) break; // part of that delisting or ban
        if (item.client === resyncingClient) break; // an external joiner replacing its own old leaf
        const self = item.proposer.kind === "hub" ? undefined : item.proposer.user;
        const group = `${actorKey(item.proposer)}|${item.user}`;
        if (groupsSeen.has(group)) break; // one action per proposer and user, at its first Remove
        groupsSeen.add(group);
        if (self === item.user) {
          if (options.clientsFirstLeaver === item.user) push(item.proposer, item.user, { kind: "leave" });
          else push(item.proposer, item.user, { kind: "removeOwnClient", leavesUserInactive: !usersKeepingClients.has(item.user) });
        } else push(item.proposer, item.user, { kind: "kick", target: item.user });
        break;
      }
      default:
        break; // update, groupContextExtensions and unknown carry no room action
    }
  }
  return steps;
}
