import type { ModelBasePolicy } from "./basePolicy.js";
import type { CapabilityName } from "./capabilities.js";
import type { ModelJoinCode } from "./joinCodes.js";
import type { ModelPreauthEntry } from "./preauth.js";

/** Role index 0: "not in the participant list" (not yet, no longer, or about to no longer be). */
export const NO_ROLE = 0;
/** Role index 1 named "banned": the banned role (room-policy §8.1.3). */
export const BANNED_ROLE = 1;
export const BANNED_ROLE_NAME = "banned";

/**
 * One entry of roles_list (room-policy §3), as plain model data.
 * `changes` is authorized_role_changes: from_role_index → target_role_indexes.
 * An absent maximum means "no maximum"; a minimum of 0 means "no minimum".
 */
export interface ModelRole {
  readonly index: number;
  readonly name: string;
  readonly capabilities: ReadonlySet<CapabilityName>;
  readonly minParticipants: number;
  readonly maxParticipants?: number;
  readonly minActive: number;
  readonly maxActive?: number;
  readonly changes: ReadonlyMap<number, readonly number[]>;
}

/** R12: the drafts delist in the commit that removes the clients; the 2023 design team delists after. */
export type LeaveOrder = "same-commit" | "clients-first";
/** R11: must a commit include every proposal the hub accepted in its epoch? */
export type PendingProposalsPolicy = "must-include" | "may-omit";

export const LEAVE_ORDERS: readonly LeaveOrder[] = ["same-commit", "clients-first"];
export const PENDING_PROPOSALS_POLICIES: readonly PendingProposalsPolicy[] = ["must-include", "may-omit"];

/**
 * How a room ends when nobody is left to commit an accepted leave (no draft says; digest §8 q.21):
 * - `stuck`: nothing ends it (today's reading, and the implementation's): the leave stays pending and
 *   its user blocked for ever;
 * - `hub-closes`: the hub closes the room when, after an accepted operation, proposals are pending and
 *   no unblocked participant has a client left to commit them; a closed room accepts nothing;
 * - `destroy`: a member whose committed role holds `canDestroyRoom` may ask the hub (a hub-local
 *   request, like creation) to destroy the room, even while its own leave is pending.
 */
export type RoomEnd = "stuck" | "hub-closes" | "destroy";

export const ROOM_ENDS: readonly RoomEnd[] = ["stuck", "hub-closes", "destroy"];

export interface ModelVariants {
  readonly leaveOrder: LeaveOrder;
  readonly pendingProposals: PendingProposalsPolicy;
  /** Absent means `stuck`. Only the model and its exploration read it; the implementation is `stuck`. */
  readonly roomEnd?: RoomEnd;
}

/** The room-end reading of these variants (absent: `stuck`). */
export function roomEndOf(variants: ModelVariants): RoomEnd {
  return variants.roomEnd ?? "stuck";
}

/**
 * Deliberately broken hubs, so that tests can show exploration catches a disabled guard.
 * Never set in a real run.
 */
export interface ModelFaults {
  /** Remove and ban commits leave the target's clients in the group (R5/R7 "all clients" not enforced). */
  readonly skipRemoveAllClients?: boolean;
  /** Minimum participant / active constraints are not checked (R5–R7, R9, R10). */
  readonly skipMinConstraints?: boolean;
  /** The hub's after-commit check (R13) is not run: the last line of defence is gone. */
  readonly skipPostCommitCheck?: boolean;
  /** The base room policy's caps and fixed membership are not checked on commits (R21). */
  readonly skipBasePolicy?: boolean;
  /** Every commit carrying an accepted leave is refused (R12): the leave can never complete (liveness). */
  readonly refuseLeaveCommits?: boolean;
}

