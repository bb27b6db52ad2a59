/**
 * Loading the MLS working group's interop vectors (copied into test/vectors/mls/,
 * see test/vectors/README.md) and hex helpers for the vector tests.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("./mls/", import.meta.url));

/** Parse one vector file from test/vectors/mls/. */
export function loadVectors<T>(name: string): T[] {
  return JSON.parse(readFileSync(`${here}${name}.json`, "utf8")) as T[];
}

/** Only the cases for cipher suite 1 (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519). */
export function suite1<T extends { cipher_suite: number }>(cases: T[]): T[] {
  return cases.filter((c) => c.cipher_suite === 1);
}

export function fromHex(h: string): Uint8Array {
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) throw new Error(`bad hex: ${h.slice(0, 40)}`);
  return new Uint8Array(Buffer.from(h, "hex"));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}
