// (c) The harness's overhead over bare MLS: the time `runTrace` takes for a fixed command sequence,
// divided by the time of the ts-mls calls that the same sequence needs when done directly.
//
// Sequence: u0/d0 creates the room; it adds u1, u2 and u3 as ordinary_user with both their clients (a
// room of 7 members: the world gives every user 2 devices, and the provider hands out a KeyPackage for
// each, so adding them all wastes none); then K rounds of one self-update commit and one message, by
// rotating members.
//
// Bare ts-mls replay, same node:crypto suite, same credentials, capabilities and room extensions:
// KeyPackages for the creator and each added client (from a per-process pool, untimed after the
// warm-up, when DEFAULT_SETUP pools them as the harness then does), createGroup, for each added user one
// createCommit with its two Adds, processMessage by every other existing member and joinGroup by each new
// one, for each self-update createCommit + processMessage by every other member, for each message
// createApplicationMessage + processMessage by every other member. No encoding: the bare side passes
// objects. Handshakes are PublicMessages, as in MIMI. The add commits carry no UpdatePath on either side
// (Adds only; on the harness side Adds + AppDataUpdate + GroupContextExtensions, which ts-mls 1.6.4 also
// commits without a path: README "Deviations"), so both sides do the same HPKE work.
//
// Counted as harness/MIMI work, not bare MLS: the hub's verification of each commit and its update of the
// public view, GroupInfo creation by each committer, /keyMaterial and the KeyPackageRefs, room-rule
// checks in every client, every encoding and decoding, and the runner's model, observation and invariants.
import {
  acceptAll, createApplicationMessage, createCommit, createGroup, defaultLifetime, emptyPskIndex, generateKeyPackage, joinGroup,
  processMessage, type CiphersuiteImpl, type ClientState, type ExternalSender, type MLSMessage, type Proposal,
} from "ts-mls";
import { credentialFor } from "../impl/mls/client-credential.js";
import { cipherSuite } from "../impl/mls/crypto/suite.js";
import { mimiCapabilities } from "../impl/mls/member-capabilities.js";
import { initialRoomExtensions } from "../impl/mls/room-components.js";
import { COOPERATIVE_CREATOR_ROLE, COOPERATIVELY_ADMINISTERED_ROLES } from "../impl/room/fixtures/cooperatively-administered.js";
import type { Command } from "../properties/commands/command.js";
import { observeImplementation } from "../properties/runner/observe-implementation.js";
import { DEFAULT_SETUP } from "../properties/runner/run-setup.js";
import { runTrace, TraceRunner, type TraceResult } from "../properties/runner/run-trace.js";
import { clientUriOf, HUB_DOMAIN, userUriOf } from "../properties/world/room-world.js";
import { PHASES, PhaseProfile, ROLE_ARG, type Phase } from "./harness-support.js";
import { median, ms, ratio, Stopwatch, type BenchOptions, type Section, type SectionResult } from "./report.js";

/** harness ≤ TARGET × bare ts-mls. */
const TARGET = 1.5;
const ADDED_USERS = 3;
const DEVICES = 2;
const MEMBERS = 1 + ADDED_USERS * DEVICES;

const utf8 = new TextEncoder();

/** Members in leaf order, which is also the sorted order actor indexes range over (u0/d0, u1/d0, u1/d1, …). */
const leafClients = ["u0/d0", ...Array.from({ length: ADDED_USERS }, (_, k) => Array.from({ length: DEVICES }, (_, d) => `u${k + 1}/d${d}`)).flat()];
const committerOf = (i: number) => i % MEMBERS;
const senderOf = (i: number) => (3 * i + 1) % MEMBERS;

function commands(rounds: number): Command[] {
  const adds: Command[] = Array.from({ length: ADDED_USERS }, () => ({ op: "addParticipant", actor: 0, target: 0, scope: "fitting", role: ROLE_ARG.ordinaryUser, clients: "all" }));
  const steady: Command[] = Array.from({ length: rounds }, (_, i): Command[] => [
    { op: "commit", actor: committerOf(i), includePending: true },
    { op: "sendMessage", actor: senderOf(i), epochOffset: 0 },
  ]).flat();
  return [...adds, ...steady];
}

