// The fuzzer's 10^3 slice: 1000 structure-aware mutations of valid requests per MIMI endpoint at a fixed
// seed. Every endpoint holds (no crash, no state change on a refused request, every accepted input
// canonical), and a floor of inputs per endpoint got past the endpoint's decoder, so the slice is not only
// garbage the first length check refuses. Each planted defect is found within the slice: the codec's two
// canonical-encoding switches as accepted-but-not-canonical inputs, the hub's throwOnSubmit as crashes,
// each reported with a replay line.
import { afterEach, describe, expect, it } from "vitest";
import { codecFaults, type CodecFaults } from "../../impl/codec/codec-faults.js";
import { defaultHubConfig } from "../../impl/hub/hub-config.js";
import { FUZZ_TARGETS } from "../../fuzz/corpus/endpoint-targets.js";
import { formatFinding } from "../../fuzz/fuzz-report.js";
import { failuresOf, fuzzEndpoint, type EndpointStats } from "../../fuzz/run-fuzz.js";

const SEED = 1;
const SLICE = 1000;

afterEach(() => {
  codecFaults.acceptNonMinimalVarint = false;
  codecFaults.skipMlsReencodeCheck = false;
});

describe("fuzz slice: 1000 mutated requests per endpoint, seed 1", () => {
  const rows: EndpointStats[] = [];
  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: no crash, no change on refusal, accepted inputs canonical`, async () => {
      const stats = await fuzzEndpoint(target, { seed: SEED, inputs: SLICE });
      rows.push(stats);
      expect(stats.findings.map((f) => formatFinding(f))).toEqual([]);
      expect(failuresOf(stats)).toBe(0);
      expect(stats.tried).toBe(SLICE);
      expect(stats.refused + stats.accepted).toBe(SLICE);
      // Not only garbage: at least a third of the inputs decode and reach the endpoint's logic, some are
      // refused there and some accepted (so both halves of the oracle ran).
      expect(stats.decoded).toBeGreaterThanOrEqual(SLICE / 3);
      expect(stats.refused).toBeGreaterThan(0);
      expect(stats.accepted).toBeGreaterThan(0);
      // Every kind of start and every mutator was exercised.
      expect(Object.keys(stats.starts).sort()).toEqual(["fresh", "replay", "twice"]);
      for (const m of ["bit-flip", "truncate-extend", "length-field", "splice-field", "swap-struct"]) expect(stats.mutators[m]?.tried ?? 0, m).toBeGreaterThan(20);
    });
  }
});

async function withCodecFault(fault: keyof CodecFaults, endpoint: string): Promise<EndpointStats> {
  codecFaults[fault] = true;
  try {
    return await fuzzEndpoint(FUZZ_TARGETS.find((t) => t.name === endpoint)!, { seed: SEED, inputs: SLICE });
  } finally {
    codecFaults[fault] = false;
  }
}

describe("planted defects are found within the slice", () => {
  it("acceptNonMinimalVarint: accepted inputs that are not canonical (a MIMI URI's length in a longer form)", async () => {
    const stats = await withCodecFault("acceptNonMinimalVarint", "hub-submitMessage");
    expect(stats.acceptedNonCanonical).toBeGreaterThan(0);
    const finding = stats.findings.find((f) => f.kind === "accepted but not canonical")!;
    expect(finding.chain.join(" ")).toMatch(/non-minimal/);
    expect(formatFinding(finding, ["--codec-fault acceptNonMinimalVarint"])).toContain(
      `replay: npm run fuzz -- --seed ${SEED} --endpoint hub-submitMessage --input ${finding.index} --codec-fault acceptNonMinimalVarint`,
    );
  });

  it("skipMlsReencodeCheck: accepted commit bundles that are not canonical", async () => {
    const stats = await withCodecFault("skipMlsReencodeCheck", "hub-update");
    expect(stats.acceptedNonCanonical).toBeGreaterThan(0);
    expect(stats.crashes).toBe(0);
  });

  it("throwOnSubmit: crashes (HTTP 500, the internal error recorded), with seed, input and hex", async () => {
    const target = FUZZ_TARGETS.find((t) => t.name === "hub-submitMessage")!;
    const stats = await fuzzEndpoint(target, { seed: SEED, inputs: SLICE, hubConfig: { ...defaultHubConfig, faults: { throwOnSubmit: true } } });
    expect(stats.crashes).toBeGreaterThan(0);
    const crash = stats.findings.find((f) => f.kind === "crash")!;
    expect(crash.detail).toMatch(/internal error \(HTTP 500\).*throwOnSubmit/);
    const text = formatFinding(crash, ["--fault throwOnSubmit"]);
    expect(text).toContain(Buffer.from(crash.bytes).toString("hex"));
    expect(text).toContain(`--seed ${SEED} --endpoint hub-submitMessage --input ${crash.index} --fault throwOnSubmit`);
  });
});
