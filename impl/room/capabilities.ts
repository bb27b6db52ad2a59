// Role capabilities (draft-ietf-mimi-room-policy-03 §8 and the IANA registry in §10.2; spec digest §3.3).
// A capability is a uint16 CapabilityType listed in Role.roleCapabilities. Names follow the registry,
// except canUnban (registered as canUnBan, spelled canUnban in the prose) and the MLS ones spelled
// canSendMLS… in the draft.
import type { Role } from "../codec/roles.js";

export const CAPABILITY = {
  // Membership (§8.1).
  canAddParticipant: 0x0000,
  canRemoveParticipant: 0x0001,
  canAddOwnClient: 0x0002,
  canRemoveOwnClient: 0x0003,
  canOpenJoin: 0x0004,
  canJoinIfPreauthorized: 0x0005,
  canRemoveSelf: 0x0006,
  canCreateJoinCode: 0x0007, // reserved
  canDeleteJoinCode: 0x0008, // reserved
  canUseJoinCode: 0x0009,
  canBan: 0x000a,
  canUnban: 0x000b,
  canKick: 0x000c,
  canKnock: 0x000d, // reserved
  canAcceptKnock: 0x000e, // reserved
  canChangeUserRole: 0x000f,
  canChangeOwnRole: 0x0010,
  canCreateSubgroup: 0x0011, // reserved
  // Messages (§8.3).
  canSendMessage: 0x0100,
  canReceiveMessage: 0x0101,
  canCopyMessage: 0x0102,
  canReportAbuse: 0x0103,
  canReplyToMessage: 0x0104,
  canReactToMessage: 0x0105,
  canEditReaction: 0x0106,
  canDeleteOwnReaction: 0x0107,
  canDeleteOtherReaction: 0x0108,
  canEditOwnMessage: 0x0109,
  canDeleteOwnMessage: 0x010a,
  canDeleteOtherMessage: 0x010b,
  canStartTopic: 0x010c,
  canReplyInTopic: 0x010d,
  canEditOwnTopic: 0x010e,
  canEditOtherTopic: 0x010f,
  canSendDirectMessage: 0x0110, // reserved
  canTargetMessage: 0x0111, // reserved
  // Assets and links (§8.4, §8.3).
  canUploadImage: 0x0200,
  canUploadAudio: 0x0201,
  canUploadVideo: 0x0202,
  canUploadAttachment: 0x0203,
  canDownloadImage: 0x0204,
  canDownloadAudio: 0x0205,
  canDownloadVideo: 0x0206,
  canDownloadAttachment: 0x0207,
  canSendLink: 0x0208,
  canSendLinkPreview: 0x0209,
  canFollowLink: 0x020a,
  canCopyLink: 0x020b,
  // Room metadata (§8.2); 0x038x are reserved.
  canChangeRoomName: 0x0300,
  canChangeRoomDescription: 0x0301,
  canChangeRoomAvatar: 0x0302,
  canChangeRoomSubject: 0x0303,
  canChangeRoomMood: 0x0304,
  canChangeOwnName: 0x0380, // reserved
  canChangeOwnPresence: 0x0381, // reserved
  canChangeOwnMood: 0x0382, // reserved
  canChangeOwnAvatar: 0x0383, // reserved
  // Real-time media (§8.5).
  canStartCall: 0x0400,
  canJoinCall: 0x0401,
  canSendAudio: 0x0402,
  canReceiveAudio: 0x0403,
  canSendVideo: 0x0404,
  canReceiveVideo: 0x0405,
  canShareScreen: 0x0406,
  canViewSharedScreen: 0x0407,
  // Disruptive policy changes (§8.6).
  canCreateRoom: 0x0500, // reserved
  canDestroyRoom: 0x0501,
  canChangeRoomMembershipStyle: 0x0502,
  canChangeRoleDefinitions: 0x0503,
  canChangePreauthorizedUserList: 0x0504,
  canChangeOtherPolicyAttribute: 0x0505, // reserved
  canChangeMlsOperationalPolicies: 0x0600, // reserved
  canSendMLSReinitProposal: 0x0601,
  canSendMLSUpdateProposal: 0x0602, // reserved
  canSendMLSPSKProposal: 0x0603, // reserved
  canSendMLSExternalProposal: 0x0604, // reserved
  canSendMLSExternalCommit: 0x0605, // reserved
} as const;

export type CapabilityName = keyof typeof CAPABILITY;

const NAME_OF: ReadonlyMap<number, string> = new Map(Object.entries(CAPABILITY).map(([name, value]) => [value, name]));

export function capabilityName(capability: number): string {
  return NAME_OF.get(capability) ?? `capability 0x${capability.toString(16).padStart(4, "0")}`;
}

/** Whether a role grants a capability; an absent role grants nothing. */
export function hasCapability(role: Role | undefined, capability: number): boolean {
  return role !== undefined && role.roleCapabilities.includes(capability);
}
