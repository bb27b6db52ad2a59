// (f) What credential validation costs per commit, beside the MLS cost: one empty commit with path, as in
// (d), processed by one member (ts-mls processMessage, which validates the committer's new leaf through the
// member's authentication service) and handled by the hub (Hub.handleCommit, which validates it in its
// public view). Three ways: basic credentials, nothing validated (the MLS cost alone); x509 credentials
// validated with the cache of validated chains (the default); and x509 without the cache. Also the
// validation of one certificate chain by itself, and a joiner's validation of a whole tree.
import {
  createCommit, createGroup, createGroupInfoWithExternalPub, decodeMlsMessage, defaultLifetime, emptyPskIndex, encodeMlsMessage,
  generateKeyPackageWithKey, joinGroup, processMessage, acceptAll, type CiphersuiteImpl, type ClientState, type Credential, type Proposal,
} from "ts-mls";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { decodeHandshakeBundle, encodeHandshakeBundle, type CommitBundle } from "../impl/codec/handshake-bundle.js";
import { Hub } from "../impl/hub/hub.js";
import { defaultHubConfig } from "../impl/hub/hub-config.js";
import { DeploymentCredentials } from "../impl/identity/credential-authorities.js";
import type { CredentialValidator } from "../impl/identity/credential-validation.js";
import { cipherSuite } from "../impl/mls/crypto/suite.js";
import { mimiCapabilities } from "../impl/mls/member-capabilities.js";
import { initialRoomExtensions } from "../impl/mls/room-components.js";
import { COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE, COOPERATIVELY_ADMINISTERED_ROLES } from "../impl/room/fixtures/cooperatively-administered.js";
import { ms, repeat, timingOf, type BenchOptions, type Section, type SectionResult } from "./report.js";

const DOMAIN = "a.example";
const ROOM = `mimi://${DOMAIN}/r/bench-credentials`;
const NOW = 1_700_000_000n;
const utf8 = new TextEncoder();

type Way = "basic" | "x509 cached" | "x509 uncached";
const WAYS: readonly Way[] = ["basic", "x509 cached", "x509 uncached"];

async function measure(cs: CiphersuiteImpl, n: number, way: Way, counts: { warmup: number; repeats: number }) {
  const credentials = await DeploymentCredentials.create(way === "basic" ? "basic" : "x509", [DOMAIN]);
  const validator = (): CredentialValidator => credentials.validator(() => NOW, {}, way !== "x509 uncached");
  const config = way === "basic" ? defaultClientConfig : { ...defaultClientConfig, authService: validator().authService() };
  const hubKeys = await cs.signature.keygen();
  const hub = new Hub(DOMAIN, cs, hubKeys, async () => {}, defaultHubConfig);
  if (way !== "basic") hub.useCredentials(validator(), await credentials.issuer(`mimi://${DOMAIN}`, hubKeys.publicKey));
  const participants = Array.from({ length: n }, (_, i) => ({ user: `mimi://${DOMAIN}/u/user${i}`, roleIndex: i === 0 ? COOPERATIVE_CREATOR_ROLE : COOPERATIVE_ROLE.ordinaryUser }));
  const kps = [];
  const issued: { credential: Credential; key: Uint8Array }[] = [];
  for (let i = 0; i < n; i++) {
    const keys = await cs.signature.keygen();
    const credential = await credentials.issuer(`mimi://${DOMAIN}/d/user${i}/1`, keys.publicKey);
    issued.push({ credential, key: keys.publicKey });
    kps.push(await generateKeyPackageWithKey(credential, mimiCapabilities(), defaultLifetime, [], keys, cs));
  }
  const room = { participants: { participants }, roles: COOPERATIVELY_ADMINISTERED_ROLES };
  const created = await createGroup(utf8.encode(ROOM), kps[0]!.publicPackage, kps[0]!.privatePackage, initialRoomExtensions(hub.externalSender(), room), cs, config);
  const adds: Proposal[] = kps.slice(1).map((k) => ({ proposalType: "add", add: { keyPackage: k.publicPackage } }));
  const r = await createCommit({ state: created, cipherSuite: cs }, { wireAsPublicMessage: true, extraProposals: adds, ratchetTreeExtension: false });
  const last = kps[n - 1]!;
  let member: ClientState = await joinGroup(r.welcome!, last.publicPackage, last.privatePackage, emptyPskIndex, cs, r.newState.ratchetTree, undefined, config);
  await hub.createRoom(ROOM, await createGroupInfoWithExternalPub(r.newState, [], cs), r.newState.ratchetTree);
  let committer = r.newState;
  const joiner = validator();
  const timings = await repeat(counts, async (watch) => {
    const c = await createCommit({ state: committer, cipherSuite: cs }, { wireAsPublicMessage: true, ratchetTreeExtension: false });
    const groupInfo = await createGroupInfoWithExternalPub(c.newState, [], cs);
    const bundle = decodeHandshakeBundle(encodeHandshakeBundle({
      kind: "commit", proposalOrCommit: c.commit, welcome: undefined,
      groupInfoOption: { representation: "full", groupInfo }, ratchetTreeOption: { representation: "full", ratchetTree: c.newState.ratchetTree },
    })) as CommitBundle;
    const forMember = decodeMlsMessage(encodeMlsMessage(c.commit), 0)?.[0];
    if (forMember === undefined || forMember.wireformat !== "mls_public_message") throw new Error("commit did not decode");
    const processed = await watch.time("member", () => processMessage(forMember, member, emptyPskIndex, acceptAll, cs));
    const outcome = await watch.time("hub", () => hub.handleCommit(ROOM, bundle, DOMAIN));
    if (outcome.code !== "success") throw new Error(`hub refused the commit: ${outcome.code}`);
    committer = c.newState;
    member = processed.newState;
    // A joiner validates every leaf of the tree it is given (the whole tree, once per join).
    if (way !== "basic") await watch.time("tree", async () => {
      for (const leaf of issued) if ((await joiner.refusal(leaf.credential, leaf.key)) !== undefined) throw new Error("tree leaf invalid");
    });
    // One chain by itself, on a validator that has met it before (cached) or not (uncached).
    if (way !== "basic") {
      const v = validator();
      await v.refusal(issued[0]!.credential, issued[0]!.key);
      await watch.time("chain", () => v.refusal(issued[0]!.credential, issued[0]!.key));
    }
  });
  return {
    members: n, way,
    memberMs: timingOf(timings, "member").medianMs,
    hubMs: timingOf(timings, "hub").medianMs,
    treeMs: way === "basic" ? undefined : timingOf(timings, "tree").medianMs,
    chainMs: way === "basic" ? undefined : timingOf(timings, "chain").medianMs,
  };
}

