// The GroupContextExtensions proposal of a commit. This project carries the room components in the
// GroupContext (ts-mls has no AppDataUpdate semantics), so a participant-list change travels as the
// ParticipantListUpdate items plus one GCE holding the resulting dictionary, which must match exactly.
import type { RoleData } from "../codec/roles.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { actingUser } from "./classify-actions.js";
import type { CheckContext, CommitItem } from "./commit-item.js";
import { sameParticipantList, sameRoleData } from "./room-equality.js";
import { roleByIndex, roleOfUser } from "./room-state.js";
import { roleDataProblem } from "./role-set-validity.js";
import { checkPreauthListChange } from "./preauth-list-change.js";
import { checkRoomComponentChanges } from "./room-state-change.js";
import { invalidProposal, notAllowed, type Refusal } from "./verdict.js";
import type { ParticipantListData } from "../codec/participant-list.js";

type GroupContextItem = Extract<CommitItem, { kind: "groupContextExtensions" }>;

export interface GroupContextOutcome {
  roles: RoleData;
  rolesChanged: boolean;
  /** Indexes of roles added or redefined: their constraints must hold outright after the commit. */
  redefinedRoles: ReadonlySet<number>;
}

/** Why a roles_list cannot replace the current one for this participant list, or undefined. */
function invalidRoleData(roles: RoleData, participants: ParticipantListData): string | undefined {
  const problem = roleDataProblem(roles);
  if (problem !== undefined) return problem;
  const orphan = participants.participants.find((p) => roleByIndex(roles, p.roleIndex) === undefined);
  return orphan === undefined ? undefined : `${orphan.user}'s role ${orphan.roleIndex} would no longer exist`;
}

export function checkGroupContextExtensions(
  ctx: CheckContext,
  items: readonly CommitItem[],
  finalList: ParticipantListData,
): GroupContextOutcome | Refusal {
  const unchanged: GroupContextOutcome = { roles: ctx.room.roles, rolesChanged: false, redefinedRoles: new Set() };
  const gces = items.filter((i): i is GroupContextItem => i.kind === "groupContextExtensions");
  if (gces.length > 1) return invalidProposal("R13", "a commit holds at most one GroupContextExtensions proposal");
  const hasListUpdate = items.some((i) => i.kind === "participantListUpdate");
  const gce = gces[0];
  // preauth_list: its AppDataUpdate, the GCE's copy and who may change it (R20, authorize-preauth.ts).
  const preauth = ctx.skip?.has("dictionary") === true ? undefined : checkPreauthListChange(ctx, items, gce);
  if (preauth !== undefined) return preauth;
  // room_metadata and base_room_policy: their AppDataUpdates, the GCE's copies and who may change them (R22).
  const components = ctx.skip?.has("dictionary") === true ? undefined : checkRoomComponentChanges(ctx, items, gce);
  if (components !== undefined) return components;

  const skipDictionary = ctx.skip?.has("dictionary") === true;
  const skipOtherExtensions = ctx.skip?.has("otherExtensions") === true;
  if (hasListUpdate) {
    if (gce === undefined) return invalidProposal("R13", "a participant-list update needs a GroupContextExtensions proposal with the resulting list");
    if (gce.otherExtensionsChanged && !skipOtherExtensions) return invalidProposal("R13", "the GroupContextExtensions proposal changes other extensions too");
    if (skipDictionary) return unchanged;
    // room-policy §3: a RoleUpdate is invalid in a commit with any participant-list change (R22).
    if (!sameRoleData(gce.roles, ctx.room.roles)) return invalidProposal("R22", "rolesWithListChange: roles_list cannot change in a commit with a participant-list change");
    if (!sameParticipantList(gce.participantList, finalList)) {
      return invalidProposal("R13", "the GroupContextExtensions participant list differs from the list the updates produce");
    }
    return unchanged;
  }

  if (gce === undefined) return unchanged;
  if (gce.otherExtensionsChanged && !skipOtherExtensions) return notAllowed("R13", "this room allows no change to other GroupContext extensions");
  if (skipDictionary && sameRoleData(gce.roles, ctx.room.roles)) return unchanged;
  if (!sameParticipantList(gce.participantList, ctx.room.participants)) {
    return notAllowed("R13", "the participant list changes without a ParticipantListUpdate");
  }
  if (sameRoleData(gce.roles, ctx.room.roles)) return unchanged;
  if (gce.roles === undefined) return notAllowed("R13", "the GroupContextExtensions proposal drops roles_list");
  const invalid = invalidRoleData(gce.roles, ctx.room.participants);
  if (invalid !== undefined) return invalidProposal("R22", invalid);
  if (gce.byReference !== true && ctx.skip?.has("roomChange") !== true) {
    // Changing role definitions needs canChangeRoleDefinitions (room-policy §8.6); by reference, R17 applies.
    const user = actingUser(gce.proposer, ctx.hubUser);
    if (user === undefined || !hasCapability(roleOfUser(ctx.room, user), CAPABILITY.canChangeRoleDefinitions)) {
      return notAllowed("R22", `missingCanChangeRoleDefinitions: ${user ?? "the hub"} lacks canChangeRoleDefinitions`);
    }
  }
  const previous = ctx.room.roles;
  const redefinedRoles = new Set(
    gce.roles.roles.filter((r) => !sameRoleData({ roles: [r] }, { roles: previous.roles.filter((p) => p.roleIndex === r.roleIndex) })).map((r) => r.roleIndex),
  );
  return { roles: gce.roles, rolesChanged: true, redefinedRoles };
}
