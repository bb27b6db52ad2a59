// (b) The property harness's throughput: model-checked operations per second in rooms of 3, 8 and 32
// members. One model-checked operation is one command run by TraceRunner.step: resolved against the
// model, stepped in the model, performed by the acting client on the whole MIMI deployment over the
// in-process network (every request and fanout encoded and decoded; the hub validates, every member
// processes), then the verdict and abstract-state comparison (hub and every member client) and all the
// implementation invariants.
//
// The room is grown untimed (the creator adds users as ordinary_user with both their clients, its own
// second client joins by external commit for an even size), then a fixed mix of steady-state operations
// is timed, round after round: self-update commits and messages by different members, a role change
// there and back, a kick, a message, and the kicked user's two clients rejoining by external commit.
import type { Command } from "../properties/commands/command.js";
import { DEFAULT_SETUP } from "../properties/runner/run-setup.js";
import { TraceRunner } from "../properties/runner/run-trace.js";
import {
  actorIndex, addUserCommand, describeFailure, joinerIndex, memberList, PHASES, PhaseProfile, ROLE_ARG, stepAccepted, targetIndex,
  type Phase,
} from "./harness-support.js";
import { median, ms, perSec, type BenchOptions, type Section, type SectionResult, type TargetCheck } from "./report.js";

const KINDS = ["commit", "message", "changeRole", "kick", "rejoin"] as const;
type Kind = (typeof KINDS)[number];

interface PlannedOp {
  kind: Kind;
  command: (runner: TraceRunner) => Command;
}

interface SizeResult {
  members: number;
  users: number;
  setupSeconds: number;
  rounds: number;
  ops: number;
  totalMs: number;
  opsPerSec: number;
  /** Median ms per operation of each kind. */
  perKindMs: Record<Kind, number>;
  /** Self time per phase over the profiled round, in ms per operation. */
  phasesMsPerOp: Record<Phase, number>;
  failure?: string;
}

/** users × 2 clients; an odd size leaves the creator's second client out. */
function usersFor(members: number): number {
  return Math.ceil(members / 2);
}

async function grow(members: number, profile: PhaseProfile): Promise<TraceRunner> {
  const users = usersFor(members);
  const runner = await TraceRunner.start(profile.setup({ ...DEFAULT_SETUP, users }));
  for (let k = 1; k < users && !runner.failed; k++) await stepAccepted(runner, addUserCommand(runner, `u${k}`));
  if (members % 2 === 0 && !runner.failed) await stepAccepted(runner, { op: "addOwnClient", client: joinerIndex(runner, "u0/d1") });
  if (!runner.failed && memberList(runner).length !== members) throw new Error(`bench: grew ${memberList(runner).length} members, wanted ${members}`);
  return runner;
}

/** One round of the mix; `round` rotates the actors and the target user. */
function roundOps(members: number, users: number, round: number): PlannedOp[] {
  const admin = "u0/d0";
  const target = `u${1 + (round % (users - 1))}`;
  const nth = (runner: TraceRunner, i: number) => {
    const list = memberList(runner);
    return list[(round * 7 + i * 3) % list.length]!;
  };
  const commit = (i: number): PlannedOp => ({ kind: "commit", command: (r) => ({ op: "commit", actor: actorIndex(r, nth(r, i)), includePending: true }) });
  const message = (i: number): PlannedOp => ({ kind: "message", command: (r) => ({ op: "sendMessage", actor: actorIndex(r, nth(r, i)), epochOffset: 0 }) });
  const changeRole = (role: number): PlannedOp => ({
    kind: "changeRole",
    command: (r) => ({ op: "changeRole", actor: actorIndex(r, admin), target: targetIndex(r, "u0", target, "listed"), scope: "fitting", role }),
  });
  const rejoin = (device: number): PlannedOp => ({ kind: "rejoin", command: (r) => ({ op: "addOwnClient", client: joinerIndex(r, `${target}/d${device}`) }) });
  return [
    commit(0),
    message(0),
    commit(1),
    message(1),
    changeRole(ROLE_ARG.groupAdmin),
    commit(2),
    message(2),
    changeRole(ROLE_ARG.ordinaryUser),
    commit(3),
    message(3),
    { kind: "kick", command: (r) => ({ op: "kick", actor: actorIndex(r, admin), target: targetIndex(r, "u0", target, "listed"), scope: "fitting" }) },
    message(4),
    rejoin(0),
    rejoin(1),
  ];
}

