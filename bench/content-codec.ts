// (e) MIMI content (draft-ietf-mimi-content): decoding with every deterministic-CBOR and §9.1 check,
// deterministic encoding, and the §3.3 message ID. Timed: decodeMimiContent and encodeMimiContent over
// the draft's 14 examples (test/vectors/mimi-content, ~170–720 B each) and over one generated message
// of 41 parts nested 4 levels (~6.5 KB); computeMessageId over the Original's bytes. Each repetition runs
// a batch; the tables give the median per operation.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  computeMessageId, decodeMimiContent, encodeMimiContent, messageIdOfEncoded, type MimiContent, type NestedPart,
} from "../impl/content/index.js";
import { repeat, timingOf, type BenchOptions, type Section, type SectionResult } from "./report.js";

const VECTORS = fileURLToPath(new URL("../test/vectors/mimi-content/", import.meta.url));
const utf8 = new TextEncoder();

function example(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${VECTORS}${name}.cbor`));
}

function examples(): Uint8Array[] {
  return readdirSync(VECTORS)
    .filter((f) => f.endsWith(".cbor") && !f.startsWith("implied"))
    .sort()
    .map((f) => new Uint8Array(readFileSync(VECTORS + f)));
}

/** A processAll of 4 singleUnit groups, each a chooseOne of English and French HTML beside 6 inline images (41 parts, 4 levels). */
function generatedMultipart(): MimiContent {
  const html = (lang: string, i: number): NestedPart => ({
    kind: "single", disposition: 1, language: lang, contentType: "text/html;charset=utf-8",
    content: utf8.encode(`<p>${lang} ${i}: ${"lorem ipsum ".repeat(40)}<img src="cid:${i}@local.invalid"/></p>`),
  });
  const image = (i: number): NestedPart => ({ kind: "single", disposition: 4, language: "", contentType: "image/png", content: new Uint8Array(64).fill(i) });
  const group = (g: number): NestedPart => ({
    kind: "multi", disposition: 1, language: "", partSemantics: "singleUnit",
    parts: [{ kind: "multi", disposition: 1, language: "", partSemantics: "chooseOne", parts: [html("en", g), html("fr", g)] }, ...Array.from({ length: 6 }, (_, i) => image(g * 10 + i))],
  });
  return {
    salt: new Uint8Array(16).fill(7), replaces: null, topicId: new Uint8Array(), expires: null, inReplyTo: null,
    extensions: new Map<number | string, unknown>([[1, "mimi://a.example/u/alice"], [2, "mimi://a.example/r/bench"]]),
    body: { kind: "multi", disposition: 1, language: "", partSemantics: "processAll", parts: Array.from({ length: 4 }, (_, g) => group(g)) },
  };
}

const us = (ms: number) => (ms * 1000).toFixed(1);

export const contentCodec: Section = {
  name: "(e) MIMI content codec and message ID",
  async run(options: BenchOptions): Promise<SectionResult> {
    const counts = options.quick ? { warmup: 5, repeats: 15 } : { warmup: 20, repeats: 60 };
    const ids = options.quick ? 50 : 200;
    const xs = examples();
    const decoded = xs.map(decodeMimiContent);
    const multi = generatedMultipart();
    const multiBytes = encodeMimiContent(multi);
    const original = example("original");
    const originalSalt = decodeMimiContent(original).salt;
    messageIdOfEncoded(original); // the section fails, rather than measures, if the Original is refused

    const timings = await repeat(counts, async (watch) => {
      await watch.time("decode examples", async () => { for (const b of xs) decodeMimiContent(b); });
      await watch.time("encode examples", async () => { for (const c of decoded) encodeMimiContent(c); });
      await watch.time("decode multipart", async () => decodeMimiContent(multiBytes));
      await watch.time("encode multipart", async () => encodeMimiContent(multi));
      await watch.time("message ID", async () => {
        for (let i = 0; i < ids; i++) computeMessageId("mimi://example.com/u/alice-smith", "mimi://example.com/r/engineering_team", original, originalSalt);
      });
    });
    const per = (label: string, n: number) => timingOf(timings, label).medianMs / n;
    const rows: [string, number, number][] = [
      ["decode, draft examples (per message)", per("decode examples", xs.length), xs.reduce((a, b) => a + b.length, 0) / xs.length],
      ["encode, draft examples (per message)", per("encode examples", decoded.length), xs.reduce((a, b) => a + b.length, 0) / xs.length],
      ["decode, generated multipart (41 parts)", per("decode multipart", 1), multiBytes.length],
      ["encode, generated multipart (41 parts)", per("encode multipart", 1), multiBytes.length],
      ["message ID of the Original (SHA-256)", per("message ID", ids), original.length],
    ];
    return {
      tables: [{
        title: `median of ${counts.repeats} repetitions (after ${counts.warmup} warm-up)`,
        columns: ["operation", "µs", "ops/s", "bytes"],
        rows: rows.map(([name, msEach, bytes]) => [name, us(msEach), (1000 / msEach).toFixed(0), bytes.toFixed(0)]),
      }],
      targets: [],
      notes: [
        "decode = cbor2 strict decoding + float/bignum checks + §6/§9.1 checks + re-encoding to compare bytes; encode = cbor2 deterministic encoding.",
      ],
      data: Object.fromEntries(rows.map(([name, msEach, bytes]) => [name, { medianUs: msEach * 1000, bytes }])),
    };
  },
};