/** The run must be clean and every step accepted, else the two sides did not do the same work. */
function checkRun(result: TraceResult, rounds: number): void {
  if (result.failure !== undefined) throw new Error(`harness run failed at step ${result.failure.step} (${result.failure.check}): ${result.failure.message}`);
  const refused = result.steps.filter((s) => s.skipped || s.implCode !== "accepted");
  if (refused.length > 0) throw new Error(`bench: step "${refused[0]!.text}" was not accepted (${refused[0]!.implCode})`);
  const wanted = 1 + ADDED_USERS + 2 * rounds;
  if (result.steps.length !== wanted) throw new Error(`bench: ${result.steps.length} steps, expected ${wanted}`);
  const actors = result.steps.slice(1 + ADDED_USERS).map((s) => s.event !== undefined && "actor" in s.event ? s.event.actor : "");
  const expected = Array.from({ length: rounds }, (_, i) => [leafClients[committerOf(i)]!, leafClients[senderOf(i)]!]).flat();
  if (actors.join() !== expected.join()) throw new Error(`bench: actors ${actors.join()} differ from the bare replay's ${expected.join()}`);
}

// ---------------------------------------------------------------- bare ts-mls

function asPublic(m: MLSMessage) {
  if (m.wireformat !== "mls_public_message") throw new Error(`unexpected ${m.wireformat}`);
  return m;
}

/** What each kind of party does in the bare replay; the harness phase that holds the same work. */
const BARE_ROLES = [
  { label: "start", what: "KeyPackage + createGroup", phase: "start" },
  { label: "keyPackages", what: `${ADDED_USERS * DEVICES} KeyPackages`, phase: "keyMaterial" },
  { label: "send", what: "createCommit, createAppMessage", phase: "client" },
  { label: "receive", what: "processMessage, joinGroup", phase: "members" },
] as const;
type BareRole = (typeof BARE_ROLES)[number]["label"];

interface BareTimes {
  totalMs: number;
  setupMs: number;
  commitsMs: number;
  messagesMs: number;
  byRole: Record<BareRole, number>;
}

type KeyPackageMaker = (client: string) => Promise<Awaited<ReturnType<typeof generateKeyPackage>>>;

/** KeyPackages as the harness gets them: from a pool made once per process when its setup pools them
 * (impl/client/key-package-source.ts: reused across deployments, never within one), else fresh. */
function keyPackageMaker(cs: CiphersuiteImpl, pooled: boolean): KeyPackageMaker {
  const fresh: KeyPackageMaker = (client) => generateKeyPackage(credentialFor(clientUriOf(client)), mimiCapabilities(), defaultLifetime, [], cs);
  if (!pooled) return fresh;
  const made = new Map<string, ReturnType<KeyPackageMaker>>();
  return (client) => {
    if (!made.has(client)) made.set(client, fresh(client));
    return made.get(client)!;
  };
}

async function bareSequence(cs: CiphersuiteImpl, hub: ExternalSender, rounds: number, keyPackage: KeyPackageMaker): Promise<BareTimes> {
  const watch = new Stopwatch();
  const t0 = performance.now();
  const room = { participants: { participants: [{ user: userUriOf("u0"), roleIndex: COOPERATIVE_CREATOR_ROLE }] }, roles: COOPERATIVELY_ADMINISTERED_ROLES };
  const states: ClientState[] = [
    await watch.time("start", async () => {
      const own = await keyPackage("u0/d0");
      return createGroup(utf8.encode("bench-room"), own.publicPackage, own.privatePackage, initialRoomExtensions(hub, room), cs);
    }),
  ];
  for (let k = 1; k <= ADDED_USERS; k++) {
    const kps = [];
    for (let d = 0; d < DEVICES; d++) kps.push(await watch.time("keyPackages", () => keyPackage(`u${k}/d${d}`)));
    const adds: Proposal[] = kps.map((kp) => ({ proposalType: "add", add: { keyPackage: kp.publicPackage } }));
    const r = await watch.time("send", () => createCommit({ state: states[0]!, cipherSuite: cs }, { wireAsPublicMessage: true, extraProposals: adds, ratchetTreeExtension: false }));
    for (let j = 1; j < states.length; j++) states[j] = (await watch.time("receive", () => processMessage(asPublic(r.commit), states[j]!, emptyPskIndex, acceptAll, cs))).newState;
    states[0] = r.newState;
    for (const kp of kps) states.push(await watch.time("receive", () => joinGroup(r.welcome!, kp.publicPackage, kp.privatePackage, emptyPskIndex, cs, r.newState.ratchetTree)));
  }
  const t1 = performance.now();
  let commitsMs = 0;
  let messagesMs = 0;
  for (let i = 0; i < rounds; i++) {
    const c0 = performance.now();
    const committer = committerOf(i);
    const r = await watch.time("send", () => createCommit({ state: states[committer]!, cipherSuite: cs }, { wireAsPublicMessage: true, ratchetTreeExtension: false }));
    for (let j = 0; j < states.length; j++)
      if (j !== committer) states[j] = (await watch.time("receive", () => processMessage(asPublic(r.commit), states[j]!, emptyPskIndex, acceptAll, cs))).newState;
    states[committer] = r.newState;
    const c1 = performance.now();
    const sender = senderOf(i);
    const sent = await watch.time("send", () => createApplicationMessage(states[sender]!, utf8.encode(`message ${i}`), cs));
    states[sender] = sent.newState;
    const wire: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: sent.privateMessage };
    for (let j = 0; j < states.length; j++) {
      if (j === sender) continue;
      const got = await watch.time("receive", () => processMessage(wire as never, states[j]!, emptyPskIndex, acceptAll, cs));
      if (got.kind !== "applicationMessage") throw new Error("not an application message");
      states[j] = got.newState;
    }
    const c2 = performance.now();
    commitsMs += c1 - c0;
    messagesMs += c2 - c1;
  }
  const t2 = performance.now();
  const epochs = new Set(states.map((s) => s.groupContext.epoch));
  if (states.length !== MEMBERS || epochs.size !== 1 || [...epochs][0] !== BigInt(ADDED_USERS + rounds)) throw new Error("bench: the bare replay diverged");
  const byRole = watch.take();
  return {
    totalMs: t2 - t0,
    setupMs: t1 - t0,
    commitsMs,
    messagesMs,
    byRole: Object.fromEntries(BARE_ROLES.map(({ label }) => [label, byRole.get(label) ?? 0])) as Record<BareRole, number>,
  };
}

