// The HTML report, opened in a real browser (Debian's chromium, driven by playwright-core) with every
// request but the file itself refused: the summary and variant tables are there, every failure's sequence
// chart is drawn (an <svg> naming its participants), and text from the runs is shown as text, never run.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ALL_VARIANTS } from "../../model/index.js";
import { runCampaign, type CampaignOptions } from "../../properties/campaign/run-campaign.js";
import { writeHtmlReport } from "../../properties/report/html-report.js";

const CHROMIUM = "/usr/bin/chromium";
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (Debian's chromium package; .ci/run installs it): the HTML report was not opened in a browser`;
if (missing !== undefined) console.warn(`skipped: ${missing}`);

/** Text that would run or add elements if the report wrote it unescaped. */
const INJECTED = `<img src=x onerror="window.mimiInjected = 1"><script>window.mimiInjected = 2</script> & "quoted"`;

describe.skipIf(missing !== undefined)("HTML report in chromium", () => {
  it("shows the tables, draws every failure's chart offline, and shows injected text as text", async () => {
    // Two variants with the commit policy switched off at the hub: both fail at once, each with a chart.
    const options: CampaignOptions = {
      variants: ALL_VARIANTS.slice(0, 2), roleSets: ["cooperative"], provider: "node", seed: 1, runs: 30, maxCommands: 10, users: 4, depth: 1,
      hubFaults: { skipCommitPolicy: true }, clientFaults: {}, compareWithModel: true, invariants: [],
    };
    const { rows, failures, holds } = await runCampaign(options, () => {});
    expect(failures).toHaveLength(2);
    const tampered = { ...failures[0]!, message: INJECTED, steps: [...failures[0]!.steps, INJECTED] };
    // A chart Mermaid cannot read: the page must say so in its place (and the checks below see the difference).
    const unreadable = { ...failures[0]!, chart: ["sequenceDiagram", "  participant u0_d0 as u0/d0", "  u0_d0 ->> : nowhere"] };
    const dir = mkdtempSync(join(tmpdir(), "mimi-report-"));
    const file = writeHtmlReport(dir, { options, holds, rows, failures: [...failures, tampered, unreadable] });

    const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "mimi-chromium-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const refused: string[] = [];
      await browser.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        refused.push(url);
        return route.abort();
      });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector("body[data-charts=done]", { timeout: 60_000 });

      // The summary: one row per campaign row (1 exploration + 1 property row per variant), checks by name.
      expect(await page.locator("#summary thead th").allTextContents()).toEqual(["check", "runs", "commands", "accepted", "refused", "skipped", "attacks", "coverage", "seconds", "verdict"]);
      expect(await page.locator("#summary tbody tr td:first-child").allTextContents()).toEqual([
        "explore cooperative same-commit/must-include", "explore cooperative same-commit/may-omit",
        "model vs impl cooperative same-commit/must-include", "model vs impl cooperative same-commit/may-omit",
      ]);
      expect(await page.locator("#summary tbody tr td.verdict").allTextContents()).toEqual(["holds", "holds", "FAILS", "FAILS"]);
      expect(await page.locator("#variants tbody th").allTextContents()).toEqual(["same-commit/must-include", "same-commit/may-omit"]);

      // Every chart drawn: an <svg> whose text names each participant the chart declares.
      const charts = page.locator(".chart");
      expect(await charts.count()).toBe(4);
      expect(await page.locator("#chart-3.chart-error svg").count()).toBe(0);
      expect(await page.locator("#chart-3").textContent()).toMatch(/^The chart could not be drawn: /);
      for (let i = 0; i < 3; i += 1) {
        expect(await charts.nth(i).getAttribute("class")).toBe("chart");
        const chart = charts.nth(i);
        expect(await chart.locator("svg").count()).toBe(1);
        const participants = (await chart.getAttribute("data-participants"))!.split("\n");
        // The room's creator and the hub are in every run.
        expect(participants).toEqual(expect.arrayContaining(["u0/d0", "a.example (hub)"]));
        const drawn = await chart.locator("svg").textContent();
        for (const name of participants) expect(drawn).toContain(name);
      }

      // Injected text is shown verbatim and nothing in it ran.
      expect(await page.locator("#failure-2 .message").textContent()).toBe(INJECTED);
      expect(await page.evaluate(() => (window as unknown as { mimiInjected?: number }).mimiInjected)).toBeUndefined();
      expect(errors).toEqual([]);
      expect(refused).toEqual([]);
      await page.locator("#failure-0").screenshot({ path: join(tmpdir(), "report.png") });

      // The injection probe itself: the same text written raw into a page does run.
      const raw = await browser.newPage();
      await raw.setContent(`<div>${INJECTED}</div>`);
      await raw.waitForFunction(() => (window as unknown as { mimiInjected?: number }).mimiInjected !== undefined);
    } finally {
      await browser.close();
    }
  });
});
