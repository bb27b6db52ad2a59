/**
 * Capability names of draft-ietf-mimi-room-policy-03 §8 / §10.2 (spec/mimi-digest.md §3.3).
 * The model enforces only the membership ones and canSendMessage; the others are carried so that the
 * appendix role sets can be written down faithfully.
 */
export const MEMBERSHIP_CAPABILITIES = [
  "canAddParticipant",
  "canRemoveParticipant",
  "canAddOwnClient",
  "canRemoveOwnClient",
  "canOpenJoin",
  "canJoinIfPreauthorized",
  "canRemoveSelf",
  "canCreateJoinCode",
  "canDeleteJoinCode",
  "canUseJoinCode",
  "canBan",
  "canUnban",
  "canKick",
  "canKnock",
  "canAcceptKnock",
  "canChangeUserRole",
  "canChangeOwnRole",
  "canCreateSubgroup",
] as const;

export const MESSAGE_CAPABILITIES = [
  "canSendMessage",
  "canReceiveMessage",
  "canCopyMessage",
  "canReportAbuse",
  "canReplyToMessage",
  "canReactToMessage",
  "canEditReaction",
  "canDeleteOwnReaction",
  "canDeleteOtherReaction",
  "canEditOwnMessage",
  "canDeleteOwnMessage",
  "canDeleteOtherMessage",
  "canStartTopic",
  "canReplyInTopic",
  "canEditOwnTopic",
  "canEditOtherTopic",
  "canSendDirectMessage",
  "canTargetMessage",
] as const;

export const ASSET_AND_LINK_CAPABILITIES = [
  "canUploadImage",
  "canUploadAudio",
  "canUploadVideo",
  "canUploadAttachment",
  "canDownloadImage",
  "canDownloadAudio",
  "canDownloadVideo",
  "canDownloadAttachment",
  "canSendLink",
  "canSendLinkPreview",
  "canFollowLink",
  "canCopyLink",
] as const;

export const METADATA_CAPABILITIES = [
  "canChangeRoomName",
  "canChangeRoomDescription",
  "canChangeRoomAvatar",
  "canChangeRoomSubject",
  "canChangeRoomMood",
  "canChangeOwnName",
  "canChangeOwnPresence",
  "canChangeOwnMood",
  "canChangeOwnAvatar",
] as const;

export const REALTIME_CAPABILITIES = [
  "canStartCall",
  "canJoinCall",
  "canSendAudio",
  "canReceiveAudio",
  "canSendVideo",
  "canReceiveVideo",
  "canShareScreen",
  "canViewSharedScreen",
] as const;

export const DISRUPTIVE_CAPABILITIES = [
  "canCreateRoom",
  "canDestroyRoom",
  "canChangeRoomMembershipStyle",
  "canChangeRoleDefinitions",
  "canChangePreauthorizedUserList",
  "canChangeOtherPolicyAttribute",
  "canChangeMlsOperationalPolicies",
  "canSendMLSReinitProposal",
] as const;

/** Used by the appendix examples but not registered in §10.2 (digest §8 q.30). */
export const UNREGISTERED_EXAMPLE_CAPABILITIES = ["canRevokeVoice", "canGrantVoice"] as const;

export const ALL_CAPABILITIES = [
  ...MEMBERSHIP_CAPABILITIES,
  ...MESSAGE_CAPABILITIES,
  ...ASSET_AND_LINK_CAPABILITIES,
  ...METADATA_CAPABILITIES,
  ...REALTIME_CAPABILITIES,
  ...DISRUPTIVE_CAPABILITIES,
  ...UNREGISTERED_EXAMPLE_CAPABILITIES,
] as const;

export type CapabilityName = (typeof ALL_CAPABILITIES)[number];
