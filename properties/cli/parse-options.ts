// The main job's command line, read strictly: every number is an integer in its stated range, every
// name one of a known set (the error lists them), nothing unknown is ignored. A bad command line is a
// usage error (exit 2) naming the problem, never a silent default and never a stack trace.
import { CREDENTIAL_MODES, type CredentialMode } from "../../impl/identity/credential-validation.js";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { CLIENT_FAULT_NAMES, type ClientFaults } from "../../impl/client/client-faults.js";
import { HUB_FAULTS, type HubFaults } from "../../impl/hub/hub-config.js";
import type { ProviderKind } from "../../impl/mls/crypto/suite.js";
import { ALL_VARIANTS } from "../../model/index.js";
import type { CampaignOptions } from "../campaign/run-campaign.js";
import { parseShard, type Shard } from "../campaign/campaign-units.js";
import { IMPLEMENTATION_INVARIANTS } from "../invariants/implementation-invariants.js";
import { ADVERSARY_CHOICES, type AdversaryChoice } from "../adversaries/attack-class.js";
import { ATTACK_CATALOGUE } from "../adversaries/catalogue.js";
import { NETWORK_DUTY_FAULT_NAMES, type NetworkDutyFaults } from "../../impl/provider/follower-faults.js";
import { NETWORK_FAULT_CLASSES } from "../network/network-fault-classes.js";
import { MATRIX_ROLE_SETS, type MatrixRoleSet } from "../explore/matrix.js";
import { variantName, parseVariantName } from "../report/variant-name.js";
import { ROLE_SETS_DESCRIBED, type RoleSetName } from "../runner/implementation-under-test.js";
import { NO_INTERNAL_ERROR } from "../runner/no-internal-error.js";
import { TRANSPORTS_DESCRIBED, type TransportKind } from "../runner/run-setup.js";

/** The crypto providers, by name. */
const PROVIDERS = {
  node: "this project's node:crypto provider",
  default: "ts-mls's default provider",
} as const satisfies Record<ProviderKind, string>;

/** Each numeric option's default and inclusive range. */
export const NUMBER_OPTIONS = {
  seed: { default: 1, min: 0, max: 2 ** 31 - 1 },
  runs: { default: 150, min: 1, max: 100_000 },
  commands: { default: 25, min: 1, max: 500 },
  // At least two users, so that anything but the creator acting alone can happen; 12 keeps runs short.
  users: { default: 4, min: 2, max: 12 },
  // Depth 0 skips exploration; the state space grows steeply past a handful of steps.
  depth: { default: 5, min: 0, max: 12 },
  // Operations in flight at once in the property runs (a replay runs one at a time unless told).
  concurrency: { default: 2, min: 1, max: 4 },
  // The hub's message stamps, rounded down to this many milliseconds (content §5.11 ties); up to a minute.
  "message-timestamps": { default: 1, min: 1, max: 60_000 },
  // Threads taking the runs, this one included; the default is one per core (campaign/worker-pool.ts).
  workers: { default: availableParallelism(), min: 1, max: 64 },
} as const;

type NumberOption = keyof typeof NUMBER_OPTIONS;

const ROLE_SET_NAMES = Object.keys(ROLE_SETS_DESCRIBED) as RoleSetName[];
const VARIANT_NAMES = ALL_VARIANTS.map(variantName);
const INVARIANT_IDS = [NO_INTERNAL_ERROR.id, ...IMPLEMENTATION_INVARIANTS.map((i) => i.id)];

