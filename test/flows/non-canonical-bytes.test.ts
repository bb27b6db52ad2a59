// One value, one encoding, at every MIMI endpoint: a request that is valid except that one length prefix
// is written in more bytes than it needs (RFC 9420 §2.1.2: "values using more bits than necessary MUST be
// treated as malformed") gets 400 and changes nothing — not the hub, not any provider, not any client.
// Each request is an honest one, captured in flight and held back; the builder in
// test/codec/helpers/non-canonical.ts rewrites one length at a chosen struct position. With the codec's
// planted defect for that position switched on, the very same bytes are accepted and change the state:
// so the canonical-encoding check is what refuses them, and the state comparison can see a change.
import { encodeMlsMessage, type CiphersuiteImpl } from "ts-mls";
import { encodeCredential } from "ts-mls/credential.js";
import { encodeKeyPackage } from "ts-mls/keyPackage.js";
import { encodeRatchetTree } from "ts-mls/ratchetTree.js";
import { describe, expect, it } from "vitest";
import { withCodecFault, type CodecFaults } from "../../impl/codec/codec-faults.js";
import { decodeFanoutMessages, encodeFanoutMessage } from "../../impl/codec/fanout-message.js";
import { decodeGroupInfoRequest } from "../../impl/codec/group-info-request.js";
import { decodeKeyMaterialRequest } from "../../impl/codec/key-material-request.js";
import { decodeKeyMaterialResponse } from "../../impl/codec/key-material-response.js";
import { decodeUpdateRequest } from "../../impl/codec/update-request.js";
import type { OwnKeyPackage } from "../../impl/client/key-package-source.js";
import { freshKeyPackages } from "../../impl/client/key-package-source.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import type { EndpointName, MimiRequest, MimiResponse } from "../../impl/transport/mimi-request.js";
import {
  afterVector,
  lengthenLengthField,
  memberCommitLayout,
  uniqueOffset,
  vectorPrefixes,
  type LengthField,
} from "../codec/helpers/non-canonical.js";
import { BOB, CATHY, ROLE, ROOM } from "./helpers.js";

const utf8 = new TextEncoder();
const roomIdBytes = utf8.encode(ROOM);

interface Deployment {
  system: MimiSystem;
  /** KeyPackages each client has made (one per /keyMaterial answer, and for its own joins). */
  keyPackagesMade: Map<string, number>;
}

let suite: CiphersuiteImpl | undefined;

/** a.example hosts the hub; b.example and c.example follow. Alice creates the room. */
async function deployment(): Promise<Deployment> {
  suite ??= await cipherSuite("node");
  const cs = suite;
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs });
  const keyPackagesMade = new Map<string, number>();
  const fresh = freshKeyPackages(cs);
  const counted = (clientUri: string): Promise<OwnKeyPackage> => {
    keyPackagesMade.set(clientUri, (keyPackagesMade.get(clientUri) ?? 0) + 1);
    return fresh(clientUri);
  };
  const alice = system.addClient("mimi://a.example/d/alice/phone", undefined, counted);
  system.addClient("mimi://b.example/d/bob/phone", undefined, counted);
  system.addClient("mimi://c.example/d/cathy/laptop", undefined, counted);
  await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
  return { system, keyPackagesMade };
}

const alice = (d: Deployment) => d.system.client("mimi://a.example/d/alice/phone");
const bob = (d: Deployment) => d.system.client("mimi://b.example/d/bob/phone");

