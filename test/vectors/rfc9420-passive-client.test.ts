/**
 * RFC 9420 end to end, as a passive member, against passive-client-welcome.json,
 * passive-client-handling-commit.json and passive-client-random.json (suite-1 cases),
 * with ts-mls (joinGroup, processPrivateMessage / processPublicMessage) on the
 * node:crypto provider. See ./passive-client.ts for what each case checks.
 */
import { describe, expect, it } from "vitest";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { runPassiveClient, type PassiveClientCase } from "./passive-client.js";
import { loadVectors, suite1 } from "./vector-files.js";

const files = [
  { name: "passive-client-welcome", suite1Cases: 8 },
  { name: "passive-client-handling-commit", suite1Cases: 13 },
  { name: "passive-client-random", suite1Cases: 1 },
] as const;

for (const f of files) {
  describe(`${f.name}.json, suite 1, node provider`, () => {
    const cases = suite1(loadVectors<PassiveClientCase>(f.name));

    it("has the suite-1 cases", () => {
      expect(cases.length).toBe(f.suite1Cases);
    });

    for (const [i, v] of cases.entries()) {
      it(`case ${i}: join + ${v.epochs.length} epochs, psks ${v.external_psks.length}, tree ${v.ratchet_tree === null ? "in welcome" : "given"}`, async () => {
        const cs = await cipherSuite("node");
        expect(await runPassiveClient(v, cs)).toBe(v.epochs.length);
      });
    }
  });
}