// ---------------------------------------------------------------- the harness

interface HarnessTimes {
  totalMs: number;
  /** TraceRunner.start: the deployment and the createRoom step. */
  startMs: number;
  addsMs: number;
  commitsMs: number;
  messagesMs: number;
}

/** ms for the whole sequence through runTrace. */
async function harnessSequence(rounds: number): Promise<number> {
  const t0 = performance.now();
  const result = await runTrace(DEFAULT_SETUP, commands(rounds));
  const totalMs = performance.now() - t0;
  checkRun(result, rounds);
  return totalMs;
}

interface ProfiledRun {
  times: HarnessTimes;
  phases: Map<Phase, number>;
  /** Estimated ms of the runner's observations (before and after every step). */
  observationMs: number;
}

/** The same sequence step by step through TraceRunner, instrumented: times per kind and self time per phase. */
async function profiledHarnessSequence(rounds: number): Promise<ProfiledRun> {
  const profile = new PhaseProfile();
  const t0 = performance.now();
  const runner = await TraceRunner.start(profile.setup(DEFAULT_SETUP));
  const startMs = performance.now() - t0;
  profile.instrument(runner);
  const byKind = { addParticipant: 0, commit: 0, sendMessage: 0 } as Record<string, number>;
  for (const command of commands(rounds)) {
    const s = performance.now();
    await profile.step(runner, command);
    byKind[command.op] = (byKind[command.op] ?? 0) + performance.now() - s;
  }
  const totalMs = performance.now() - t0;
  checkRun(runner.result(), rounds);
  // The runner observes the deployment before and after every step (hub snapshot, every client's view);
  // estimate that share of "runner" from the cost of one observation of the final room.
  const o0 = performance.now();
  const OBSERVATIONS = 20;
  for (let i = 0; i < OBSERVATIONS; i++) observeImplementation(runner.impl);
  const observationMs = ((performance.now() - o0) / OBSERVATIONS) * 2 * commands(rounds).length;
  return { times: { totalMs, startMs, addsMs: byKind.addParticipant!, commitsMs: byKind.commit!, messagesMs: byKind.sendMessage! }, phases: new Map(profile.self), observationMs };
}

