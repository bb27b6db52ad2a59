// A fuzz run: for each endpoint, build its deployment and corpus, then send `inputs` mutated requests,
// each judged (judge-input.ts) from the same starting state. Counts per endpoint what the table prints,
// and keeps the findings with everything needed to replay them.
import { defaultHubConfig, type HubConfig } from "../impl/hub/hub-config.js";
import { FUZZ_TARGETS, type FuzzTarget } from "./corpus/endpoint-targets.js";
import { subStructsOf } from "./layout/struct-locator.js";
import { captureState } from "./deployment-state.js";
import { makeInput, type CorpusView } from "./fuzz-input.js";
import { judgeInput, type FindingKind } from "./judge-input.js";
import { inputSeed } from "./prng.js";

export interface FuzzOptions {
  seed: number;
  /** Inputs per endpoint. */
  inputs: number;
  /** Endpoint names (all when empty). */
  endpoints?: readonly string[];
  /** Run only this input index of each endpoint (replaying one finding). */
  only?: number;
  /** A hub with planted defects (HubConfig.faults). */
  hubConfig?: HubConfig;
  /** Called after each endpoint. */
  onEndpoint?: (stats: EndpointStats) => void;
}

export interface Finding {
  kind: FindingKind;
  detail: string;
  seed: number;
  endpoint: string;
  index: number;
  base: string;
  start: string;
  chain: string[];
  bytes: Uint8Array;
}

export interface EndpointStats {
  endpoint: string;
  description: string;
  corpus: { fresh: number; history: number };
  tried: number;
  /** Inputs the endpoint's codec decodes: they reached the endpoint's logic. */
  decoded: number;
  refused: number;
  accepted: number;
  crashes: number;
  refusedWithChange: number;
  acceptedNonCanonical: number;
  /** Per starting point: "fresh", "replay", "twice". */
  starts: Record<string, number>;
  /** Per first mutator: tried and decoded. */
  mutators: Record<string, { tried: number; decoded: number }>;
  seconds: number;
  /** Findings in input order (at most FINDINGS_KEPT). */
  findings: Finding[];
}

/** Findings kept per endpoint (a planted defect can make most inputs one). */
export const FINDINGS_KEPT = 20;

export function targetsNamed(names: readonly string[] | undefined): FuzzTarget[] {
  if (names === undefined || names.length === 0) return [...FUZZ_TARGETS];
  return names.map((n) => {
    const t = FUZZ_TARGETS.find((x) => x.name === n);
    if (t === undefined) throw new Error(`unknown endpoint ${n} (known: ${FUZZ_TARGETS.map((x) => x.name).join(", ")})`);
    return t;
  });
}

/** Runs one endpoint. */
export async function fuzzEndpoint(target: FuzzTarget, options: FuzzOptions): Promise<EndpointStats> {
  // Planted hub defects are switched on once the corpus is built: the set-up itself must succeed.
  const config: HubConfig = { variants: options.hubConfig?.variants ?? defaultHubConfig.variants, faults: {} };
  const instance = await target.build(config);
  Object.assign(config.faults, options.hubConfig?.faults ?? {});
  const structs = new Map<string, { bytes: Uint8Array; from: string }[]>();
  for (const entry of [...instance.fresh, ...instance.history])
    for (const s of subStructsOf(entry.decoded)) {
      const list = structs.get(s.kind) ?? [];
      list.push({ bytes: s.bytes, from: entry.label });
      structs.set(s.kind, list);
    }
  const corpus: CorpusView = { fresh: instance.fresh, history: instance.history, structs };
  const baseline = captureState(instance.deployment.system);
  const stats: EndpointStats = {
    endpoint: target.name, description: target.description, corpus: { fresh: instance.fresh.length, history: instance.history.length },
    tried: 0, decoded: 0, refused: 0, accepted: 0, crashes: 0, refusedWithChange: 0, acceptedNonCanonical: 0, starts: {}, mutators: {}, seconds: 0, findings: [],
  };
  const started = performance.now();
  const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.inputs }, (_, i) => i);
  for (const index of indexes) {
    const seed = inputSeed(options.seed, target.name, index);
    const input = makeInput(seed, corpus);
    const judgement = await judgeInput(target, instance, baseline, input);
    stats.tried++;
    if (judgement.decodes) stats.decoded++;
    stats.starts[input.start] = (stats.starts[input.start] ?? 0) + 1;
    const first = input.chain[0]?.split(":")[0] ?? "none";
    const m = (stats.mutators[first] ??= { tried: 0, decoded: 0 });
    m.tried++;
    if (judgement.decodes) m.decoded++;
    if (judgement.verdict === "crash") stats.crashes++;
    else if (judgement.verdict === "refused") stats.refused++;
    else stats.accepted++;
    if (judgement.finding?.kind === "state change on a refused request") stats.refusedWithChange++;
    if (judgement.finding?.kind === "accepted but not canonical") stats.acceptedNonCanonical++;
    if (judgement.finding !== undefined && stats.findings.length < FINDINGS_KEPT)
      stats.findings.push({ ...judgement.finding, seed: options.seed, endpoint: target.name, index, base: input.base.label, start: input.start, chain: input.chain, bytes: input.bytes });
  }
  stats.seconds = (performance.now() - started) / 1000;
  options.onEndpoint?.(stats);
  return stats;
}

/** Runs every selected endpoint in turn. */
export async function runFuzz(options: FuzzOptions): Promise<EndpointStats[]> {
  const results: EndpointStats[] = [];
  for (const target of targetsNamed(options.endpoints)) results.push(await fuzzEndpoint(target, options));
  return results;
}

/** Findings of any kind, over all endpoints. */
export function failuresOf(stats: EndpointStats): number {
  return stats.crashes + stats.refusedWithChange + stats.acceptedNonCanonical;
}
