/**
 * Command line: explore the model over the small world in each variant and print the summaries.
 *   npx tsx properties/explore/main.ts [depth] [cooperative|restricted]
 */
import { ALL_VARIANTS } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import { exploreModel, formatExploreReport } from "./exploreModel.js";

const depth = Number(process.argv[2] ?? 5);
const roleSet = process.argv[3] ?? "cooperative";
let failed = false;
for (const variants of ALL_VARIANTS) {
  const config = roleSet === "restricted" ? restrictedConfig(variants) : cooperativeConfig(variants);
  const report = exploreModel({ config, depth });
  console.log(formatExploreReport(report));
  failed ||= report.violations.length > 0;
}
process.exitCode = failed ? 1 : 0;
