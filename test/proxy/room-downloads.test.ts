// Downloads in room runs (protocol §5.10.2, room-policy asset_policy): every room carries an asset_policy
// naming each provider's HTTPS asset server on loopback; members send attachments encrypted with AES-128-GCM
// and stored there, and a receiver downloads each through the hub and decrypts it (P47). Runs aimed at A36
// (an attachment pointing elsewhere) hold P36 (the hub fetched nothing outside the policy, judged off the
// proxy's log and the servers' own) and P46 (no honest receiver holds it), on floors of downloads the hub
// served and refused; each planted defect is found by its invariant and shrunk to ≤ 6 steps.
import { describe, expect, it } from "vitest";
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import { PROXY_ANSWERS } from "../../properties/assets/attachments.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import type { Command } from "../../properties/commands/command.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, report, setupFor } from "../properties/helpers.js";

const only = (...ids: string[]) => IMPLEMENTATION_INVARIANTS.filter((i) => ids.includes(i.id));
const answered = (status: number) => PROXY_ANSWERS.get(status) ?? 0;
const refusals = () => answered(403) + answered(502);

// The aimed runs' seed: 1 drew only 2 attack commands in 16 runs once messages went back to weight 2
// (2 to 4 of every 31 commands are attacks at seeds 2 to 5: 8 to 17 A36 sent in 16 runs); seed 5 draws 17.
const AIMED_SEED = 5;

const aimed = (invariants: string[], hubFaults: HubFaults = {}, clientFaults: ClientFaults = {}) =>
  setupFor("same-commit/must-include", {
    adversaries: new Set(["client"]),
    attackClasses: ["A36"],
    skipRefusedOperations: true,
    compareWithModel: false,
    invariants: only(...invariants),
    hubFaults,
    clientFaults,
    users: 3,
  });

describe("honest attachments in room runs: P36, P46, P47", () => {
  it("a room of three users: each of 8 attachments is downloaded through the hub and decrypts, the model judging every step", async () => {
    const before = answered(200);
    const commands: Command[] = [
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
      { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
      ...Array.from({ length: 8 }, (_, i): Command => ({ op: "download", actor: i, receiver: 3 * i })),
    ];
    const result = await runTrace(setupFor("same-commit/must-include", { users: 3, credentials: "basic" }), commands);
    expect(result.failure).toBeUndefined();
    expect(result.steps.filter((s) => s.implCode === "accepted")).toHaveLength(11);
    expect(answered(200) - before).toBe(8);
  });

  it("generated among the other operations (weight 6), P36, P46 and P47 hold and the model agrees; a floor of downloads made", async () => {
    const before = answered(200);
    const setup = setupFor("same-commit/must-include", { downloads: 6, users: 3, credentials: "basic" });
    const result = await checkRoomProperty({ setup, seed: 1, runs: 12, maxCommands: 20 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(answered(200) - before).toBeGreaterThanOrEqual(4);
    expect(result.coverage.invariantPremises.get("P47") ?? 0).toBeGreaterThanOrEqual(4);
  });

  it("planted configuredAssetsOnly (the hub ignores the room's asset_policy): P47 finds the refused download, shrunk to ≤ 6 steps", async () => {
    const setup = setupFor("same-commit/must-include", { downloads: 6, users: 3, credentials: "basic", hubFaults: { configuredAssetsOnly: true }, compareWithModel: false, invariants: only("P47") });
    const result = await checkRoomProperty({ setup, seed: 1, runs: 12, maxCommands: 20 });
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const rep = report(result);
    expect(result.failure!.trace.failure!.check, rep).toBe("P47 an honest attachment downloads through the hub and decrypts");
    expect(result.failure!.trace.failure!.message, rep).toMatch(/^u\d\/d\d asked the hub for u\d\/d\d's attachment https:\/\/assets\.[abc]\.example\/a\/[0-9a-f]{16}: 403$/);
    expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
  });
});

describe("A36, an attachment outside its sender's storage", () => {
  it("P36 and P46 hold: receivers refuse it, the hub fetches nothing outside the policy; a floor of refused downloads", async () => {
    const before = refusals();
    const result = await checkRoomProperty({ setup: aimed(["P36", "P46"]), seed: AIMED_SEED, runs: 16, maxCommands: 16 });
    expect(result.failure, result.failure === undefined ? "" : report(result)).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.coverage.attacks.get("A36 accepted") ?? 0).toBeGreaterThanOrEqual(6);
    expect(refusals() - before).toBeGreaterThanOrEqual(6);
    expect(result.coverage.invariantPremises.get("P36") ?? 0).toBeGreaterThanOrEqual(6);
  });

  for (const [fault, hub, client, invariant, message] of [
    ["openProxy", { openProxy: true }, {}, "P36", /^the hub fetched .* outside the room's asset_policy$|^the hub's internal service was asked/],
    ["ignoreAssetPolicy", { ignoreAssetPolicy: true }, {}, "P36", /^the hub fetched .* outside the room's asset_policy$|^the hub's internal service was asked/],
    ["skipAttachmentOriginCheck", {}, { skipAttachmentOriginCheck: true }, "P46", /^u\d\/d\d holds u\d's message with attachment .*: (hostNotAllowed|originNotAllowed|userinfo|ipLiteral)/],
  ] as const) {
    it(`planted ${fault}: ${invariant} finds it, shrunk to ≤ 6 steps`, async () => {
      const result = await checkRoomProperty({ setup: aimed([invariant], hub, client), seed: AIMED_SEED, runs: 12, maxCommands: 16 });
      expect(result.failure, "the planted defect was not found").toBeDefined();
      const rep = report(result);
      expect(result.failure!.trace.failure!.check, rep).toMatch(new RegExp(`^${invariant} `));
      expect(result.failure!.trace.failure!.message, rep).toMatch(message);
      expect(counterexampleLength(result), rep).toBeLessThanOrEqual(6);
    });
  }
});
