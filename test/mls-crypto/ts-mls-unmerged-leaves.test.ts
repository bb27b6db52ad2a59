/**
 * RFC 9420 §7.9.1 unmerged leaves: a ts-mls 1.6.4 defect found while running tree-validation.json (see
 * test/vectors/rfc9420-tree-validation.test.ts): `validateRatchetTree`, which
 * `joinGroup` runs on the received tree, demands that every non-blank node on an
 * unmerged leaf's direct path carry the *same* unmerged_leaves list, while RFC 9420
 * §7.9.1 only asks that the leaf be listed by the non-blank nodes *below* the node
 * that lists it.
 *
 * The tree shape it rejects arises from ordinary operations. Below (leaf numbers):
 * A creates and adds B, C, D, E; E commits (sets the root); A removes D (sets nodes
 * 1, 3, 7); C adds F into leaf 3 (nodes 3 and 7 list leaf 3); E commits (its path
 * replaces only the root, which now lists nobody); A adds G. G's `joinGroup` then
 * throws although every existing member accepted every commit.
 *
 * patches/ts-mls+1.6.4.patch checks only the nodes between the leaf and the node listing it; this test
 * replays the sequence and asserts that G now joins (node:crypto provider: the defect is in tree
 * validation, not crypto).
 */
import { describe, expect, it } from "vitest";
import {
  acceptAll,
  createCommit,
  createGroup,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  generateKeyPackage,
  joinGroup,
  processMessage,
  type ClientState,
  type KeyPackage,
  type PrivateKeyPackage,
  type Proposal,
  type Welcome,
} from "ts-mls";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("RFC 9420 §7.9.1 unmerged_leaves validation (ts-mls 1.6.4, patched)", () => {
  it("a legitimate Welcome is accepted after add / commit / remove / add / commit / add", async () => {
    const cs = await cipherSuite("node");
    const kp = (name: string) => generateKeyPackage({ credentialType: "basic", identity: utf8(name) }, defaultCapabilities(), defaultLifetime, [], cs);
    type Kp = { publicPackage: KeyPackage; privatePackage: PrivateKeyPackage };
    const states = new Map<string, ClientState>();
    const a = await kp("A");
    states.set("A", await createGroup(utf8("g"), a.publicPackage, a.privatePackage, [], cs));

    async function commit(by: string, opts: { add?: [string, Kp][]; remove?: [string, number] }): Promise<Welcome | undefined> {
      const proposals: Proposal[] = (opts.add ?? []).map(([, k]) => ({ proposalType: "add", add: { keyPackage: k.publicPackage } }));
      if (opts.remove) proposals.push({ proposalType: "remove", remove: { removed: opts.remove[1] } });
      const r = await createCommit({ state: states.get(by)!, cipherSuite: cs }, { extraProposals: proposals });
      states.set(by, r.newState);
      for (const [name, st] of states) {
        if (name === by) continue;
        if (r.commit.wireformat !== "mls_private_message" && r.commit.wireformat !== "mls_public_message") throw new Error("not a handshake message");
        states.set(name, (await processMessage(r.commit, st, emptyPskIndex, acceptAll, cs)).newState);
      }
      if (opts.remove) states.delete(opts.remove[0]);
      return r.welcome;
    }
    async function join(name: string, k: Kp, w: Welcome | undefined, from: string): Promise<void> {
      states.set(name, await joinGroup(w!, k.publicPackage, k.privatePackage, emptyPskIndex, cs, states.get(from)!.ratchetTree));
    }

    const joiners: [string, Kp][] = [];
    for (const n of ["B", "C", "D", "E"]) joiners.push([n, await kp(n)]);
    const w1 = await commit("A", { add: joiners });
    for (const [n, k] of joiners) await join(n, k, w1, "A");
    await commit("E", {});
    await commit("A", { remove: ["D", 3] });
    const f = await kp("F");
    await join("F", f, await commit("C", { add: [["F", f]] }), "C");
    await commit("E", {});

    // Every member agrees on the epoch so far ...
    const auths = new Set([...states.values()].map((s) => Buffer.from(s.keySchedule.epochAuthenticator).toString("hex")));
    expect(auths.size).toBe(1);
    const tree = states.get("A")!.ratchetTree;
    const unmerged = (i: number) => (tree[i]?.nodeType === "parent" ? tree[i].parent.unmergedLeaves : undefined);
    expect([unmerged(3), unmerged(7)]).toEqual([[3], []]);

    // ... and the next joiner, whose Welcome unpatched ts-mls refused, joins in that same epoch.
    const g = await kp("G");
    const w = await commit("A", { add: [["G", g]] });
    await join("G", g, w, "A");
    expect(states.get("G")!.keySchedule.epochAuthenticator).toEqual(states.get("A")!.keySchedule.epochAuthenticator);
  });
});
