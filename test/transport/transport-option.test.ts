// `--transport in-process|https` on the main job's command line: read strictly, carried to the runs'
// setup, and named in the replay line when it is https.
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../properties/cli/parse-options.js";
import { replayCommand } from "../../properties/report/replay-command.js";
import { DEFAULT_SETUP } from "../../properties/runner/run-setup.js";

describe("--transport", () => {
  it("https is read; in-process is the default and is not stored", () => {
    const https = parseCommandLine(["--transport", "https"]);
    expect(https.kind === "run" && https.options.transport).toBe("https");
    const plain = parseCommandLine([]);
    expect(plain.kind === "run" && plain.options.transport).toBeUndefined();
    const named = parseCommandLine(["--transport", "in-process"]);
    expect(named.kind === "run" && named.options.transport).toBeUndefined();
  });

  it("an unknown transport, or two, is a usage error", () => {
    expect(parseCommandLine(["--transport", "tcp"])).toMatchObject({ kind: "usage error", message: expect.stringContaining("in-process, https") });
    expect(parseCommandLine(["--transport", "https", "--transport", "https"])).toMatchObject({ kind: "usage error" });
  });

  it("the replay line of a run over HTTPS names it", () => {
    const options = { setup: { ...DEFAULT_SETUP, transport: "https" as const }, seed: 1, runs: 1, maxCommands: 5 };
    expect(replayCommand(options, "1:2")).toContain("--transport https");
    expect(replayCommand({ ...options, setup: DEFAULT_SETUP }, "1:2")).not.toContain("--transport");
  });
});
