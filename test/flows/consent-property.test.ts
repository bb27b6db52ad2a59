// The consent property (properties/consent): generated consent operations, key-material fetches through
// the hub, forged consent messages and key-material requests around the hub on three providers, judged
// after every command by P29 (digest §7 E52) and P30 (E53). Honest providers hold them on a fixed seed
// with floors on the cases that could fail them; each planted consent defect is found by its invariant,
// shrunk to at most 2 commands, and its printed path replays the same failure.
import { describe, expect, it } from "vitest";
import type { ConsentFaults } from "../../impl/provider/consent-faults.js";
import { checkConsentProperty } from "../../properties/consent/consent-property.js";

describe("consent property", () => {
  it("honest providers: P0, P29 and P30 hold, on enough fetches refused for consent, matched cancels, forged messages and requests around the hub", async () => {
    const result = await checkConsentProperty({ seed: 2, runs: 80, maxCommands: 12, faults: {} });
    expect(result.failure).toBeUndefined();
    expect(result.counts.refusedForConsent).toBeGreaterThanOrEqual(10);
    expect(result.counts.handedOut).toBeGreaterThanOrEqual(50);
    expect(result.counts.cancelsMatched).toBeGreaterThanOrEqual(4);
    expect(result.counts.forgedRefused).toBeGreaterThanOrEqual(20);
    expect(result.counts.bypassRefused).toBeGreaterThanOrEqual(10);
  }, 120_000);

  const planted: [keyof ConsentFaults, string, RegExp][] = [
    ["ignoreConsent", "P29", /handed out .*KeyPackages .* although .* withdrew consent/],
    ["acceptAnyCancel", "P30", /dropped the pending consent request .* without a cancel of that scope/],
    ["skipConsentDomainCheck", "P30", /in the name of .*, not .*'s user/],
    ["skipRelayCheck", "P29", /answered .* key-material request for .* relayed by c\.example, not the hub of room/],
    ["listClientsWhenRefusing", "P29", /answered noConsent(ForThisRoom)? for .* and still listed 1 client/],
  ];
  for (const [fault, invariant, message] of planted)
    it(`${fault} is found by ${invariant}, shrunk to ≤ 2 commands, and its path replays it`, async () => {
      const options = { seed: 1, runs: 60, maxCommands: 12, faults: { [fault]: true } };
      const { failure } = await checkConsentProperty(options);
      expect(failure?.invariant).toBe(invariant);
      expect(failure!.message).toMatch(message);
      expect(failure!.step).toBeLessThanOrEqual(2);
      expect(failure!.replay).toBe(`npm run consent -- --seed 1 --commands 12 --fault ${fault} --replay '${failure!.path}'`);
      const again = await checkConsentProperty({ ...options, path: failure!.path });
      expect(again.failure?.steps).toEqual(failure!.steps);
      // Without the defect the same commands hold.
      const honest = await checkConsentProperty({ ...options, faults: {}, path: failure!.path.split(":")[0]!, runs: 1 });
      expect(honest.failure).toBeUndefined();
    }, 120_000);
});
