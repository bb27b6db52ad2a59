// `--concurrency N` on the main job's command line: read strictly, 2 for a fresh campaign and 1 for a
// replay unless told, carried to the runs' setup, and named in the replay line and emitted test when above 1.
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../properties/cli/parse-options.js";
import { replayCommand } from "../../properties/report/replay-command.js";
import { DEFAULT_SETUP } from "../../properties/runner/run-setup.js";

const concurrencyOf = (args: string[]) => {
  const parsed = parseCommandLine(args);
  return parsed.kind === "run" ? parsed.options.concurrency : parsed.kind;
};

describe("--concurrency", () => {
  it("defaults to 2 in a campaign and to 1 in a replay; a given value is kept", () => {
    expect(concurrencyOf([])).toBe(2);
    expect(concurrencyOf(["--concurrency", "3"])).toBe(3);
    expect(concurrencyOf(["--variant", "same-commit/must-include", "--replay", "1:2"])).toBe(1);
    expect(concurrencyOf(["--variant", "same-commit/must-include", "--replay", "1:2", "--concurrency", "2"])).toBe(2);
  });

  it("anything but an integer in 1..4 is a usage error", () => {
    for (const bad of ["0", "5", "two", "1.5"]) expect(parseCommandLine(["--concurrency", bad])).toMatchObject({ kind: "usage error", message: expect.stringContaining("--concurrency") });
  });

  it("the replay line names it when above 1, so the line replays the same interleavings", () => {
    const options = { setup: { ...DEFAULT_SETUP, concurrency: 2 }, seed: 1, runs: 1, maxCommands: 5 };
    const line = replayCommand(options, "1:2");
    expect(line).toContain("--concurrency 2");
    const args = line.replace(/^npm start -- /, "").match(/'[^']*'|\S+/g)!.map((a) => a.replace(/^'|'$/g, ""));
    expect(concurrencyOf(args)).toBe(2);
    expect(replayCommand({ ...options, setup: DEFAULT_SETUP }, "1:2")).not.toContain("--concurrency");
  });
});
