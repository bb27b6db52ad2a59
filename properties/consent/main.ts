// `npm run consent -- [--seed N] [--runs N] [--commands N] [--fault NAME]… [--replay PATH]`:
// the consent property (consent-property.ts) on its own, with planted consent defects if asked. Exit 0
// when P0, P29 and P30 hold, 1 with the shrunk failure and its replay line, 2 on a bad command line.
import { parseArgs } from "node:util";
import { CONSENT_FAULT_NAMES, type ConsentFaults } from "../../impl/provider/consent-faults.js";
import { checkConsentProperty, formatConsentFailure } from "./consent-property.js";

const USAGE = `usage: npm run consent -- [--seed N] [--runs N] [--commands N] [--fault NAME]… [--replay PATH]
  faults: ${Object.entries(CONSENT_FAULT_NAMES).map(([f, what]) => `${f} (${what})`).join("; ")}`;

function integer(text: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new Error(`--${name} ${JSON.stringify(text)} is not an integer in ${min}..${max}`);
  return n;
}

let options;
try {
  const { values } = parseArgs({
    args: process.argv.slice(2), strict: true, allowPositionals: false,
    options: { seed: { type: "string" }, runs: { type: "string" }, commands: { type: "string" }, fault: { type: "string", multiple: true, default: [] }, replay: { type: "string" } },
  });
  const faults: ConsentFaults = {};
  for (const f of values.fault) {
    if (!(f in CONSENT_FAULT_NAMES)) throw new Error(`unknown --fault ${JSON.stringify(f)}`);
    faults[f as keyof ConsentFaults] = true;
  }
  options = {
    seed: integer(values.seed, 1, 0, 2 ** 31 - 1, "seed"),
    runs: integer(values.runs, 100, 1, 100_000, "runs"),
    maxCommands: integer(values.commands, 12, 1, 200, "commands"),
    faults,
    ...(values.replay !== undefined ? { path: values.replay } : {}),
  };
} catch (e) {
  console.error(`error: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  process.exit(2);
}
const result = await checkConsentProperty(options);
const c = result.counts;
console.log(`consent property: ${c.commands} commands; fetches refused for consent ${c.refusedForConsent}, handing out KeyPackages ${c.handedOut}; cancels matched ${c.cancelsMatched}; forged messages refused ${c.forgedRefused}; requests around the hub refused ${c.bypassRefused}`);
if (result.failure !== undefined) for (const line of formatConsentFailure(result.failure)) console.log(line);
else console.log("P0, P29 and P30 hold");
process.exitCode = result.failure === undefined ? 0 : 1;
