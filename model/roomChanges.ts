import type { CapabilityName } from "./capabilities.js";
import { NO_ROLE, findRole, type ModelConfig, type ModelRole } from "./config.js";
import type { RoomEvent } from "./events.js";
import { userOf, type ClientId } from "./ids.js";
import { basePolicyBreach, basePolicyCreationProblem, type ModelBasePolicy } from "./basePolicy.js";
import { planCommit } from "./effects.js";
import type { RuleCheck } from "./hubRules.js";
import { liveRoster, type RoomContext } from "./roomContext.js";
import { countActiveInRole, countInRole, entryOf } from "./roster.js";
import { roleSetProblem } from "./roleSetValidity.js";

/**
 * R22, changes of the room's own state (docs/rules.md R22; room-policy §3, §5, §8.2, §8.6; protocol §7.6):
 * a commit replacing roles_list (canChangeRoleDefinitions), base_room_policy (canChangeRoomMembershipStyle)
 * or room_metadata (one canChangeRoom* capability per changed field). Each operation names one of a small
 * set of abstract changes, transcribed here from the drafts' text and, independently, by the implementation
 * (impl/room/fixtures/room-changes.ts). Putting in place what the room already holds changes nothing and
 * needs nothing (as for the preauth list, R20).
 */

/** The room_metadata fields (protocol §7.6), each compared by value; `uri` is room_uri, which no capability changes. */
export const METADATA_FIELDS = ["uri", "name", "description", "avatar", "subject", "mood"] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];
/** The room's metadata as this model sees it: for each field, the change that last set it ("" : as created). */
export type ModelMetadata = Readonly<Record<MetadataField, string>>;
export const INITIAL_METADATA: ModelMetadata = { uri: "", name: "", description: "", avatar: "", subject: "", mood: "" };

/** The capability each field's change needs (room-policy §8.2); room_uri has none. */
export const METADATA_CAPABILITY: Readonly<Record<Exclude<MetadataField, "uri">, CapabilityName>> = {
  name: "canChangeRoomName",
  description: "canChangeRoomDescription",
  avatar: "canChangeRoomAvatar",
  subject: "canChangeRoomSubject",
  mood: "canChangeRoomMood",
};

/**
 * The metadata changes, by index: each sets the fields listed to its own new value (`m<index>`).
 * 0: a new room_name; 1: room_subject and room_mood; 2: a room description and avatar; 3: every field but
 * room_uri; 4: room_uri (refused: the room's identity, protocol §7.6, has no capability).
 */
export const METADATA_CHANGES: readonly (readonly MetadataField[])[] = [
  ["name"],
  ["subject", "mood"],
  ["description", "avatar"],
  ["name", "description", "avatar", "subject", "mood"],
  ["uri"],
];

/**
 * The base policies a holder of canChangeRoomMembershipStyle may put in place, by index (only the fields
 * with a protocol meaning, model/basePolicy.ts): 0 permissive; 1 multi_device false; 2 max_users 2;
 * 3 fixed_membership; 4 max_clients 0 (refused: no room may exclude its members, as at creation).
 */
export const POLICY_CHANGES: readonly ModelBasePolicy[] = [
  { fixedMembership: false, multiDevice: true },
  { fixedMembership: false, multiDevice: false },
  { fixedMembership: false, multiDevice: true, maxUsers: 2 },
  { fixedMembership: true, multiDevice: true },
  { fixedMembership: false, multiDevice: true, maxClients: 0 },
];

/** The role index a role-definition change adds (unused by every role set here). */
export const ADDED_ROLE_INDEX = 200;

/**
 * The roles_list changes, by index, as functions of the current list and the creator's role `c`:
 * 0 tighten: role c's maximum_participants_constraint becomes 1; 1 drop: role c loses canSendMessage;
 * 2 add: a role 200 "observer" with no capability, no constraint and no role changes; 3 invalid: a second
 * role 0 (refused, as at creation: each index once).
 */
export const ROLE_CHANGE_COUNT = 4;

