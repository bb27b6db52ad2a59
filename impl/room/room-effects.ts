// A summary of what a checked change does, built from its attributed actions.
import type { AttributedAction, RoomEffects } from "./commit-item.js";
import type { PlannedStep } from "./classify-actions.js";
import type { ResolvedListChanges } from "./resolve-list-changes.js";
import type { ResolvedMembershipChanges } from "./resolve-membership-changes.js";
import type { RoomActionKind } from "./room-action.js";

export function summarizeEffects(
  steps: readonly PlannedStep[],
  list: ResolvedListChanges,
  membership: ResolvedMembershipChanges,
  rolesChanged: boolean,
): RoomEffects {
  const actions: AttributedAction[] = steps.flatMap((s) => (s.kind === "action" ? [s.planned] : []));
  const subjects = (kind: RoomActionKind) => actions.filter((a) => a.action.kind === kind).map((a) => a.subject);
  const changeRoleSubjects = new Set(subjects("changeRole"));
  return {
    actions,
    addedClients: membership.added,
    removedClients: membership.removed,
    addedUsers: subjects("addParticipant"),
    removedUsers: subjects("removeParticipant"),
    leftUsers: subjects("leave"),
    bannedUsers: subjects("ban"),
    unbannedUsers: subjects("unban"),
    kickedUsers: subjects("kick"),
    roleChanges: list.perItem.flatMap((p) => p.changes.roleChanges).filter((c) => changeRoleSubjects.has(c.user)),
    rolesChanged,
  };
}