/** Everything a request could change: the hub's room, each provider's delivery count, each client's state. */
function fingerprint(d: Deployment, options: { keyPackages: boolean } = { keyPackages: true }): string {
  const room = d.system.hub.room(ROOM)!;
  const state = {
    hub: d.system.hub.snapshot(ROOM),
    keyPackageRoutes: [...room.keyPackageRoutes.entries()].sort(),
    history: room.history.length,
    providers: [...d.system.providers.values()].map((p) => ({ domain: p.domain, notifications: p.notificationsDelivered, internalErrors: p.internalErrors.length })),
    clients: d.system.allClients().map((c) => ({
      client: c.uri,
      view: c.roomView(ROOM),
      received: c.session(ROOM)?.received.map((m) => m.text),
      refusals: c.refusals.length,
      keyPackages: options.keyPackages ? (d.keyPackagesMade.get(c.uri) ?? 0) : undefined,
    })),
  };
  return JSON.stringify(state, (_k, v) => (typeof v === "bigint" ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v));
}

/**
 * Runs `action` and holds back the first request to `to` for `endpoint` that `matches` (and everything
 * sent after it during the action), so that nothing it would change changes; answers the request held back.
 */
async function capture(
  d: Deployment,
  to: string,
  endpoint: EndpointName,
  action: () => Promise<unknown>,
  matches: (request: MimiRequest) => boolean = () => true,
): Promise<MimiRequest> {
  let held: MimiRequest | undefined;
  const stop = d.system.network.addTap((destination, request) => {
    if (held === undefined && destination === to && request.endpoint === endpoint && matches(request)) held = { ...request, body: request.body.slice() };
    return held === undefined ? request : undefined;
  });
  try {
    await action();
  } finally {
    stop();
  }
  if (held === undefined) throw new Error(`no ${endpoint} request to ${to}`);
  return held;
}

interface Case {
  name: string;
  /** Brings the room to where the request makes sense and captures the honest request. */
  setup: (d: Deployment) => Promise<{ to: string; request: MimiRequest }>;
  /** Where the length to lengthen sits in the captured body. */
  field: (body: Uint8Array) => LengthField;
  /** Rewrites the answer of `b.example` to this request instead of the request itself. */
  inResponse?: boolean;
  /** The planted defect(s) under which the lengthened form decodes. */
  faults: (keyof CodecFaults)[];
  /** What the endpoint answers when it accepts the request. */
  accepted: number;
  /** Whether accepting the request changes some state (a GroupInfo request changes none). */
  changesState: boolean;
}

const mls: (keyof CodecFaults)[] = ["skipMlsReencodeCheck"];
const mimi: (keyof CodecFaults)[] = ["acceptNonMinimalVarint"];

// ---- honest requests, captured

async function commitAddingBob(d: Deployment) {
  const request = await capture(d, "a.example", "update", () => alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, true));
  return { to: "a.example", request };
}

async function bobsLeaveProposals(d: Deployment) {
  await alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
  const request = await capture(d, "a.example", "update", () => bob(d).proposeLeave(ROOM));
  return { to: "a.example", request };
}

async function bobsMessage(d: Deployment) {
  await alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
  const request = await capture(d, "a.example", "submitMessage", () => bob(d).sendMessage(ROOM, "hello"));
  return { to: "a.example", request };
}

async function keyMaterialForBob(d: Deployment) {
  const request = await capture(d, "a.example", "keyMaterial", () => alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, true));
  return { to: "a.example", request };
}

async function keyMaterialRelayedToB(d: Deployment) {
  const request = await capture(d, "b.example", "keyMaterial", () => alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, true));
  return { to: "b.example", request };
}

async function bobsGroupInfoRequest(d: Deployment) {
  await alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, false);
  const request = await capture(d, "a.example", "groupInfo", () => bob(d).joinByExternalCommit(ROOM));
  return { to: "a.example", request };
}

async function notifyOfAlicesMessage(d: Deployment) {
  await alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
  const request = await capture(d, "b.example", "notify", () => alice(d).sendMessage(ROOM, "hello"));
  return { to: "b.example", request };
}

async function notifyOfAlicesCommit(d: Deployment) {
  await alice(d).addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
  const request = await capture(d, "b.example", "notify", () => alice(d).selfUpdate(ROOM));
  return { to: "b.example", request };
}

