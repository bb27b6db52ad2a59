// roles_list component (suggested 0x0025), draft-ietf-mimi-room-policy §3.
// Types are the contract used by impl/room; the encoder/decoder pair lives beside them.

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
