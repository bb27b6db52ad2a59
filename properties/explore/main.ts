/**
 * Command line: explore the model over the small world in each variant and print the summaries.
 *   npx tsx properties/explore/main.ts [depth] [cooperative|strict|moderated|multi-org|restricted]
 * A bad argument is a usage error (exit 2), as in the main job (properties/cli/parse-options.ts).
 */
import { ALL_VARIANTS } from "../../model/index.js";
import { MODEL_ROLE_SETS, type ModelRoleSetName } from "../../model/fixtures/index.js";
import { NUMBER_OPTIONS } from "../cli/parse-options.js";
import { exploreModel, formatExploreReport } from "./exploreModel.js";

const ROLE_SETS = Object.keys(MODEL_ROLE_SETS) as ModelRoleSetName[];
const USAGE = `usage: npx tsx properties/explore/main.ts [depth] [${ROLE_SETS.join("|")}]`;
const { min, max, default: defaultDepth } = NUMBER_OPTIONS.depth;

function usageError(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

const [depthText, roleSet = "cooperative", ...rest] = process.argv.slice(2);
if (rest.length > 0) usageError(`unexpected argument ${JSON.stringify(rest[0])}`);
if (depthText !== undefined && !/^\d+$/.test(depthText)) usageError(`depth ${JSON.stringify(depthText)} is not an integer (expected ${min}..${max})`);
const depth = depthText === undefined ? defaultDepth : Number(depthText);
if (depth < min || depth > max) usageError(`depth ${depth} is out of range (expected ${min}..${max})`);
if (!(ROLE_SETS as string[]).includes(roleSet)) usageError(`unknown role set ${JSON.stringify(roleSet)} (known: ${ROLE_SETS.join(", ")})`);

let failed = false;
for (const variants of ALL_VARIANTS) {
  // The hub lists its policy enforcer where the set has the role, as in the runs (R18).
  const config = { ...MODEL_ROLE_SETS[roleSet as ModelRoleSetName](variants), hubListsEnforcer: true };
  const report = exploreModel({ config, depth, roomChanges: true, enforcements: true });
  console.log(formatExploreReport(report));
  failed ||= report.violations.length > 0;
}
process.exitCode = failed ? 1 : 0;