async function notifyOfWelcomeToCathy(d: Deployment) {
  const carriesWelcome = (request: MimiRequest) => decodeFanoutMessages(request.body).some((m) => m.kind === "welcome");
  const request = await capture(d, "c.example", "notify", () => alice(d).addParticipant(ROOM, CATHY, ROLE.ordinaryUser, true), carriesWelcome);
  return { to: "c.example", request };
}

// ---- positions in those requests

/** The first `<V>` vector holding the room id: the group_id of the first MLS message (or GroupContext). */
const groupIdAt = (body: Uint8Array, nth = 0): number => {
  const found = vectorPrefixes(body, roomIdBytes);
  if (found.length <= nth) throw new Error(`group id occurrence ${nth} not found (${found.length})`);
  return found[nth]!;
};

function commitBundleParts(body: Uint8Array) {
  const { bundle } = decodeUpdateRequest(body);
  if (bundle.kind !== "commit" || bundle.proposalOrCommit.wireformat !== "mls_public_message") throw new Error("not a public commit bundle");
  const content = bundle.proposalOrCommit.publicMessage.content;
  if (content.contentType !== "commit") throw new Error("not a commit");
  const add = content.commit.proposals.find((p) => p.proposalOrRefType === "proposal" && p.proposal.proposalType === "add");
  if (add === undefined || add.proposalOrRefType !== "proposal" || add.proposal.proposalType !== "add") throw new Error("no Add by value");
  if (bundle.ratchetTreeOption.representation !== "full") throw new Error("no full ratchet tree");
  return { commitLength: encodeMlsMessage(bundle.proposalOrCommit).length, keyPackage: add.proposal.add.keyPackage, tree: bundle.ratchetTreeOption.ratchetTree };
}

/** Offset of the i-th FanoutMessage's MLSMessage in a /notify body (each starts with a uint64 timestamp). */
function fanoutMessageAt(body: Uint8Array, kind: "application" | "commit" | "welcome"): { messageAt: number; end: number } {
  const messages = decodeFanoutMessages(body);
  let at = 0;
  for (const m of messages) {
    const length = encodeFanoutMessage(m).length;
    if (m.kind === kind) return { messageAt: at + 8, end: at + length };
    at += length;
  }
  throw new Error(`no ${kind} FanoutMessage`);
}

const credentialIdentityAt = (body: Uint8Array, credential: Parameters<typeof encodeCredential>[0]) =>
  uniqueOffset(body, encodeCredential(credential), "credential") + 2; // uint16 credential_type, then identity<V>

