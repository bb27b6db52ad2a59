// The model-versus-implementation property over HTTPS with mutual TLS: a short campaign at a fixed seed,
// every request between different providers crossing a loopback socket.
import { describe, expect, it } from "vitest";
import { httpsNetwork } from "../../properties/runner/implementation-under-test.js";
import { report, run, setupFor } from "../properties/helpers.js";

describe("the property over HTTPS", () => {
  it("holds with compromised clients and followers among the commands, every request between providers over TLS", async () => {
    const https = await httpsNetwork();
    const servedBefore = https.served;
    const result = await run(setupFor("same-commit/must-include", { transport: "https", adversaries: new Set(["client", "follower"]) }), 8, 25);
    expect(result.failure, report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    // Floors: the runs did something, attacks among it, and the servers carried it.
    expect(result.coverage.commands).toBeGreaterThanOrEqual(100);
    expect(result.coverage.accepted).toBeGreaterThanOrEqual(20);
    const refusedAttacks = [...result.coverage.attacks].filter(([k]) => k.endsWith(" refused")).reduce((n, [, c]) => n + c, 0);
    expect(refusedAttacks).toBeGreaterThanOrEqual(3);
    expect(https.served - servedBefore).toBeGreaterThanOrEqual(25);
    expect(https.failures).toEqual([]);
  });
});
