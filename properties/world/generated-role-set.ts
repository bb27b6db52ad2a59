// Whole role sets generated at random (room-policy-03 §3, digest §3.2–§3.4): role 0 "no_role" and role 1
// "banned" as the project reads the draft (now and then a role 1 of another name, D11), 1–4 further roles at indexes that need not be contiguous,
// random subsets of the capabilities both sides enforce, random constraints and authorized_role_changes.
// One abstract description feeds both readings: `modelConfigOf` writes it as the model's config and
// `implementationRolesOf` as the implementation's roles_list; each side then judges it with its own code.
// `invalidRoleSetArbitrary` breaks a valid set in exactly one way the drafts forbid, which both sides must
// refuse at the room's creation.
import fc from "fast-check";
import type { RoleData } from "../../impl/codec/roles.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";
import type { CapabilityName, ModelConfig, ModelVariants } from "../../model/index.js";
import { DEFAULT_VARIANTS } from "../../model/index.js";
import { defineRole } from "../../model/fixtures/roleBuilder.js";

/** The capabilities both sides enforce and compare (docs/rules.md, "Capabilities"), plus canReceiveMessage,
 * which every appendix role has and nothing consults. canOpenJoin is left out: it may sit only on role 0,
 * and open joins are generated only for the public set. */
export const GENERATED_CAPABILITIES = [
  "canAddParticipant",
  "canRemoveParticipant",
  "canAddOwnClient",
  "canRemoveSelf",
  "canKick",
  "canBan",
  "canUnban",
  "canChangeUserRole",
  "canSendMessage",
  "canReceiveMessage",
] as const satisfies readonly CapabilityName[];

export type GeneratedCapability = (typeof GENERATED_CAPABILITIES)[number];

/** One role, as the draft's Role struct says it (constraints: minimum 0 = none, absent maximum = none). */
export interface GeneratedRole {
  readonly index: number;
  readonly name: string;
  readonly capabilities: readonly (GeneratedCapability | "canOpenJoin")[];
  readonly minParticipants: number;
  readonly maxParticipants?: number;
  readonly minActive: number;
  readonly maxActive?: number;
  /** authorized_role_changes, as (from, [targets]) pairs in wire order. */
  readonly changes: readonly (readonly [number, readonly number[]])[];
}

/**
 * The one way an invalid set breaks the drafts' (or this project's written) reading of roles_list:
 * - `duplicateRoleIndex`: two roles with one role_index (each role is defined once);
 * - `noRoleMissing`: no role 0, the role of every non-participant (§3: index 0 is reserved for it);
 * - `undefinedRoleInChanges`: an authorized_role_changes entry names a role the set does not define;
 * - `minAboveMax`: a minimum (participants or active) above its maximum, a constraint no room can meet;
 * - `openJoinOnNonZeroRole`: canOpenJoin on a non-zero role (§8.1.1 MUST NOT);
 * - `creatorRoleUnusable`: the creator's role may hold no client (max active 0).
 */
export const INVALIDITY_KINDS = [
  "duplicateRoleIndex",
  "noRoleMissing",
  "undefinedRoleInChanges",
  "minAboveMax",
  "openJoinOnNonZeroRole",
  "creatorRoleUnusable",
] as const;

export type InvalidityKind = (typeof INVALIDITY_KINDS)[number];

export interface GeneratedRoleSet {
  readonly roles: readonly GeneratedRole[];
  /** The role the creator takes (always one of the further roles). */
  readonly creatorRole: number;
  /** Undefined for a valid set; otherwise the one way it was broken. */
  readonly invalidity?: InvalidityKind;
}

const NO_ROLE: GeneratedRole = { index: 0, name: "no_role", capabilities: [], minParticipants: 0, minActive: 0, maxActive: 0, changes: [] };
const BANNED: GeneratedRole = { index: 1, name: "banned", capabilities: [], minParticipants: 0, minActive: 0, maxActive: 0, changes: [] };

