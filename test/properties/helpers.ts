// Shared set-ups for the property suites: fixed seeds, so every CI run checks the same sequences.
import { checkRoomProperty, type PropertyResult } from "../../properties/campaign/check-room-property.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { formatFailure } from "../../properties/report/format-failure.js";
import { parseVariantName } from "../../properties/report/variant-name.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";

export const SEED = 20261123;

export function setupFor(variant: string, overrides: Partial<RunSetup> = {}): RunSetup {
  const variants = parseVariantName(variant);
  if (variants === undefined) throw new Error(`unknown variant ${variant}`);
  return { ...DEFAULT_SETUP, variants, ...overrides };
}

export function onlyInvariant(id: string): RunSetup["invariants"] {
  return IMPLEMENTATION_INVARIANTS.filter((i) => i.id === id);
}

export function withFault(variant: string, fault: keyof HubFaults, overrides: Partial<RunSetup> = {}): RunSetup {
  return setupFor(variant, { hubFaults: { [fault]: true }, ...overrides });
}

export function run(setup: RunSetup, runs: number, maxCommands = 25, seed = SEED): Promise<PropertyResult> {
  return checkRoomProperty({ setup, seed, runs, maxCommands });
}

/** The report a failing property prints, for assertion messages. */
export function report(result: PropertyResult): string {
  return formatFailure(result).join("\n");
}

/** Commands in the shrunk counterexample that actually ran (the room's creation not counted). */
export function counterexampleLength(result: PropertyResult): number {
  return result.failure!.trace.steps.filter((s) => !s.skipped).length - 1;
}
