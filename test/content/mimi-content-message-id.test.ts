// draft-ietf-mimi-content §3.3 (-09 wording: URI lengths in octets): the message ID is
//   0x01 || SHA-256( u16be(len(senderUri)) || senderUri || u16be(len(roomUri)) || roomUri || content || salt )[0..30]
// computed here independently with node:crypto from the formula, for URIs outside ASCII where octets and
// characters differ (the draft's examples are all ASCII).
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContentError, computeMessageId, encodeMimiContent, messageIdOfEncoded, withContentFault } from "../../impl/content/index.js";
import { mimiContent } from "./content-arbitrary.js";

function formula(sender: string, room: string, content: Uint8Array, salt: Uint8Array): string {
  const s = Buffer.from(sender, "utf8");
  const r = Buffer.from(room, "utf8");
  const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  const digest = createHash("sha256").update(Buffer.concat([u16(s.length), s, u16(r.length), r, content, salt])).digest();
  return `01${digest.subarray(0, 31).toString("hex")}`;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("message ID (§3.3)", () => {
  it("matches the formula for non-ASCII sender and room URIs (lengths in octets)", () => {
    let nonAscii = 0;
    const uri = fc.tuple(fc.constantFrom("mimi://a.example/u/", "mimi://ü.example/r/"), fc.string({ unit: "grapheme", maxLength: 12 })).map(([a, b]) => a + b);
    fc.assert(
      fc.property(uri, uri, fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (sender, room, content, salt) => {
        if (Buffer.byteLength(sender) !== sender.length || Buffer.byteLength(room) !== room.length) nonAscii++;
        expect(hex(computeMessageId(sender, room, content, salt))).toBe(formula(sender, room, content, salt));
      }),
      { seed: 3303, numRuns: 300 },
    );
    expect(nonAscii).toBeGreaterThanOrEqual(100);
  });

  it("of encoded content takes the URIs from extensions 1 and 2", () => {
    fc.assert(
      fc.property(mimiContent({ senderUri: "mimi://b.example/u/bøb", roomUri: "mimi://a.example/r/café" }), (content) => {
        const bytes = encodeMimiContent(content);
        expect(hex(messageIdOfEncoded(bytes))).toBe(formula("mimi://b.example/u/bøb", "mimi://a.example/r/café", bytes, content.salt));
      }),
      { seed: 3303, numRuns: 30 },
    );
  });

  it("planted uriLengthInCodeUnits: an ID over a non-ASCII URI differs from the formula; over ASCII ones it does not", () => {
    const salt = new Uint8Array(16);
    withContentFault("uriLengthInCodeUnits", () => {
      expect(hex(computeMessageId("mimi://b.example/u/bøb", "mimi://a.example/r/x", new Uint8Array([1]), salt)))
        .not.toBe(formula("mimi://b.example/u/bøb", "mimi://a.example/r/x", new Uint8Array([1]), salt));
      expect(hex(computeMessageId("mimi://b.example/u/bob", "mimi://a.example/r/x", new Uint8Array([1]), salt)))
        .toBe(formula("mimi://b.example/u/bob", "mimi://a.example/r/x", new Uint8Array([1]), salt));
    });
  });

  it("a URI over 65535 octets cannot be hashed: uriTooLong", () => {
    const call = () => computeMessageId(`mimi://a.example/u/${"é".repeat(32760)}`, "mimi://a.example/r/x", new Uint8Array(), new Uint8Array(16));
    expect(call).toThrow(ContentError);
    expect(call).toThrow(/uriTooLong/);
  });
});
