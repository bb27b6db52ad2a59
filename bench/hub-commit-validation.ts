// (d) The hub's cost to validate and apply one commit, beside one member's cost to process the same
// commit, as the group grows. Timed: `Hub.handleCommit(roomId, bundle)` in full (epoch, signature, room
// policy, proposals and UpdatePath applied to the public view, next GroupContext, GroupInfo and tree
// comparison), with a no-op fanout so that delivery is not counted; and ts-mls `processMessage` by the
// member at the last leaf. Both get freshly decoded objects, as they would from the wire.
//
// The group is built directly with ts-mls (one commit adding everyone: MIMI flows are far too slow for
// 256 members), with MIMI credentials, capabilities and room extensions, all users listed in the room;
// the hub takes it over from the creator's GroupInfo and tree, as at room creation.
import {
  acceptAll, createCommit, createGroup, createGroupInfoWithExternalPub, decodeMlsMessage, defaultLifetime, emptyPskIndex,
  encodeMlsMessage, generateKeyPackage, joinGroup, processMessage, type CiphersuiteImpl, type ClientState, type Proposal,
} from "ts-mls";
import { decodeHandshakeBundle, encodeHandshakeBundle, type CommitBundle } from "../impl/codec/handshake-bundle.js";
import { Hub } from "../impl/hub/hub.js";
import { defaultHubConfig } from "../impl/hub/hub-config.js";
import { credentialFor } from "../impl/mls/client-credential.js";
import { cipherSuite } from "../impl/mls/crypto/suite.js";
import { mimiCapabilities } from "../impl/mls/member-capabilities.js";
import { initialRoomExtensions } from "../impl/mls/room-components.js";
import { COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE, COOPERATIVELY_ADMINISTERED_ROLES } from "../impl/room/fixtures/cooperatively-administered.js";
import { ms, perSec, ratio, repeat, timingOf, type BenchOptions, type Section, type SectionResult, type Timing } from "./report.js";

const DOMAIN = "a.example";
const ROOM = `mimi://${DOMAIN}/r/bench`;
/** hub ≤ TARGET × member at the largest size. */
const TARGET = 2;

const utf8 = new TextEncoder();

interface Fixture {
  hub: Hub;
  committer: ClientState;
  member: ClientState;
}

async function buildRoom(cs: CiphersuiteImpl, n: number): Promise<Fixture> {
  const hub = new Hub(DOMAIN, cs, await cs.signature.keygen(), async () => {}, defaultHubConfig);
  const participants = Array.from({ length: n }, (_, i) => ({
    user: `mimi://${DOMAIN}/u/user${i}`,
    roleIndex: i === 0 ? COOPERATIVE_CREATOR_ROLE : COOPERATIVE_ROLE.ordinaryUser,
  }));
  const room = { participants: { participants }, roles: COOPERATIVELY_ADMINISTERED_ROLES };
  const kps = [];
  for (let i = 0; i < n; i++) kps.push(await generateKeyPackage(credentialFor(`mimi://${DOMAIN}/d/user${i}/1`), mimiCapabilities(), defaultLifetime, [], cs));
  const created = await createGroup(utf8.encode(ROOM), kps[0]!.publicPackage, kps[0]!.privatePackage, initialRoomExtensions(hub.externalSender(), room), cs);
  const adds: Proposal[] = kps.slice(1).map((k) => ({ proposalType: "add", add: { keyPackage: k.publicPackage } }));
  const r = await createCommit({ state: created, cipherSuite: cs }, { wireAsPublicMessage: true, extraProposals: adds, ratchetTreeExtension: false });
  const last = kps[n - 1]!;
  const member = await joinGroup(r.welcome!, last.publicPackage, last.privatePackage, emptyPskIndex, cs, r.newState.ratchetTree);
  await hub.createRoom(ROOM, await createGroupInfoWithExternalPub(r.newState, [], cs), r.newState.ratchetTree);
  return { hub, committer: r.newState, member };
}

interface SizeResult {
  members: number;
  hub: Timing;
  member: Timing;
  commitCreate: Timing;
  bundleDecode: Timing;
  commitBytes: number;
  hubOverMember: number;
}