export interface ModelConfig {
  readonly roles: readonly ModelRole[];
  /** The role the creator gets at room creation (e.g. the admin role). */
  readonly creatorRole: number;
  readonly variants: ModelVariants;
  readonly faults?: ModelFaults;
  /** The hub's join-code table (room-policy §8.1.1 canUseJoinCode), issued out of band: no MIMI flow
   * creates codes (canCreateJoinCode is reserved). Absent: no code is known. */
  readonly joinCodes?: readonly ModelJoinCode[];
  /** The hub lists its policy enforcer user at creation, in the role named policy_enforcer when the set has
   * one (docs/rules.md R18, model/enforcer.ts), as the implementation's hub does. Absent: the room lists no
   * enforcer and the hub has no role (the rooms of the model's own tests). */
  readonly hubListsEnforcer?: boolean;
  /** base_room_policy (room-policy §5; model/basePolicy.ts), set at creation. Absent: the room has none. */
  readonly basePolicy?: ModelBasePolicy;
  /** preauth_list (room-policy §4; model/preauth.ts), in order. Absent: the room has none. */
  readonly preauth?: readonly ModelPreauthEntry[];
  /** The provider (domain) hosting each user, for preauth's provider claims; the world fills it in. */
  readonly providerOf?: Readonly<Record<string, string>>;
  /** The preauth lists a holder of canChangePreauthorizedUserList may put in place (R20), by index. */
  readonly preauthLists?: readonly (readonly ModelPreauthEntry[])[];
}

export const DEFAULT_VARIANTS: ModelVariants = { leaveOrder: "same-commit", pendingProposals: "must-include" };

export const ALL_VARIANTS: readonly ModelVariants[] = [
  { leaveOrder: "same-commit", pendingProposals: "must-include" },
  { leaveOrder: "same-commit", pendingProposals: "may-omit" },
  { leaveOrder: "clients-first", pendingProposals: "must-include" },
  { leaveOrder: "clients-first", pendingProposals: "may-omit" },
];

export function findRole(config: ModelConfig, index: number): ModelRole | undefined {
  return config.roles.find((r) => r.index === index);
}

export function hasCapability(config: ModelConfig, roleIndex: number, capability: CapabilityName): boolean {
  return findRole(config, roleIndex)?.capabilities.has(capability) ?? false;
}

/** Does `actorRole`'s authorized_role_changes allow moving a user from role `from` to role `to`? */
export function roleChangeAllowed(config: ModelConfig, actorRole: number, from: number, to: number): boolean {
  return findRole(config, actorRole)?.changes.get(from)?.includes(to) ?? false;
}

/**
 * The role an open joiner is listed in (room-policy §8.1.1 canOpenJoin: "a non-zero target taken from
 * role 0's from=0 entry"): the first target of role 0's authorized_role_changes entry from 0 that is
 * neither 0 nor the banned role 1 (decision: the draft names no order; the first, as preauth's "first
 * match wins"). Undefined when there is none.
 */
export function openJoinRole(config: ModelConfig): number | undefined {
  return findRole(config, NO_ROLE)?.changes.get(NO_ROLE)?.find((to) => to !== NO_ROLE && to !== BANNED_ROLE);
}

/** Role 1 exists and is named exactly "banned" (required to use canBan / canUnban). */
export function bannedRoleIsDefined(config: ModelConfig): boolean {
  return findRole(config, BANNED_ROLE)?.name === BANNED_ROLE_NAME;
}

/** A role in which a user may have clients: it exists and its max active is not 0. */
export function roleAllowsClients(config: ModelConfig, roleIndex: number): boolean {
  const role = findRole(config, roleIndex);
  return role !== undefined && role.index !== NO_ROLE && role.maxActive !== 0;
}

/** A short, printable form of a configuration (for reports). */
export function describeConfig(config: ModelConfig): string {
  const roles = config.roles.map((r) => `${r.index}:${r.name}`).join(",");
  const faults = Object.entries(config.faults ?? {})
    .filter(([, on]) => on)
    .map(([name]) => name);
  return `roles[${roles}] creator=${config.creatorRole} leaveOrder=${config.variants.leaveOrder} pendingProposals=${config.variants.pendingProposals}${roomEndOf(config.variants) === "stuck" ? "" : ` roomEnd=${roomEndOf(config.variants)}`}${faults.length ? ` faults=${faults.join("+")}` : ""}`;
}
