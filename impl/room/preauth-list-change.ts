// A preauth_list change inside a commit (room-policy §4, §8.6; docs/rules.md R20): like every room-state
// change here (DESIGN.md §3) it travels as an AppDataUpdate (component 0x0026, a PreAuthUpdate: the full
// new list) plus the commit's one GroupContextExtensions proposal, whose dictionary must carry exactly that
// list. Without an AppDataUpdate the GCE must keep the list as it is. Who may change it, and beside which
// participant-list changes, is authorize-preauth.ts's rule.
import type { PreAuthData } from "../codec/preauth-list.js";
import { authorizePreauthChange, samePreauth } from "./authorize-preauth.js";
import { actingUser } from "./classify-actions.js";
import type { CheckContext, CommitItem } from "./commit-item.js";
import { invalidProposal, type Refusal } from "./verdict.js";

type GroupContextItem = Extract<CommitItem, { kind: "groupContextExtensions" }>;

/** Why the commit's preauth_list change (or the GCE's copy of the list) is refused, or undefined. */
export function checkPreauthListChange(ctx: CheckContext, items: readonly CommitItem[], gce: GroupContextItem | undefined): Refusal | undefined {
  const updates = items.filter((i): i is Extract<CommitItem, { kind: "preauthListUpdate" }> => i.kind === "preauthListUpdate");
  if (updates.length > 1) return invalidProposal("R13", "a commit replaces preauth_list at most once");
  const update = updates[0];
  const expected: PreAuthData | undefined = update === undefined ? ctx.room.preauth : update.preauth;
  if (update !== undefined && gce === undefined) return invalidProposal("R13", "a preauth_list update needs a GroupContextExtensions proposal with the new list");
  // A GCE that drops the whole dictionary is the other checks' to refuse.
  if (gce !== undefined && gce.participantList !== undefined && !samePreauth(gce.preauth, expected)) {
    return invalidProposal("R13", update === undefined ? "the GroupContextExtensions proposal changes preauth_list without its AppDataUpdate" : "the GroupContextExtensions preauth_list differs from the AppDataUpdate's");
  }
  if (update === undefined) return undefined;
  const lists = items.filter((i): i is Extract<CommitItem, { kind: "participantListUpdate" }> => i.kind === "participantListUpdate");
  const listChanges = {
    additions: lists.reduce((n, i) => n + i.update.addedParticipants.length, 0),
    roleChanges: lists.reduce((n, i) => n + i.update.changedRoleParticipants.length, 0),
  };
  // By reference, the hub authorised it on acceptance (R17); by value, the committer needs the capability.
  const proposer = update.byReference ? "byReference" : actingUser(update.proposer, ctx.hubUser);
  return authorizePreauthChange(ctx.room, update.preauth, proposer, listChanges);
}
