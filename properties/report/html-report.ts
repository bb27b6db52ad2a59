// The campaign as one self-contained HTML page (`--report DIR` writes DIR/index.html): the summary table,
// the verdicts by variant and role set, each row's coverage (rule × outcome pairs and transitions, hit and
// never hit), and every failure with its numbered steps, its sequence chart and its replay line. The page
// needs no network: the charts are drawn in the browser by the `mermaid` package's own bundle, read from
// node_modules when the report is written and included in the page.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { CampaignFailure, CampaignOptions, CampaignRow } from "../campaign/run-campaign.js";
import { escapeHtml, jsonForScript } from "./escape-markup.js";
import { variantName } from "./variant-name.js";

/** What a campaign produced, as main.ts holds it (the same data --json writes). */
export interface CampaignReport {
  readonly options: CampaignOptions;
  readonly holds: boolean;
  readonly rows: readonly CampaignRow[];
  readonly failures: readonly CampaignFailure[];
}

const SUMMARY_COLUMNS = ["check", "runs", "commands", "accepted", "refused", "skipped", "attacks", "coverage", "seconds", "verdict"] as const;
const NUMERIC = new Set<string>(["runs", "commands", "accepted", "refused", "skipped", "seconds"]);

const require = createRequire(import.meta.url);

/** The mermaid browser bundle (it sets `globalThis.mermaid`) and its version. */
function mermaidBundle(): { script: string; version: string } {
  const script = readFileSync(require.resolve("mermaid/dist/mermaid.min.js"), "utf8");
  const { version } = JSON.parse(readFileSync(require.resolve("mermaid/package.json"), "utf8")) as { version: string };
  // Inside <script>, "<!--", "<script" and "</script" change how HTML reads the element's end; in the
  // bundle they only occur inside string and regular-expression literals, where \x3C is the same "<".
  return { script: script.replace(/<(?=!--|\/?script)/gi, "\\x3C"), version };
}

const h = escapeHtml;

function verdictClass(verdict: string): string {
  return verdict === "holds" ? "holds" : verdict === "VACUOUS" ? "vacuous" : "fails";
}

