// JUnit XML from a campaign: one testcase per summary row and one per failure, with the failure's message,
// numbered steps and replay line in the <failure> body; well-formed whatever the runs' text contains
// (read back by a strict reader, which itself refuses what a careless writer would produce).
import { describe, expect, it } from "vitest";
import type { CampaignFailure, CampaignRow } from "../../properties/campaign/run-campaign.js";
import { junitReport } from "../../properties/report/junit-report.js";
import { parseStrictXml, type XmlElement } from "./strict-xml.js";

function row(check: string, verdict: string, extra: Partial<CampaignRow> = {}): CampaignRow {
  return {
    check, kind: check.startsWith("explore") ? "explore" : "property", roleSet: "cooperative", variant: "same-commit/must-include",
    runs: "5", commands: "12", accepted: "7", refused: "4", skipped: "1", attacks: "3/3, 2 classes", coverage: "transitions 3/17, rules 9/35", seconds: "1.5", verdict,
    rulesHit: [], rulesNeverHit: [], ...extra,
  };
}

/** Text a run can produce at its worst: markup, quotes, an entity-looking string, CDATA's end, controls, a lone surrogate. */
const NASTY = `<script>alert("x")</script> & &amp; 'q' ]]> tab\there \u0001\u0000 \uD83D\uDE00 \uD800 end`;
/** What the reader gets back: the characters XML 1.0 cannot carry at all become U+FFFD. */
const NASTY_READ = `<script>alert("x")</script> & &amp; 'q' ]]> tab\there \uFFFD\uFFFD \uD83D\uDE00 \uFFFD end`;

const failure: CampaignFailure = {
  roleSet: "cooperative", variant: "clients-first/must-include", check: "verdict", step: 4, message: `hub accepted ${NASTY}`,
  steps: ["1. u0 creates the room with u0/d0 → accepted", `4. u1/d0 (ordinary_user) sends ${NASTY}`, "     b.example → a.example  /submitMessage  373 B"],
  seed: 1, path: "1:4:3", replayPath: "NB/I:N",
  replay: "npm start -- --variant clients-first/must-include --seed 1 --commands 25 --fault skipBlockedCheck --replay '1:4:3' --replay-path 'NB/I:N'",
  chart: ["sequenceDiagram"], commands: [],
  setup: { roleSet: "cooperative", variants: { leaveOrder: "clients-first", pendingProposals: "must-include" }, provider: "node", hubFaults: ["skipBlockedCheck"], clientFaults: [], compareWithModel: true, invariants: [], users: 4, adversaries: [] },
};

const cases = (suite: XmlElement) => suite.children.filter((c) => c.name === "testcase");

describe("JUnit XML", () => {
  const rows = [
    row("explore cooperative same-commit/must-include", "holds"),
    row(`model vs impl cooperative ${NASTY}`, "FAILS"),
    row("invariants cooperative same-commit/may-omit", "VACUOUS", { vacuous: "P3 never had anything to judge" }),
  ];
  const xml = junitReport(rows, [failure]);
  const root = parseStrictXml(xml);

  it("is well-formed: a testsuites root with a summary suite and a failures suite, counts matching", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(root.name).toBe("testsuites");
    expect(root.attributes).toMatchObject({ tests: "4", failures: "3" });
    const [summary, failures] = root.children;
    expect(summary).toMatchObject({ name: "testsuite", attributes: { name: "summary", tests: "3", failures: "2" } });
    expect(failures).toMatchObject({ name: "testsuite", attributes: { name: "failures", tests: "1", failures: "1" } });
  });

  it("one testcase per summary row, named by its check; a failing or vacuous row has a <failure>", () => {
    const summary = cases(root.children[0]!);
    expect(summary.map((c) => c.attributes.name)).toEqual(["explore cooperative same-commit/must-include", `model vs impl cooperative ${NASTY_READ}`, "invariants cooperative same-commit/may-omit"]);
    expect(summary.map((c) => c.attributes.time)).toEqual(["1.5", "1.5", "1.5"]);
    expect(summary[0]!.children).toEqual([]);
    expect(summary[1]!.children[0]).toMatchObject({ name: "failure", attributes: { type: "FAILS" } });
    expect(summary[2]!.children[0]).toMatchObject({ name: "failure", attributes: { type: "VACUOUS", message: "VACUOUS — P3 never had anything to judge" } });
  });

  it("one testcase per failure: its message in the attribute, the numbered steps and the replay line in the body", () => {
    const [testcase] = cases(root.children[1]!);
    expect(testcase!.attributes.name).toBe("verdict at step 4 (cooperative clients-first/must-include)");
    const body = testcase!.children[0]!;
    expect(body.attributes).toEqual({ type: "verdict", message: `hub accepted ${NASTY_READ}` });
    expect(body.text.split("\n")).toEqual([
      `verdict at step 4: hub accepted ${NASTY_READ}`,
      "1. u0 creates the room with u0/d0 → accepted",
      `4. u1/d0 (ordinary_user) sends ${NASTY_READ}`,
      "     b.example → a.example  /submitMessage  373 B",
      "seed 1, path 1:4:3, replayPath NB/I:N",
      "replay: npm start -- --variant clients-first/must-include --seed 1 --commands 25 --fault skipBlockedCheck --replay '1:4:3' --replay-path 'NB/I:N'",
    ]);
  });

  it("with nothing failed, both suites are still there and empty of failures", () => {
    const quiet = parseStrictXml(junitReport([row("explore cooperative same-commit/must-include", "holds")], []));
    expect(quiet.attributes).toMatchObject({ tests: "1", failures: "0" });
    expect(quiet.children.map((s) => [s.attributes.name, s.attributes.tests])).toEqual([["summary", "1"], ["failures", "0"]]);
  });

  it("the strict reader refuses what a writer without escaping would produce", () => {
    for (const bad of [
      `<a>${"x < y"}</a>`, `<a>${"R&D"}</a>`, `<a m="${'say "hi"'}"/>`, "<a>\u0001</a>", "<a>&nbsp;</a>", "<a m=x/>", '<a m="1" m="2"/>',
      "<a><b></a></b>", "<a></a><a></a>", "<a>",
    ])
      expect(() => parseStrictXml(bad), bad).toThrow();
    expect(parseStrictXml('<a m="&#9;&lt;">x &amp; y<b/></a>')).toEqual({ name: "a", attributes: { m: "\t<" }, children: [{ name: "b", attributes: {}, children: [], text: "" }], text: "x & y" });
  });
});