const cases: Case[] = [
  // hub /update, commit bundle
  { name: "/update: commit group_id", setup: commitAddingBob, field: (b) => ({ at: memberCommitLayout(b, 0).groupId }), faults: mls, accepted: 200, changesState: true },
  {
    name: "/update: a vector inside the KeyPackage of the commit's Add (init_key, inside proposals<V>)",
    setup: commitAddingBob,
    field: (b) => ({ at: uniqueOffset(b, encodeKeyPackage(commitBundleParts(b).keyPackage), "KeyPackage") + 4, enclosing: [memberCommitLayout(b, 0).proposals] }),
    faults: mls,
    accepted: 200,
    changesState: true,
  },
  { name: "/update: Welcome secrets<V>", setup: commitAddingBob, field: (b) => ({ at: commitBundleParts(b).commitLength + 1 + 2 }), faults: mls, accepted: 200, changesState: true },
  { name: "/update: GroupInfo group_id", setup: commitAddingBob, field: (b) => ({ at: groupIdAt(b, 1) }), faults: mls, accepted: 200, changesState: true },
  {
    name: "/update: ratchet tree<V>",
    setup: commitAddingBob,
    field: (b) => ({ at: b.length - encodeRatchetTree(commitBundleParts(b).tree).length }),
    faults: [...mls, ...mimi],
    accepted: 200,
    changesState: true,
  },
  // hub /update, proposal bundle
  { name: "/update: proposal group_id", setup: bobsLeaveProposals, field: () => ({ at: 4 }), faults: mls, accepted: 200, changesState: true },
  {
    name: "/update: moreProposals<V> (MIMI vector)",
    setup: bobsLeaveProposals,
    field: (b) => {
      const { bundle } = decodeUpdateRequest(b);
      return { at: encodeMlsMessage(bundle.proposalOrCommit).length };
    },
    faults: mimi,
    accepted: 200,
    changesState: true,
  },
  {
    name: "/update: group_id of a proposal inside moreProposals<V>",
    setup: bobsLeaveProposals,
    field: (b) => {
      const { bundle } = decodeUpdateRequest(b);
      const vectorAt = encodeMlsMessage(bundle.proposalOrCommit).length;
      return { at: groupIdAt(b, 1), enclosing: [vectorAt] };
    },
    faults: mls,
    accepted: 200,
    changesState: true,
  },
  // hub /submitMessage
  { name: "/submitMessage: PrivateMessage group_id", setup: bobsMessage, field: (b) => ({ at: groupIdAt(b) }), faults: mls, accepted: 200, changesState: true },
  {
    name: "/submitMessage: sendingUri<V> (MIMI vector)",
    setup: bobsMessage,
    field: (b) => ({ at: vectorPrefixes(b, utf8.encode(BOB)).at(-1)! }),
    faults: mimi,
    accepted: 200,
    changesState: true,
  },
  // hub /keyMaterial: the request, and the target provider's response the hub decodes
  { name: "/keyMaterial at the hub: requestingUser<V> (MIMI vector)", setup: keyMaterialForBob, field: () => ({ at: 1 }), faults: mimi, accepted: 200, changesState: true },
  {
    name: "/keyMaterial at the hub: requester Credential identity<V>",
    setup: keyMaterialForBob,
    field: (b) => ({ at: credentialIdentityAt(b, decodeKeyMaterialRequest(b).requesterCredential) }),
    faults: mls,
    accepted: 200,
    changesState: true,
  },
  {
    name: "/keyMaterial response at the hub: a vector inside the KeyPackage (init_key, inside clients<V>)",
    setup: keyMaterialForBob,
    inResponse: true,
    field: (b) => {
      const response = decodeKeyMaterialResponse(b);
      const client = response.clients[0];
      if (client?.clientStatus !== "success") throw new Error("no KeyPackage in the response");
      const clientsAt = afterVector(b, vectorPrefixes(b, utf8.encode(response.userUri))[0]!); // protocol, userStatus, userUri<V>, clients<V>
      return { at: uniqueOffset(b, encodeKeyPackage(client.keyPackage), "KeyPackage") + 4, enclosing: [clientsAt] };
    },
    faults: mls,
    accepted: 200,
    changesState: true,
  },
  // follower /keyMaterial, relayed by the hub
  { name: "/keyMaterial at b.example: requestingUser<V> (MIMI vector)", setup: keyMaterialRelayedToB, field: () => ({ at: 1 }), faults: mimi, accepted: 200, changesState: true },
  {
    name: "/keyMaterial at b.example: requester Credential identity<V>",
    setup: keyMaterialRelayedToB,
    field: (b) => ({ at: credentialIdentityAt(b, decodeKeyMaterialRequest(b).requesterCredential) }),
    faults: mls,
    accepted: 200,
    changesState: true,
  },
  // hub /groupInfo
  { name: "/groupInfo: requestingSignatureKey<V> (MIMI vector)", setup: bobsGroupInfoRequest, field: () => ({ at: 3 }), faults: mimi, accepted: 200, changesState: false },
  {
    name: "/groupInfo: requesting Credential identity<V>",
    setup: bobsGroupInfoRequest,
    field: (b) => ({ at: credentialIdentityAt(b, decodeGroupInfoRequest(b).requestingCredential) }),
    faults: mls,
    accepted: 200,
    changesState: false,
  },
  // follower /notify
  { name: "/notify: application message group_id", setup: notifyOfAlicesMessage, field: (b) => ({ at: fanoutMessageAt(b, "application").messageAt + 4 }), faults: mls, accepted: 201, changesState: true },
  { name: "/notify: commit group_id", setup: notifyOfAlicesCommit, field: (b) => ({ at: fanoutMessageAt(b, "commit").messageAt + 4 }), faults: mls, accepted: 201, changesState: true },
  { name: "/notify: externalProposals<V> (MIMI vector)", setup: notifyOfAlicesCommit, field: (b) => ({ at: fanoutMessageAt(b, "commit").end - 1 }), faults: mimi, accepted: 201, changesState: true },
  { name: "/notify: Welcome secrets<V>", setup: notifyOfWelcomeToCathy, field: (b) => ({ at: fanoutMessageAt(b, "welcome").messageAt + 4 + 2 }), faults: mls, accepted: 201, changesState: true },
];

