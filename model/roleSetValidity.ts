import { NO_ROLE, type ModelConfig } from "./config.js";

/**
 * Why a role set cannot be a room's roles_list (room-policy-03 §3, §8; docs/rules.md "Generated
 * policies"), or undefined. The hub refuses to create a room with such a set (R0, invalidProposal):
 * - `duplicateRoleIndex`: a role_index defined twice;
 * - `noRoleMissing`: no role 0, the role of every non-participant;
 * - `undefinedRoleInChanges`: an authorized_role_changes entry names an undefined role;
 * - `minAboveMax`: a minimum above its maximum (participants or active participants);
 * - `openJoinOnNonZeroRole`: canOpenJoin on a role other than 0 (§8.1.1 MUST NOT).
 * A role 1 that is missing or not named "banned" is no reason (D11: the room exists, and nobody in it may
 * ban or unban). Two entries with one from_role_index cannot be written in this model: `changes` is a map.
 */
export function roleSetProblem(config: ModelConfig): string | undefined {
  const { roles } = config;
  const indexes = roles.map((r) => r.index);
  if (new Set(indexes).size !== indexes.length) return "duplicateRoleIndex";
  if (!indexes.includes(NO_ROLE)) return "noRoleMissing";
  const named = roles.flatMap((r) => [...r.changes].flatMap(([from, to]) => [from, ...to]));
  if (named.some((index) => !indexes.includes(index))) return "undefinedRoleInChanges";
  const above = (min: number, max: number | undefined) => max !== undefined && min > max;
  if (roles.some((r) => above(r.minParticipants, r.maxParticipants) || above(r.minActive, r.maxActive))) return "minAboveMax";
  if (roles.some((r) => r.index !== NO_ROLE && r.capabilities.has("canOpenJoin"))) return "openJoinOnNonZeroRole";
  return undefined;
}