/** The usage text `--help` prints, and every usage error after its message. */
export const USAGE = [
  "usage: npm start -- [options]",
  "",
  "Explores the model, then checks the implementation against it; exit 0 when every row holds,",
  "1 when a row fails or is vacuous, 2 on a bad command line.",
  "",
  `  --seed N             fast-check seed, ${NUMBER_OPTIONS.seed.min}..${NUMBER_OPTIONS.seed.max} (default ${NUMBER_OPTIONS.seed.default})`,
  `  --runs N             property runs per row, ${NUMBER_OPTIONS.runs.min}..${NUMBER_OPTIONS.runs.max} (default ${NUMBER_OPTIONS.runs.default})`,
  `  --commands N         longest run, in commands, ${NUMBER_OPTIONS.commands.min}..${NUMBER_OPTIONS.commands.max} (default ${NUMBER_OPTIONS.commands.default})`,
  `  --users N            users in the property runs' world, 2 clients each, ${NUMBER_OPTIONS.users.min}..${NUMBER_OPTIONS.users.max} (default ${NUMBER_OPTIONS.users.default})`,
  `  --depth N            exploration depth, ${NUMBER_OPTIONS.depth.min}..${NUMBER_OPTIONS.depth.max}; 0 skips it (default ${NUMBER_OPTIONS.depth.default})`,
  `  --concurrency N      operations in flight at once, ${NUMBER_OPTIONS.concurrency.min}..${NUMBER_OPTIONS.concurrency.max}: above 1, runs also generate batches built on`,
  `                       one room state whose requests reach the hub in a generated order (default ${NUMBER_OPTIONS.concurrency.default}; 1 for --replay)`,
  `  --variant V          all (default) or one of: ${VARIANT_NAMES.join(", ")}`,
  `  --role-set R         all (default: every set but generated) or one of: ${ROLE_SET_NAMES.join(", ")}`,
  `  --provider P         ${Object.keys(PROVIDERS).join(" (default) or ")}`,
  `  --message-timestamps MS  the hub stamps messages rounded down to MS milliseconds, ${NUMBER_OPTIONS["message-timestamps"].min}..${NUMBER_OPTIONS["message-timestamps"].max}:`,
  "                       above 1, messages share stamps and receivers order them by message ID (default 1)",
  "  --base-policy B      drawn (default): each run's room gets a base_room_policy drawn from the seed (mostly",
  "                       permissive; sometimes multi_device false, max_clients, max_users, fixed_membership); none",
  "  --credentials C      x509 (default): provider-issued certificates, validated by every party; or basic:",
  "                       basic credentials accepted as they come (explicitly insecure, faster; reported in the run's header)",
  `  --transport T        ${Object.keys(TRANSPORTS_DESCRIBED).join(" (default) or ")}: how requests cross between providers`,
  "                       (https: one HTTPS server per provider on loopback, mutual TLS; docs/transport.md)",
  "  --fault NAME         switch one hub rule off (repeatable), one of:",
  ...Object.entries(HUB_FAULTS).map(([name, what]) => `                         ${name.padEnd(28)}${what}`),
  "  --client-fault NAME  switch one honest-client check off, or plant a client defect (repeatable), one of:",
  ...Object.entries(CLIENT_FAULT_NAMES).map(([name, what]) => `                         ${name.padEnd(28)}${what}`),
  `  --adversary A        parties an adversary may compromise: ${Object.keys(ADVERSARY_CHOICES).join(", ")} (default all)`,
  `  --attack-class ID    generate only this attack class (repeatable; ${attackClassRanges()}: docs/attacks.md)`,
  `  --network-fault ID   generate only this network fault class (repeatable; ${NETWORK_FAULT_CLASSES.map((c) => c.id).join(", ")}: docs/attacks.md)`,
  "  --delivery-fault NAME  plant a defect in the delivery of the hub's fanout (repeatable), one of:",
  ...Object.entries(NETWORK_DUTY_FAULT_NAMES).map(([name, what]) => `                         ${name.padEnd(28)}${what}`),
  "  --skip-refused       leave out honest operations the model refuses, so only attacks reach a planted hole",
  "  --invariants-only    judge by the implementation's invariants alone, without the model",
  `  --invariant ID       check only this invariant (repeatable; ${NO_INTERNAL_ERROR.id} is always checked), one of:`,
  `                         ${INVARIANT_IDS.join(" ")}`,
  `  --workers N          threads sharing the runs (this one and N − 1 worker threads), ${NUMBER_OPTIONS.workers.min}..${NUMBER_OPTIONS.workers.max}`,
  `                       (default ${NUMBER_OPTIONS.workers.default}, the cores); the summary is the same for any number`,
  "  --shard K/N          run only the K-th of N disjoint shares (exploration rows dealt in turn, each",
  "                       property row's runs cut in N slices); `npm start -- merge A.json B.json …`",
  "                       puts the shares' --json reports back together",
  "  --replay PATH        replay one failure (fast-check's path); needs one --variant",
  "  --replay-path RP     the commands' replayPath printed with it (only with --replay)",
  "  --json FILE          also write the summary and any failures as JSON",
  "  --report DIR         also write DIR/index.html: summary, coverage, and each failure with its steps,",
  "                       sequence chart and replay line; self-contained (opens without a network)",
  "  --junit FILE         also write JUnit XML: a testcase per summary row and per failure",
  "  --emit-test FILE     write a vitest file (FILE ends in .test.ts) replaying the first failure's shrunk",
  "                       commands and asserting the same failure; nothing is written when all holds",
  "  --narrate            also narrate flow 1 of the protocol on the real stack",
  "  --matrix             instead, explore the model alone under every variant combination (leave order ×",
  "                       pending proposals × room end) and print combination × invariant and liveness:",
  "                       holds, or the shortest counterexample. Takes only --depth (1..12) and --role-set:",
  `                       all (default) or one of: ${MATRIX_ROLE_SETS.join(", ")}.`,
  "                       Exit 1 if a model invariant fails; a stuck room is shown, it fails no exit status",
  "  --help               print this text",
].join("\n");

