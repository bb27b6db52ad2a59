// R23: a client joining a room, by Welcome or by external commit, refuses an ill-formed group: a client of a
// user whose role allows none — a banned user above all (digest §7 A1 and 16; room-policy §3, §8.1.3) — or
// of no listed user, a user listed twice (A3, protocol §7.5) or in role 0 (A2), a client at two leaves. Only
// a compromised hub can hand a joiner such a group; with the check switched off (skipJoinedRoomCheck) the
// joiner takes it, then takes in further clients of that banned user, and P15 catches it. Expected values
// come from the drafts' text: role 1 "banned" has maximum active 0.
import { describe, expect, it } from "vitest";
import { PUBLIC_ROLE, PUBLIC_ROLES } from "../../impl/room/fixtures/public-room.js";
import { joinedRoomProblem } from "../../impl/room/role-set-validity.js";
import type { Member, RoomState } from "../../impl/room/room-state.js";
import { checkRoomProperty } from "../../properties/campaign/check-room-property.js";
import type { Command } from "../../properties/commands/command.js";
import { IMPLEMENTATION_INVARIANTS } from "../../properties/invariants/implementation-invariants.js";
import { DEFAULT_SETUP, type RunSetup } from "../../properties/runner/run-setup.js";
import { runTrace } from "../../properties/runner/run-trace.js";
import { counterexampleLength, onlyInvariant, report } from "../properties/helpers.js";

const ADMIN = "mimi://a.example/u/alice";
const BANNED = "mimi://b.example/u/bob";
const OBSERVER = "mimi://c.example/u/carol";
const room: RoomState = {
  roles: PUBLIC_ROLES,
  participants: {
    participants: [
      { user: ADMIN, roleIndex: PUBLIC_ROLE.admin },
      { user: BANNED, roleIndex: PUBLIC_ROLE.banned },
      { user: OBSERVER, roleIndex: PUBLIC_ROLE.observer },
    ],
  },
};
const member = (user: string, device: string): Member => ({ client: `${user}/${device}`, user });