async function measureSize(cs: CiphersuiteImpl, n: number, counts: { warmup: number; repeats: number }): Promise<SizeResult> {
  let { hub, committer, member } = await buildRoom(cs, n);
  let commitBytes = 0;
  const timings = await repeat(counts, async (watch) => {
    // The committer's side, as MimiClient.commit builds it: an empty commit with a path, its GroupInfo, the tree.
    const c = await watch.time("commitCreate", () => createCommit({ state: committer, cipherSuite: cs }, { wireAsPublicMessage: true, ratchetTreeExtension: false }));
    const groupInfo = await createGroupInfoWithExternalPub(c.newState, [], cs);
    const bytes = encodeHandshakeBundle({
      kind: "commit",
      proposalOrCommit: c.commit,
      welcome: undefined,
      groupInfoOption: { representation: "full", groupInfo },
      ratchetTreeOption: { representation: "full", ratchetTree: c.newState.ratchetTree },
    });
    const commitWire = encodeMlsMessage(c.commit);
    commitBytes = commitWire.length;

    const bundle = await watch.time("bundleDecode", async () => decodeHandshakeBundle(bytes) as CommitBundle);
    const forMember = decodeMlsMessage(commitWire, 0)?.[0];
    if (forMember === undefined || forMember.wireformat !== "mls_public_message") throw new Error("commit did not decode");

    const processed = await watch.time("member", () => processMessage(forMember, member, emptyPskIndex, acceptAll, cs));
    const outcome = await watch.time("hub", () => hub.handleCommit(ROOM, bundle, DOMAIN));
    if (outcome.code !== "success") throw new Error(`hub refused the commit: ${outcome.code} ${"description" in outcome ? outcome.description : ""}`);
    committer = c.newState;
    member = processed.newState;
  });
  if (hub.snapshot(ROOM)?.epoch !== member.groupContext.epoch) throw new Error("hub and member diverged");
  const h = timingOf(timings, "hub");
  const m = timingOf(timings, "member");
  return {
    members: n,
    hub: h,
    member: m,
    commitCreate: timingOf(timings, "commitCreate"),
    bundleDecode: timingOf(timings, "bundleDecode"),
    commitBytes,
    hubOverMember: h.medianMs / m.medianMs,
  };
}

export const hubCommitValidation: Section = {
  name: "(d) hub commit validation vs member commit processing (node:crypto provider)",
  async run(options: BenchOptions): Promise<SectionResult> {
    const cs = await cipherSuite("node");
    const sizes = options.quick ? [2, 16, 256] : [2, 4, 8, 16, 32, 64, 128, 256];
    const counts = options.quick ? { warmup: 1, repeats: 4 } : { warmup: 5, repeats: 25 };
    const results: SizeResult[] = [];
    for (const n of sizes) results.push(await measureSize(cs, n, counts));

    const largest = results[results.length - 1]!;
    return {
      tables: [
        {
          title: `one empty commit with path from leaf 0, median of ${counts.repeats} (after ${counts.warmup} warm-up)`,
          columns: ["members", "hub ms", "hub ops/s", "member ms", "member ops/s", "hub/member", "bundle decode ms", "commit create ms", "commit bytes"],
          rows: results.map((r) => [
            String(r.members), ms(r.hub.medianMs), perSec(r.hub.opsPerSec), ms(r.member.medianMs), perSec(r.member.opsPerSec),
            ratio(r.hubOverMember), ms(r.bundleDecode.medianMs), ms(r.commitCreate.medianMs), String(r.commitBytes),
          ]),
        },
      ],
      targets: [
        {
          description: `hub ≤ ${TARGET}× one member's processing at ${largest.members} members`,
          met: largest.hubOverMember <= TARGET,
          detail: `hub ${ms(largest.hub.medianMs)} ms, member ${ms(largest.member.medianMs)} ms (${ratio(largest.hubOverMember)})`,
        },
      ],
      notes: [
        "hub: Hub.handleCommit on the decoded CommitBundle (full GroupInfo and tree), fanout delivery a no-op; bundle decoding shown apart.",
        "member: ts-mls processMessage by the last leaf on the decoded PublicMessage.",
        "commit create: createCommit by leaf 0 (context only; its GroupInfo and encoding are not timed).",
      ],
      data: { counts, sizes: results },
    };
  },
};