/** Constraints that some room can meet: min ≤ max for participants and active participants. */
const constraintsArbitrary = (creator: boolean) =>
  fc
    .record({
      minParticipants: fc.constantFrom(0, 0, 0, 1, 2),
      extraParticipants: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 2 }),
      minActive: fc.constantFrom(0, 0, 0, 1),
      extraActive: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 2 }),
    })
    .map(({ minParticipants, extraParticipants, minActive: wantedMinActive, extraActive }) => {
      // The creator's role must be able to hold the creator and its client.
      const maxParticipants = extraParticipants === undefined ? undefined : Math.max(minParticipants + extraParticipants, creator ? 1 : 0);
      const minActive = Math.min(wantedMinActive, maxParticipants ?? wantedMinActive);
      const maxActiveRaw = extraActive === undefined ? undefined : minActive + extraActive;
      const maxActive = creator && maxActiveRaw === 0 ? 1 : maxActiveRaw;
      return {
        minParticipants,
        ...(maxParticipants === undefined ? {} : { maxParticipants }),
        minActive,
        ...(maxActive === undefined ? {} : { maxActive }),
      };
    });

/** authorized_role_changes over the defined indexes: distinct sources, each with ≥ 1 target other than itself. */
const changesArbitrary = (defined: readonly number[], mustAddFromZero: boolean) =>
  fc
    .subarray([...defined], { minLength: 0 })
    .chain((froms) => {
      const sources = mustAddFromZero && !froms.includes(0) ? [0, ...froms] : froms;
      return fc.tuple(
        ...sources.map((from) =>
          fc.subarray(defined.filter((to) => to !== from), { minLength: 1 }).map((targets) => [from, targets] as const),
        ),
      );
    })
    .map((entries) => entries as readonly (readonly [number, readonly number[]])[]);

/** A valid role set: roles 0 and 1, then 1–4 further roles; the first of them is the creator's. */
export const roleSetArbitrary: fc.Arbitrary<GeneratedRoleSet> = fc
  .uniqueArray(fc.integer({ min: 2, max: 9 }), { minLength: 1, maxLength: 4 })
  .chain((further) => {
    const defined = [0, 1, ...further];
    const roles = further.map((index, i) => {
      const creator = i === 0;
      return fc
        .record({
          // The creator's role can add users and their clients, so that runs reach rooms with several users.
          capabilities: fc.subarray([...GENERATED_CAPABILITIES], { minLength: creator ? 3 : 0 }),
          constraints: constraintsArbitrary(creator),
          changes: changesArbitrary(defined, creator),
        })
        .map(({ capabilities, constraints, changes }): GeneratedRole => ({
          index,
          name: `role${index}`,
          capabilities: creator ? [...new Set<GeneratedCapability>(["canAddParticipant", "canAddOwnClient", ...capabilities])] : capabilities,
          ...constraints,
          changes,
        }));
    });
    // Now and then role 1 is not named "banned": a room where nobody may ban or unban (docs/rules.md D11).
    const roleOne = fc.oneof({ weight: 7, arbitrary: fc.constant(BANNED) }, { weight: 1, arbitrary: fc.constant({ ...BANNED, name: "muted" }) });
    return fc.tuple(roleOne, ...roles).map(([one, ...rs]): GeneratedRoleSet => ({ roles: [NO_ROLE, one, ...rs], creatorRole: further[0]! }));
  });

/** A valid set broken in exactly one way (its `invalidity`). */
export const invalidRoleSetArbitrary: fc.Arbitrary<GeneratedRoleSet> = fc
  .tuple(roleSetArbitrary, fc.constantFrom(...INVALIDITY_KINDS), fc.nat())
  .map(([set, invalidity, pick]) => ({ ...breakRoleSet(set, invalidity, pick), invalidity }));

