/**
 * Hand-run measurement (not a test): ts-mls with the node:crypto provider versus
 * ts-mls's default (WebCrypto) provider, suite 1.
 *
 *   npx tsx test/mls-crypto/bench-providers.ts [members=4] [commits=200] [messages=1000]
 *
 * For each provider: build a group of `members`, then time
 *  - `commits` empty (path-updating) commits, committer rotating, each processed by
 *    every other member;
 *  - `messages` application messages, sender rotating, each decrypted by every
 *    other member.
 */
import {
  acceptAll,
  createApplicationMessage,
  createCommit,
  createGroup,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  generateKeyPackage,
  joinGroup,
  processMessage,
  type CiphersuiteImpl,
  type ClientState,
  type Proposal,
} from "ts-mls";
import { cipherSuite, type ProviderKind } from "../../impl/mls/crypto/suite.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function buildGroup(cs: CiphersuiteImpl, n: number): Promise<ClientState[]> {
  const kps = [];
  for (let i = 0; i < n; i++) kps.push(await generateKeyPackage({ credentialType: "basic", identity: utf8(`m${i}`) }, defaultCapabilities(), defaultLifetime, [], cs));
  let creator = await createGroup(utf8("bench"), kps[0].publicPackage, kps[0].privatePackage, [], cs);
  if (n === 1) return [creator];
  const adds: Proposal[] = kps.slice(1).map((k) => ({ proposalType: "add", add: { keyPackage: k.publicPackage } }));
  const r = await createCommit({ state: creator, cipherSuite: cs }, { extraProposals: adds });
  creator = r.newState;
  const states = [creator];
  for (const k of kps.slice(1)) states.push(await joinGroup(r.welcome!, k.publicPackage, k.privatePackage, emptyPskIndex, cs, creator.ratchetTree));
  return states;
}

async function run(kind: ProviderKind, members: number, commits: number, messages: number) {
  const cs = await cipherSuite(kind);
  const states = await buildGroup(cs, members);

  let t0 = performance.now();
  for (let i = 0; i < commits; i++) {
    const by = i % members;
    const r = await createCommit({ state: states[by], cipherSuite: cs });
    states[by] = r.newState;
    for (let j = 0; j < members; j++) {
      if (j === by) continue;
      if (r.commit.wireformat !== "mls_private_message" && r.commit.wireformat !== "mls_public_message") throw new Error("bad commit");
      states[j] = (await processMessage(r.commit, states[j], emptyPskIndex, acceptAll, cs)).newState;
    }
  }
  const commitMs = performance.now() - t0;

  t0 = performance.now();
  for (let i = 0; i < messages; i++) {
    const by = i % members;
    const r = await createApplicationMessage(states[by], utf8(`message ${i}`), cs);
    states[by] = r.newState;
    for (let j = 0; j < members; j++) {
      if (j === by) continue;
      const res = await processMessage({ wireformat: "mls_private_message", privateMessage: r.privateMessage }, states[j], emptyPskIndex, acceptAll, cs);
      states[j] = res.newState;
    }
  }
  const messageMs = performance.now() - t0;
  const auth = new Set(states.map((s) => Buffer.from(s.keySchedule.epochAuthenticator).toString("hex")));
  if (auth.size !== 1) throw new Error("members disagree");
  return { commitMs, messageMs };
}

const [members, commits, messages] = process.argv.slice(2).map(Number);
const m = members || 4;
const c = commits || 200;
const n = messages || 1000;
// Warm-up (JIT, module init) on a small run of each provider.
await run("node", 2, 5, 20);
await run("default", 2, 5, 20);
const results: Record<string, { commitMs: number; messageMs: number }> = {};
for (const kind of ["default", "node"] as const) results[kind] = await run(kind, m, c, n);
const fmt = (x: number) => `${(x / 1000).toFixed(2)} s`;
console.log(`group of ${m}: ${c} commits (each processed by ${m - 1}), ${n} application messages (each decrypted by ${m - 1})`);
for (const kind of ["default", "node"] as const) {
  console.log(`  ${kind.padEnd(8)} commits ${fmt(results[kind].commitMs)}  messages ${fmt(results[kind].messageMs)}`);
}
console.log(
  `  speed-up commits ×${(results.default.commitMs / results.node.commitMs).toFixed(1)}  messages ×${(results.default.messageMs / results.node.messageMs).toFixed(1)}`,
);
