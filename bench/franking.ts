// (i) One franked message, step by step, beside the MLS message that carries it (protocol §5.4.1, §5.9):
// the sender builds and encodes MIMI content and its franking tag (HMAC-SHA256 keyed with the salt); the
// MLS application message is encrypted with the SafeAAD and decrypted by one member (a 2-member group,
// node:crypto provider); the hub franks it (HMAC-SHA256 with hub_key, SignWithLabel Ed25519); the receiver
// decodes the content and verifies the frank (signature, tag, URIs); the hub checks an abuse report of it.
import { acceptAll, createApplicationMessage, emptyPskIndex, processMessage } from "ts-mls";
import { buildMessageContent } from "../impl/client/message-content.js";
import { decodeMimiContent } from "../impl/content/mimi-content.js";
import { frankingTag } from "../impl/franking/frank.js";
import { FrankingAgent } from "../impl/franking/franking-agent.js";
import { encodeMessageAad } from "../impl/franking/message-aad.js";
import { frankingRefusal } from "../impl/franking/receive-frank.js";
import { credentialFor } from "../impl/mls/client-credential.js";
import { cipherSuite } from "../impl/mls/crypto/suite.js";
import { buildGroup } from "./mls-operations.js";
import { repeat, timingOf, type BenchOptions, type Section, type SectionResult } from "./report.js";

const ROOM = "mimi://a.example/r/bench";
const ALICE = "mimi://a.example/u/user0";
const us = (ms: number) => (ms * 1000).toFixed(1);

const STEPS = [
  ["content", "sender: build, encode and ID the MIMI content (text)"],
  ["tag", "sender: franking tag, HMAC-SHA256(salt, content)"],
  ["mls", "MLS: encrypt with the SafeAAD + decrypt at one member"],
  ["frank", "hub: server frank and integrity signature (Ed25519)"],
  ["decode", "receiver: decode the content (strict CBOR, re-encode check)"],
  ["verify", "receiver: verify the frank (signature, tag, URIs)"],
  ["report", "hub: check an abuse report of the message"],
] as const;

export const franking: Section = {
  name: "(i) franking beside the MLS message",
  async run(options: BenchOptions): Promise<SectionResult> {
    const counts = options.quick ? { warmup: 10, repeats: 40 } : { warmup: 50, repeats: 300 };
    const cs = await cipherSuite("node");
    let [sender, receiver] = await buildGroup(cs, 2);
    const agent = await FrankingAgent.create(cs, async () => credentialFor("mimi://a.example"));
    let timestamp = 1_700_000_000_000n;
    const timings = await repeat(counts, async (watch) => {
      const built = await watch.time("content", async () => buildMessageContent("text", "hello, room: a message of everyday length", ALICE, ROOM, cs.rng.randomBytes(16), { latest: undefined, ownLatest: undefined }));
      const tag = await watch.time("tag", async () => frankingTag(built.content.salt, built.bytes));
      const aad = encodeMessageAad({ senderClaim: ALICE, frankingTag: tag });
      const plaintext = await watch.time("mls", async () => {
        const sent = await createApplicationMessage(sender!, built.bytes, cs, aad);
        sender = sent.newState;
        const got = await processMessage({ wireformat: "mls_private_message", privateMessage: sent.privateMessage }, receiver!, emptyPskIndex, acceptAll, cs);
        receiver = got.newState;
        if (got.kind !== "applicationMessage") throw new Error("not an application message");
        return got.message;
      });
      timestamp += 1n;
      const context = { senderUri: ALICE, roomUri: ROOM, acceptedTimestamp: timestamp };
      const frank = await watch.time("frank", () => agent.frank(tag, context));
      const content = await watch.time("decode", async () => decodeMimiContent(plaintext));
      const refusal = await watch.time("verify", () =>
        frankingRefusal({ agent: agent.data, roomUri: ROOM, hubDomain: "a.example", frank, tag, content: plaintext, salt: content.salt, contentSenderUri: ALICE, contentRoomUri: ROOM, leafUser: ALICE, acceptedTimestamp: timestamp }, cs));
      if (refusal !== undefined) throw new Error(`the frank does not verify: ${refusal}`);
      const reported = await watch.time("report", () => agent.reportRefusal({ roomUri: ROOM, senderUri: ALICE, messageContent: plaintext, frank, acceptedTimestamp: timestamp }));
      if (reported !== undefined) throw new Error(`the report is refused: ${reported}`);
    });
    const each = STEPS.map(([label, title]) => ({ label, title, ms: timingOf(timings, label).medianMs }));
    const mls = each.find((e) => e.label === "mls")!.ms;
    const franked = each.filter((e) => e.label === "tag" || e.label === "frank" || e.label === "verify").reduce((a, e) => a + e.ms, 0);
    const content = each.filter((e) => e.label === "content" || e.label === "decode").reduce((a, e) => a + e.ms, 0);
    return {
      tables: [{
        title: `median of ${counts.repeats} messages (after ${counts.warmup} warm-up), node:crypto provider`,
        columns: ["step", "µs", "× MLS"],
        rows: each.map((e) => [e.title, us(e.ms), (e.ms / mls).toFixed(2)]),
      }],
      targets: [],
      notes: [
        `franking per message (tag + frank + verify): ${us(franked)} µs, ${(franked / mls).toFixed(2)} × the MLS encrypt + decrypt; content encode + decode: ${us(content)} µs, ${(content / mls).toFixed(2)} ×.`,
      ],
      data: Object.fromEntries(each.map((e) => [e.label, { title: e.title, medianUs: e.ms * 1000, perMls: e.ms / mls }])),
    };
  },
};
