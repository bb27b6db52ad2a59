// The base room policy a run's room is created with (room-policy §5; docs/rules.md R21), drawn per run from
// the seed when the setup asks for it (RunSetup.basePolicy "drawn", the command line's default). One
// abstract description feeds both readings: `modelBasePolicyOf` for the model's config and
// `implementationBasePolicyOf` for the base_room_policy component the creator's client writes.
// Mostly permissive, so the rest of the room's rules keep their share of the run; sometimes tight, so
// that both outcomes of each rule are reached in the default campaign.
import fc from "fast-check";
import { PERMISSIVE_BASE_ROOM_POLICY, type BaseRoomPolicy } from "../../impl/codec/base-room-policy.js";
import type { RoomMetaData } from "../../impl/codec/room-metadata.js";
import type { ModelBasePolicy } from "../../model/basePolicy.js";
import type { ModelConfig } from "../../model/index.js";

/** The fields with a protocol meaning here (model/basePolicy.ts); the others are written as the draft's defaults. */
export interface DrawnBasePolicy {
  readonly fixedMembership: boolean;
  readonly multiDevice: boolean;
  readonly maxClients?: number;
  readonly maxUsers?: number;
}

export const PERMISSIVE_DRAW: DrawnBasePolicy = { fixedMembership: false, multiDevice: true };

/**
 * Half permissive; otherwise one of the tight policies. The caps leave room for the creator and, in the
 * appendix sets, the hub's policy enforcer listed beside it at creation (max_users ≥ 3), and for a few
 * clients (max_clients ≥ 3), so the room lives and the caps are met in the middle of a run.
 */
export const basePolicyArbitrary: fc.Arbitrary<DrawnBasePolicy> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(PERMISSIVE_DRAW) },
  { weight: 1, arbitrary: fc.constant<DrawnBasePolicy>({ fixedMembership: false, multiDevice: false }) },
  { weight: 1, arbitrary: fc.integer({ min: 3, max: 4 }).map((maxClients): DrawnBasePolicy => ({ fixedMembership: false, multiDevice: true, maxClients })) },
  { weight: 1, arbitrary: fc.constant<DrawnBasePolicy>({ fixedMembership: false, multiDevice: true, maxUsers: 3 }) },
  { weight: 1, arbitrary: fc.constant<DrawnBasePolicy>({ fixedMembership: false, multiDevice: false, maxClients: 4, maxUsers: 3 }) },
  { weight: 1, arbitrary: fc.constant<DrawnBasePolicy>({ fixedMembership: true, multiDevice: true }) },
);

export function modelBasePolicyOf(drawn: DrawnBasePolicy): ModelBasePolicy {
  return {
    fixedMembership: drawn.fixedMembership,
    multiDevice: drawn.multiDevice,
    ...(drawn.maxClients === undefined ? {} : { maxClients: drawn.maxClients }),
    ...(drawn.maxUsers === undefined ? {} : { maxUsers: drawn.maxUsers }),
  };
}

export function implementationBasePolicyOf(drawn: DrawnBasePolicy): BaseRoomPolicy {
  return { ...PERMISSIVE_BASE_ROOM_POLICY, fixedMembership: drawn.fixedMembership, multiDevice: drawn.multiDevice, maxClients: drawn.maxClients, maxUsers: drawn.maxUsers };
}

/**
 * A fixed membership needs a role set in which no role but 0 and 1 holds canAddParticipant (room-policy
 * §5; a set that breaks it is refused at creation, test/room/base-policy.test.ts): the world takes the
 * capability away on both sides, so the room lives and its fixed membership is what refuses.
 */
export const FIXED_MEMBERSHIP_STRIPS = "canAddParticipant" as const;

export function withDrawnBasePolicy(config: ModelConfig, drawn: DrawnBasePolicy): ModelConfig {
  const roles = drawn.fixedMembership
    ? config.roles.map((r) => (r.index <= 1 ? r : { ...r, capabilities: new Set([...r.capabilities].filter((c) => c !== FIXED_MEMBERSHIP_STRIPS)) }))
    : config.roles;
  return { ...config, roles, basePolicy: modelBasePolicyOf(drawn) };
}

/** The room_metadata a drawn room is created with: its URI and a name (protocol §7.6). */
export function roomMetadataFor(roomId: string): RoomMetaData {
  return { roomUri: roomId, roomName: "property room", roomDescriptions: [], roomAvatar: "", roomSubject: "", roomMood: "" };
}

/** A short printable form, for reports. */
export function describeBasePolicy(drawn: DrawnBasePolicy): string {
  const parts = [
    drawn.fixedMembership ? "fixed_membership" : undefined,
    drawn.multiDevice ? undefined : "multi_device=false",
    drawn.maxClients === undefined ? undefined : `max_clients=${drawn.maxClients}`,
    drawn.maxUsers === undefined ? undefined : `max_users=${drawn.maxUsers}`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? "permissive" : parts.join(" ");
}
