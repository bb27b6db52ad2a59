// `npm run fuzz`: byte-level fuzzing of every MIMI endpoint. Options:
//   --seed N          run seed (default 1)
//   --inputs N        inputs per endpoint (default 100000)
//   --endpoint NAME   one endpoint (repeatable; default all)
//   --input I         only input I of each endpoint (replays a finding)
//   --fault NAME      planted hub defect (HubConfig.faults; repeatable)
//   --codec-fault NAME  planted codec defect (impl/codec/codec-faults.ts; repeatable)
//   --out DIR         where findings are written (default reports/fuzz)
// Exit status 0 when no endpoint has a finding, 1 otherwise, 2 on a usage error.
import { codecFaults, CODEC_FAULTS, type CodecFaults } from "../impl/codec/codec-faults.js";
import { defaultHubConfig, HUB_FAULT_NAMES, type HubFaults } from "../impl/hub/hub-config.js";
import { FUZZ_TARGETS } from "./corpus/endpoint-targets.js";
import { formatFinding, formatTable, writeFindings } from "./fuzz-report.js";
import { failuresOf, runFuzz, targetsNamed } from "./run-fuzz.js";

interface Cli {
  seed: number;
  inputs: number;
  endpoints: string[];
  only?: number;
  faults: (keyof HubFaults)[];
  codecFaults: (keyof CodecFaults)[];
  out: string;
}

function parse(argv: string[]): Cli {
  const cli: Cli = { seed: 1, inputs: 100_000, endpoints: [], faults: [], codecFaults: [], out: "reports/fuzz" };
  const integer = (flag: string, v: string | undefined) => {
    if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${flag} needs a non-negative integer`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    i++;
    switch (flag) {
      case "--seed": cli.seed = integer(flag, value); break;
      case "--inputs": cli.inputs = integer(flag, value); break;
      case "--input": cli.only = integer(flag, value); break;
      case "--endpoint": targetsNamed([value ?? ""]); cli.endpoints.push(value!); break;
      case "--fault":
        if (!HUB_FAULT_NAMES.includes(value as keyof HubFaults)) throw new Error(`--fault: one of ${HUB_FAULT_NAMES.join(", ")}`);
        cli.faults.push(value as keyof HubFaults);
        break;
      case "--codec-fault":
        if (!(value! in CODEC_FAULTS)) throw new Error(`--codec-fault: one of ${Object.keys(CODEC_FAULTS).join(", ")}`);
        cli.codecFaults.push(value as keyof CodecFaults);
        break;
      case "--out":
        if (value === undefined || value === "") throw new Error("--out needs a directory");
        cli.out = value;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return cli;
}

async function main(): Promise<number> {
  let cli: Cli;
  try {
    cli = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\nendpoints: ${FUZZ_TARGETS.map((t) => t.name).join(", ")}`);
    return 2;
  }
  const flags = [...cli.faults.map((f) => `--fault ${f}`), ...cli.codecFaults.map((f) => `--codec-fault ${f}`)];
  for (const f of cli.codecFaults) codecFaults[f] = true;
  const hubConfig = { ...defaultHubConfig, faults: Object.fromEntries(cli.faults.map((f) => [f, true])) };
  console.log(`fuzzing with seed ${cli.seed}, ${cli.only !== undefined ? `input ${cli.only}` : `${cli.inputs} inputs`} per endpoint${flags.length > 0 ? `, ${flags.join(" ")}` : ""}`);
  const rows = await runFuzz({
    seed: cli.seed,
    inputs: cli.inputs,
    endpoints: cli.endpoints,
    only: cli.only,
    hubConfig,
    onEndpoint: (s) => console.log(`  ${s.endpoint}: ${s.tried} inputs in ${s.seconds.toFixed(1)} s (corpus ${s.corpus.fresh} fresh, ${s.corpus.history} earlier)`),
  });
  console.log("\n" + formatTable(rows));
  const findings = rows.flatMap((r) => r.findings);
  for (const f of findings.slice(0, 5)) console.log("\n" + formatFinding(f, flags));
  if (findings.length > 5) console.log(`\n… and ${findings.length - 5} more findings kept`);
  const written = writeFindings(cli.out, findings, flags);
  if (written.length > 0) console.log(`\nfindings written to ${cli.out}/ (${written.length} files)`);
  const failed = rows.reduce((n, r) => n + failuresOf(r), 0);
  console.log(failed === 0 ? "\nno crashes, no state change on a refused request, every accepted input canonical" : `\n${failed} findings`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
