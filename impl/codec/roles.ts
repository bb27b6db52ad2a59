// roles_list component (suggested 0x0025), draft-ietf-mimi-room-policy §3.
// Types are the contract used by impl/room; the encoder/decoder pair lives beside them.

import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface SingleSourceRoleChangeTargets {
  fromRoleIndex: number;
  targetRoleIndexes: number[];
}

export interface Role {
  roleIndex: number;
  roleName: string;
  roleDescription: string;
  /** CapabilityType values (uint16). */
  roleCapabilities: number[];
  minimumParticipantsConstraint: number;
  maximumParticipantsConstraint: number | undefined;
  minimumActiveParticipantsConstraint: number;
  maximumActiveParticipantsConstraint: number | undefined;
  authorizedRoleChanges: SingleSourceRoleChangeTargets[];
}

export interface RoleData {
  roles: Role[];
}

// ---- wire format ----------------------------------------------------------------------------------
// struct { uint32 from_role_index; uint32 target_role_indexes<V>; } SingleSourceRoleChangeTargets;
// struct { uint32 role_index; opaque role_name<V>; opaque role_description<V>;
//          CapabilityType role_capabilities<V>;                       (uint16 each)
//          uint32 minimum_participants_constraint; optional<uint32> maximum_participants_constraint;
//          uint32 minimum_active_participants_constraint; optional<uint32> maximum_active_participants_constraint;
//          SingleSourceRoleChangeTargets authorized_role_changes<V>; } Role;
// struct { Role roles<V>; } RoleData;     (RoleUpdate has the same shape: a full replacement)
// role_name and role_description are UTF-8 text.

const writeU32 = (w: Writer, value: number): void => w.uint32(value);
const readU32 = (r: Reader): number => r.uint32();

export function writeSingleSourceRoleChangeTargets(w: Writer, targets: SingleSourceRoleChangeTargets): void {
  w.uint32(targets.fromRoleIndex);
  w.vector(targets.targetRoleIndexes, writeU32);
}

export function readSingleSourceRoleChangeTargets(r: Reader): SingleSourceRoleChangeTargets {
  const fromRoleIndex = r.uint32();
  const targetRoleIndexes = r.vector(readU32);
  return { fromRoleIndex, targetRoleIndexes };
}

export function writeRole(w: Writer, role: Role): void {
  w.uint32(role.roleIndex);
  w.string(role.roleName);
  w.string(role.roleDescription);
  w.vector(role.roleCapabilities, (body, capability) => body.uint16(capability));
  w.uint32(role.minimumParticipantsConstraint);
  w.optional(role.maximumParticipantsConstraint, writeU32);
  w.uint32(role.minimumActiveParticipantsConstraint);
  w.optional(role.maximumActiveParticipantsConstraint, writeU32);
  w.vector(role.authorizedRoleChanges, writeSingleSourceRoleChangeTargets);
}

export function readRole(r: Reader): Role {
  const roleIndex = r.uint32();
  const roleName = r.string();
  const roleDescription = r.string();
  const roleCapabilities = r.vector((body) => body.uint16());
  const minimumParticipantsConstraint = r.uint32();
  const maximumParticipantsConstraint = r.optional(readU32);
  const minimumActiveParticipantsConstraint = r.uint32();
  const maximumActiveParticipantsConstraint = r.optional(readU32);
  const authorizedRoleChanges = r.vector(readSingleSourceRoleChangeTargets);
  return {
    roleIndex,
    roleName,
    roleDescription,
    roleCapabilities,
    minimumParticipantsConstraint,
    maximumParticipantsConstraint,
    minimumActiveParticipantsConstraint,
    maximumActiveParticipantsConstraint,
    authorizedRoleChanges,
  };
}

export function writeRoleData(w: Writer, data: RoleData): void {
  w.vector(data.roles, writeRole);
}

export function readRoleData(r: Reader): RoleData {
  return { roles: r.vector(readRole) };
}

export function encodeRoleData(data: RoleData): Uint8Array {
  return encodeWith(writeRoleData, data);
}

export function decodeRoleData(bytes: Uint8Array): RoleData {
  return decodeExact(bytes, readRoleData, "RoleData");
}