export const credentialValidation: Section = {
  name: "(f) credential validation per commit, beside the MLS cost (node:crypto provider)",
  async run(options: BenchOptions): Promise<SectionResult> {
    const cs = await cipherSuite("node");
    const sizes = options.quick ? [2, 16] : [2, 16, 64];
    const counts = options.quick ? { warmup: 1, repeats: 4 } : { warmup: 3, repeats: 15 };
    const results: Awaited<ReturnType<typeof measure>>[] = [];
    for (const n of sizes) for (const way of WAYS) results.push(await measure(cs, n, way, counts));
    const at = (n: number, way: Way) => results.find((r) => r.members === n && r.way === way)!;
    const extra = (a: number, b: number) => `${a - b >= 0 ? "+" : ""}${ms(a - b)}`;
    return {
      tables: [
        {
          title: `one empty commit with path, median of ${counts.repeats} (after ${counts.warmup} warm-up); "+" is the cost over basic credentials`,
          columns: ["members", "member basic ms", "member x509 cached", "member x509 uncached", "hub basic ms", "hub x509 cached", "hub x509 uncached", "joiner's tree, cached / uncached ms"],
          rows: sizes.map((n) => {
            const [b, c, u] = [at(n, "basic"), at(n, "x509 cached"), at(n, "x509 uncached")];
            return [
              String(n), ms(b.memberMs), `${ms(c.memberMs)} (${extra(c.memberMs, b.memberMs)})`, `${ms(u.memberMs)} (${extra(u.memberMs, b.memberMs)})`,
              ms(b.hubMs), `${ms(c.hubMs)} (${extra(c.hubMs, b.hubMs)})`, `${ms(u.hubMs)} (${extra(u.hubMs, b.hubMs)})`,
              `${ms(c.treeMs!)} / ${ms(u.treeMs!)}`,
            ];
          }),
        },
        {
          title: "one certificate chain (client certificate + CA certificate), validated once more",
          columns: ["cached ms", "uncached ms"],
          rows: [[ms(at(sizes[0]!, "x509 cached").chainMs!), ms(at(sizes[0]!, "x509 uncached").chainMs!)]],
        },
      ],
      targets: [],
      notes: [
        "member: processMessage, whose authentication service validates the committer's new leaf; hub: handleCommit, whose public view validates it.",
        "cached: the validators' cache of validated chains, keyed by chain bytes, signature key and time (the default); uncached: every meeting validates.",
        "joiner's tree: every leaf's credential validated once, as a joiner's authentication service does at Welcome or external join.",
      ],
      data: { counts, results },
    };
  },
};