/** What the command line asks for. */
export type CommandLine =
  | { readonly kind: "help" }
  | { readonly kind: "usage error"; readonly message: string }
  | {
      readonly kind: "run";
      readonly options: CampaignOptions;
      readonly narrate: boolean;
      readonly json: string | undefined;
      /** Directory of the HTML report. */
      readonly report: string | undefined;
      readonly junit: string | undefined;
      /** Where to write the first failure as a vitest file. */
      readonly emitTest: string | undefined;
      /** Worker threads (campaign/worker-pool.ts). */
      readonly workers: number;
      /** The share of the campaign to run (`--shard K/N`); the whole campaign when absent. */
      readonly shard?: Shard;
    }
  | {
      readonly kind: "matrix";
      /** Exploration depth of every combination (at least 1). */
      readonly depth: number;
      readonly roleSets: readonly MatrixRoleSet[];
    };

class UsageError extends Error {}

const usage = (message: string): never => {
  throw new UsageError(message);
};

function integer(name: NumberOption, text: string | undefined): number {
  const { default: fallback, min, max } = NUMBER_OPTIONS[name];
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text)) return usage(`--${name} ${JSON.stringify(text)} is not an integer (expected ${min}..${max})`);
  const n = Number(text);
  if (n < min || n > max) return usage(`--${name} ${text} is out of range (expected ${min}..${max})`);
  return n;
}

function oneOf<T extends string>(option: string, text: string, known: readonly T[]): T {
  return (known as readonly string[]).includes(text) ? (text as T) : usage(`unknown ${option} ${JSON.stringify(text)} (known: ${known.join(", ")})`);
}

/** Reads the arguments after `npm start --`; never throws. */
export function parseCommandLine(args: readonly string[]): CommandLine {
  try {
    return read(args);
  } catch (e) {
    if (e instanceof UsageError) return { kind: "usage error", message: e.message };
    // node:util's parseArgs reports unknown options, missing values and stray arguments this way.
    if (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) return { kind: "usage error", message: e.message };
    throw e;
  }
}

/** `--matrix`: the model alone; any option of the main job besides --depth and --role-set is a mistake. */
function readMatrix(values: Record<string, string | boolean | string[] | undefined>): CommandLine {
  const given = (option: string) => {
    const value = values[option];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false;
  };
  const stray = Object.keys(values).filter((option) => !["matrix", "depth", "role-set"].includes(option) && given(option));
  if (stray.length > 0) usage(`--matrix explores the model alone: ${stray.map((o) => `--${o}`).join(", ")} ${stray.length === 1 ? "does" : "do"} not apply`);
  const depth = integer("depth", values.depth as string | undefined);
  if (depth === 0) usage("--matrix explores the model: --depth 0 would explore nothing (expected 1..12)");
  const roleSets = values["role-set"] as string[] | undefined;
  if (roleSets !== undefined && roleSets.length > 1) usage(`--role-set given ${roleSets.length} times (give it once)`);
  const roleSet = roleSets?.[0] ?? "all";
  return {
    kind: "matrix",
    depth,
    roleSets: roleSet === "all" ? MATRIX_ROLE_SETS : [oneOf("role set", roleSet, MATRIX_ROLE_SETS)],
  };
}

