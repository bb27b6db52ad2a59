// A failure as a vitest file (`--emit-test FILE`): the shrunk run's setup and concrete commands, replayed
// through `runTrace` without fast-check, asserting the same failure (check and step). Kept beside the
// fix, with its assertion turned round, it becomes the failure's regression test.
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { CampaignFailure } from "../campaign/run-campaign.js";

/** The project's root (this file is properties/report/emit-test.ts). */
const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** How a file at `file` imports the project's `path` (e.g. "../../properties/runner/run-trace.js"). */
function importPath(file: string, path: string): string {
  const rel = relative(dirname(resolve(file)), resolve(PROJECT_ROOT, path)).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** One line of text as a `//` comment's content: no line break can end the comment early. */
const commentLine = (text: string) => `// ${text.replace(/[\r\n\u2028\u2029]+/g, " ")}`;

/** The vitest file that replays `failure`, written for the location `file` (its imports are relative to it). */
export function emittedTest(failure: CampaignFailure, file: string): string {
  const { setup } = failure;
  const from = (path: string) => JSON.stringify(importPath(file, path));
  const flags = (names: readonly string[]) => JSON.stringify(Object.fromEntries(names.map((n) => [n, true])));
  const title = `${failure.roleSet} ${failure.variant}${setup.hubFaults.length ? ` with hub ${setup.hubFaults.join(", ")}` : ""}${setup.clientFaults.length ? ` with clients ${setup.clientFaults.join(", ")}` : ""}: ${failure.check} at step ${failure.step}`;
  return [
    commentLine(`A failure npm start found and shrank: ${failure.check} at step ${failure.step} — ${failure.message}`),
    ...failure.steps.map((s) => commentLine(`  ${s}`)),
    commentLine(`seed ${failure.seed}, path ${failure.path}${failure.replayPath !== undefined ? `, replayPath ${failure.replayPath}` : ""}`),
    commentLine(`replay: ${failure.replay}`),
    "// The run is replayed from its concrete commands, and the test asserts the failure still happens. Once it",
    "// is fixed, keep this file as its regression test with the assertions turned round:",
    "//   expect(result.failure).toBeUndefined();",
    'import { expect, it } from "vitest";',
    `import type { Command } from ${from("properties/commands/command.js")};`,
    `import { IMPLEMENTATION_INVARIANTS } from ${from("properties/invariants/implementation-invariants.js")};`,
    `import { DEFAULT_SETUP, type RunSetup } from ${from("properties/runner/run-setup.js")};`,
    `import { runTrace } from ${from("properties/runner/run-trace.js")};`,
    "",
    "const setup: RunSetup = {",
    "  ...DEFAULT_SETUP,",
    `  roleSet: ${JSON.stringify(setup.roleSet)},`,
    `  variants: ${JSON.stringify(setup.variants)},`,
    `  provider: ${JSON.stringify(setup.provider)},`,
    ...(setup.credentials === "basic" ? ['  credentials: "basic",'] : []),
    ...(setup.transport === "https" ? ['  transport: "https",'] : []),
    `  hubFaults: ${flags(setup.hubFaults)},`,
    `  clientFaults: ${flags(setup.clientFaults)},`,
    `  compareWithModel: ${setup.compareWithModel},`,
    `  invariants: IMPLEMENTATION_INVARIANTS.filter((i) => ${JSON.stringify(setup.invariants)}.includes(i.id)),`,
    `  users: ${setup.users},`,
    `  adversaries: new Set(${JSON.stringify(setup.adversaries)}) as RunSetup["adversaries"],`,
    ...(setup.attackClasses !== undefined ? [`  attackClasses: ${JSON.stringify(setup.attackClasses)},`] : []),
    ...(setup.networkFaultClasses !== undefined ? [`  networkFaultClasses: ${JSON.stringify(setup.networkFaultClasses)},`] : []),
    ...(setup.deliveryFaults !== undefined && setup.deliveryFaults.length > 0 ? [`  deliveryFaults: ${flags(setup.deliveryFaults)},`] : []),
    ...(setup.skipRefusedOperations === true ? ["  skipRefusedOperations: true,"] : []),
    ...((setup.concurrency ?? 1) > 1 ? [`  concurrency: ${setup.concurrency},`] : []),
    ...(setup.generatedRoleSet !== undefined ? [`  generatedRoleSet: ${JSON.stringify(setup.generatedRoleSet)},`] : []),
    ...(setup.basePolicy !== undefined ? [`  basePolicy: ${JSON.stringify(setup.basePolicy)},`] : []),
    "};",
    "",
    "/** The shrunk run's commands, after the room's creation. */",
    "const commands: Command[] = [",
    ...failure.commands.map((c) => `  ${JSON.stringify(c)},`),
    "];",
    "",
    `it(${JSON.stringify(title)}, async () => {`,
    "  const result = await runTrace(setup, commands);",
    `  expect(result.failure?.check).toBe(${JSON.stringify(failure.check)});`,
    `  expect(result.failure?.step).toBe(${failure.step});`,
    "});",
    "",
  ].join("\n");
}
