// Code points this project uses (mls-extensions §7 suggested values; protocol §10; room-policy §10.1).
export const EXTENSION_APP_DATA_DICTIONARY = 0x0006;
export const PROPOSAL_APP_DATA_UPDATE = 0x0008;
export const COMPONENT_PARTICIPANT_LIST = 0x0022;
export const COMPONENT_ROOM_METADATA = 0x0023;
export const COMPONENT_ROLES_LIST = 0x0025;
/** preauth_list (room-policy §4, suggested value): impl/codec/preauth-list.ts. */
export const COMPONENT_PREAUTH_LIST = 0x0026;
/** base_room_policy: room-policy §5's suggested value. */
export const COMPONENT_BASE_ROOM_POLICY = 0x0027;
