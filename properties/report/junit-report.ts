// The campaign as JUnit XML (`--junit FILE`), for CI dashboards: one <testcase> per summary row
// (exploration and property rows, a <failure> when the row fails or is vacuous) and one per shrunk
// failure, whose <failure> body holds the numbered steps and the replay line.
import type { CampaignFailure, CampaignRow } from "../campaign/run-campaign.js";
import { escapeXml } from "./escape-markup.js";

const x = escapeXml;

function rowCase(row: CampaignRow): string {
  const open = `    <testcase classname="${x(`mimi.${row.kind}`)}" name="${x(row.check)}" time="${x(Number.isFinite(Number(row.seconds)) ? row.seconds : "0")}"`;
  if (row.verdict === "holds") return `${open}/>`;
  const message = row.vacuous !== undefined ? `VACUOUS — ${row.vacuous}` : `${row.check}: ${row.verdict}`;
  const body = [`verdict ${row.verdict}`, `runs ${row.runs}, commands ${row.commands} (accepted ${row.accepted}, refused ${row.refused}, skipped ${row.skipped}; attacks ${row.attacks})`, `coverage ${row.coverage}`];
  return `${open}>\n      <failure type="${x(row.verdict)}" message="${x(message)}">${x(body.join("\n"))}</failure>\n    </testcase>`;
}

function failureCase(f: CampaignFailure): string {
  const name = `${f.check} at step ${f.step} (${f.roleSet} ${f.variant})`;
  const body = [`${f.check} at step ${f.step}: ${f.message}`, ...f.steps, `seed ${f.seed}, path ${f.path}${f.replayPath !== undefined ? `, replayPath ${f.replayPath}` : ""}`, `replay: ${f.replay}`];
  return [
    `    <testcase classname="${x(`mimi.failure.${f.roleSet}.${f.variant}`)}" name="${x(name)}" time="0">`,
    `      <failure type="${x(f.check)}" message="${x(f.message)}">${x(body.join("\n"))}</failure>`,
    "    </testcase>",
  ].join("\n");
}

function suite(name: string, cases: readonly string[], failures: number): string {
  if (cases.length === 0) return `  <testsuite name="${x(name)}" tests="0" failures="0" errors="0"/>`;
  return [`  <testsuite name="${x(name)}" tests="${cases.length}" failures="${failures}" errors="0">`, ...cases, "  </testsuite>"].join("\n");
}

/** The JUnit XML document for a campaign's rows and failures. */
export function junitReport(rows: readonly CampaignRow[], failures: readonly CampaignFailure[]): string {
  const failedRows = rows.filter((r) => r.verdict !== "holds").length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mimi-model-check" tests="${rows.length + failures.length}" failures="${failedRows + failures.length}" errors="0">`,
    suite("summary", rows.map(rowCase), failedRows),
    suite("failures", failures.map(failureCase), failures.length),
    "</testsuites>",
    "",
  ].join("\n");
}
