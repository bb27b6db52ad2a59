// H24 at commit time (protocol §5.2, digest §7 E48): the hub refuses an Add whose KeyPackage an earlier
// accepted Add used, with notAllowed and no state change, before its Welcome-routing check (H13); the
// planted skipKeyPackageChecks leaves only H13 to refuse it. Alice keeps Bob's KeyPackage from his first
// addition, removes him, and commits his addition again with the same KeyPackage.
import type { KeyPackage } from "ts-mls";
import { describe, expect, it } from "vitest";
import type { HubConfig } from "../../impl/hub/hub-config.js";
import { BOB, ROLE, ROOM, threeProviders } from "../flows/helpers.js";

const checked: HubConfig = { variants: { pendingProposals: "must-include", leaveOrder: "same-commit" }, faults: {} };
const unchecked: HubConfig = { ...checked, faults: { skipKeyPackageChecks: true } };

describe("the hub refuses a second Add of one KeyPackage (H24)", () => {
  for (const [name, config, rule] of [["checked", checked, "H24"], ["skipKeyPackageChecks", unchecked, "H13"]] as const) {
    it(`${name}: refused by ${rule}, nothing changes`, async () => {
      const { system, alice } = await threeProviders(config);
      const fetched = await system.provider("a.example").uplink.fetchKeyPackages(ROOM, await alice.requesterIdentity(), BOB);
      expect(fetched.code).toBe("success");
      const kept: KeyPackage[] = fetched.keyPackages.map((k) => k.keyPackage);
      expect(await alice.commit(ROOM, { list: { add: [{ user: BOB, roleIndex: ROLE.ordinaryUser }] }, adds: kept })).toMatchObject({ code: "success" });
      expect(await alice.removeParticipant(ROOM, BOB)).toMatchObject({ code: "success" });
      const before = system.hub.snapshot(ROOM);
      const again = await alice.commit(ROOM, { list: { add: [{ user: BOB, roleIndex: ROLE.ordinaryUser }] }, adds: kept });
      expect(again).toMatchObject({ code: "notAllowed", description: expect.stringMatching(rule === "H24" ? /^H24: KeyPackage already handed out or used$/ : /^H13: /) });
      expect(system.hub.lastDecision).toMatchObject({ endpoint: "update", rule });
      expect(system.hub.snapshot(ROOM)).toEqual(before);
    });
  }
});