export function changedRoles(roles: readonly ModelRole[], creatorRole: number, change: number): readonly ModelRole[] | undefined {
  const edit = (f: (r: ModelRole) => ModelRole) => roles.map((r) => (r.index === creatorRole ? f(r) : r));
  switch (change) {
    case 0:
      return edit((r) => ({ ...r, maxParticipants: 1 }));
    case 1:
      return edit((r) => ({ ...r, capabilities: new Set([...r.capabilities].filter((c) => c !== "canSendMessage")) }));
    case 2:
      return [
        ...roles.filter((r) => r.index !== ADDED_ROLE_INDEX),
        { index: ADDED_ROLE_INDEX, name: "observer", capabilities: new Set(), minParticipants: 0, minActive: 0, changes: new Map() },
      ];
    case 3:
      return [...roles, { index: NO_ROLE, name: "again", capabilities: new Set(), minParticipants: 0, minActive: 0, changes: new Map() }];
    default:
      return undefined;
  }
}

/** A role's definition as comparable text (capabilities and changes sorted). */
function roleKey(r: ModelRole): string {
  return JSON.stringify([r.index, r.name, [...r.capabilities].sort(), r.minParticipants, r.maxParticipants ?? null, r.minActive, r.maxActive ?? null, [...r.changes].sort((a, b) => a[0] - b[0]).map(([f, t]) => [f, [...t].sort((x, y) => x - y)])]);
}

/** A roles_list as comparable text, in list order (the wire's order). */
export function rolesKey(roles: readonly ModelRole[]): string {
  return roles.map(roleKey).join("|");
}

/** The room's metadata now. */
export function currentMetadata(ctx: Pick<RoomContext, "metadata">): ModelMetadata {
  return ctx.metadata ?? INITIAL_METADATA;
}

/** The metadata after change `change` (undefined: no such change). */
export function changedMetadata(current: ModelMetadata, change: number): ModelMetadata | undefined {
  const fields = METADATA_CHANGES[change];
  if (fields === undefined) return undefined;
  return { ...current, ...Object.fromEntries(fields.map((f) => [f, `m${change}`])) };
}

function samePolicy(a: ModelBasePolicy | undefined, b: ModelBasePolicy | undefined): boolean {
  const key = (p: ModelBasePolicy | undefined) => (p === undefined ? "-" : JSON.stringify([p.fixedMembership, p.multiDevice, p.maxClients ?? null, p.maxUsers ?? null]));
  return key(a) === key(b);
}

export type RoomChangeEvent = Extract<RoomEvent, { type: "changeRoleDefinitions" | "changeRoomPolicy" | "changeMetadata" }>;

const SKIP: RuleCheck = { applies: false };
const PASS: RuleCheck = { applies: true, ok: true };
const refuse = (reason: string): RuleCheck => ({ applies: true, ok: false, code: "notAllowed", reason });
const malformed = (reason: string): RuleCheck => ({ applies: true, ok: false, code: "invalidProposal", reason });

function can(ctx: RoomContext, actor: ClientId, capability: CapabilityName): boolean {
  const role = entryOf(liveRoster(ctx), userOf(actor)).role;
  return findRole(ctx.config, role)?.capabilities.has(capability) === true;
}

/** A pending proposal the commit carries that is a participant-list change (a listing, a delisting, an enforcer's change). */
function pendingListChange(ctx: RoomContext): boolean {
  return ctx.pending.some((p) => p.kind === "list" || p.kind === "delist" || p.kind === "enforce");
}

/** The commit this change is, with the epoch's pending proposals (what an honest member sends). */
const asCommit = (event: RoomChangeEvent): RoomEvent => ({ type: "commit", actor: event.actor, includePending: true });

/** Why roles_list `roles` breaks, after the commit, a constraint of a role it adds or redefines (outright). */
function redefinedRoleBreaks(ctx: RoomContext, roles: readonly ModelRole[], event: RoomChangeEvent): string | null {
  const before = new Map(ctx.config.roles.map((r) => [r.index, roleKey(r)]));
  const after = planCommit(ctx, asCommit(event)).roster;
  for (const role of roles) {
    if (role.index === NO_ROLE || before.get(role.index) === roleKey(role)) continue;
    const [n, active] = [countInRole(after, role.index), countActiveInRole(after, role.index)];
    if (n < role.minParticipants) return "redefinedMinParticipants";
    if (role.maxParticipants !== undefined && n > role.maxParticipants) return "redefinedMaxParticipants";
    if (active < role.minActive) return "redefinedMinActive";
    if (role.maxActive !== undefined && active > role.maxActive) return "redefinedMaxActive";
  }
  return null;
}

/**
 * roles_list (room-policy §3, §8.6): never beside a participant-list change (the commit's pending listings
 * and delistings included), valid as a role set at creation (model/roleSetValidity.ts), every listed user's
 * role still defined, by a holder of canChangeRoleDefinitions; and each role it adds or redefines meets its
 * constraints outright on the list the commit makes (the others keep R13's "no violation appears").
 */
