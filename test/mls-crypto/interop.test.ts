/**
 * Interoperability of the node:crypto provider with ts-mls's default (WebCrypto)
 * provider inside real MLS groups: members on different providers create, join,
 * commit (public and private wire format, adds, updates via empty commits, removes),
 * exchange application messages, and must always agree on the epoch authenticator
 * and on an exported secret. Every message crosses the wire as encoded bytes.
 */
import { describe, expect, it } from "vitest";
import {
  acceptAll,
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  encodeMlsMessage,
  generateKeyPackage,
  joinGroup,
  mlsExporter,
  processMessage,
  type CiphersuiteImpl,
  type ClientState,
  type KeyPackage,
  type MLSMessage,
  type PrivateKeyPackage,
  type Proposal,
} from "ts-mls";
import { cipherSuite, type ProviderKind } from "../../impl/mls/crypto/suite.js";
import { toHex } from "../vectors/vector-files.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

interface Member {
  name: string;
  kind: ProviderKind;
  cs: CiphersuiteImpl;
  state: ClientState;
}

interface Pending {
  name: string;
  kind: ProviderKind;
  cs: CiphersuiteImpl;
  publicPackage: KeyPackage;
  privatePackage: PrivateKeyPackage;
}

/** Encode and decode, so that everything really goes over the wire. */
function wire(m: MLSMessage): MLSMessage {
  const bytes = encodeMlsMessage(m);
  const d = decodeMlsMessage(bytes, 0);
  if (d === undefined || d[1] !== bytes.length) throw new Error("MLSMessage did not round-trip");
  return d[0];
}

async function keyPackageFor(name: string, kind: ProviderKind): Promise<Pending> {
  const cs = await cipherSuite(kind);
  const kp = await generateKeyPackage({ credentialType: "basic", identity: utf8(name) }, defaultCapabilities(), defaultLifetime, [], cs);
  return { name, kind, cs, ...kp };
}

async function found(name: string, kind: ProviderKind, groupId: string): Promise<Member> {
  const p = await keyPackageFor(name, kind);
  const state = await createGroup(utf8(groupId), p.publicPackage, p.privatePackage, [], p.cs);
  return { name, kind, cs: p.cs, state };
}

/**
 * `by` commits `proposals` (plus joiners' Adds); every member in `others` processes
 * the commit; joiners join from the Welcome. Returns the new members.
 */
async function commit(
  by: Member,
  others: Member[],
  opts: { proposals?: Proposal[]; joiners?: Pending[]; publicWire?: boolean; treeInWelcome?: boolean } = {},
): Promise<Member[]> {
  const joiners = opts.joiners ?? [];
  const adds: Proposal[] = joiners.map((j) => ({ proposalType: "add", add: { keyPackage: j.publicPackage } }));
  const r = await createCommit(
    { state: by.state, cipherSuite: by.cs },
    { wireAsPublicMessage: opts.publicWire ?? false, extraProposals: [...adds, ...(opts.proposals ?? [])], ratchetTreeExtension: opts.treeInWelcome ?? false },
  );
  by.state = r.newState;
  const msg = wire(r.commit);
  expect(msg.wireformat).toBe(opts.publicWire ? "mls_public_message" : "mls_private_message");
  for (const o of others) {
    if (msg.wireformat !== "mls_public_message" && msg.wireformat !== "mls_private_message") throw new Error("commit is not a handshake message");
    const res = await processMessage(msg, o.state, emptyPskIndex, acceptAll, o.cs);
    expect(res.kind).toBe("newState");
    o.state = res.newState;
  }
  if (joiners.length === 0) {
    expect(r.welcome).toBeUndefined();
    return [];
  }
  expect(r.welcome).toBeDefined();
  const w = wire({ version: "mls10", wireformat: "mls_welcome", welcome: r.welcome! });
  if (w.wireformat !== "mls_welcome") throw new Error("welcome changed wire format");
  const out: Member[] = [];
  for (const j of joiners) {
    const tree = opts.treeInWelcome ? undefined : r.newState.ratchetTree;
    const state = await joinGroup(w.welcome, j.publicPackage, j.privatePackage, emptyPskIndex, j.cs, tree);
    out.push({ name: j.name, kind: j.kind, cs: j.cs, state });
  }
  return out;
}

