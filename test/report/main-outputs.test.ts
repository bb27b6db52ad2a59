// `npm start` with the report outputs, as a user runs it: a failing campaign writes the HTML report, the
// JUnit XML and the emitted test and says where; a holding one writes no test; an output that cannot be
// written is an error line and exit 1, never a stack trace.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseStrictXml } from "./strict-xml.js";

function main(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "properties/cli/main.ts", ...args], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

const ONE_ROW = ["--depth", "0", "--commands", "10", "--variant", "same-commit/must-include", "--role-set", "cooperative"];

describe("npm start report outputs", () => {
  it("a failing campaign writes the report, the JUnit XML and the test replaying its failure", () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-outputs-"));
    const emitted = join(dir, "replay", "failure.test.ts");
    const { status, out } = main([...ONE_ROW, "--runs", "50", "--fault", "skipCommitPolicy", "--report", join(dir, "report"), "--junit", join(dir, "ci", "junit.xml"), "--emit-test", emitted]);
    expect(status, out).toBe(1);
    expect(out).toContain(`report: ${join(dir, "report", "index.html")}`);
    expect(out).toContain(`test replaying the failure: ${emitted} (npx vitest run ${emitted})`);
    const html = readFileSync(join(dir, "report", "index.html"), "utf8");
    expect(html).toMatch(/<td>model vs impl cooperative same-commit\/must-include<\/td>/);
    expect(html).toContain('<div class="chart" id="chart-0"');
    const junit = parseStrictXml(readFileSync(join(dir, "ci", "junit.xml"), "utf8"));
    expect(junit.attributes).toMatchObject({ tests: "2", failures: "2" });
    expect(readFileSync(emitted, "utf8")).toContain('hubFaults: {"skipCommitPolicy":true},');
  });

  it("a holding campaign writes no test, and an output that cannot be written is an error line and exit 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-outputs-"));
    const emitted = join(dir, "none.test.ts");
    const holding = main([...ONE_ROW, "--runs", "3", "--emit-test", emitted]);
    expect(holding.status, holding.out).toBe(0);
    expect(holding.out).toContain(`no failure to replay: ${emitted} not written`);
    expect(existsSync(emitted)).toBe(false);

    // A directory cannot be written as a file.
    const unwritable = main([...ONE_ROW, "--runs", "3", "--junit", dir]);
    expect(unwritable.status).toBe(1);
    expect(unwritable.out).toMatch(/^error: cannot write the JUnit XML: EISDIR/m);
    expect(unwritable.out).not.toMatch(/^\s+at /m);
  });
});