function roleDefinitionsChange(ctx: RoomContext, event: Extract<RoomEvent, { type: "changeRoleDefinitions" }>): RuleCheck {
  const roles = changedRoles(ctx.config.roles, ctx.config.creatorRole, event.change);
  if (roles === undefined) return malformed("unknownRoleChange");
  if (rolesKey(roles) === rolesKey(ctx.config.roles)) return PASS;
  if (pendingListChange(ctx)) return malformed("rolesWithListChange");
  const problem = roleSetProblem({ ...ctx.config, roles });
  if (problem !== undefined) return malformed(problem);
  const listed = Object.values(ctx.roster).map((e) => e.role).filter((r) => r !== NO_ROLE);
  if (listed.some((r) => !roles.some((role) => role.index === r))) return malformed("listedRoleUndefined");
  if (!can(ctx, event.actor, "canChangeRoleDefinitions")) return refuse("missingCanChangeRoleDefinitions");
  const breaks = redefinedRoleBreaks(ctx, roles, event);
  return breaks === null ? PASS : refuse(breaks);
}

/**
 * base_room_policy (room-policy §5, §8.6): by a holder of canChangeRoomMembershipStyle; the new policy must
 * be one a room could be created with (its roles_list included: no adder under a fixed membership), and
 * must hold for the room the commit makes, judged from the room before it: a fixed membership set now
 * fixes the users listed before the change, so a pending listing beside it is refused (fixedMembership).
 */
function roomPolicyChange(ctx: RoomContext, event: Extract<RoomEvent, { type: "changeRoomPolicy" }>): RuleCheck {
  const policy = POLICY_CHANGES[event.policy];
  if (policy === undefined) return malformed("unknownPolicyChange");
  if (samePolicy(policy, ctx.config.basePolicy)) return PASS;
  if (!can(ctx, event.actor, "canChangeRoomMembershipStyle")) return refuse("missingCanChangeRoomMembershipStyle");
  const problem = basePolicyCreationProblem({ ...ctx.config, basePolicy: policy });
  if (problem !== undefined) return malformed(problem);
  const breach = basePolicyBreach(policy, ctx.roster, planCommit(ctx, asCommit(event)).roster);
  return breach === null ? PASS : refuse(breach);
}

/** room_metadata (protocol §7.6, room-policy §8.2): room_uri never changes; each other changed field needs its capability. */
function metadataChange(ctx: RoomContext, event: Extract<RoomEvent, { type: "changeMetadata" }>): RuleCheck {
  const current = currentMetadata(ctx);
  const next = changedMetadata(current, event.change);
  if (next === undefined) return malformed("unknownMetadataChange");
  if (next.uri !== current.uri) return malformed("roomUriChanged");
  for (const field of METADATA_FIELDS) {
    if (field === "uri" || next[field] === current[field]) continue;
    const capability = METADATA_CAPABILITY[field];
    if (!can(ctx, event.actor, capability)) return refuse(`missing${capability[0]!.toUpperCase()}${capability.slice(1)}`);
  }
  return PASS;
}

/** R22: the room-state change operations (the others skip it). */
export function r22(ctx: RoomContext, event: RoomEvent): RuleCheck {
  switch (event.type) {
    case "changeRoleDefinitions":
      return roleDefinitionsChange(ctx, event);
    case "changeRoomPolicy":
      return roomPolicyChange(ctx, event);
    case "changeMetadata":
      return metadataChange(ctx, event);
    default:
      return SKIP;
  }
}

/** The room after an accepted change: a commit (with the pending proposals) whose GroupContext carries the new component. */
export function applyRoomChange(ctx: RoomContext, event: RoomChangeEvent, commit: (ctx: RoomContext, event: RoomEvent) => RoomContext): RoomContext {
  const next = commit(ctx, asCommit(event));
  switch (event.type) {
    case "changeRoleDefinitions":
      return { ...next, config: { ...next.config, roles: changedRoles(ctx.config.roles, ctx.config.creatorRole, event.change)! } };
    case "changeRoomPolicy":
      return { ...next, config: { ...next.config, basePolicy: POLICY_CHANGES[event.policy]! } };
    case "changeMetadata":
      return { ...next, metadata: changedMetadata(currentMetadata(ctx), event.change)! };
  }
}