/** `from` sends an application message; every member of `to` decrypts it. */
async function send(from: Member, to: Member[], text: string): Promise<void> {
  const r = await createApplicationMessage(from.state, utf8(text), from.cs);
  from.state = r.newState;
  const msg = wire({ version: "mls10", wireformat: "mls_private_message", privateMessage: r.privateMessage });
  if (msg.wireformat !== "mls_private_message") throw new Error("application message changed wire format");
  for (const t of to) {
    const res = await processMessage(msg, t.state, emptyPskIndex, acceptAll, t.cs);
    if (res.kind !== "applicationMessage") throw new Error(`${t.name} did not get an application message`);
    expect(new TextDecoder().decode(res.message)).toBe(text);
    t.state = res.newState;
  }
}

async function expectAgreement(members: Member[]): Promise<void> {
  const [first, ...rest] = members;
  const exported = async (m: Member) => toHex(await mlsExporter(m.state.keySchedule.exporterSecret, "interop", utf8("ctx"), 32, m.cs));
  const ref = {
    epoch: first.state.groupContext.epoch,
    authenticator: toHex(first.state.keySchedule.epochAuthenticator),
    exported: await exported(first),
    treeHash: toHex(first.state.groupContext.treeHash),
  };
  for (const m of rest) {
    expect(
      {
        epoch: m.state.groupContext.epoch,
        authenticator: toHex(m.state.keySchedule.epochAuthenticator),
        exported: await exported(m),
        treeHash: toHex(m.state.groupContext.treeHash),
      },
      `${m.name} (${m.kind}) vs ${first.name} (${first.kind})`,
    ).toEqual(ref);
  }
}

function leafOf(m: Member): number {
  return m.state.privatePath.leafIndex;
}

describe.each<[ProviderKind, ProviderKind]>([
  ["node", "default"],
  ["default", "node"],
])("creator on %s, joiner on %s", (creatorKind, joinerKind) => {
  it("two members: add, messages both ways, commits both ways, public and private", async () => {
    const a = await found("alice", creatorKind, "g-two");
    const [b] = await commit(a, [], { joiners: [await keyPackageFor("bob", joinerKind)], publicWire: true });
    expect(b.state.groupContext.epoch).toBe(1n);
    await expectAgreement([a, b]);

    await send(a, [b], "hello bob");
    await send(b, [a], "hello alice");
    await send(b, [a], "second from bob");

    await commit(b, [a]); // empty commit = path update, private wire format
    await expectAgreement([a, b]);
    await commit(a, [b], { publicWire: true });
    await expectAgreement([a, b]);
    await send(a, [b], "after two commits");
    await send(b, [a], "still here");
    expect(a.state.groupContext.epoch).toBe(3n);
  });

  it("three and four members on mixed providers: adds, updates, removes", async () => {
    const a = await found("alice", creatorKind, "g-mixed");
    const [b, c] = await commit(a, [], {
      joiners: [await keyPackageFor("bob", joinerKind), await keyPackageFor("carol", creatorKind)],
      treeInWelcome: true,
    });
    await expectAgreement([a, b, c]);
    await send(c, [a, b], "carol says hi");

    // Bob (joiner provider) adds Dave (creator provider) with a private commit.
    const [d] = await commit(b, [a, c], { joiners: [await keyPackageFor("dave", creatorKind)] });
    await expectAgreement([a, b, c, d]);
    await send(d, [a, b, c], "dave joined");

    // Dave removes Carol; everyone else follows.
    await commit(d, [a, b, c], { proposals: [{ proposalType: "remove", remove: { removed: leafOf(c) } }], publicWire: true });
    await expectAgreement([a, b, d]);
    await send(a, [b, d], "carol is gone");

    // Updates by everyone.
    for (const [by, rest] of [
      [a, [b, d]],
      [b, [a, d]],
      [d, [a, b]],
    ] as const) {
      await commit(by, [...rest]);
      await expectAgreement([a, b, d]);
    }
    await send(b, [a, d], "done");
    expect(a.state.groupContext.epoch).toBe(6n);
  });
});
