// participant_list component (0x0022), draft-ietf-mimi-protocol §7.5.
// Types are the contract used by impl/room; the encoder/decoder pair lives beside them.

/** One entry of the participant list: a user URI and the index of its role. */
export interface UserRolePair {
  user: string;
  roleIndex: number;
}

/** The component's data in the GroupContext app_data_dictionary. */
export interface ParticipantListData {
  participants: UserRolePair[];
}

export interface UserIndexRolePair {
  userIndex: number;
  roleIndex: number;
}

/** The AppDataUpdate payload for participant_list: role changes, then removals, then additions. */
export interface ParticipantListUpdate {
  changedRoleParticipants: UserIndexRolePair[];
  removedIndices: number[];
  addedParticipants: UserRolePair[];
}
