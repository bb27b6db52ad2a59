// --base-policy: drawn by default (each run's room gets a base_room_policy from the seed), none on request;
// the replay line names "none" so that it replays the same runs.
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../properties/cli/parse-options.js";
import { replayCommand } from "../../properties/report/replay-command.js";
import { DEFAULT_SETUP } from "../../properties/runner/run-setup.js";
import { worldFor } from "../../properties/runner/run-setup.js";

describe("--base-policy", () => {
  it("drawn is the default and is not stored; none is", () => {
    const drawn = parseCommandLine([]);
    expect(drawn.kind === "run" && drawn.options.basePolicy).toBeUndefined();
    const none = parseCommandLine(["--base-policy", "none"]);
    expect(none.kind === "run" && none.options.basePolicy).toBe("none");
  });

  it("the replay line says none unless the runs drew their policies", () => {
    const options = { setup: DEFAULT_SETUP, seed: 1, runs: 1, maxCommands: 5 };
    expect(replayCommand(options, "1:2")).toContain("--base-policy none");
    expect(replayCommand({ ...options, setup: { ...DEFAULT_SETUP, basePolicy: "drawn" } }, "1:2")).not.toContain("--base-policy");
  });

  it("a run's policy reaches the model's config; a fixed membership takes canAddParticipant from roles above 1", () => {
    const world = worldFor({ ...DEFAULT_SETUP, basePolicy: { fixedMembership: true, multiDevice: true } });
    expect(world.config.basePolicy).toEqual({ fixedMembership: true, multiDevice: true });
    expect(world.config.roles.filter((r) => r.index > 1 && r.capabilities.has("canAddParticipant"))).toEqual([]);
    expect(worldFor({ ...DEFAULT_SETUP, basePolicy: "drawn" }).config.basePolicy).toBeUndefined();
  });
});
