// The join codes of a run's room (room-policy §8.1.1 canUseJoinCode; docs/rules.md R4 "Join codes"). No
// MIMI flow issues codes (canCreateJoinCode is reserved), so the hub of each run is configured with a
// table, and the model gets the same table as an input, each in its own terms (ModelJoinCode here, the
// hub's JoinCode in implementation-under-test.ts). The table is drawn deterministically from the role set
// (a fixed-seed generator over its roles): every replay of a run gets the same codes.
import { BANNED_ROLE, hasCapability, NO_ROLE, type ModelConfig, type ModelJoinCode, type ModelVariants } from "../../model/index.js";
import { MODEL_ROLE_SETS } from "../../model/fixtures/index.js";
import type { JoinCode } from "../../impl/room/authorize-join-code.js";

/** A code in no table: presented, it is refused as unknown. */
export const UNKNOWN_JOIN_CODE = "jc-unknown";

/** A small deterministic generator (mulberry32): the same seed, the same draws. */
function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

/** The seed of a role set: its roles' indexes and names, hashed. */
function seedOf(config: ModelConfig): number {
  let h = 2166136261;
  for (const ch of config.roles.map((r) => `${r.index}:${r.name}`).join(",")) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/**
 * The codes of a room whose role 0 holds canUseJoinCode (none otherwise): a single-use code and a
 * multi-use one, each naming a joinable role (the multi-use one preferring a role with a maximum of
 * participants, so that maxima are reached), an expired code, a code naming a role the set does not
 * define, and one naming the banned role 1.
 */
export function joinCodeTable(config: ModelConfig): readonly ModelJoinCode[] {
  if (!hasCapability(config, NO_ROLE, "canUseJoinCode")) return [];
  const draw = generator(seedOf(config));
  const joinable = config.roles.map((r) => r.index).filter((i) => i !== NO_ROLE && i !== BANNED_ROLE).sort((a, b) => a - b);
  if (joinable.length === 0) return [];
  const capped = joinable.filter((i) => config.roles.find((r) => r.index === i)?.maxParticipants !== undefined);
  const any = () => joinable[draw(joinable.length)]!;
  return [
    { code: "jc-once", role: any(), state: "single-use" },
    { code: "jc-many", role: capped.length > 0 ? capped[draw(capped.length)]! : any(), state: "valid" },
    { code: "jc-expired", role: any(), state: "expired" },
    { code: "jc-no-role", role: Math.max(...config.roles.map((r) => r.index)) + 1, state: "valid" },
    { code: "jc-banned", role: BANNED_ROLE, state: "valid" },
  ];
}

/** `config` with its join-code table (unchanged where role 0 cannot use codes). */
export function withJoinCodeTable(config: ModelConfig): ModelConfig {
  const codes = joinCodeTable(config);
  return codes.length === 0 || config.joinCodes !== undefined ? config : { ...config, joinCodes: codes };
}

/** The codes a command may present in a room with `config`: its table's, and one no table holds. */
export function presentableJoinCodes(config: ModelConfig): readonly string[] {
  return [...(config.joinCodes ?? []).map((c) => c.code), UNKNOWN_JOIN_CODE];
}

/** The hub's own form of the model's table (the same codes, roles and states). */
export function hubJoinCodes(codes: readonly ModelJoinCode[] | undefined): JoinCode[] {
  return (codes ?? []).map((c) => ({ code: c.code, roleIndex: c.role, state: c.state }));
}

/**
 * Whether runs of this role set generate joins with a code: where role 0 holds canUseJoinCode (Appendix
 * A.2 strict, A.3 moderated). Generated sets never give role 0 a capability, so they do not.
 */
export function joinCodesOffered(roleSet: string, variants: ModelVariants): boolean {
  const make = (MODEL_ROLE_SETS as Readonly<Record<string, ((v: ModelVariants) => ModelConfig) | undefined>>)[roleSet];
  return make !== undefined && hasCapability(make(variants), NO_ROLE, "canUseJoinCode");
}
