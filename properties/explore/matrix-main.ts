/**
 * Command line: the variant matrix alone (also `npm start -- --matrix`).
 *   npx tsx properties/explore/matrix-main.ts [depth] [role set: cooperative, cooperative-super-admin, strict, moderated, multi-org, restricted]
 */
import { formatMatrix, invariantsHoldEverywhere, MATRIX_ROLE_SETS, runMatrix, type MatrixRoleSet } from "./matrix.js";

const depth = Number(process.argv[2] ?? 5);
const roleSet = process.argv[3];
if (!Number.isInteger(depth) || depth < 1 || (roleSet !== undefined && !MATRIX_ROLE_SETS.includes(roleSet as MatrixRoleSet))) {
  console.error(`usage: npx tsx properties/explore/matrix-main.ts [depth ≥ 1] [${MATRIX_ROLE_SETS.join("|")}]`);
  process.exit(2);
}
const matrix = runMatrix({ depth, ...(roleSet ? { roleSets: [roleSet as MatrixRoleSet] } : {}) });
for (const line of formatMatrix(matrix)) console.log(line);
process.exitCode = invariantsHoldEverywhere(matrix) ? 0 : 1;
