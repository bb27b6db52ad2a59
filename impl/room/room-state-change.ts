// Changes of the room's own state inside a commit (docs/rules.md R22; room-policy §3, §5, §8.2, §8.6;
// protocol §7.6): room_metadata and base_room_policy travel, like a preauth_list change, as an AppDataUpdate
// (the whole new value) plus the commit's one GroupContextExtensions proposal whose dictionary must carry
// exactly that value; without an AppDataUpdate the GCE must keep the component as it is. roles_list changes
// travel as the GCE alone (group-context-check.ts) and are judged there; what the commit's room must meet
// afterwards (a new policy, redefined roles' constraints) is `roomChangeBreaks`, run on the room the commit makes.
import { encodeBaseRoomPolicy, type BaseRoomPolicy } from "../codec/base-room-policy.js";
import { encodeRoomMetaData, type RoomMetaData } from "../codec/room-metadata.js";
import { basePolicyBreach, basePolicyCreationProblem } from "./base-policy.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { actingUser } from "./classify-actions.js";
import type { CheckContext, CommitItem } from "./commit-item.js";
import { EMPTY_ROOM_METADATA } from "./fixtures/room-changes.js";
import { activeUsersOf, countActiveInRole, countInRole, roleByIndex, roleOfUser, type Member, type RoomState } from "./room-state.js";
import { invalidProposal, notAllowed, type Refusal } from "./verdict.js";

type GroupContextItem = Extract<CommitItem, { kind: "groupContextExtensions" }>;
type MetadataItem = Extract<CommitItem, { kind: "metadataUpdate" }>;
type PolicyItem = Extract<CommitItem, { kind: "basePolicyUpdate" }>;

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
function sameMetadata(a: RoomMetaData | undefined, b: RoomMetaData | undefined): boolean {
  return a === undefined || b === undefined ? a === b : hex(encodeRoomMetaData(a)) === hex(encodeRoomMetaData(b));
}
function samePolicy(a: BaseRoomPolicy | undefined, b: BaseRoomPolicy | undefined): boolean {
  return a === undefined || b === undefined ? a === b : hex(encodeBaseRoomPolicy(a)) === hex(encodeBaseRoomPolicy(b));
}

/** The metadata fields other than room_uri, in the order they are judged, with the capability each needs (room-policy §8.2). */
const METADATA_FIELDS: readonly (readonly [string, (m: RoomMetaData) => string, number])[] = [
  ["room_name", (m) => m.roomName, CAPABILITY.canChangeRoomName],
  ["room_descriptions", (m) => JSON.stringify(m.roomDescriptions.map((d) => [d.mediaType, d.languageTag, hex(d.descriptionContent)])), CAPABILITY.canChangeRoomDescription],
  ["room_avatar", (m) => m.roomAvatar, CAPABILITY.canChangeRoomAvatar],
  ["room_subject", (m) => m.roomSubject, CAPABILITY.canChangeRoomSubject],
  ["room_mood", (m) => m.roomMood, CAPABILITY.canChangeRoomMood],
];
const CAPABILITY_NAME = new Map(Object.entries(CAPABILITY).map(([name, value]) => [value as number, name]));

/** The acting user of an update by value; undefined when the hub authorised it (by reference, R17). */
function proposerOf(ctx: CheckContext, item: MetadataItem | PolicyItem): string | "byReference" | undefined {
  return item.byReference ? "byReference" : actingUser(item.proposer, ctx.hubUser);
}

function lacks(ctx: CheckContext, user: string | undefined, capability: number): boolean {
  return user === undefined || !hasCapability(roleOfUser(ctx.room, user), capability);
}

/** The GCE's copy of a component against what the commit's AppDataUpdate (or the room) says it is. */
function gceCopyRefusal<T>(ctx: CheckContext, gce: GroupContextItem | undefined, name: string, update: T | undefined, current: T | undefined, copy: T | undefined, same: (a: T | undefined, b: T | undefined) => boolean): Refusal | undefined {
  if (update !== undefined && gce === undefined) return invalidProposal("R13", `a ${name} update needs a GroupContextExtensions proposal with the new value`);
  // A GCE that drops the whole dictionary is the other checks' to refuse.
  if (gce === undefined || gce.participantList === undefined || same(copy, update ?? current)) return undefined;
  if (update !== undefined) return invalidProposal("R13", `the GroupContextExtensions ${name} differs from the AppDataUpdate's`);
  // Without its AppDataUpdate, a change of the component is a change of another extension (H12).
  return ctx.skip?.has("otherExtensions") === true ? undefined : notAllowed("R13", `the GroupContextExtensions proposal changes ${name} without its AppDataUpdate`);
}

