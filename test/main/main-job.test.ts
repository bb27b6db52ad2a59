// `npm start` end to end, as a user runs it: a passing campaign exits 0 with its summary table; a hub
// with a rule switched off exits 1, and the replay line it prints reproduces the same failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function main(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "properties/cli/main.ts", ...args], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("npm start", () => {
  it("runs exploration and the campaign, prints one summary table, exits 0", () => {
    const { status, out } = main(["--depth", "2", "--runs", "5", "--commands", "10", "--variant", "clients-first/may-omit"]);
    expect(out).toMatch(/check\s+runs\s+commands\s+coverage\s+seconds\s+verdict/);
    expect(out).toMatch(/explore clients-first\/may-omit\s+1\s+\d+\s+\d+ states.*holds/);
    expect(out).toMatch(/model vs impl clients-first\/may-omit\s+5\s+\d+\s+transitions \d+\/17.*holds/);
    expect(status).toBe(0);
  });

  it("exits 1 on a planted fault, and its replay line replays the same counterexample", () => {
    const json = join(mkdtempSync(join(tmpdir(), "mimi-")), "campaign.json");
    const first = main(["--depth", "0", "--runs", "50", "--commands", "10", "--variant", "same-commit/must-include", "--fault", "skipCommitPolicy", "--json", json]);
    expect(first.status).toBe(1);
    const written = JSON.parse(readFileSync(json, "utf8"));
    expect(written.holds).toBe(false);
    expect(written.failures[0].replay).toBe(/replay: (npm start -- .*)/.exec(first.out)?.[1]);
    const replay = /replay: npm start -- (.*)/.exec(first.out)?.[1];
    expect(replay).toBeDefined();
    const args = [...replay!.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    const again = main(args);
    expect(again.status).toBe(1);
    const steps = (out: string) => out.split("\n").filter((l) => /^ {2}\d+\. /.test(l));
    expect(steps(again.out)).toEqual(steps(first.out));
    expect(steps(first.out).length).toBeGreaterThan(1);
  });
});
