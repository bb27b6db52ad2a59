// A failure report is enough to replay it: the printed seed, path and replayPath give the same shrunk run.
import { describe, expect, it } from "vitest";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { formatFailure } from "../../properties/report/format-failure.js";
import { SEED, withFault } from "./helpers.js";

describe("replaying a failure", () => {
  it("reproduces the shrunk counterexample from seed, path and replayPath, and prints it in words", async () => {
    const setup = withFault("same-commit/must-include", "skipCommitPolicy");
    const found = await checkRoomProperty({ setup, seed: SEED, runs: 100, maxCommands: 25 });
    expect(found.failure).toBeDefined();
    const { path, replayPath, trace } = found.failure!;
    const replayed = await checkRoomProperty({ setup, seed: SEED, runs: 100, maxCommands: 25, path, ...(replayPath !== undefined ? { replayPath } : {}) });
    expect(replayed.failure?.trace.failure).toEqual(trace.failure);
    expect(replayed.failure?.trace.steps.map((s) => s.text)).toEqual(trace.steps.map((s) => s.text));

    const lines = formatFailure(found);
    expect(lines[0]).toMatch(/^property failed: same-commit\/must-include with hub skipCommitPolicy — verdict at step \d+/);
    expect(lines[1]).toBe("  1. u0 creates the room with u0/d0 → accepted");
    expect(lines.some((l) => /→ hub accepted, model says (notAllowed|invalidProposal) \(R\d+\)$/.test(l))).toBe(true);
    expect(lines.at(-2)).toContain(`seed ${SEED}, path ${path}`);
    expect(lines.at(-1)).toBe(
      `  replay: npm start -- --variant same-commit/must-include --seed ${SEED} --commands 25 --base-policy none --fault skipCommitPolicy --adversary none --replay '${path}'${replayPath !== undefined ? ` --replay-path '${replayPath}'` : ""}`,
    );
  });
});