function metadataRefusal(ctx: CheckContext, update: MetadataItem): Refusal | undefined {
  const current = ctx.room.metadata ?? EMPTY_ROOM_METADATA;
  const next = update.metadata;
  if (sameMetadata(next, ctx.room.metadata)) return undefined;
  if (next.roomUri !== current.roomUri) return invalidProposal("R22", "roomUriChanged: room_uri names the room and no capability changes it");
  const user = proposerOf(ctx, update);
  if (user === "byReference") return undefined;
  for (const [field, read, capability] of METADATA_FIELDS) {
    if (read(next) === read(current) || !lacks(ctx, user, capability)) continue;
    const name = CAPABILITY_NAME.get(capability)!;
    return notAllowed("R22", `missing${name[0]!.toUpperCase()}${name.slice(1)}: ${user ?? "the hub"} changes ${field} without ${name}`);
  }
  return undefined;
}

function policyRefusal(ctx: CheckContext, update: PolicyItem): Refusal | undefined {
  if (samePolicy(update.basePolicy, ctx.room.basePolicy)) return undefined;
  const user = proposerOf(ctx, update);
  if (user !== "byReference" && lacks(ctx, user, CAPABILITY.canChangeRoomMembershipStyle))
    return notAllowed("R22", `missingCanChangeRoomMembershipStyle: ${user ?? "the hub"} lacks canChangeRoomMembershipStyle`);
  // A policy no room could be created with (an adder under a fixed membership, no room for anyone).
  const problem = basePolicyCreationProblem({ ...ctx.room, basePolicy: update.basePolicy });
  return problem === undefined ? undefined : invalidProposal("R22", problem);
}

/** Why the commit's room_metadata or base_room_policy change (or the GCE's copy of either) is refused, or undefined. */
export function checkRoomComponentChanges(ctx: CheckContext, items: readonly CommitItem[], gce: GroupContextItem | undefined): Refusal | undefined {
  const metadata = items.filter((i): i is MetadataItem => i.kind === "metadataUpdate");
  const policies = items.filter((i): i is PolicyItem => i.kind === "basePolicyUpdate");
  // protocol §7.6: at most one RoomMetaUpdate per commit; the same reading for the policy's full replacement.
  if (metadata.length > 1) return invalidProposal("R22", "a commit holds at most one RoomMetaUpdate");
  if (policies.length > 1) return invalidProposal("R22", "a commit replaces base_room_policy at most once");
  const [m, p] = [metadata[0], policies[0]];
  const copies =
    gceCopyRefusal(ctx, gce, "room_metadata", m?.metadata, ctx.room.metadata, gce?.metadata, sameMetadata) ??
    gceCopyRefusal(ctx, gce, "base_room_policy", p?.basePolicy, ctx.room.basePolicy, gce?.basePolicy, samePolicy);
  if (copies !== undefined || ctx.skip?.has("roomChange") === true) return copies;
  return (m === undefined ? undefined : metadataRefusal(ctx, m)) ?? (p === undefined ? undefined : policyRefusal(ctx, p));
}

/** The base_room_policy a commit puts in place, if it carries one. */
export function newBasePolicyOf(items: readonly CommitItem[]): BaseRoomPolicy | undefined {
  return items.find((i): i is PolicyItem => i.kind === "basePolicyUpdate")?.basePolicy;
}

/**
 * R22 on the room the commit makes: each role the commit adds or redefines meets its constraints outright
 * (room-policy §3: the new list must hold for the room), and a new base policy holds for it, judged from
 * the room before (a fixed membership set now fixes the users listed before the change).
 */
export function roomChangeBreaks(
  before: RoomState,
  after: { room: RoomState; members: readonly Member[] },
  redefinedRoles: ReadonlySet<number>,
  newPolicy: BaseRoomPolicy | undefined,
): Refusal | undefined {
  const active = activeUsersOf(after.members);
  for (const index of redefinedRoles) {
    const role = roleByIndex(after.room.roles, index);
    if (role === undefined || index === 0) continue;
    const [n, a] = [countInRole(after.room, index), countActiveInRole(after.room, index, active)];
    const who = `role ${index} (${role.roleName})`;
    if (n < role.minimumParticipantsConstraint) return notAllowed("R22", `redefinedMinParticipants: ${who} would have ${n} participants, below its new minimum`);
    if (role.maximumParticipantsConstraint !== undefined && n > role.maximumParticipantsConstraint) return notAllowed("R22", `redefinedMaxParticipants: ${who} would have ${n} participants, above its new maximum`);
    if (a < role.minimumActiveParticipantsConstraint) return notAllowed("R22", `redefinedMinActive: ${who} would have ${a} active participants, below its new minimum`);
    if (role.maximumActiveParticipantsConstraint !== undefined && a > role.maximumActiveParticipantsConstraint) return notAllowed("R22", `redefinedMaxActive: ${who} would have ${a} active participants, above its new maximum`);
  }
  if (newPolicy === undefined || samePolicy(newPolicy, before.basePolicy)) return undefined;
  const breach = basePolicyBreach(newPolicy, before, after);
  return breach === undefined ? undefined : notAllowed("R22", breach);
}
