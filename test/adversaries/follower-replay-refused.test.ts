// F05 (an old /notify body replayed to the follower's own clients) and F06 (the latest one duplicated): no
// switch can open them, because what refuses them is MLS. A replayed commit names an epoch the client has
// left (RFC 9420 §6: its membership tag is keyed to that epoch), a replayed proposal bundle too, and a
// replayed application message's key was deleted after its first use (RFC 9420 §9.2: consumed keys MUST be
// deleted); a switch would have to fake MLS. With every skip switch of the clients on, each replayed item
// is still refused and recorded, no message is read twice, and every invariant holds.
import { describe, expect, it } from "vitest";
import { CLIENT_FAULT_NAMES, type ClientFaults } from "../../impl/client/client-faults.js";
import { FOLLOWER_ATTACKS } from "../../properties/adversaries/follower-attacks.js";
import type { Command } from "../../properties/commands/command.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";

const clientFaults = Object.fromEntries(Object.keys(CLIENT_FAULT_NAMES).filter((n) => n.startsWith("skip")).map((n) => [n, true])) as ClientFaults;
const setup: RunSetup = { ...DEFAULT_SETUP, adversaries: new Set(["follower"]), clientFaults };
const index = (id: string) => FOLLOWER_ATTACKS.findIndex((a) => a.id === id);

/** u0/d0 adds u1 (b.example) with both clients, commits, and sends a message: b.example got four bodies
 * (the commit adding u1's clients, which they cannot read, the Welcome; then the commit, then the message). */
const ROOM: Command[] = [
  { op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: 1, clients: "all" },
  { op: "commit", actor: 0, includePending: true },
  { op: "sendMessage", actor: 0, epochOffset: 0 },
];

describe("replayed and duplicated fanout, every client skip switch on: MLS refuses each item", () => {
  for (const [id, target, refused, sent] of [
    ["F05", 2, [["commit", "wrongEpoch"]], "an old fanout (/notify body 3 of 4)"],
    ["F06", 0, [["message", "undecryptable"]], "the latest fanout (/notify body 4 of 4)"],
  ] as const) {
    it(`${id} ${FOLLOWER_ATTACKS[index(id)]!.name}`, async () => {
      const runner = await TraceRunner.start(setup);
      for (const c of ROOM) await runner.step(c);
      const impl = runner.impl;
      const own = impl.system.allClients().filter((c) => c.uri.startsWith("mimi://b.example/") && c.session(impl.roomId) !== undefined);
      expect(own.map((c) => c.uri)).toEqual(["mimi://b.example/d/u1/d0", "mimi://b.example/d/u1/d1"]);
      const before = own.map((c) => ({ refusals: c.refusals.length, read: c.session(impl.roomId)!.received.length, epoch: c.session(impl.roomId)!.state.groupContext.epoch }));
      expect(before.map((b) => b.read)).toEqual([1, 1]);
      await runner.step({ op: "attack", attacker: 0, attack: index(id), target, variant: 0 });
      const result = runner.result();
      expect(result.steps.at(-1)!.text).toBe(`b.example (compromised follower) sends ${sent} to u1/d0,u1/d1 again [${id} ${FOLLOWER_ATTACKS[index(id)]!.name}]`);
      expect(result.failure).toBeUndefined();
      for (const [i, c] of own.entries()) {
        const s = c.session(impl.roomId)!;
        expect(c.refusals.slice(before[i]!.refusals).map((r) => [r.what, r.code])).toEqual(refused);
        expect([s.received.length, s.state.groupContext.epoch]).toEqual([before[i]!.read, before[i]!.epoch]);
      }
    });
  }
});
