// Room state inside MLS (DESIGN.md §3, a documented deviation): the GroupContext carries the
// app_data_dictionary extension (0x0006) holding participant_list (0x0022) and roles_list (0x0025), and
// when the room has them room_metadata (0x0023) and base_room_policy (0x0027); a change
// travels as an AppDataUpdate custom proposal (0x0008) plus one GroupContextExtensions proposal with the
// resulting dictionary, because ts-mls 1.6.4 has no AppDataUpdate semantics of its own.
import type { Extension, ExternalSender, ProposalCustom, ProposalGroupContextExtensions } from "ts-mls";
import { encodeExternalSender } from "ts-mls";
import { decodeAppDataDictionary, encodeAppDataDictionary } from "../codec/app-data-dictionary.js";
import { decodeAppDataUpdate, encodeAppDataUpdate } from "../codec/app-data-update.js";
import {
  COMPONENT_BASE_ROOM_POLICY, COMPONENT_PARTICIPANT_LIST, COMPONENT_ROLES_LIST, COMPONENT_ROOM_METADATA, EXTENSION_APP_DATA_DICTIONARY, PROPOSAL_APP_DATA_UPDATE,
} from "../codec/code-points.js";
import { decodeBaseRoomPolicy, encodeBaseRoomPolicy, type BaseRoomPolicy } from "../codec/base-room-policy.js";
import { decodeRoomMetaData, encodeRoomMetaData, type RoomMetaData } from "../codec/room-metadata.js";
import {
  decodeParticipantListData, decodeParticipantListUpdate, encodeParticipantListData, encodeParticipantListUpdate,
  type ParticipantListData, type ParticipantListUpdate,
} from "../codec/participant-list.js";
import { decodeRoleData, encodeRoleData, type RoleData } from "../codec/roles.js";
import { COMPONENT_FRANKING_SIGNATURE_KEY, decodeFrankingAgentData, encodeFrankingAgentData, type FrankingAgentData } from "../franking/franking-agent.js";
import { COMPONENT_ASSET_POLICY, decodeAssetPolicyData, encodeAssetPolicyData, type AssetPolicyData } from "../codec/asset-policy.js";
import { COMPONENT_PREAUTH_LIST } from "../codec/code-points.js";
import { decodePreAuthData, encodePreAuthData, type PreAuthData } from "../codec/preauth-list.js";

export interface RoomComponents {
  participants: ParticipantListData;
  roles: RoleData;
  /** franking_signature_key (0x0021, protocol §5.4.1): the hub's franking agent, set at creation. */
  frankingAgent?: FrankingAgentData;
  /** base_room_policy (0x0027, room-policy §5), set at creation; absent: no base policy (no caps). */
  basePolicy?: BaseRoomPolicy;
  /** room_metadata (0x0023, protocol §7.6), set at creation. */
  metadata?: RoomMetaData;
  /** preauth_list (0x0026, room-policy §4), in rooms that have one (impl/room/preauth-match.ts). */
  preauth?: PreAuthData;
  /** asset_policy (0x002C, room-policy §6–§7): where attachments may be stored, set at creation. */
  assetPolicy?: AssetPolicyData;
}

function extensionNumber(e: Extension): number | string {
  return e.extensionType;
}

export function isAppDataDictionary(e: Extension): boolean {
  return extensionNumber(e) === EXTENSION_APP_DATA_DICTIONARY;
}

/** The app_data_dictionary extension holding exactly these components. */
export function appDataDictionaryExtension(room: RoomComponents): Extension {
  return {
    extensionType: EXTENSION_APP_DATA_DICTIONARY,
    extensionData: encodeAppDataDictionary({
      componentData: [
        ...(room.frankingAgent === undefined ? [] : [{ componentId: COMPONENT_FRANKING_SIGNATURE_KEY, data: encodeFrankingAgentData(room.frankingAgent) }]),
        { componentId: COMPONENT_PARTICIPANT_LIST, data: encodeParticipantListData(room.participants) },
        ...(room.metadata === undefined ? [] : [{ componentId: COMPONENT_ROOM_METADATA, data: encodeRoomMetaData(room.metadata) }]),
        { componentId: COMPONENT_ROLES_LIST, data: encodeRoleData(room.roles) },
        ...(room.preauth === undefined ? [] : [{ componentId: COMPONENT_PREAUTH_LIST, data: encodePreAuthData(room.preauth) }]),
        ...(room.basePolicy === undefined ? [] : [{ componentId: COMPONENT_BASE_ROOM_POLICY, data: encodeBaseRoomPolicy(room.basePolicy) }]),
        ...(room.assetPolicy === undefined ? [] : [{ componentId: COMPONENT_ASSET_POLICY, data: encodeAssetPolicyData(room.assetPolicy) }]),
      ],
    }),
  };
}

/** GroupContext extensions of a new room. external_senders comes first: ts-mls 1.6.4 counts the external
 * sender index over all extensions, so the hub's index 0 only works if its extension is the first. */
export function initialRoomExtensions(hub: ExternalSender, room: RoomComponents): Extension[] {
  return [{ extensionType: "external_senders", extensionData: encodeExternalSender(hub) }, appDataDictionaryExtension(room)];
}

