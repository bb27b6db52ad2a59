// A failure's message sequence chart: participants are the acting clients, the hub and the providers the
// run touched; every step is a numbered note, the client's call, each request on the wire with its
// endpoint and HTTP status, and the MIMI answer; the failing step is shaded and carries the finding.
import { describe, expect, it } from "vitest";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import { RunCoverage } from "../../properties/coverage/run-coverage.js";
import { formatFailure } from "../../properties/report/format-failure.js";
import { mermaidText, sequenceChart } from "../../properties/report/sequence-chart.js";
import { DEFAULT_SETUP } from "../../properties/runner/run-setup.js";
import type { TraceResult } from "../../properties/runner/run-trace.js";

/** The README's skipBlockedCheck failure, written out by hand: u1 (on b.example) leaves, then still sends. */
const trace: TraceResult = {
  coverage: new RunCoverage(),
  steps: [
    { index: 1, text: "u0 creates the room with u0/d0", event: { type: "createRoom", creator: "u0", creatorClient: "u0/d0" }, modelVerdict: { accepted: true, rule: "R0", passed: [] }, implCode: "accepted", skipped: false, wire: [] },
    {
      index: 2, text: "u0/d0 (group_admin) adds u1 as role 2 with u1/d0", skipped: false, implCode: "accepted",
      event: { type: "addParticipant", actor: "u0/d0", target: "u1", role: 2, clients: ["u1/d0"] }, modelVerdict: { accepted: true, rule: "R3", passed: [] },
      wire: [
        { from: "a.example", to: "b.example", endpoint: "keyMaterial", target: "u1", bytes: 90, status: 200 },
        { from: "a.example", to: "a.example", endpoint: "update", target: "", bytes: 3000, status: 200 },
        { from: "a.example", to: "b.example", endpoint: "notify", target: "", bytes: 1000, status: 201 },
      ],
    },
    { index: 3, text: "(commit: nobody in this room can do it; skipped)", skipped: true },
    { index: 4, text: "u1/d0 (ordinary_user) leaves", event: { type: "leave", actor: "u1/d0" }, modelVerdict: { accepted: true, rule: "R10", passed: [] }, implCode: "accepted", skipped: false, wire: [{ from: "b.example", to: "a.example", endpoint: "update", target: "", bytes: 400, status: 200 }] },
    {
      index: 5, text: "u1/d0 (ordinary_user) sends a message (epoch offset 0)", skipped: false, implCode: "accepted",
      event: { type: "sendMessage", actor: "u1/d0", epochOffset: 0 }, modelVerdict: { accepted: false, code: "notAllowed", rule: "R14", reason: "blocked", passed: [] },
      wire: [{ from: "b.example", to: "a.example", endpoint: "submitMessage", target: "", bytes: 373, status: 200 }],
    },
  ],
  failure: { step: 5, check: "verdict", message: "hub accepted, model says notAllowed (R14: blocked); no other client received it" },
};

describe("sequence chart", () => {
  it("draws every step's requests, the answers, and shades the failing step", () => {
    expect(sequenceChart(trace)).toEqual([
      "sequenceDiagram",
      "  participant u0_d0 as u0/d0",
      "  participant u1_d0 as u1/d0",
      "  participant a_example as a.example (hub)",
      "  participant b_example as b.example",
      "  Note over u0_d0,b_example: 1. u0 creates the room with u0/d0",
      "  u0_d0->>a_example: createRoom",
      "  a_example-->>u0_d0: accepted",
      "  Note over u0_d0,b_example: 2. u0/d0 (group_admin) adds u1 as role 2 with u1/d0",
      "  u0_d0->>a_example: addParticipant",
      "  a_example->>b_example: /keyMaterial u1 · 200",
      "  a_example->>a_example: /update · 200",
      "  a_example->>b_example: /notify · 201",
      "  a_example-->>u0_d0: accepted",
      "  Note over u0_d0,b_example: 4. u1/d0 (ordinary_user) leaves",
      "  u1_d0->>b_example: leave",
      "  b_example->>a_example: /update · 200",
      "  b_example-->>u1_d0: accepted",
      "  rect rgb(255, 225, 225)",
      "    Note over u0_d0,b_example: ✗ 5. u1/d0 (ordinary_user) sends a message (epoch offset 0)",
      "    u1_d0->>b_example: sendMessage",
      "    b_example->>a_example: /submitMessage · 200",
      "    b_example-->>u1_d0: hub accepted, model notAllowed (R14)",
      "    Note over u0_d0,b_example: ✗ verdict: hub accepted, model says notAllowed (R14: blocked), no other client received it",
      "  end",
    ]);
  });

  it("keeps statement separators, line breaks and markup out of Mermaid's text", () => {
    expect(mermaidText("a; b\nc <img src=x> #59;")).toBe("a, b c ‹img src=x› #59,");
  });

  it("a real shrunk failure keeps every step's exchanges, and the terminal prints its chart fenced between the steps and the replay line", async () => {
    // The README's example: a hub without its blocked-user check lets a leaver still send.
    const setup = { ...DEFAULT_SETUP, variants: { leaveOrder: "clients-first", pendingProposals: "must-include" } as const, hubFaults: { skipBlockedCheck: true } };
    const result = await checkRoomProperty({ setup, seed: 1, runs: 150, maxCommands: 25 });
    const failed = result.failure!;
    expect(failed.trace.failure?.step).toBeGreaterThan(2);
    const ran = failed.trace.steps.filter((s) => !s.skipped);
    // Steps before the failing one had requests on the wire too, and each is drawn.
    expect(ran.slice(0, -1).some((s) => (s.wire ?? []).length > 0)).toBe(true);
    const chart = sequenceChart(failed.trace);
    const requests = chart.filter((l) => /^\s+\w+->>\w+: \//.test(l));
    expect(requests).toHaveLength(ran.reduce((n, s) => n + (s.wire ?? []).length, 0));
    expect(chart).toContain("  participant a_example as a.example (hub)");
    expect(chart).toContain("  rect rgb(255, 225, 225)");
    expect(chart.filter((l) => l.includes("Note over"))).toHaveLength(ran.length + 1);

    const printed = formatFailure(result);
    const fence = printed.indexOf("  ```mermaid");
    expect(printed[fence - 1]).toMatch(/^ {2}\d+\. |^ {5}/);
    expect(printed.slice(fence + 1, fence + 1 + chart.length)).toEqual(chart.map((l) => `  ${l}`));
    expect(printed.slice(fence + 1 + chart.length)).toEqual(["  ```", expect.stringMatching(/^ {2}seed 1, path /), expect.stringMatching(/^ {2}replay: npm start -- /)]);
  });
});
