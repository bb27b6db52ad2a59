// Hand-written CBOR bytes for tests: every head is spelled out, so a test can write what an encoder
// never would (long forms, indefinite lengths, unsorted or repeated keys, odd floats). Independent of
// the codec under test.

export type Bytes = Uint8Array;

export function cat(...parts: (Bytes | number[])[]): Bytes {
  const out: number[] = [];
  for (const p of parts) out.push(...p);
  return new Uint8Array(out);
}

export function fromHex(h: string): Bytes {
  return new Uint8Array(Buffer.from(h.replace(/\s/g, ""), "hex"));
}

/** A head of major type `major` for argument `n`, in its shortest form unless `width` (1, 2, 4, 8 bytes) forces one. */
export function head(major: number, n: number, width?: 1 | 2 | 4 | 8): Bytes {
  const m = major << 5;
  const w = width ?? (n < 24 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x100000000 ? 4 : 8);
  if (w === 0) return new Uint8Array([m | n]);
  const ai = { 1: 24, 2: 25, 4: 26, 8: 27 }[w];
  const arg = new Uint8Array(w);
  let v = BigInt(n);
  for (let i = w - 1; i >= 0; i--) {
    arg[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return cat([m | ai], arg);
}

export const uint = (n: number, width?: 1 | 2 | 4 | 8): Bytes => head(0, n, width);
export const nint = (n: number): Bytes => head(1, -1 - n);
export const bstr = (b: Bytes | number[]): Bytes => cat(head(2, b.length), b);
export const tstr = (s: string): Bytes => {
  const b = new TextEncoder().encode(s);
  return cat(head(3, b.length), b);
};
export const arr = (...items: Bytes[]): Bytes => cat(head(4, items.length), ...items);
/** A map with its pairs in the order given (sorted or not). */
export const map = (...pairs: [Bytes, Bytes][]): Bytes => cat(head(5, pairs.length), ...pairs.flatMap(([k, v]) => [k, v]));
export const NULL = new Uint8Array([0xf6]);
export const FALSE = new Uint8Array([0xf4]);
export const TRUE = new Uint8Array([0xf5]);

/** A NestedPart: single text part. */
export const single = (text = "hi", disposition = 1): Bytes =>
  arr(uint(disposition), tstr(""), uint(1), tstr("text/plain;charset=utf-8"), bstr(new TextEncoder().encode(text)));
/** A MultiPart with partSemantics and parts. */
export const multi = (semantics: number, ...parts: Bytes[]): Bytes => arr(uint(1), tstr(""), uint(3), uint(semantics), arr(...parts));

export const SALT = fromHex("5eed9406c2545547ab6f09f20a18b003");
export const SENDER = "mimi://example.com/u/alice-smith";
export const ROOM = "mimi://example.com/r/engineering_team";
export const URIS = map([uint(1), tstr(SENDER)], [uint(2), tstr(ROOM)]);

/** A whole content message; each field replaceable by raw bytes. */
export function content(fields: Partial<Record<"salt" | "replaces" | "topicId" | "expires" | "inReplyTo" | "extensions" | "body", Bytes>> = {}): Bytes {
  return arr(
    fields.salt ?? bstr(SALT),
    fields.replaces ?? NULL,
    fields.topicId ?? bstr([]),
    fields.expires ?? NULL,
    fields.inReplyTo ?? NULL,
    fields.extensions ?? URIS,
    fields.body ?? single(),
  );
}
