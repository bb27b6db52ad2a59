// (a) Cost of the basic MLS operations on ts-mls 1.6.4 with its default (WebCrypto / noble) crypto
// provider and with this project's node:crypto provider, suite 1, in a group of GROUP_SIZE members.
// Each repetition advances the states it uses (the committer and one receiver), so every commit and
// message is new, as in a live group; the other members are left behind and not used.
import {
  acceptAll, createApplicationMessage, createCommit, createGroup, defaultLifetime, emptyPskIndex, generateKeyPackage,
  joinGroup, processMessage, type CiphersuiteImpl, type ClientState, type MLSMessage, type Proposal,
} from "ts-mls";
import { credentialFor } from "../impl/mls/client-credential.js";
import { cipherSuite, type ProviderKind } from "../impl/mls/crypto/suite.js";
import { mimiCapabilities } from "../impl/mls/member-capabilities.js";
import {
  ms, perSec, ratio, repeat, timingOf, type BenchOptions, type Section, type SectionResult, type TargetCheck, type Timing,
} from "./report.js";

const GROUP_SIZE = 10;
/** ours ≥ TARGET × default on commit processing. */
const TARGET = 3;

const OPERATIONS = [
  { label: "keyPackage", title: "KeyPackage generation" },
  { label: "commitCreate", title: `commit creation (empty commit with path, ${GROUP_SIZE} members)` },
  { label: "commitProcess", title: "commit processing by one member" },
  { label: "message", title: "application message encrypt + decrypt" },
] as const;

type Label = (typeof OPERATIONS)[number]["label"];

const utf8 = new TextEncoder();

function client(i: number): string {
  return `mimi://a.example/d/user${i}/1`;
}

function newKeyPackage(cs: CiphersuiteImpl, i: number) {
  return generateKeyPackage(credentialFor(client(i)), mimiCapabilities(), defaultLifetime, [], cs);
}

/** A group of `n` members: one creator commit adds everyone, every member joins from the Welcome. */
export async function buildGroup(cs: CiphersuiteImpl, n: number): Promise<ClientState[]> {
  const kps = [];
  for (let i = 0; i < n; i++) kps.push(await newKeyPackage(cs, i));
  const creator = await createGroup(utf8.encode("bench-group"), kps[0]!.publicPackage, kps[0]!.privatePackage, [], cs);
  const adds: Proposal[] = kps.slice(1).map((k) => ({ proposalType: "add", add: { keyPackage: k.publicPackage } }));
  const r = await createCommit({ state: creator, cipherSuite: cs }, { extraProposals: adds, ratchetTreeExtension: false });
  const states = [r.newState];
  for (const k of kps.slice(1)) states.push(await joinGroup(r.welcome!, k.publicPackage, k.privatePackage, emptyPskIndex, cs, r.newState.ratchetTree));
  return states;
}

function asHandshake(m: MLSMessage) {
  if (m.wireformat !== "mls_public_message" && m.wireformat !== "mls_private_message") throw new Error(`unexpected ${m.wireformat}`);
  return m;
}

async function measureProvider(kind: ProviderKind, counts: { warmup: number; repeats: number }): Promise<Map<string, Timing>> {
  const cs = await cipherSuite(kind);
  const states = await buildGroup(cs, GROUP_SIZE);
  // Committer at leaf 0, receiver at the last leaf (their common ancestor is the root).
  let committer = states[0]!;
  let receiver = states[GROUP_SIZE - 1]!;
  let kpIndex = GROUP_SIZE;

  const timings = await repeat(counts, async (watch) => {
    await watch.time("keyPackage", () => newKeyPackage(cs, kpIndex++));

    // MIMI sends handshakes as PublicMessages (the hub must read them).
    const c = await watch.time("commitCreate", () => createCommit({ state: committer, cipherSuite: cs }, { wireAsPublicMessage: true, ratchetTreeExtension: false }));
    const processed = await watch.time("commitProcess", () => processMessage(asHandshake(c.commit), receiver, emptyPskIndex, acceptAll, cs));
    committer = c.newState;
    receiver = processed.newState;

    await watch.time("message", async () => {
      const sent = await createApplicationMessage(committer, utf8.encode("hello, room"), cs);
      committer = sent.newState;
      const got = await processMessage({ wireformat: "mls_private_message", privateMessage: sent.privateMessage }, receiver, emptyPskIndex, acceptAll, cs);
      receiver = got.newState;
      if (got.kind !== "applicationMessage") throw new Error("not an application message");
    });
  });
  if (committer.groupContext.epoch !== receiver.groupContext.epoch) throw new Error("committer and receiver diverged");
  return timings;
}

export const mlsOperations: Section = {
  name: "(a) MLS operations: ts-mls default provider vs node:crypto provider",
  async run(options: BenchOptions): Promise<SectionResult> {
    const counts = options.quick ? { warmup: 2, repeats: 8 } : { warmup: 10, repeats: 50 };
    const results = {} as Record<ProviderKind, Map<string, Timing>>;
    for (const kind of ["default", "node"] as const) results[kind] = await measureProvider(kind, counts);

    const rows = OPERATIONS.map(({ label, title }) => {
      const d = timingOf(results.default, label);
      const n = timingOf(results.node, label);
      return [title, ms(d.medianMs), perSec(d.opsPerSec), ms(n.medianMs), perSec(n.opsPerSec), ratio(d.medianMs / n.medianMs)];
    });
    const speedUp = (label: Label) => timingOf(results.default, label).medianMs / timingOf(results.node, label).medianMs;
    const processing = speedUp("commitProcess");
    const targets: TargetCheck[] = [
      { description: `commit processing: node:crypto provider ≥ ${TARGET}× the default provider`, met: processing >= TARGET, detail: ratio(processing) },
    ];
    return {
      tables: [
        {
          title: `group of ${GROUP_SIZE}, suite 1, median of ${counts.repeats} (after ${counts.warmup} warm-up)`,
          columns: ["operation", "default ms", "default ops/s", "node ms", "node ops/s", "speed-up"],
          rows,
        },
      ],
      targets,
      notes: [
        "commit: an empty commit (UpdatePath only) as a PublicMessage from leaf 0; processed by the last leaf (processMessage).",
        "message: createApplicationMessage by leaf 0 + processMessage by the last leaf, both states advancing.",
      ],
      data: {
        groupSize: GROUP_SIZE,
        counts,
        providers: Object.fromEntries(
          (["default", "node"] as const).map((kind) => [kind, Object.fromEntries(OPERATIONS.map(({ label }) => [label, timingOf(results[kind], label)]))]),
        ),
        speedUp: Object.fromEntries(OPERATIONS.map(({ label }) => [label, speedUp(label)])),
      },
    };
  },
};