export const harnessOverhead: Section = {
  name: "(c) harness overhead: runTrace vs the bare ts-mls calls of the same sequence (node:crypto)",
  async run(options: BenchOptions): Promise<SectionResult> {
    const rounds = options.quick ? 6 : 12;
    const counts = options.quick ? { warmup: 1, repeats: 3 } : { warmup: 2, repeats: 11 };
    const cs = await cipherSuite("node");
    // DEFAULT_SETUP may draw KeyPackages from a per-process pool; the bare side then does the same.
    const pooled = (DEFAULT_SETUP as Partial<{ keyPackagePool: boolean }>).keyPackagePool === true;
    const keyPackage = keyPackageMaker(cs, pooled);
    const hub: ExternalSender = {
      signaturePublicKey: (await cs.signature.keygen()).publicKey,
      credential: { credentialType: "basic", identity: utf8.encode(`mimi://${HUB_DOMAIN}`) },
    };

    // Alternate the two sides so that load from elsewhere on the machine hits both alike.
    const harness: number[] = [];
    const bare: BareTimes[] = [];
    for (let i = 0; i < counts.warmup + counts.repeats; i++) {
      const h = await harnessSequence(rounds);
      const b = await bareSequence(cs, hub, rounds, keyPackage);
      if (i >= counts.warmup) {
        harness.push(h);
        bare.push(b);
      }
    }
    // Profiled runs: phases and per-kind times averaged over a few runs.
    const profileRuns = options.quick ? 1 : 3;
    const runs: ProfiledRun[] = [];
    for (let i = 0; i < profileRuns; i++) runs.push(await profiledHarnessSequence(rounds));
    const mean = (f: (r: ProfiledRun) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
    const profiled = {
      times: {
        totalMs: mean((r) => r.times.totalMs),
        startMs: mean((r) => r.times.startMs),
        addsMs: mean((r) => r.times.addsMs),
        commitsMs: mean((r) => r.times.commitsMs),
        messagesMs: mean((r) => r.times.messagesMs),
      },
      phases: new Map(PHASES.map((phase) => [phase, mean((r) => r.phases.get(phase)!)])),
      observationMs: mean((r) => r.observationMs),
    };

    const harnessMs = median(harness);
    const bareMs = median(bare.map((b) => b.totalMs));
    const overhead = harnessMs / bareMs;
    const bareMed = { setup: median(bare.map((b) => b.setupMs)), commits: median(bare.map((b) => b.commitsMs)), messages: median(bare.map((b) => b.messagesMs)) };
    const bareRole = (label: BareRole) => median(bare.map((b) => b.byRole[label]));
    const ph = (p: Phase) => profiled.phases.get(p)!;
    const p = profiled.times;

    // Each harness phase beside the bare work it contains (none for the hub and the harness's own phases).
    const rows: { phase: string; ms: number; bareWhat: string; bareMs: number; excessIs: string; countsAs: string }[] = [
      { phase: "start (deployment + createRoom step)", ms: p.startMs, bareWhat: BARE_ROLES[0].what, bareMs: bareRole("start"), excessIs: "deployment, GroupInfo, hub's view", countsAs: "MLS + MIMI" },
      { phase: "client (acting client)", ms: ph("client"), bareWhat: BARE_ROLES[2].what, bareMs: bareRole("send"), excessIs: "GroupInfo per commit, encoding, requests", countsAs: "MLS + MIMI" },
      { phase: "keyMaterial (target provider)", ms: ph("keyMaterial"), bareWhat: BARE_ROLES[1].what, bareMs: bareRole("keyPackages"), excessIs: "request verification, KeyPackageRefs", countsAs: "MLS + MIMI" },
      { phase: "members (receiving)", ms: ph("members"), bareWhat: BARE_ROLES[3].what, bareMs: bareRole("receive"), excessIs: "room-rule checks, echo detection", countsAs: "MLS + MIMI" },
      { phase: "notify (providers)", ms: ph("notify"), bareWhat: "—", bareMs: 0, excessIs: "fanout decoding, de-duplication", countsAs: "MIMI" },
      { phase: "hub", ms: ph("hub"), bareWhat: "—", bareMs: 0, excessIs: "verify + apply commits to public view", countsAs: "MIMI" },
      { phase: "runner", ms: ph("runner"), bareWhat: "—", bareMs: 0, excessIs: "model, 2 observations/step, compare", countsAs: "harness" },
      { phase: "invariants", ms: ph("invariants"), bareWhat: "—", bareMs: 0, excessIs: "P1–P17", countsAs: "harness" },
      { phase: "wireTap", ms: ph("wireTap"), bareWhat: "—", bareMs: 0, excessIs: "decode fanout for invariants", countsAs: "harness" },
    ];
    const deploymentMs = rows.filter((r) => r.countsAs !== "harness").reduce((a, r) => a + r.ms, 0);
    const harnessOwnMs = rows.filter((r) => r.countsAs === "harness").reduce((a, r) => a + r.ms, 0);
    const share = (x: number) => `${((100 * x) / p.totalMs).toFixed(0)}%`;
    const biggest = [...rows].sort((a, b) => b.ms - b.bareMs - (a.ms - a.bareMs)).slice(0, 3);
    const why =
      `in the profiled run the MIMI deployment alone (client, hub, providers, members) is ${ratio(deploymentMs / bareMs)} bare and the harness's own work ` +
      `(runner, invariants, tap) adds ${ratio(harnessOwnMs / bareMs)}; largest excesses: ` +
      biggest.map((r) => `${r.phase.split(" ")[0]} +${ms(r.ms - r.bareMs)} ms (${r.excessIs})`).join(", ") +
      `; observing the deployment ≈ ${ms(profiled.observationMs)} ms of the runner's ${ms(ph("runner"))} ms`;

    return {
      tables: [
        {
          title: `create, add ${ADDED_USERS} users × ${DEVICES} clients (${MEMBERS} members), then ${rounds} × (self-update commit + message); median of ${counts.repeats} (after ${counts.warmup} warm-up), alternating`,
          columns: ["side", "total ms", "create + adds ms", `${rounds} commits ms`, `${rounds} messages ms`, "vs bare"],
          rows: [
            ["bare ts-mls", ms(bareMs), ms(bareMed.setup), ms(bareMed.commits), ms(bareMed.messages), ratio(1)],
            ["runTrace (harness)", ms(harnessMs), "", "", "", ratio(overhead)],
            [`  profiled run${profileRuns > 1 ? ` (mean of ${profileRuns})` : ""}`, ms(p.totalMs), ms(p.startMs + p.addsMs), ms(p.commitsMs), ms(p.messagesMs), ratio(p.totalMs / bareMs)],
          ],
        },
        {
          title: `profiled run${profileRuns > 1 ? `s (mean of ${profileRuns})` : ""}: self time per phase beside the bare work it contains (bare: medians)`,
          columns: ["phase", "ms", "share", "bare counterpart", "bare ms", "excess ms", "excess is", "counts as"],
          rows: [
            ...rows.flatMap((r) => [
              [r.phase, ms(r.ms), share(r.ms), r.bareWhat, r.bareMs === 0 ? "—" : ms(r.bareMs), ms(r.ms - r.bareMs), r.excessIs, r.countsAs],
              ...(r.phase === "runner" ? [["  of which observation (est.)", `≈${ms(profiled.observationMs)}`, share(profiled.observationMs), "—", "—", "", "hub snapshot + every client's view", "harness"]] : []),
            ]),
            ["total", ms(p.totalMs), "100%", "", ms(bareMs), ms(p.totalMs - bareMs), "", ""],
          ],
        },
      ],
      targets: [
        {
          description: `runTrace ≤ ${TARGET}× the bare ts-mls calls of the same sequence`,
          met: overhead <= TARGET,
          detail: `harness ${ms(harnessMs)} ms, bare ${ms(bareMs)} ms (${ratio(overhead)})${overhead <= TARGET ? "" : `; why: ${why}`}`,
        },
      ],
      notes: [
        "harness: runTrace(DEFAULT_SETUP, commands) in full — TraceRunner.start (deployment, createRoom) and every step with the model, comparison and invariants.",
        "bare: KeyPackages, createGroup, createCommit(Adds) + processMessage by existing members + joinGroup by new ones, createCommit + processMessage",
        `  by the ${MEMBERS - 1} others per commit, createApplicationMessage + processMessage by the ${MEMBERS - 1} others per message; no encoding.`,
        "  Add commits have no UpdatePath on either side (ts-mls 1.6.4 omits it for GroupContextExtensions too; README Deviations).",
        pooled
          ? "  KeyPackages: DEFAULT_SETUP.keyPackagePool is on, so both sides draw them from a per-process pool made in the warm-up (untimed)."
          : "  KeyPackages: generated fresh on both sides (DEFAULT_SETUP.keyPackagePool off).",
        "not bare MLS (counted on the harness side): the hub verifying and applying each commit to its public view, committers' GroupInfos,",
        "  /keyMaterial (KeyPackageRefs, request signatures), clients' room-rule checks, encoding/decoding, model, observation, invariants.",
        "profiled runs: more harness runs through TraceRunner.step with instance methods wrapped (small extra cost); phases as in (b).",
        "  Bare counterparts: the bare replay timed per party (Stopwatch) — a phase's excess is what MIMI or the harness adds to that MLS work.",
      ],
      data: {
        members: MEMBERS,
        rounds,
        keyPackagePool: pooled,
        counts,
        harnessMs: harness,
        bare,
        bareMedians: { totalMs: bareMs, ...bareMed, byRole: Object.fromEntries(BARE_ROLES.map(({ label }) => [label, bareRole(label)])) },
        overhead,
        profiled: { runs: profileRuns, times: profiled.times, phases: Object.fromEntries(profiled.phases), observationEstimateMs: profiled.observationMs },
      },
    };
  },
};
