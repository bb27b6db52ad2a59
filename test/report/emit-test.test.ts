// `--emit-test`: a failure written as a vitest file that replays its shrunk commands. Emitted from a real
// failure (a hub without its commit policy) and run by vitest in a child process, it passes: the failure
// reproduces. The same file emitted for a hub with the policy on fails: the emitted assertions can fail.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCampaign } from "../../properties/campaign/run-campaign.js";
import { emittedTest } from "../../properties/report/emit-test.js";

interface VitestJson {
  testResults: { name: string; status: string; assertionResults: { title: string; status: string }[] }[];
}

describe("emitted test", () => {
  it("replays a real shrunk failure and asserts it; with the hub fault removed the same test fails", async () => {
    const { failures } = await runCampaign(
      {
        variants: [{ leaveOrder: "same-commit", pendingProposals: "must-include" }], roleSets: ["cooperative"], provider: "node", seed: 1, runs: 50,
        maxCommands: 10, users: 4, depth: 0, hubFaults: { skipCommitPolicy: true }, clientFaults: {}, compareWithModel: true, invariants: [],
      },
      () => {},
    );
    const failure = failures[0]!;
    expect(failure.commands.length).toBeGreaterThan(0);
    expect(failure.setup.hubFaults).toEqual(["skipCommitPolicy"]);

    // Inside test/ so that vitest's include pattern and the emitted relative imports both hold; removed afterwards.
    const dir = join("test", "report", `emitted-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const reproduces = join(dir, "reproduces.test.ts");
      const withoutFault = join(dir, "without-fault.test.ts");
      const text = emittedTest(failure, reproduces);
      writeFileSync(reproduces, text);
      writeFileSync(withoutFault, emittedTest({ ...failure, setup: { ...failure.setup, hubFaults: [] } }, withoutFault));
      expect(text).toContain(`expect(result.failure?.check).toBe(${JSON.stringify(failure.check)});`);
      expect(text).toContain(`expect(result.failure?.step).toBe(${failure.step});`);
      expect(text).toContain(`// replay: ${failure.replay}`);

      const json = join(mkdtempSync(join(tmpdir(), "mimi-emitted-")), "vitest.json");
      const run = spawnSync("npx", ["vitest", "run", dir, "--reporter=json", `--outputFile=${json}`], { encoding: "utf8" });
      const results = (JSON.parse(readFileSync(json, "utf8")) as VitestJson).testResults;
      const status = (file: string) => results.find((r) => r.name.endsWith(file))?.assertionResults.map((a) => a.status);
      expect(status("reproduces.test.ts"), run.stdout + run.stderr).toEqual(["passed"]);
      expect(status("without-fault.test.ts"), run.stdout + run.stderr).toEqual(["failed"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
