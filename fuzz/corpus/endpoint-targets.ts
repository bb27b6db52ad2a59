// The fuzzer's targets, one per MIMI endpoint (protocol §5): the hub's /update, /submitMessage,
// /keyMaterial and /groupInfo, the target provider's /keyMaterial answer as the hub decodes it, and a
// follower's /notify and /keyMaterial. Each target captures its seed corpus from its own deployment —
// honest requests held back at the current epoch (valid there), and the set-up's exchanges to the same
// endpoint (replays: already accepted, earlier epochs) — and says how to send a body, how to read the
// answer, and how the endpoint's codec decodes and encodes it.
import { decodeFanoutMessages, encodeFanoutMessages } from "../../impl/codec/fanout-message.js";
import { decodeGroupInfoRequest, encodeGroupInfoRequest } from "../../impl/codec/group-info-request.js";
import { decodeGroupInfoResponse } from "../../impl/codec/group-info-response.js";
import { decodeKeyMaterialRequest, encodeKeyMaterialRequest } from "../../impl/codec/key-material-request.js";
import { decodeKeyMaterialResponse, encodeKeyMaterialResponse } from "../../impl/codec/key-material-response.js";
import { decodeSubmitMessageRequest, encodeSubmitMessageRequest } from "../../impl/codec/submit-message-request.js";
import { decodeSubmitMessageResponse } from "../../impl/codec/submit-message-response.js";
import { decodeUpdateRequest, encodeUpdateRequest } from "../../impl/codec/update-request.js";
import { decodeUpdateRoomResponse } from "../../impl/codec/update-room-response.js";
import type { HubConfig } from "../../impl/hub/hub-config.js";
import type { MimiClient } from "../../impl/client/client.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { EMPTY, type EndpointName, type MimiRequest, type MimiResponse } from "../../impl/transport/mimi-request.js";
import { corpusEntry, type CorpusEntry } from "./corpus-entry.js";
import { buildFuzzDeployment, BOB, CATHY, ERIN, FRANK, ROOM, ROLE, type FuzzDeployment } from "./fuzz-deployment.js";
import { holdRequests, recordAnswers } from "./hold-requests.js";

export type Verdict = "accepted" | "refused";

/** The endpoint's codec for the bytes the fuzzer mutates. */
export interface EndpointCodec {
  decode(bytes: Uint8Array): unknown;
  encode(value: unknown): Uint8Array;
}

/** A target ready to fuzz: its deployment and corpus, and how to send one body. */
export interface TargetInstance {
  deployment: FuzzDeployment;
  /** Valid at the deployment's current state: each is accepted as it is. */
  fresh: CorpusEntry[];
  /** Exchanges of the set-up to the same endpoint: replays. */
  history: CorpusEntry[];
  /** Sends `body` in place of `entry`'s bytes. */
  send(entry: CorpusEntry, body: Uint8Array): Promise<MimiResponse>;
}

export interface FuzzTarget {
  /** Short name, as `--endpoint` takes it. */
  name: string;
  /** The endpoint and who answers it, in words. */
  description: string;
  codec: EndpointCodec;
  /** Accepted or refused, from a 2xx/4xx answer; throws when the answer itself does not decode. */
  verdict(response: MimiResponse): Verdict;
  build(hubConfig?: HubConfig): Promise<TargetInstance>;
}

const HUB = "a.example";
const unavailable: MimiResponse = { status: 503, body: EMPTY };
const notified: MimiResponse = { status: 201, body: EMPTY };

const codecOf = <T>(decode: (b: Uint8Array) => T, encode: (v: T) => Uint8Array): EndpointCodec => ({ decode, encode: (v) => encode(v as T) });

/** 200 with a MIMI answer: accepted or refused by its code; 4xx refused. */
function mimiVerdict(accepted: (body: Uint8Array) => boolean) {
  return (response: MimiResponse): Verdict => {
    if (response.status === 200) return accepted(response.body) ? "accepted" : "refused";
    if (response.status >= 400 && response.status < 500) return "refused";
    throw new Error(`unexpected HTTP ${response.status}`);
  };
}

// partialSuccess hands out KeyPackages too (some of the user's clients have none).
const keyMaterialVerdict = mimiVerdict((b) => ["success", "partialSuccess"].includes(decodeKeyMaterialResponse(b).userStatus));

async function fetchKeyMaterial(d: FuzzDeployment, requester: MimiClient, targetUser: string): Promise<void> {
  const provider = d.system.provider(domainOf(requester.uri)!);
  await provider.uplink.fetchKeyPackages(ROOM, await requester.requesterIdentity(), targetUser);
}