function breakRoleSet(set: GeneratedRoleSet, kind: InvalidityKind, pick: number): Pick<GeneratedRoleSet, "roles" | "creatorRole"> {
  const further = set.roles.filter((r) => r.index > 1);
  const victim = further[pick % further.length]!;
  const replace = (changed: GeneratedRole) => set.roles.map((r) => (r.index === changed.index ? changed : r));
  const creator = set.roles.find((r) => r.index === set.creatorRole)!;
  switch (kind) {
    case "duplicateRoleIndex":
      return { ...set, roles: [...set.roles, { ...victim, name: `${victim.name}_again`, capabilities: [] }] };
    case "noRoleMissing":
      return { ...set, roles: set.roles.filter((r) => r.index !== 0) };
    case "undefinedRoleInChanges":
      // Index 10 is never generated.
      return { ...set, roles: replace({ ...victim, changes: [...victim.changes.filter(([from]) => from !== 0), [0, [10]]] }) };
    case "minAboveMax":
      return pick % 2 === 0
        ? { ...set, roles: replace({ ...victim, minParticipants: 2, maxParticipants: 1 }) }
        : { ...set, roles: replace({ ...victim, minActive: 2, maxActive: 1 }) };
    case "openJoinOnNonZeroRole":
      return { ...set, roles: replace({ ...victim, capabilities: [...victim.capabilities, "canOpenJoin"] }) };
    case "creatorRoleUnusable":
      return { ...set, roles: replace({ ...creator, minActive: 0, maxActive: 0 }) };
  }
}

/** The set in the model's terms (model/config.ts), read by the model's own rules. */
export function modelConfigOf(set: GeneratedRoleSet, variants: ModelVariants = DEFAULT_VARIANTS): ModelConfig {
  return {
    roles: set.roles.map((r) =>
      defineRole({
        index: r.index,
        name: r.name,
        capabilities: r.capabilities,
        minParticipants: r.minParticipants,
        minActive: r.minActive,
        ...(r.maxParticipants === undefined ? {} : { maxParticipants: r.maxParticipants }),
        ...(r.maxActive === undefined ? {} : { maxActive: r.maxActive }),
        changes: r.changes,
      }),
    ),
    creatorRole: set.creatorRole,
    variants,
  };
}

/** The set as the implementation's roles_list (impl/codec/roles.ts), read by the room brick's own rules. */
export function implementationRolesOf(set: GeneratedRoleSet): { roles: RoleData; creatorRole: number } {
  return {
    roles: {
      roles: set.roles.map((r) => ({
        roleIndex: r.index,
        roleName: r.name,
        roleDescription: "",
        roleCapabilities: r.capabilities.map((name) => CAPABILITY[name]),
        minimumParticipantsConstraint: r.minParticipants,
        maximumParticipantsConstraint: r.maxParticipants,
        minimumActiveParticipantsConstraint: r.minActive,
        maximumActiveParticipantsConstraint: r.maxActive,
        authorizedRoleChanges: r.changes.map(([from, targets]) => ({ fromRoleIndex: from, targetRoleIndexes: [...targets] })),
      })),
    },
    creatorRole: set.creatorRole,
  };
}

/** One line per role, for reports: `2 role2 [canAddParticipant,…] p0..2 a0..∞ (0→[2,3])`. */
export function describeRoleSet(set: GeneratedRoleSet): string {
  const bound = (min: number, max: number | undefined) => `${min}..${max ?? "∞"}`;
  const roles = set.roles.map(
    (r) =>
      `${r.index} ${r.name} [${r.capabilities.join(",")}] p${bound(r.minParticipants, r.maxParticipants)} a${bound(r.minActive, r.maxActive)} ${r.changes.map(([f, t]) => `(${f}→[${t.join(",")}])`).join("")}`,
  );
  return `creator role ${set.creatorRole}${set.invalidity ? `, broken: ${set.invalidity}` : ""}\n  ${roles.join("\n  ")}`;
}
