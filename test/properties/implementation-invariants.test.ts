// The invariants are not vacuous: each reports the situation it is about when shown one.
import { describe, expect, it } from "vitest";
import { LINEAR_HISTORY, REMOVED_CLIENTS_CANNOT_READ, type StepFacts } from "../../properties/invariants/implementation-invariants.js";
import { ImplementationUnderTest } from "../../properties/runner/implementation-under-test.js";
import { observeImplementation } from "../../properties/runner/observe-implementation.js";
import { worldFor } from "../../properties/runner/run-setup.js";
import { setupFor } from "./helpers.js";

async function roomOfTwo() {
  const setup = setupFor("same-commit/must-include");
  const impl = await ImplementationUnderTest.create({ world: worldFor(setup), roleSet: "cooperative", variants: setup.variants, hubFaults: {}, provider: "node" });
  expect(await impl.apply({ type: "createRoom", creator: "u0", creatorClient: "u0/d0" })).toBe("accepted");
  expect(await impl.apply({ type: "addParticipant", actor: "u0/d0", target: "u1", role: 2, clients: ["u1/d0"] })).toBe("accepted");
  return impl;
}

function facts(impl: ImplementationUnderTest, overrides: Partial<StepFacts>): StepFacts {
  const o = observeImplementation(impl);
  return { event: { type: "commit", actor: "u0/d0", includePending: true }, code: "accepted", before: o, after: o, blockedBefore: new Set(), fannedOut: [], impl, ...overrides };
}

describe("P9 linear history", () => {
  it("holds on a real run and reports two commits fanned out for one epoch", async () => {
    const impl = await roomOfTwo();
    expect(LINEAR_HISTORY.check(facts(impl, {}))).toBeUndefined();
    impl.wire.commitsByEpoch.get(0n)!.add("a second, different commit");
    expect(LINEAR_HISTORY.check(facts(impl, {}))).toMatch(/2 commits for epoch 0/);
  });
});

describe("P12 removed clients cannot read later messages (RFC 9420 §16.4)", () => {
  it("holds after a real removal, and would report a former member that still holds the epoch's keys", async () => {
    const impl = await roomOfTwo();
    const bob = impl.client("u1/d0");
    const keptState = bob.session(impl.roomId)!.state;
    expect(await impl.apply({ type: "sendMessage", actor: "u0/d0", epochOffset: 0 })).toBe("accepted");
    const sameEpochMessage = impl.takeApplicationMessages();
    expect(await impl.apply({ type: "removeParticipant", actor: "u0/d0", target: "u1" })).toBe("accepted");
    expect(bob.session(impl.roomId)).toBeUndefined();
    expect(await impl.apply({ type: "sendMessage", actor: "u0/d0", epochOffset: 0 })).toBe("accepted");
    expect(await REMOVED_CLIENTS_CANNOT_READ.check(facts(impl, { fannedOut: impl.takeApplicationMessages() }))).toBeUndefined();
    const former = bob.formerStates.get(impl.roomId)!;
    expect(former.afterRemoval.derived).toBe(false);
    // Planted: pretend bob derived, from the commit removing him, the keys of the epoch the first message was sent in.
    bob.formerStates.set(impl.roomId, { ...former, afterRemoval: { derived: true, state: keptState, how: "planted" } });
    expect(await REMOVED_CLIENTS_CANNOT_READ.check(facts(impl, { fannedOut: sameEpochMessage }))).toMatch(/decrypted a later message \(it derived the epoch its removal opened: planted\)/);
    // ... and with nothing derived, the same message tried with his last state: it is read too.
    bob.formerStates.set(impl.roomId, { lastState: keptState, afterRemoval: { derived: false, reason: "planted" } });
    expect(await REMOVED_CLIENTS_CANNOT_READ.check(facts(impl, { fannedOut: sameEpochMessage }))).toMatch(/decrypted a later message$/);
  });
});