/** The set-up's requests to `to` for `endpoint`, as replay entries (those that decode). */
function historyOf(d: FuzzDeployment, to: string, endpoint: EndpointName, codec: EndpointCodec, keep: (r: MimiRequest) => boolean = () => true): CorpusEntry[] {
  return d.exchanges
    .filter((x) => x.to === to && x.request.endpoint === endpoint && keep(x.request))
    .map((x, i) => corpusEntry(`earlier ${endpoint} #${i + 1} (${x.request.from} → ${to})`, to, x.request, x.request.body, codec.decode));
}

function sendTo(d: FuzzDeployment) {
  return (entry: CorpusEntry, body: Uint8Array) => d.system.network.send(entry.to, { ...entry.request, body });
}

const updateCodec = codecOf(decodeUpdateRequest, encodeUpdateRequest);
const submitCodec = codecOf(decodeSubmitMessageRequest, encodeSubmitMessageRequest);
const keyMaterialRequestCodec = codecOf(decodeKeyMaterialRequest, encodeKeyMaterialRequest);
const keyMaterialResponseCodec = codecOf(decodeKeyMaterialResponse, encodeKeyMaterialResponse);
const groupInfoCodec = codecOf(decodeGroupInfoRequest, encodeGroupInfoRequest);
const notifyCodec = codecOf(decodeFanoutMessages, encodeFanoutMessages);

const hubUpdate: FuzzTarget = {
  name: "hub-update",
  description: "a.example /update (commit and proposal bundles)",
  codec: updateCodec,
  verdict: mimiVerdict((b) => decodeUpdateRoomResponse(b).responseCode === "success"),
  async build(hubConfig) {
    const d = await buildFuzzDeployment(hubConfig);
    const { alice, bob, bobTablet } = d.clients;
    const hold = async (label: string, action: () => Promise<unknown>) =>
      (await holdRequests(d.system, HUB, "update", unavailable, action)).map((r) => corpusEntry(label, HUB, r, r.body, updateCodec.decode));
    const fresh = [
      ...(await hold("commit adding Erin, with a Welcome", () => alice.addParticipant(ROOM, ERIN, ROLE.ordinaryUser, true))),
      ...(await hold("commit removing Cathy", () => alice.removeParticipant(ROOM, CATHY))),
      ...(await hold("external commit of Bob's tablet", () => bobTablet.joinByExternalCommit(ROOM))),
      ...(await hold("proposal bundle: Bob leaves", () => bob.proposeLeave(ROOM))),
      ...(await hold("commit: Bob's self-update", () => bob.selfUpdate(ROOM))),
    ];
    return { deployment: d, fresh, history: historyOf(d, HUB, "update", updateCodec), send: sendTo(d) };
  },
};

const hubSubmit: FuzzTarget = {
  name: "hub-submitMessage",
  description: "a.example /submitMessage",
  codec: submitCodec,
  verdict: mimiVerdict((b) => decodeSubmitMessageResponse(b).statusCode === "accepted"),
  async build(hubConfig) {
    const d = await buildFuzzDeployment(hubConfig);
    const fresh: CorpusEntry[] = [];
    for (const [name, client] of [["Bob", d.clients.bob], ["Alice", d.clients.alice], ["Cathy's phone", d.clients.cathyPhone]] as const)
      for (const r of await holdRequests(d.system, HUB, "submitMessage", unavailable, () => client.sendMessage(ROOM, `from ${name}`)))
        fresh.push(corpusEntry(`message from ${name}`, HUB, r, r.body, submitCodec.decode));
    return { deployment: d, fresh, history: historyOf(d, HUB, "submitMessage", submitCodec), send: sendTo(d) };
  },
};

const hubKeyMaterial: FuzzTarget = {
  name: "hub-keyMaterial",
  description: "a.example /keyMaterial (the request, relayed to the target provider)",
  codec: keyMaterialRequestCodec,
  verdict: keyMaterialVerdict,
  async build(hubConfig) {
    const d = await buildFuzzDeployment(hubConfig);
    const fresh: CorpusEntry[] = [];
    for (const [label, requester, target] of [["Alice asks for Erin's", d.clients.alice, ERIN], ["Bob asks for Frank's", d.clients.bob, FRANK]] as const)
      for (const r of await holdRequests(d.system, HUB, "keyMaterial", unavailable, () => fetchKeyMaterial(d, requester, target)))
        fresh.push(corpusEntry(label, HUB, r, r.body, keyMaterialRequestCodec.decode));
    return { deployment: d, fresh, history: historyOf(d, HUB, "keyMaterial", keyMaterialRequestCodec), send: sendTo(d) };
  },
};

