// The impostor join (A26) when the victim is the group's only member: u0/d1 fetches the GroupInfo as
// itself, then joins as u0/d0 with a resync that removes u0/d0's leaf, the only one. RFC 9420 §12.4.3.2
// lets a resync remove the joiner's "own" earlier leaf whatever the group's size; ts-mls 1.6.4 could not
// build it (removeLeafNode condensed the tree to an empty vector and threw "the last node in the ratchet
// tree must be non-blank"), so in random runs, which often start with the creator alone, the attack was
// skipped as unbuildable. patches/ts-mls+1.6.4.patch leaves one blank leaf there instead.
import { describe, expect, it } from "vitest";
import { removeLeafNode } from "ts-mls/ratchetTree.js";
import { toLeafIndex } from "ts-mls/treemath.js";
import { CLIENT_ATTACKS } from "../../properties/adversaries/client-attacks.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";

const A26 = CLIENT_ATTACKS.findIndex((a) => a.id === "A26");
/** Basic credentials: under X.509 the impostor's leaf fails credential validation before H14 is asked
 * (test/identity/impostor-join.test.ts); written so that it also compiles where RunSetup has no such field. */
const BASIC = { credentials: "basic" } as unknown as Partial<RunSetup>;
const setup: RunSetup = { ...DEFAULT_SETUP, ...BASIC, adversaries: new Set(["client"]) };
const attack = [{ op: "attack", attacker: 0, attack: A26, target: 0, variant: 0 }] as const;

describe("the impostor join of a one-member group", () => {
  it("ts-mls removes the only leaf of a tree, leaving one blank leaf", () => {
    const leaf = { nodeType: "leaf", leaf: {} } as never;
    expect(removeLeafNode([leaf], toLeafIndex(0))).toEqual([undefined]);
  });

  it("is built and the hub refuses it (H14: no GroupInfo request of u0/d0), nothing changes", async () => {
    const result = await runTrace(setup, attack);
    const step = result.steps.at(-1)!;
    expect(step.skipped, step.text).toBe(false);
    expect(step.text).toBe("u0/d0 (group_admin, compromised client) sends u0/d1 fetches the GroupInfo as itself, then joins as u0/d0 and removes u0/d0's leaf as a resync [A26 impostor join]");
    expect(step.implCode).toBe("notAllowed");
    expect(result.failure).toBeUndefined();
  });

  it("with the hub's join binding and the victim's resync check off, it is accepted and P19 names the impostor", async () => {
    const result = await runTrace(
      { ...setup, hubFaults: { skipJoinBinding: true }, clientFaults: { skipResyncCheck: true }, compareWithModel: false, invariants: IMPLEMENTATION_INVARIANTS.filter((i) => i.id === "P19") },
      attack,
    );
    expect(result.steps.at(-1)!.implCode).toBe("accepted");
    expect(result.failure?.check).toBe("P19 every member is the client its credential names");
    expect(result.failure?.message).toBe("the hub's leaf 0 names mimi://a.example/d/u0/d0 but carries mimi://a.example/d/u0/d1's signature key");
  });
});
