// P0 no internal error: an exception from the implementation, or a 5xx answer from any endpoint, fails a
// run in every mode (model comparison and invariants alone), with a shrunk trace and the server's local
// report; and a 500 crosses the wire with a fixed body, never a stack trace.
import { describe, expect, it } from "vitest";
import { INTERNAL_ERROR_TEXT } from "../../impl/transport/internal-error.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";
import { counterexampleLength, onlyInvariant, report, run, setupFor, withFault } from "./helpers.js";

const VARIANT = "same-commit/must-include";
const P0 = "P0 no internal error";

describe("P0 no internal error", () => {
  it.each([
    ["comparing with the model", {}],
    ["by the invariants alone", { compareWithModel: false }],
    ["by one other invariant alone (P0 is checked whatever the selection)", { compareWithModel: false, invariants: onlyInvariant("P3") }],
  ])("catches the hub's throwOnSubmit %s, shrunk to the one message", async (_, overrides) => {
    const result = await run(withFault(VARIANT, "throwOnSubmit", overrides), 50);
    expect(result.failure, "throwOnSubmit was not caught").toBeDefined();
    const { trace } = result.failure!;
    expect(trace.failure!.check).toBe(P0);
    // The shortest failing run: the room's creation, then one message (the fault's only trigger).
    expect(counterexampleLength(result), report(result)).toBe(1);
    expect(trace.steps.filter((s) => !s.skipped).at(-1)!.event?.type).toBe("sendMessage");
    expect(trace.failure!.message).toBe("a.example answered a.example's /submitMessage with 500");
    const text = report(result);
    // The local report travels with the failure; the wire line shows the status.
    expect(text).toContain("a.example /submitMessage: Error: throwOnSubmit: planted internal error");
    expect(text).toMatch(/a\.example → a\.example {2}\/submitMessage {2}\d+ B {2}→ 500/);
  });

  it("an exception thrown by the implementation is a failure in invariants-only mode, not a skipped step", async () => {
    const runner = await TraceRunner.start(setupFor(VARIANT, { compareWithModel: false }));
    runner.impl.client("u0/d0").selfUpdate = async () => {
      throw new Error("commit could not be built");
    };
    const failure = await runner.step({ op: "commit", actor: 0, includePending: true });
    expect(failure?.check).toBe(P0);
    expect(failure?.message).toBe("u0/d0's operation threw: Error: commit could not be built");
    expect(runner.result().steps.at(-1)!.skipped).toBe(false);
    expect(runner.coverage.skipped).toBe(0);
  });

  it("without a fault, every step that ran met P0's premise and none failed it", async () => {
    const runner = await TraceRunner.start(setupFor(VARIANT, { compareWithModel: false }));
    for (const command of [{ op: "commit", actor: 0, includePending: true }, { op: "sendMessage", actor: 0, epochOffset: 0 }] as const)
      expect(await runner.step(command)).toBeUndefined();
    expect(runner.coverage.invariantPremises.get("P0")).toBe(2);
    expect([runner.coverage.accepted, runner.coverage.refused, runner.coverage.skipped]).toEqual([2, 0, 0]);
  });
});

describe("a 500 answer", () => {
  it("from the hub carries the fixed body; the stack stays in the provider's local report", async () => {
    const runner = await TraceRunner.start(withFault(VARIANT, "throwOnSubmit"));
    await runner.step({ op: "sendMessage", actor: 0, epochOffset: 0 });
    const answers = runner.impl.system.network.log.filter((x) => x.response.status === 500);
    expect(answers).toHaveLength(1);
    expect(new TextDecoder().decode(answers[0]!.response.body)).toBe("internal error");
    expect(INTERNAL_ERROR_TEXT).toBe("internal error");
    const local = runner.impl.internalErrors();
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({ domain: "a.example", endpoint: "submitMessage" });
    expect(local[0]!.error).toMatch(/^Error: throwOnSubmit: planted internal error\n\s+at /);
  });

  it("from a follower whose client throws on /notify carries the fixed body too, and so does the hub's answer that follows", async () => {
    const runner = await TraceRunner.start(setupFor(VARIANT, { compareWithModel: false }));
    // u1 lives on b.example: add it with its clients, then make one of them throw on anything it receives.
    expect(await runner.step({ op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" })).toBeUndefined();
    runner.impl.client("u1/d0").receive = async () => {
      throw new Error("receive failed");
    };
    const failure = await runner.step({ op: "sendMessage", actor: 0, epochOffset: 0 });
    expect(failure?.check).toBe(P0);
    const answers = runner.impl.system.network.log.filter((x) => x.response.status === 500);
    expect(answers.map((x) => `${x.to} /${x.request.endpoint}`)).toEqual(["b.example /notify", "a.example /submitMessage"]);
    for (const x of answers) expect(new TextDecoder().decode(x.response.body)).toBe("internal error");
    const local = runner.impl.internalErrors().map((r) => `${r.domain} /${r.endpoint}: ${r.error.split("\n")[0]}`);
    expect(local).toEqual(["a.example /submitMessage: Error: notify to b.example failed with 500", "b.example /notify: Error: receive failed"]);
  });
});

describe("an operation the implementation's room cannot run", () => {
  it("is named: no session, no earlier epoch, already in the room", async () => {
    const runner = await TraceRunner.start(setupFor(VARIANT));
    const { impl } = runner;
    expect(impl.unavailable({ type: "sendMessage", actor: "u1/d0", epochOffset: 0 })).toBe("u1/d0 holds no session of the room");
    expect(impl.unavailable({ type: "staleCommit", actor: "u0/d0" })).toBe("u0/d0 has no earlier epoch of the room");
    expect(impl.unavailable({ type: "sendMessage", actor: "u0/d0", epochOffset: -1 })).toBe("u0/d0 has no earlier epoch of the room");
    expect(impl.unavailable({ type: "addOwnClient", client: "u0/d0", user: "u0" })).toBe("u0/d0 already holds the room");
    expect(impl.unavailable({ type: "sendMessage", actor: "u0/d0", epochOffset: 0 })).toBeUndefined();
    expect(impl.unavailable({ type: "addOwnClient", client: "u0/d1", user: "u0" })).toBeUndefined();
  });
});