describe("R23: what a joiner finds in the room", () => {
  const listing = (participants: RoomState["participants"]["participants"]): RoomState => ({ ...room, participants: { participants } });

  it("a user listed twice, or in role 0, or a client at two leaves, makes the room ill-formed (A2, A3)", () => {
    expect(joinedRoomProblem(listing([{ user: ADMIN, roleIndex: PUBLIC_ROLE.admin }, { user: ADMIN, roleIndex: PUBLIC_ROLE.banned }]), [member(ADMIN, "d0")])).toMatch(/alice is listed twice/);
    expect(joinedRoomProblem(listing([{ user: ADMIN, roleIndex: PUBLIC_ROLE.admin }, { user: BANNED, roleIndex: PUBLIC_ROLE.noRole }]), [member(ADMIN, "d0")])).toMatch(/bob is listed in role 0/);
    expect(joinedRoomProblem(room, [member(ADMIN, "d0"), member(ADMIN, "d0")])).toMatch(/alice\/d0 is at two leaves/);
  });

  it("a room whose members are all clients of users listed in roles that allow clients is well formed", () => {
    expect(joinedRoomProblem(room, [member(ADMIN, "d0"), member(ADMIN, "d1")])).toBeUndefined();
  });

  it("a client of a banned user (role 1, maximum active 0) makes the room ill-formed (digest §7 A1, 16)", () => {
    expect(joinedRoomProblem(room, [member(ADMIN, "d0"), member(BANNED, "d0")])).toMatch(/bob\/d0 is a member but .*bob's role 1 \(banned\) allows no clients/);
  });

  it("a client of a user in another role with maximum active 0 (the observer), or of no listed user, too (A1)", () => {
    expect(joinedRoomProblem(room, [member(ADMIN, "d0"), member(OBSERVER, "d0")])).toMatch(/role 4 \(observer\) allows no clients/);
    expect(joinedRoomProblem(room, [member(ADMIN, "d0"), member("mimi://d.example/u/dave", "d0")])).toMatch(/dave is not listed/);
  });
});

const SETUP: RunSetup = {
  ...DEFAULT_SETUP,
  roleSet: "public",
  adversaries: new Set(["hub"]),
  attackClasses: ["M11"],
  // The honest admin's operations the model refuses are sent too: a hub that stops enforcing (M11) takes
  // them, which is how a banned user gets listed with a client.
  skipRefusedOperations: false,
  credentials: "basic",
  clientFaults: { skipJoinedRoomCheck: true },
  compareWithModel: false,
  invariants: onlyInvariant("P15"),
};

describe("R23 switched off in the clients (skipJoinedRoomCheck), a hub that stops enforcing (M11)", () => {
  it("P15 finds a joiner that took a room listing its own user as banned with clients, shrunk to at most 6 steps; with R23 on the same commands hold", async () => {
    const result = await checkRoomProperty({ setup: SETUP, seed: 2, runs: 150, maxCommands: 8 });
    const text = report(result);
    expect(result.error, text).toBeUndefined();
    expect(result.failure, "the planted defect was not found").toBeDefined();
    const failure = result.failure!.trace.failure!;
    expect(failure.check, text).toBe("P15 no member without an authorised operation");
    expect(failure.message, text).toMatch(/allows no clients/);
    expect(text).toMatch(/\[M11 /);
    expect(counterexampleLength(result), text).toBeLessThanOrEqual(6);
    const defended = await runTrace({ ...SETUP, clientFaults: {} }, result.failure!.commands);
    expect(defended.failure, text).toBeUndefined();
  }, 120_000);
});

// Two runs the default campaign found, as it printed them (seed 1, concurrency 2), replayed from their
// commands: with R23 on they hold; with it off they fail as they did.
const CAMPAIGN: RunSetup = { ...DEFAULT_SETUP, concurrency: 2, invariants: IMPLEMENTATION_INVARIANTS };
const FOUND: { name: string; setup: RunSetup; commands: Command[]; failure: string; message: RegExp }[] = [
  {
    // npm start -- --variant same-commit/must-include --seed 1 --commands 25 --role-set public --concurrency 2
    //   --replay '117:7:5:4:4:3:3:8:4:4:4:5:6:6:10:11' --replay-path 'SC7:F'
    // The hub stops enforcing (M11); u0/d0 adds u2 into role 1 with u2/d0 (the model: notAllowed, R3), then
    // again with u2/d0 and u2/d1. u2/d0's Welcome names a room listing u2 as banned with clients.
    name: "public: u2/d0 invited into a room that lists u2 as banned with its client",
    setup: { ...CAMPAIGN, roleSet: "public", adversaries: new Set(["client", "follower", "hub", "network"]), basePolicy: { fixedMembership: true, multiDevice: true } },
    commands: [
      { op: "attack", attacker: 0, attack: 46, target: 0, variant: 0 },
      { op: "addParticipant", actor: 0, target: 1, scope: "fitting", role: 0, clients: "first" },
      { op: "addParticipant", actor: 0, target: 10, scope: "fitting", role: 0, clients: "all" },
    ],
    failure: "P15 no member without an authorised operation",
    message: /u2\/d1 became a member of u2\/d0's group while u2's role banned allows no clients/,
  },
  {
    // npm start -- --variant same-commit/must-include --seed 1 --commands 25 --role-set preauth --adversary hub
    //   --concurrency 2 --replay '117:8:14:19:17:16:14:20:4:14:14:20:20:20:20:20:20:21:22:22:22:22:2:10:8:8:8:4:8:9:9:9' --replay-path 'NH//m:d'
    // The hub stops enforcing (M11); u0/d0 lists u1 in role 4 with u1/d0, then adds u1 again into role 1 with
    // u1/d0 and u1/d1: the Welcome names a room listing u1 twice, with u1/d0 at two leaves.
    name: "preauth: u1/d0 invited into a room that lists u1 twice",
    setup: { ...CAMPAIGN, roleSet: "preauth", adversaries: new Set(["hub"]), basePolicy: { fixedMembership: false, multiDevice: true, maxClients: 3 } },
    commands: [
      { op: "attack", attacker: 0, attack: 51, target: 0, variant: 0 },
      { op: "leavesThenCommit", leavers: [0], committer: 0, own: { op: "addParticipant", target: 0, role: 3, clients: "first" } },
      { op: "concurrent", parts: [{ op: "addParticipant", actor: 0, target: 1, scope: "any", role: 0, clients: "all" }, { op: "leave", actor: 0 }], picks: [0], entangle: [true] },
    ],
    failure: "P14 no room change without an authorised signer",
    message: /u1 is role 4 with u1\/d0,u1\/d0,u1\/d1/,
  },
];

describe("R23: runs the default campaign found", () => {
  for (const f of FOUND) {
    it(`${f.name}: the invitee refuses the Welcome and the run holds; with skipJoinedRoomCheck, ${f.failure.split(" ")[0]} fails`, async () => {
      const defended = await runTrace(f.setup, f.commands);
      expect(defended.failure, JSON.stringify(defended.failure)).toBeUndefined();
      expect(defended.steps.map((s) => s.text).join("\n")).toMatch(/\[M11 /);
      const planted = await runTrace({ ...f.setup, clientFaults: { skipJoinedRoomCheck: true } }, f.commands);
      expect(planted.failure?.check).toBe(f.failure);
      expect(planted.failure?.message).toMatch(f.message);
    }, 60_000);
  }
});
