// `npm start` end to end, as a user runs it: a passing campaign exits 0 with its summary table; a hub
// with a rule switched off exits 1, and the replay line it prints reproduces the same failure; a vacuous
// row exits 1; a bad command line exits 2 with the problem and the usage text, never a stack trace.
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
  it("runs exploration and the campaign in every role set, prints one summary table, exits 0", () => {
    const { status, out } = main(["--depth", "2", "--runs", "5", "--commands", "10", "--variant", "clients-first/may-omit"]);
    expect(out).toMatch(/check\s+runs\s+commands\s+accepted\s+refused\s+skipped\s+attacks\s+coverage\s+seconds\s+verdict/);
    for (const roleSet of ["cooperative", "strict", "moderated", "multi-org", "restricted", "public", "preauth"]) {
      expect(out).toMatch(new RegExp(`explore ${roleSet} clients-first/may-omit\\s+1\\s+\\d+\\s+[1-9]\\d*\\s+[1-9]\\d*\\s+0\\s+—\\s+\\d+ states.*holds`));
      expect(out).toMatch(new RegExp(`model vs impl ${roleSet} clients-first/may-omit\\s+5\\s+\\d+\\s+[1-9]\\d*\\s+[1-9]\\d*\\s+\\d+( \\(\\d+ diverged\\))?\\s+(\\d+/\\d+, \\d+ classes|0)\\s+transitions \\d+/21.*holds`));
    }
    expect(status, out).toBe(0);
  });

  it("exits 1 when a row is vacuous, and says why", () => {
    const { status, out } = main(["--depth", "0", "--runs", "2", "--commands", "1", "--variant", "same-commit/must-include", "--role-set", "cooperative", "--invariants-only", "--invariant", "P3", "--adversary", "none"]);
    expect(out).toMatch(/invariants cooperative same-commit\/must-include .*VACUOUS/);
    expect(out).toContain("VACUOUS — P3 never had anything to judge");
    expect(status).toBe(1);
  });

  it("exits 2 on a bad command line with the problem and the usage text, no stack trace; 0 on --help", () => {
    // Each spawn costs about two seconds: the parser's own test covers every other bad invocation.
    for (const args of [["--runs", "0"], ["--seed", "-1"]]) {
      const { status, out } = main(args);
      expect(status, out).toBe(2);
      expect(out).toMatch(/^error: .*(--runs 0 is out of range|'--seed' argument is ambiguous)/m);
      expect(out).toContain("usage: npm start -- [options]");
      expect(out).not.toMatch(/^\s+at /m);
    }
    const help = main(["--help"]);
    expect(help.status).toBe(0);
    expect(help.out).toMatch(/^usage: npm start -- \[options\]/);
  });

  it("exits 1 on a planted fault, and its replay line replays the same counterexample", () => {
    const json = join(mkdtempSync(join(tmpdir(), "mimi-")), "campaign.json");
    const first = main(["--depth", "0", "--runs", "50", "--commands", "10", "--variant", "same-commit/must-include", "--role-set", "cooperative", "--fault", "skipCommitPolicy", "--json", json]);
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
