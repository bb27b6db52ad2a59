// fast-check arbitraries for the room components' wire types.

import fc from "fast-check";
import type { AppDataDictionary, ComponentData } from "../../../impl/codec/app-data-dictionary.js";
import type { AppDataUpdate } from "../../../impl/codec/app-data-update.js";
import type { ParticipantListData, ParticipantListUpdate, UserIndexRolePair, UserRolePair } from "../../../impl/codec/participant-list.js";
import type { Role, RoleData, SingleSourceRoleChangeTargets } from "../../../impl/codec/roles.js";

export const uint16 = fc.integer({ min: 0, max: 0xffff });
export const uint32 = fc.integer({ min: 0, max: 0xffffffff });
/** Any well-formed Unicode text (lone surrogates cannot be UTF-8). */
export const text = fc.string({ unit: "binary", maxLength: 24 }).filter((s) => !/\p{Cs}/u.test(s));
export const userUriText = fc.oneof(
  fc.stringMatching(/^mimi:\/\/[a-z]{1,8}\.example\/u\/[a-z0-9]{1,10}$/),
  text,
);

export const userRolePair: fc.Arbitrary<UserRolePair> = fc.record({ user: userUriText, roleIndex: uint32 });
export const userIndexRolePair: fc.Arbitrary<UserIndexRolePair> = fc.record({ userIndex: uint32, roleIndex: uint32 });

export const participantListData: fc.Arbitrary<ParticipantListData> = fc.record({
  participants: fc.array(userRolePair, { maxLength: 8 }),
});

export const participantListUpdate: fc.Arbitrary<ParticipantListUpdate> = fc.record({
  changedRoleParticipants: fc.array(userIndexRolePair, { maxLength: 5 }),
  removedIndices: fc.array(uint32, { maxLength: 5 }),
  addedParticipants: fc.array(userRolePair, { maxLength: 5 }),
});

export const roleChangeTargets: fc.Arbitrary<SingleSourceRoleChangeTargets> = fc.record({
  fromRoleIndex: uint32,
  targetRoleIndexes: fc.array(uint32, { maxLength: 4 }),
});

const optionalUint32 = fc.option(uint32, { nil: undefined });

export const role: fc.Arbitrary<Role> = fc.record({
  roleIndex: uint32,
  roleName: text,
  roleDescription: text,
  roleCapabilities: fc.array(uint16, { maxLength: 8 }),
  minimumParticipantsConstraint: uint32,
  maximumParticipantsConstraint: optionalUint32,
  minimumActiveParticipantsConstraint: uint32,
  maximumActiveParticipantsConstraint: optionalUint32,
  authorizedRoleChanges: fc.array(roleChangeTargets, { maxLength: 3 }),
});

export const roleData: fc.Arbitrary<RoleData> = fc.record({ roles: fc.array(role, { maxLength: 4 }) });

export const componentData: fc.Arbitrary<ComponentData> = fc.record({ componentId: uint16, data: fc.uint8Array({ maxLength: 40 }) });

/** Sorted by component id, one entry per id: the canonical form. */
export const appDataDictionary: fc.Arbitrary<AppDataDictionary> = fc
  .uniqueArray(componentData, { selector: (c) => c.componentId, maxLength: 6 })
  .map((entries) => ({ componentData: [...entries].sort((a, b) => a.componentId - b.componentId) }));

export const appDataUpdate: fc.Arbitrary<AppDataUpdate> = fc.oneof(
  fc.record({ componentId: uint16, op: fc.constant("update" as const), update: fc.uint8Array({ maxLength: 40 }) }),
  fc.record({ componentId: uint16, op: fc.constant("remove" as const) }),
);