function summaryTable(rows: readonly CampaignRow[]): string {
  const head = SUMMARY_COLUMNS.map((c) => `<th${NUMERIC.has(c) ? ' class="num"' : ""}>${h(c)}</th>`).join("");
  const body = rows
    .map((r) => {
      const cells = SUMMARY_COLUMNS.map((c) => {
        const value = String(r[c]);
        if (c === "verdict") return `<td class="verdict ${verdictClass(value)}"${r.vacuous !== undefined ? ` title="${h(r.vacuous)}"` : ""}>${h(value)}</td>`;
        return `<td${NUMERIC.has(c) ? ' class="num"' : ""}>${h(value)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table id="summary">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Verdicts with variants down and (kind, role set) across; only when the campaign ran more than one variant. */
function variantTable(rows: readonly CampaignRow[]): string | undefined {
  const variants = [...new Set(rows.map((r) => r.variant))];
  if (variants.length < 2) return undefined;
  const kindName = (r: CampaignRow) => `${r.kind === "explore" ? "explore" : r.check.startsWith("invariants") ? "invariants" : "model vs impl"} ${r.roleSet}`;
  const columns = [...new Set(rows.map(kindName))];
  const head = ["variant", ...columns].map((c) => `<th>${h(c)}</th>`).join("");
  const body = variants
    .map((v) => {
      const cells = columns.map((c) => {
        const row = rows.find((r) => r.variant === v && kindName(r) === c);
        return row === undefined ? "<td>—</td>" : `<td class="verdict ${verdictClass(row.verdict)}">${h(row.verdict)}</td>`;
      });
      return `<tr><th scope="row">${h(v)}</th>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table id="variants">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function list(items: readonly string[] | undefined): string {
  if (items === undefined) return "<span class=\"none\">not recorded</span>";
  if (items.length === 0) return "<span class=\"none\">none</span>";
  return `<span class="items">${items.map((i) => `<code>${h(i)}</code>`).join(" ")}</span>`;
}

function coverageSection(rows: readonly CampaignRow[]): string {
  return rows
    .map((r) => {
      const premises = r.invariantPremises === undefined
        ? ""
        : `<dt>steps each invariant judged</dt><dd>${list(Object.entries(r.invariantPremises).map(([id, n]) => `${id}: ${n}`))}</dd>`;
      return [
        `<details class="coverage"><summary>${h(r.check)} — ${h(r.coverage)}</summary>`,
        "<dl>",
        `<dt>rule × outcome pairs hit (${r.rulesHit.length})</dt><dd>${list(r.rulesHit)}</dd>`,
        `<dt>rule × outcome pairs never hit (${r.rulesNeverHit.length})</dt><dd>${list(r.rulesNeverHit)}</dd>`,
        ...(r.kind === "property"
          ? [
              `<dt>transitions hit (${r.transitionsHit?.length ?? 0})</dt><dd>${list(r.transitionsHit)}</dd>`,
              `<dt>transitions never hit (${r.transitionsNeverHit?.length ?? 0})</dt><dd>${list(r.transitionsNeverHit)}</dd>`,
            ]
          : []),
        premises,
        "</dl></details>",
      ].join("\n");
    })
    .join("\n");
}

/** The participants a chart declares ("participant x as NAME"), for the container's data attribute. */
function participantsOf(chart: readonly string[]): string[] {
  return chart.flatMap((l) => /^\s*participant \S+ as (.*)$/.exec(l)?.[1] ?? []);
}

function failureSection(f: CampaignFailure, i: number): string {
  const faults = [...f.setup.hubFaults.map((x) => `hub ${x}`), ...f.setup.clientFaults.map((x) => `clients ${x}`)];
  return [
    `<section class="failure" id="failure-${i}">`,
    `<h3>${h(`${f.roleSet} ${f.variant}${faults.length ? ` with ${faults.join(", ")}` : ""} — ${f.check} at step ${f.step}`)}</h3>`,
    `<p class="message">${h(f.message)}</p>`,
    `<div class="failure-body">`,
    `<pre class="steps">${h(f.steps.join("\n"))}</pre>`,
    `<div class="chart" id="chart-${i}" data-participants="${h(participantsOf(f.chart).join("\n"))}">drawing the sequence chart…</div>`,
    `</div>`,
    `<p>seed ${h(String(f.seed))}, path <code>${h(f.path)}</code>${f.replayPath !== undefined ? `, replayPath <code>${h(f.replayPath)}</code>` : ""}</p>`,
    `<pre class="replay">${h(f.replay)}</pre>`,
    `<details><summary>chart source (Mermaid)</summary><pre class="chart-source">${h(f.chart.join("\n"))}</pre></details>`,
    `</section>`,
  ].join("\n");
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em; color: #1b1b1b; max-width: 1400px; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; white-space: nowrap; }
thead th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict.holds { background: #e3f5e3; } .verdict.fails { background: #fbdcdc; font-weight: bold; } .verdict.vacuous { background: #fff1c9; font-weight: bold; }
.overall { font-size: 1.2em; padding: 0.2em 0.6em; } .overall.holds { background: #e3f5e3; } .overall.fails { background: #fbdcdc; }
details.coverage { margin: 0.3em 0; } dl { margin: 0.4em 1.5em; } dt { font-weight: 600; } dd { margin: 0 0 0.4em 1em; }
code { background: #f4f4f4; padding: 0 0.2em; } .items code { display: inline-block; margin: 1px; } .none { color: #777; }
section.failure { border-left: 4px solid #d33; padding-left: 1em; margin: 1.5em 0; }
.failure-body { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; } pre.steps { flex: 0 1 auto; margin: 0; }
.chart { flex: 1 1 480px; min-width: 320px; } .chart svg { max-width: 100%; height: auto; } .chart-error { color: #b00; }
`;

/** Draws every chart from its source, then marks the page done (data-charts on <body>) so a browser test can wait for it. */
const RENDER = `
(async () => {
  const sources = JSON.parse(document.getElementById("chart-sources").textContent);
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default", sequence: { wrap: true, mirrorActors: false } });
  for (const [i, source] of sources.entries()) {
    const box = document.getElementById("chart-" + i);
    try {
      const { svg } = await mermaid.render("chart-svg-" + i, source);
      box.innerHTML = svg;
    } catch (e) {
      box.textContent = "The chart could not be drawn: " + (e && e.message ? e.message : String(e));
      box.classList.add("chart-error");
    }
  }
  document.body.dataset.charts = "done";
})();
`;

/** The report page's HTML. */
export function htmlReport(report: CampaignReport): string {
  const { options, rows, failures, holds } = report;
  const bundle = mermaidBundle();
  const faults = [...Object.keys(options.hubFaults).map((f) => `hub ${f}`), ...Object.keys(options.clientFaults).map((f) => `clients ${f}`)];
  const settings = [
    `seed ${options.seed}`, `${options.runs} runs × ≤ ${options.maxCommands} commands`, `${options.users} users × 2 clients`,
    `${options.provider} provider`, options.credentials === "basic" ? "basic credentials (insecure mode)" : "x509 credentials", `exploration depth ${options.depth}`, `variants ${options.variants.map(variantName).join(", ")}`,
    `role sets ${options.roleSets.join(", ")}`, ...(faults.length ? [`faults: ${faults.join(", ")}`] : []),
    options.compareWithModel ? "compared with the model" : "invariants only",
  ];
  const variants = variantTable(rows);
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    "<title>mimi-model-check report</title>",
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<h1>mimi-model-check report</h1>",
    `<p><span class="overall ${holds ? "holds" : "fails"}">${holds ? "every row holds" : "some row fails or is vacuous"}</span></p>`,
    `<p>${h(settings.join(" · "))}</p>`,
    "<h2>Summary</h2>",
    summaryTable(rows),
    ...(variants !== undefined ? ["<h2>By variant</h2>", variants] : []),
    "<h2>Coverage</h2>",
    coverageSection(rows),
    `<h2>Failures (${failures.length})</h2>`,
    failures.length === 0 ? "<p>None.</p>" : failures.map(failureSection).join("\n"),
    `<p class="none">Sequence charts drawn in this page by Mermaid ${h(bundle.version)} (MIT licence), included in the file.</p>`,
    `<script type="application/json" id="chart-sources">${jsonForScript(failures.map((f) => f.chart.join("\n")))}</script>`,
    `<script>${bundle.script}</script>`,
    `<script>${RENDER}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** Writes DIR/index.html (creating DIR); answers the file's path. */
export function writeHtmlReport(dir: string, report: CampaignReport): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "index.html");
  writeFileSync(file, htmlReport(report));
  return file;
}
