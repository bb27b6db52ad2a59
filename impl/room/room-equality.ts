// Value equality of room components, so a GroupContextExtensions proposal can be compared with the
// state the rules compute (object identity and key order do not matter).
import type { ParticipantListData } from "../codec/participant-list.js";
import type { Role, RoleData } from "../codec/roles.js";

export function sameParticipantList(a: ParticipantListData | undefined, b: ParticipantListData | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.participants.length === b.participants.length &&
    a.participants.every((p, i) => p.user === b.participants[i].user && p.roleIndex === b.participants[i].roleIndex)
  );
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameRole(a: Role, b: Role): boolean {
  return (
    a.roleIndex === b.roleIndex &&
    a.roleName === b.roleName &&
    a.roleDescription === b.roleDescription &&
    sameNumbers(a.roleCapabilities, b.roleCapabilities) &&
    a.minimumParticipantsConstraint === b.minimumParticipantsConstraint &&
    a.maximumParticipantsConstraint === b.maximumParticipantsConstraint &&
    a.minimumActiveParticipantsConstraint === b.minimumActiveParticipantsConstraint &&
    a.maximumActiveParticipantsConstraint === b.maximumActiveParticipantsConstraint &&
    a.authorizedRoleChanges.length === b.authorizedRoleChanges.length &&
    a.authorizedRoleChanges.every(
      (e, i) =>
        e.fromRoleIndex === b.authorizedRoleChanges[i].fromRoleIndex &&
        sameNumbers(e.targetRoleIndexes, b.authorizedRoleChanges[i].targetRoleIndexes),
    )
  );
}

export function sameRoleData(a: RoleData | undefined, b: RoleData | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.roles.length === b.roles.length && a.roles.every((r, i) => sameRole(r, b.roles[i]));
}