function read(args: readonly string[]): CommandLine {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      seed: { type: "string" },
      runs: { type: "string" },
      commands: { type: "string" },
      users: { type: "string" },
      depth: { type: "string" },
      concurrency: { type: "string" },
      "message-timestamps": { type: "string" },
      workers: { type: "string" },
      shard: { type: "string" },
      variant: { type: "string", multiple: true },
      "role-set": { type: "string", multiple: true },
      provider: { type: "string", multiple: true },
      credentials: { type: "string", multiple: true },
      "base-policy": { type: "string", multiple: true },
      transport: { type: "string", multiple: true },
      fault: { type: "string", multiple: true, default: [] },
      "client-fault": { type: "string", multiple: true, default: [] },
      "invariants-only": { type: "boolean", default: false },
      adversary: { type: "string", multiple: true },
      "attack-class": { type: "string", multiple: true, default: [] },
      "network-fault": { type: "string", multiple: true, default: [] },
      "delivery-fault": { type: "string", multiple: true, default: [] },
      "skip-refused": { type: "boolean", default: false },
      invariant: { type: "string", multiple: true, default: [] },
      replay: { type: "string" },
      "replay-path": { type: "string" },
      narrate: { type: "boolean", default: false },
      matrix: { type: "boolean", default: false },
      json: { type: "string" },
      report: { type: "string", multiple: true },
      junit: { type: "string", multiple: true },
      "emit-test": { type: "string", multiple: true },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return { kind: "help" };
  if (values.matrix) return readMatrix(values);

  const single = (option: string, given: string[] | undefined, fallback: string): string =>
    given === undefined ? fallback : given.length === 1 ? given[0]! : usage(`--${option} given ${given.length} times (give it once)`);

  const variant = single("variant", values.variant, "all");
  const variants = variant === "all" ? ALL_VARIANTS : [parseVariantName(oneOf("variant", variant, ["all", ...VARIANT_NAMES]))!];
  const replaying = values.replay !== undefined;
  if (values["replay-path"] !== undefined && !replaying) usage("--replay-path is only meaningful with --replay");
  if (replaying && variants.length !== 1) usage("--replay replays one failure: name its --variant (the printed replay line does)");
  if (values.replay === "") usage("--replay needs fast-check's path, e.g. --replay '1:4:3'");

  // A replay line names the role set only when it is not the cooperative one.
  const roleSet = single("role-set", values["role-set"], replaying ? "cooperative" : "all");
  // "all" is every fixed role set; `generated` (a set drawn per run) is asked for by name.
  const roleSets = roleSet === "all" ? (replaying ? usage("--replay replays one failure: name one --role-set") : ROLE_SET_NAMES.filter((r) => r !== "generated")) : [oneOf("role set", roleSet, ROLE_SET_NAMES)];
  const provider = oneOf("provider", single("provider", values.provider, "node"), Object.keys(PROVIDERS) as ProviderKind[]);
  const credentials = oneOf("credentials", single("credentials", values.credentials, "x509"), Object.keys(CREDENTIAL_MODES) as CredentialMode[]);
  const transport = oneOf("transport", single("transport", values.transport, "in-process"), Object.keys(TRANSPORTS_DESCRIBED) as TransportKind[]);
  const basePolicy = oneOf("base policy", single("base-policy", values["base-policy"], "drawn"), ["drawn", "none"] as const);

  const hubFaults: HubFaults = {};
  for (const name of values.fault) hubFaults[oneOf("fault", name, Object.keys(HUB_FAULTS) as (keyof HubFaults)[])] = true;
  const clientFaults: ClientFaults = {};
  for (const name of values["client-fault"]) clientFaults[oneOf("client fault", name, Object.keys(CLIENT_FAULT_NAMES) as (keyof ClientFaults)[])] = true;
  for (const id of values.invariant) oneOf("invariant", id, INVARIANT_IDS);
  if (values.json === "") usage("--json needs a file name");
  // Each output is written once: given twice, one of the two would be silently dropped.
  const outputOnce = (option: string, given: string[] | undefined) => (given === undefined ? undefined : single(option, given, ""));
  const report = outputOnce("report", values.report);
  const junit = outputOnce("junit", values.junit);
  const emitTest = outputOnce("emit-test", values["emit-test"]);
  if (report === "") usage("--report needs a directory name");
  if (junit === "") usage("--junit needs a file name");
  if (emitTest === "") usage("--emit-test needs a file name");
  if (emitTest !== undefined && !emitTest.endsWith(".test.ts")) usage(`--emit-test ${JSON.stringify(emitTest)} does not end in .test.ts (vitest would not run it)`);
  // Two outputs in one file would leave only the last written.
  const outputs = [["--json", values.json], ["--junit", junit], ["--emit-test", emitTest]] as const;
  for (const [i, [a, fileA]] of outputs.entries())
    for (const [b, fileB] of outputs.slice(i + 1)) if (fileA !== undefined && fileA === fileB) usage(`${a} and ${b} name the same file ${JSON.stringify(fileA)}`);
  const depth = integer("depth", values.depth);
  const adversary = oneOf("adversary", single("adversary", values.adversary, "all"), Object.keys(ADVERSARY_CHOICES) as AdversaryChoice[]);
  const attackClasses = [...new Set(values["attack-class"].map((id) => oneOf("attack class", id, ATTACK_CATALOGUE.map((a) => a.id))))];
  const networkFaultClasses = [...new Set(values["network-fault"].map((id) => oneOf("network fault", id, NETWORK_FAULT_CLASSES.map((c) => c.id))))];
  const deliveryFaults: NetworkDutyFaults = {};
  for (const name of values["delivery-fault"]) deliveryFaults[oneOf("delivery fault", name, Object.keys(NETWORK_DUTY_FAULT_NAMES) as (keyof NetworkDutyFaults)[])] = true;

  const options: CampaignOptions = {
    variants,
    roleSets,
    provider,
    ...(credentials !== "x509" ? { credentials } : {}),
    ...(transport !== "in-process" ? { transport } : {}),
    ...(basePolicy === "none" ? { basePolicy } : {}),
    seed: integer("seed", values.seed),
    runs: integer("runs", values.runs),
    maxCommands: integer("commands", values.commands),
    users: integer("users", values.users),
    ...(integer("message-timestamps", values["message-timestamps"]) > 1 ? { messageTimestampGranularityMs: integer("message-timestamps", values["message-timestamps"]) } : {}),
    // A replay line names --concurrency unless 1 (report/replay-command.ts).
    concurrency: replaying && values.concurrency === undefined ? 1 : integer("concurrency", values.concurrency),
    // A replay re-runs one property failure; exploring first would only delay it.
    depth: replaying ? 0 : depth,
    hubFaults,
    clientFaults,
    compareWithModel: !values["invariants-only"],
    adversaries: ADVERSARY_CHOICES[adversary],
    ...(attackClasses.length > 0 ? { attackClasses } : {}),
    ...(networkFaultClasses.length > 0 ? { networkFaultClasses } : {}),
    ...(Object.keys(deliveryFaults).length > 0 ? { deliveryFaults } : {}),
    ...(values["skip-refused"] ? { skipRefusedOperations: true } : {}),
    invariants: [...new Set(values.invariant)],
    ...(values.replay !== undefined ? { path: values.replay } : {}),
    ...(values["replay-path"] !== undefined ? { replayPath: values["replay-path"] } : {}),
  };
  const workers = integer("workers", values.workers);
  const shard = values.shard === undefined ? undefined : (parseShard(values.shard) ?? usage(`--shard ${JSON.stringify(values.shard)} is not K/N with 1 ≤ K ≤ N ≤ 1000`));
  if (shard !== undefined && replaying) usage("--replay replays one failure: it is not sharded");
  return { kind: "run", options, narrate: values.narrate, json: values.json, report, junit, emitTest, workers, ...(shard !== undefined ? { shard } : {}) };
}

/** The catalogue's class ids as ranges by party letter, e.g. "A01…A30, F01…F11". */
function attackClassRanges(): string {
  const byLetter = new Map<string, string[]>();
  for (const { id } of ATTACK_CATALOGUE) byLetter.set(id[0]!, [...(byLetter.get(id[0]!) ?? []), id]);
  return [...byLetter.values()].map((ids) => { const sorted = [...ids].sort(); return `${sorted[0]}…${sorted[sorted.length - 1]}`; }).join(", ");
}
