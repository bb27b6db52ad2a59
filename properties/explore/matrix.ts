import {
  describeEvent,
  LEAVE_ORDERS,
  MODEL_INVARIANTS,
  PENDING_PROPOSALS_POLICIES,
  ROOM_ENDS,
  roomEndOf,
  type ModelConfig,
  type ModelFaults,
  type ModelInvariantName,
  type ModelVariants,
  type RoomEvent,
} from "../../model/index.js";
import { cooperativeConfig, moderatedConfig, multiOrgConfig, restrictedConfig, strictConfig } from "../../model/fixtures/index.js";
import { formatTable } from "../report/format-table.js";
import { exploreModel, type ExploredProperty } from "./exploreModel.js";

/**
 * The variant matrix: the model explored under every combination of its readings of the drafts' open
 * questions (leave order × pending proposals × room end; docs/rules.md "Open questions and their
 * variants"), each combination judged on every model invariant and on liveness. What a spec author
 * comes for: which reading breaks which property, with the shortest counterexample in words.
 */
export type MatrixRoleSet = "cooperative" | "cooperative-super-admin" | "strict" | "moderated" | "multi-org" | "restricted";

const CONFIGS: Readonly<Record<MatrixRoleSet, (variants: ModelVariants) => ModelConfig>> = {
  cooperative: cooperativeConfig,
  // Appendix A.1 with the creator made super_admin: the one role there holding canDestroyRoom that a
  // user can hold (policy_enforcer is the hub's), and without a minimum, so the creator may leave alone.
  "cooperative-super-admin": (variants) => ({ ...cooperativeConfig(variants), creatorRole: 4 }),
  strict: strictConfig,
  moderated: moderatedConfig,
  "multi-org": multiOrgConfig,
  restricted: restrictedConfig,
};

export const MATRIX_ROLE_SETS = Object.keys(CONFIGS) as MatrixRoleSet[];

/** Every combination of the model's variants, leave order slowest. */
export const MATRIX_VARIANTS: readonly ModelVariants[] = LEAVE_ORDERS.flatMap((leaveOrder) =>
  PENDING_PROPOSALS_POLICIES.flatMap((pendingProposals) => ROOM_ENDS.map((roomEnd) => ({ leaveOrder, pendingProposals, roomEnd }))),
);

/** The matrix's columns: every model invariant, then liveness. */
export const MATRIX_PROPERTIES: readonly ExploredProperty[] = [...(Object.keys(MODEL_INVARIANTS) as ModelInvariantName[]), "liveness"];

export interface MatrixRow {
  readonly roleSet: MatrixRoleSet;
  readonly variants: ModelVariants;
  readonly states: number;
  /** States with a leave pending: what liveness judged (0: it judged nothing, and the cell says so). */
  readonly leavePending: number;
  /** States with a leave pending whose liveness lies beyond the depth bound. */
  readonly undecided: number;
  /** Per property: undefined when it holds in every explored state, else a shortest counterexample. */
  readonly counterexamples: Readonly<Partial<Record<ExploredProperty, readonly RoomEvent[]>>>;
  readonly durationMs: number;
}

export interface Matrix {
  readonly depth: number;
  readonly rows: readonly MatrixRow[];
}

/** "same-commit/must-include/stuck": a combination's short name. */
export function combinationName(variants: ModelVariants): string {
  return `${variants.leaveOrder}/${variants.pendingProposals}/${roomEndOf(variants)}`;
}

export interface MatrixOptions {
  readonly roleSets?: readonly MatrixRoleSet[];
  /** Exploration depth of every combination; default 5. */
  readonly depth?: number;
  /** Planted model defects (tests only), applied in every combination. */
  readonly faults?: ModelFaults;
}

export function runMatrix(options: MatrixOptions = {}): Matrix {
  const depth = options.depth ?? 5;
  const rows: MatrixRow[] = [];
  for (const roleSet of options.roleSets ?? MATRIX_ROLE_SETS)
    for (const variants of MATRIX_VARIANTS) {
      const config = CONFIGS[roleSet](variants);
      const report = exploreModel({ config: options.faults ? { ...config, faults: options.faults } : config, depth });
      const counterexamples: Partial<Record<ExploredProperty, readonly RoomEvent[]>> = {};
      for (const violation of report.violations) counterexamples[violation.invariant] = violation.path;
      // Liveness is judged in every reading here, roomEnd stuck included: that is the point of the column.
      if (report.liveness.shortest) counterexamples.liveness = report.liveness.shortest.path;
      rows.push({ roleSet, variants, states: report.states, leavePending: report.liveness.statesWithLeavePending, undecided: report.liveness.undecided, counterexamples, durationMs: report.durationMs });
    }
  return { depth, rows };
}

/** Whether every model invariant holds in every combination (liveness aside: it is a reading's consequence). */
export function invariantsHoldEverywhere(matrix: Matrix): boolean {
  return matrix.rows.every((row) => Object.keys(row.counterexamples).every((p) => p === "liveness"));
}

/**
 * The table: one row per role set and combination, one column per property (numbered, with a legend),
 * each cell "✓" (holds in every explored state) or "✗" and the letter of its counterexample, listed in
 * words below the table (one letter per distinct counterexample).
 */
export function formatMatrix(matrix: Matrix): string[] {
  const letters = new Map<string, string>();
  const examples: string[] = [];
  const letterOf = (path: readonly RoomEvent[]) => {
    const words = path.map((event, i) => `${i + 1}. ${describeEvent(event)}`).join("; ");
    let letter = letters.get(words);
    if (letter === undefined) {
      letter = String.fromCharCode(65 + letters.size);
      letters.set(words, letter);
      examples.push(`  ${letter}: ${words}`);
    }
    return letter;
  };
  const columnOf = (property: ExploredProperty, i: number) => (property === "liveness" ? "L" : `I${i + 1}`);
  const header = ["role set", "leave order/pending/room end", "states", ...MATRIX_PROPERTIES.map(columnOf), "undecided"];
  const body = matrix.rows.map((row) => [
    row.roleSet,
    combinationName(row.variants),
    String(row.states),
    ...MATRIX_PROPERTIES.map((property) => {
      const path = row.counterexamples[property];
      if (property === "liveness" && row.leavePending === 0) return "∅";
      return path === undefined ? "✓" : `✗${letterOf(path)}`;
    }),
    String(row.undecided),
  ]);
  const seconds = matrix.rows.reduce((sum, row) => sum + row.durationMs, 0) / 1000;
  return [
    `Variant matrix: the model explored to depth ${matrix.depth} (3 users × 2 clients) under every combination, ${seconds.toFixed(1)} s`,
    "",
    ...formatTable(header, body, header.map((_, i) => i === 2 || i === header.length - 1)),
    "",
    "✓ holds in every explored state; ✗X fails, shortest counterexample X below; ∅ nothing to judge (no leave was ever pending);",
    "undecided: states with a leave pending whose fate lies beyond the depth bound (neither live nor stuck)",
    ...MATRIX_PROPERTIES.map((property, i) =>
      property === "liveness"
        ? "  L   liveness: from every reachable state every accepted leave can still be committed by someone, or the room ends"
        : `  ${columnOf(property, i).padEnd(3)} ${property}: ${MODEL_INVARIANTS[property]}`,
    ),
    ...(examples.length > 0 ? ["counterexamples:", ...examples] : ["no counterexample: every property holds in every combination"]),
  ];
}
