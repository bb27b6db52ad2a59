/**
 * RFC 9420 wire encodings against messages.json through the MIMI codec (impl/codec/mls-structs.ts), the
 * parser the hub and every provider run on the MLS messages, trees and GroupInfos inside MIMI bodies: each
 * struct must decode from exactly its bytes and re-encode to the identical bytes.
 */
import { describe, expect, it } from "vitest";
import { decodeExact, encodeWith } from "../../impl/codec/exact.js";
import { readMlsMessage, readRatchetTree, writeMlsMessage, writeRatchetTree } from "../../impl/codec/mls-structs.js";
import type { ReadFn } from "../../impl/codec/reader.js";
import type { WriteFn } from "../../impl/codec/writer.js";
import { fromHex, loadVectors, toHex } from "./vector-files.js";

const cases = loadVectors<Record<string, string>>("messages");

const fields: Record<string, { read: ReadFn<unknown>; write: WriteFn<unknown> }> = {
  mls_welcome: { read: readMlsMessage, write: writeMlsMessage as WriteFn<unknown> },
  mls_group_info: { read: readMlsMessage, write: writeMlsMessage as WriteFn<unknown> },
  mls_key_package: { read: readMlsMessage, write: writeMlsMessage as WriteFn<unknown> },
  public_message_application: { read: readMlsMessage, write: writeMlsMessage as WriteFn<unknown> },
  public_message_proposal: { read: readMlsMessage, write: writeMlsMessage as WriteFn<unknown> },
  public_message_commit: { read: readMlsMessage, write: writeMlsMessage as WriteFn<unknown> },
  private_message: { read: readMlsMessage, write: writeMlsMessage as WriteFn<unknown> },
  ratchet_tree: { read: readRatchetTree, write: writeRatchetTree as WriteFn<unknown> },
};

describe("messages.json through the MIMI codec the hub runs", () => {
  for (const [field, { read, write }] of Object.entries(fields)) {
    it(`${field}: all ${cases.length} cases round-trip byte for byte`, () => {
      const failures: number[] = [];
      for (const [i, c] of cases.entries()) {
        const bytes = fromHex(c[field]!);
        const value = decodeExact(bytes, read, field);
        if (toHex(encodeWith(write, value)) !== c[field]) failures.push(i);
      }
      expect(failures).toEqual([]);
    });
  }

  it("refuses each message with one byte more or one byte less", () => {
    const bytes = fromHex(cases[0]!.public_message_commit!);
    expect(() => decodeExact(new Uint8Array([...bytes, 0]), readMlsMessage)).toThrow();
    expect(() => decodeExact(bytes.subarray(0, bytes.length - 1), readMlsMessage)).toThrow();
  });
});
