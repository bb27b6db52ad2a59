/**
 * A small bounded memo for KeyObjects built from raw key bytes.
 *
 * Every MLS signature check names the signer by raw public key bytes and every
 * signature is made from raw signing key bytes; members reuse the same few keys
 * over and over, so remembering the parsed KeyObject avoids re-importing it on each
 * call. Oldest entries are evicted first once the bound is reached.
 */
import type { KeyObject } from "node:crypto";

export class KeyObjectCache {
  private readonly entries = new Map<string, KeyObject>();

  constructor(private readonly capacity: number) {}

  get(raw: Uint8Array, build: (raw: Uint8Array) => KeyObject): KeyObject {
    const id = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1");
    const hit = this.entries.get(id);
    if (hit !== undefined) return hit;
    const made = build(raw);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(id, made);
    return made;
  }

  clear(): void {
    this.entries.clear();
  }
}