/** Read the room components from GroupContext extensions; undefined if absent or malformed. */
export function roomComponentsOf(extensions: Extension[]): RoomComponents | undefined {
  const dict = extensions.filter(isAppDataDictionary);
  if (dict.length !== 1) return undefined;
  try {
    const d = decodeAppDataDictionary(dict[0]!.extensionData);
    const list = d.componentData.find((c) => c.componentId === COMPONENT_PARTICIPANT_LIST);
    const roles = d.componentData.find((c) => c.componentId === COMPONENT_ROLES_LIST);
    const agent = d.componentData.find((c) => c.componentId === COMPONENT_FRANKING_SIGNATURE_KEY);
    const policy = d.componentData.find((c) => c.componentId === COMPONENT_BASE_ROOM_POLICY);
    const metadata = d.componentData.find((c) => c.componentId === COMPONENT_ROOM_METADATA);
    const assets = d.componentData.find((c) => c.componentId === COMPONENT_ASSET_POLICY);
    const preauth = d.componentData.find((c) => c.componentId === COMPONENT_PREAUTH_LIST);
    const optional = [agent, policy, metadata, assets, preauth].filter((c) => c !== undefined).length;
    if (list === undefined || roles === undefined || d.componentData.length !== 2 + optional) return undefined;
    return {
      participants: decodeParticipantListData(list.data),
      roles: decodeRoleData(roles.data),
      ...(agent === undefined ? {} : { frankingAgent: decodeFrankingAgentData(agent.data) }),
      ...(policy === undefined ? {} : { basePolicy: decodeBaseRoomPolicy(policy.data) }),
      ...(metadata === undefined ? {} : { metadata: decodeRoomMetaData(metadata.data) }),
      ...(assets === undefined ? {} : { assetPolicy: decodeAssetPolicyData(assets.data) }),
      ...(preauth === undefined ? {} : { preauth: decodePreAuthData(preauth.data) }),
    };
  } catch {
    return undefined;
  }
}

/** The same extensions with the app_data_dictionary replaced (order kept). */
export function withRoomComponents(extensions: Extension[], room: RoomComponents): Extension[] {
  return extensions.map((e) => (isAppDataDictionary(e) ? appDataDictionaryExtension(room) : e));
}

export function participantListUpdateProposal(update: ParticipantListUpdate): ProposalCustom {
  return {
    proposalType: PROPOSAL_APP_DATA_UPDATE,
    proposalData: encodeAppDataUpdate({ componentId: COMPONENT_PARTICIPANT_LIST, op: "update", update: encodeParticipantListUpdate(update) }),
  };
}

export function groupContextExtensionsProposal(extensions: Extension[]): ProposalGroupContextExtensions {
  return { proposalType: "group_context_extensions", groupContextExtensions: { extensions } };
}

/** An AppDataUpdate replacing preauth_list (room-policy §4: PreAuthUpdate is a full replacement). */
export function preauthListUpdateProposal(data: PreAuthData): ProposalCustom {
  return { proposalType: PROPOSAL_APP_DATA_UPDATE, proposalData: encodeAppDataUpdate({ componentId: COMPONENT_PREAUTH_LIST, op: "update", update: encodePreAuthData(data) }) };
}

/** An AppDataUpdate replacing room_metadata (protocol §7.6: RoomMetaUpdate, the whole new value). */
export function roomMetadataUpdateProposal(data: RoomMetaData): ProposalCustom {
  return { proposalType: PROPOSAL_APP_DATA_UPDATE, proposalData: encodeAppDataUpdate({ componentId: COMPONENT_ROOM_METADATA, op: "update", update: encodeRoomMetaData(data) }) };
}

/** An AppDataUpdate replacing base_room_policy (room-policy §5: updates are full replacements). */
export function basePolicyUpdateProposal(data: BaseRoomPolicy): ProposalCustom {
  return { proposalType: PROPOSAL_APP_DATA_UPDATE, proposalData: encodeAppDataUpdate({ componentId: COMPONENT_BASE_ROOM_POLICY, op: "update", update: encodeBaseRoomPolicy(data) }) };
}

export type DecodedAppDataUpdate =
  | { kind: "participantList"; update: ParticipantListUpdate }
  | { kind: "preauthList"; data: PreAuthData }
  | { kind: "roomMetadata"; data: RoomMetaData }
  | { kind: "basePolicy"; data: BaseRoomPolicy }
  | { kind: "other"; componentId: number }
  | { kind: "malformed" };

/** Decode an AppDataUpdate custom proposal's payload. */
export function decodeRoomUpdate(proposalData: Uint8Array): DecodedAppDataUpdate {
  try {
    const u = decodeAppDataUpdate(proposalData);
    if (u.componentId === COMPONENT_PREAUTH_LIST) return u.op === "update" ? { kind: "preauthList", data: decodePreAuthData(u.update) } : { kind: "malformed" };
    if (u.componentId === COMPONENT_ROOM_METADATA) return u.op === "update" ? { kind: "roomMetadata", data: decodeRoomMetaData(u.update) } : { kind: "malformed" };
    if (u.componentId === COMPONENT_BASE_ROOM_POLICY) return u.op === "update" ? { kind: "basePolicy", data: decodeBaseRoomPolicy(u.update) } : { kind: "malformed" };
    if (u.componentId !== COMPONENT_PARTICIPANT_LIST) return { kind: "other", componentId: u.componentId };
    if (u.op !== "update") return { kind: "malformed" };
    return { kind: "participantList", update: decodeParticipantListUpdate(u.update) };
  } catch {
    return { kind: "malformed" };
  }
}