const keyMaterialAnswer: FuzzTarget = {
  name: "hub-keyMaterial-answer",
  description: "a.example decoding the target provider's /keyMaterial answer",
  codec: keyMaterialResponseCodec,
  verdict: keyMaterialVerdict,
  async build(hubConfig) {
    const d = await buildFuzzDeployment(hubConfig);
    const fresh: CorpusEntry[] = [];
    for (const [label, requester, target] of [["b.example's answer for Erin", d.clients.alice, ERIN], ["c.example's answer for Frank", d.clients.bob, FRANK]] as const) {
      const responder = domainOf(target)!;
      const toHub = await recordAnswers(d.system, HUB, "keyMaterial", () => fetchKeyMaterial(d, requester, target));
      const answers = await recordAnswers(d.system, responder, "keyMaterial", () => d.system.network.send(HUB, toHub[0]!.request));
      fresh.push(corpusEntry(label, responder, toHub[0]!.request, answers[0]!.response.body, keyMaterialResponseCodec.decode));
    }
    const history = d.exchanges
      .filter((x) => x.request.endpoint === "keyMaterial" && x.request.via !== undefined && x.response.status === 200)
      .flatMap((x, i) => {
        // Sent in answer to the fresh request that the same provider answers.
        const request = fresh.find((f) => f.to === x.to)?.request;
        return request === undefined ? [] : [corpusEntry(`earlier answer #${i + 1} from ${x.to}`, x.to, request, x.response.body, keyMaterialResponseCodec.decode)];
      });
    // The hub's request goes to a.example; the responder (entry.to) answers it with the fuzzed bytes.
    const send = async (entry: CorpusEntry, body: Uint8Array) => {
      const real = d.system.provider(entry.to);
      d.system.network.register(entry.to, { handle: async () => ({ status: 200, body: body.slice() }) });
      try {
        return await d.system.network.send(HUB, entry.request);
      } finally {
        d.system.network.register(entry.to, real);
      }
    };
    return { deployment: d, fresh, history, send };
  },
};

const hubGroupInfo: FuzzTarget = {
  name: "hub-groupInfo",
  description: "a.example /groupInfo",
  codec: groupInfoCodec,
  verdict: mimiVerdict((b) => decodeGroupInfoResponse(b).status === "success"),
  async build(hubConfig) {
    const d = await buildFuzzDeployment(hubConfig);
    const fresh = (await holdRequests(d.system, HUB, "groupInfo", unavailable, () => d.clients.bobTablet.joinByExternalCommit(ROOM))).map((r) =>
      corpusEntry("Bob's tablet asks for the GroupInfo", HUB, r, r.body, groupInfoCodec.decode),
    );
    return { deployment: d, fresh, history: historyOf(d, HUB, "groupInfo", groupInfoCodec), send: sendTo(d) };
  },
};

const followerNotify: FuzzTarget = {
  name: "follower-notify",
  description: "b.example /notify (fanout from the hub)",
  codec: notifyCodec,
  verdict: (response) => {
    if (response.status === 201) return "accepted";
    if (response.status >= 400 && response.status < 500) return "refused";
    throw new Error(`unexpected HTTP ${response.status}`);
  },
  async build(hubConfig) {
    const d = await buildFuzzDeployment(hubConfig);
    const { alice, cathyPhone } = d.clients;
    const hold = async (label: string, action: () => Promise<unknown>) =>
      (await holdRequests(d.system, "b.example", "notify", notified, action)).map((r, i) => corpusEntry(`${label} #${i + 1}`, "b.example", r, r.body, notifyCodec.decode));
    const fresh = [
      ...(await hold("Alice's message", () => alice.sendMessage(ROOM, "to b.example"))),
      ...(await hold("proposals: Cathy's phone leaves", () => cathyPhone.proposeLeave(ROOM))),
      ...(await hold("commit adding Erin, and its Welcome", () => alice.addParticipant(ROOM, ERIN, ROLE.ordinaryUser, true))),
    ];
    return { deployment: d, fresh, history: historyOf(d, "b.example", "notify", notifyCodec), send: sendTo(d) };
  },
};

const followerKeyMaterial: FuzzTarget = {
  name: "follower-keyMaterial",
  description: "b.example /keyMaterial (relayed by the hub)",
  codec: keyMaterialRequestCodec,
  verdict: keyMaterialVerdict,
  async build(hubConfig) {
    const d = await buildFuzzDeployment(hubConfig);
    const fresh: CorpusEntry[] = [];
    for (const [label, requester, target] of [["Alice asks for Erin's", d.clients.alice, ERIN], ["Cathy asks for Bob's", d.clients.cathy, BOB]] as const)
      for (const r of await holdRequests(d.system, "b.example", "keyMaterial", unavailable, () => fetchKeyMaterial(d, requester, target)))
        fresh.push(corpusEntry(label, "b.example", r, r.body, keyMaterialRequestCodec.decode));
    return { deployment: d, fresh, history: historyOf(d, "b.example", "keyMaterial", keyMaterialRequestCodec, (r) => r.via !== undefined), send: sendTo(d) };
  },
};

/** Every target, in the order the report lists them. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [hubUpdate, hubSubmit, hubKeyMaterial, keyMaterialAnswer, hubGroupInfo, followerNotify, followerKeyMaterial];