async function measureSize(members: number, rounds: number, warmupRounds: number): Promise<SizeResult> {
  const users = usersFor(members);
  const profile = new PhaseProfile();
  const t0 = performance.now();
  const runner = await grow(members, profile);
  const setupSeconds = (performance.now() - t0) / 1000;
  const perKind = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  let ops = 0;
  let totalMs = 0;
  let profiledOps = 0;
  // Untimed warm-up rounds, then timed rounds, then one profiled round (instrumented from then on).
  for (let round = 0; round < warmupRounds + rounds + 1 && !runner.failed; round++) {
    const timed = round >= warmupRounds && round < warmupRounds + rounds;
    const profiled = round === warmupRounds + rounds;
    if (profiled) profile.instrument(runner);
    for (const op of roundOps(members, users, round)) {
      if (runner.failed) break;
      const command = op.command(runner);
      const t = performance.now();
      if (profiled) await stepAccepted(runner, command, (c) => profile.step(runner, c));
      else await stepAccepted(runner, command);
      const elapsed = performance.now() - t;
      if (timed) {
        ops += 1;
        totalMs += elapsed;
        perKind.get(op.kind)!.push(elapsed);
      }
      if (profiled) profiledOps += 1;
    }
    if (!runner.failed && memberList(runner).length !== members) throw new Error(`bench: the mix changed the room size to ${memberList(runner).length}`);
  }
  return {
    members,
    users,
    setupSeconds,
    rounds,
    ops,
    totalMs,
    opsPerSec: (ops * 1000) / totalMs,
    perKindMs: Object.fromEntries(KINDS.map((k) => [k, median(perKind.get(k)!)])) as Record<Kind, number>,
    phasesMsPerOp: Object.fromEntries(PHASES.map((p) => [p, profile.self.get(p)! / Math.max(profiledOps, 1)])) as Record<Phase, number>,
    ...(runner.failed ? { failure: describeFailure(runner) } : {}),
  };
}

export const harnessThroughput: Section = {
  name: "(b) harness throughput: model-checked operations per second (cooperative roles, node:crypto)",
  async run(options: BenchOptions): Promise<SectionResult> {
    const plan = options.quick
      ? [{ members: 3, rounds: 1 }, { members: 8, rounds: 1 }, { members: 32, rounds: 1 }]
      : [{ members: 3, rounds: 10 }, { members: 8, rounds: 6 }, { members: 32, rounds: 4 }];
    const warmupRounds = options.quick ? 0 : 1;
    const results: SizeResult[] = [];
    for (const { members, rounds } of plan) results.push(await measureSize(members, rounds, warmupRounds));
    const opsPerRound = roundOps(3, 2, 0).length;
    const failures = results.filter((r) => r.failure !== undefined);
    const targets: TargetCheck[] = [
      {
        description: "the harness finds no discrepancy on the fixed mix",
        met: failures.length === 0,
        detail: failures.length === 0 ? `${results.reduce((a, r) => a + r.ops, 0)} timed operations, runner.failed false at every size` : failures.map((r) => `${r.members} members: ${r.failure}`).join("\n"),
      },
    ];
    const phaseColumns: Phase[] = ["runner", "invariants", "wireTap", "client", "hub", "notify", "members"];
    return {
      tables: [
        {
          title: `model-checked operations (TraceRunner.step), ${opsPerRound} per round, after ${warmupRounds} warm-up round(s); per-kind columns are medians`,
          columns: ["members", "rounds", "ops", "total s", "ops/s", "commit ms", "message ms", "changeRole ms", "kick ms", "rejoin ms", "room setup s"],
          rows: results.map((r) => [
            String(r.members), String(r.rounds), String(r.ops), (r.totalMs / 1000).toFixed(2), perSec(r.opsPerSec),
            ms(r.perKindMs.commit), ms(r.perKindMs.message), ms(r.perKindMs.changeRole), ms(r.perKindMs.kick), ms(r.perKindMs.rejoin), r.setupSeconds.toFixed(1),
          ]),
        },
        {
          title: "where a model-checked operation's time goes (one more round, instrumented): mean self ms per operation",
          columns: ["members", ...phaseColumns, "harness share"],
          rows: results.map((r) => {
            const total = PHASES.reduce((a, p) => a + r.phasesMsPerOp[p], 0);
            const harness = r.phasesMsPerOp.runner + r.phasesMsPerOp.invariants + r.phasesMsPerOp.wireTap;
            return [String(r.members), ...phaseColumns.map((p) => ms(r.phasesMsPerOp[p])), `${((100 * harness) / total).toFixed(0)}%`];
          }),
        },
      ],
      targets,
      notes: [
        "round: 4 self-update commits and 5 messages by rotating members, changeRole ordinary_user→group_admin→ordinary_user by the creator,",
        "  kick of one ordinary user (both clients), a message, and that user's 2 clients rejoining by external commit (addOwnClient).",
        "ops/s = timed operations / summed TraceRunner.step time (index resolution for the commands is outside the timing).",
        `setup: DEFAULT_SETUP with users = ⌈members/2⌉${(DEFAULT_SETUP as Partial<{ keyPackagePool: boolean }>).keyPackagePool === true ? "; KeyPackages from its per-process pool (keyPackagePool)" : ""}.`,
        "phases (exclusive time, harness-support.ts): runner = resolve + model step + observing the hub and every client before and after",
        "  + comparison; client = the acting client's operation; hub = hub endpoints; notify = providers' /notify handling (fanout decoding);",
        "  members = member clients receiving (room-rule checks + ts-mls); wireTap = the runner decoding fanout for invariants;",
        "  keyMaterial (not shown: only on adds). harness share = (runner + invariants + wireTap) / all phases.",
      ],
      data: { warmupRounds, opsPerRound, sizes: results },
    };
  },
};