/** Sends the captured request with the length at `field` lengthened (in the request, or in b.example's answer). */
async function sendLengthened(d: Deployment, c: Case, captured: { to: string; request: MimiRequest }): Promise<{ response: MimiResponse; rewritten: number }> {
  let rewritten = 0;
  const lengthen = (body: Uint8Array) => {
    rewritten++;
    const out = lengthenLengthField(body, c.field(body));
    expect(out.length).toBeGreaterThan(body.length);
    return out;
  };
  if (!c.inResponse) {
    const request = { ...captured.request, body: lengthen(captured.request.body) };
    return { response: await d.system.network.send(captured.to, request), rewritten };
  }
  const target = d.system.provider("b.example");
  d.system.network.register("b.example", {
    handle: async (request) => {
      const answer = await target.handle(request);
      return request.endpoint === "keyMaterial" && answer.status === 200 ? { ...answer, body: lengthen(answer.body) } : answer;
    },
  });
  try {
    return { response: await d.system.network.send(captured.to, captured.request), rewritten };
  } finally {
    d.system.network.register("b.example", target);
  }
}

async function withFaults<R>(faults: readonly (keyof CodecFaults)[], body: () => Promise<R>): Promise<R> {
  if (faults.length === 0) return body();
  const [first, ...rest] = faults;
  return withCodecFault(first!, () => withFaults(rest, body));
}

describe("a non-canonical length at any MIMI endpoint is refused with 400 and changes nothing", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const d = await deployment();
      const captured = await c.setup(d);
      // What b.example does when it answers is its own (a KeyPackage handed out); the hub must not change.
      const options = { keyPackages: !c.inResponse };
      const before = fingerprint(d, options);
      const { response, rewritten } = await sendLengthened(d, c, captured);
      expect(rewritten).toBe(1);
      expect(response.status).toBe(400);
      expect(response.body.length).toBe(0);
      expect(fingerprint(d, options)).toBe(before);
    });
  }
});

describe("with the codec's planted defect on, the same bytes are accepted (the check is what refuses them)", () => {
  for (const c of cases) {
    it(`${c.name} — accepted under ${c.faults.join(" + ")}`, async () => {
      const d = await deployment();
      const captured = await c.setup(d);
      const before = fingerprint(d);
      const { response } = await withFaults(c.faults, () => sendLengthened(d, c, captured));
      expect(response.status).toBe(c.accepted);
      if (c.changesState) expect(fingerprint(d)).not.toBe(before);
    });
  }
});

describe("the endpoints' decoders accept the canonical form of each captured request", () => {
  it("every captured request, sent unchanged, is accepted", async () => {
    const setups = [...new Set(cases.map((c) => c.setup))];
    for (const setup of setups) {
      const d = await deployment();
      const captured = await setup(d);
      const response = await d.system.network.send(captured.to, captured.request);
      expect([200, 201], setup.name).toContain(response.status);
    }
  });
});
