import type { ModelVariants } from "../../model/index.js";

/** "same-commit/must-include": the form variants take on the command line and in reports. */
export function variantName(variants: ModelVariants): string {
  return `${variants.leaveOrder}/${variants.pendingProposals}`;
}

export function parseVariantName(name: string): ModelVariants | undefined {
  const [leaveOrder, pendingProposals] = name.split("/");
  if (leaveOrder !== "same-commit" && leaveOrder !== "clients-first") return undefined;
  if (pendingProposals !== "must-include" && pendingProposals !== "may-omit") return undefined;
  return { leaveOrder, pendingProposals };
}
