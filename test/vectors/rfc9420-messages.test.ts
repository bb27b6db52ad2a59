/**
 * RFC 9420 wire encodings against messages.json (300 cases, suite-independent):
 * every listed struct is decoded with ts-mls's decoder, must consume exactly its
 * bytes, and must re-encode to the identical bytes.
 *
 *   mls_welcome, mls_group_info, mls_key_package, public_message_application,
 *   public_message_proposal, public_message_commit, private_message  -> MLSMessage
 *   ratchet_tree -> ratchet tree (optional<Node> list); group_secrets -> GroupSecrets
 *   add/update/remove/pre_shared_key/re_init/external_init/group_context_extensions
 *   _proposal -> the proposal body structs (Add, Update, ...); commit -> Commit
 */
import { describe, expect, it } from "vitest";
import { decodeMlsMessage, encodeMlsMessage } from "ts-mls";
import type { Decoder } from "ts-mls";
import { decodeRatchetTree, encodeRatchetTree } from "ts-mls/ratchetTree.js";
import { decodeGroupSecrets, encodeGroupSecrets } from "ts-mls/groupSecrets.js";
import {
  decodeAdd,
  decodeExternalInit,
  decodeGroupContextExtensions,
  decodePSK,
  decodeReinit,
  decodeRemove,
  decodeUpdate,
  encodeAdd,
  encodeExternalInit,
  encodeGroupContextExtensions,
  encodePSK,
  encodeReinit,
  encodeRemove,
  encodeUpdate,
} from "ts-mls/proposal.js";
import { decodeCommit, encodeCommit } from "ts-mls/commit.js";
import { fromHex, loadVectors, toHex } from "./vector-files.js";

type MessagesCase = Record<string, string>;

interface Codec<T> {
  decode: Decoder<T>;
  encode: (t: T) => Uint8Array;
  /** For MLSMessage fields: the wire format the field must have. */
  wireformat?: string;
}

function codec<T>(decode: Decoder<T>, encode: (t: T) => Uint8Array, wireformat?: string): Codec<unknown> {
  return { decode, encode, wireformat } as Codec<unknown>;
}

const fields: Record<string, Codec<unknown>> = {
  mls_welcome: codec(decodeMlsMessage, encodeMlsMessage, "mls_welcome"),
  mls_group_info: codec(decodeMlsMessage, encodeMlsMessage, "mls_group_info"),
  mls_key_package: codec(decodeMlsMessage, encodeMlsMessage, "mls_key_package"),
  public_message_application: codec(decodeMlsMessage, encodeMlsMessage, "mls_public_message"),
  public_message_proposal: codec(decodeMlsMessage, encodeMlsMessage, "mls_public_message"),
  public_message_commit: codec(decodeMlsMessage, encodeMlsMessage, "mls_public_message"),
  private_message: codec(decodeMlsMessage, encodeMlsMessage, "mls_private_message"),
  ratchet_tree: codec(decodeRatchetTree, encodeRatchetTree),
  group_secrets: codec(decodeGroupSecrets, encodeGroupSecrets),
  add_proposal: codec(decodeAdd, encodeAdd),
  update_proposal: codec(decodeUpdate, encodeUpdate),
  remove_proposal: codec(decodeRemove, encodeRemove),
  pre_shared_key_proposal: codec(decodePSK, encodePSK),
  re_init_proposal: codec(decodeReinit, encodeReinit),
  external_init_proposal: codec(decodeExternalInit, encodeExternalInit),
  group_context_extensions_proposal: codec(decodeGroupContextExtensions, encodeGroupContextExtensions),
  commit: codec(decodeCommit, encodeCommit),
};

const cases = loadVectors<MessagesCase>("messages");

describe("messages.json: decode and re-encode", () => {
  it("has 300 cases, each with exactly the fields we check", () => {
    expect(cases.length).toBe(300);
    for (const c of cases) expect(Object.keys(c).sort()).toEqual(Object.keys(fields).sort());
  });

  for (const [field, cd] of Object.entries(fields)) {
    it(`${field}: all ${cases.length} cases round-trip byte for byte`, () => {
      const failures: string[] = [];
      for (const [i, c] of cases.entries()) {
        const bytes = fromHex(c[field]);
        const d = cd.decode(bytes, 0);
        if (d === undefined) {
          failures.push(`case ${i}: does not decode`);
          continue;
        }
        if (d[1] !== bytes.length) failures.push(`case ${i}: decoded ${d[1]} of ${bytes.length} bytes`);
        if (cd.wireformat !== undefined && (d[0] as { wireformat: string }).wireformat !== cd.wireformat) {
          failures.push(`case ${i}: wire format ${(d[0] as { wireformat: string }).wireformat}`);
        }
        const again = toHex(cd.encode(d[0]));
        if (again !== c[field]) failures.push(`case ${i}: re-encoding differs`);
      }
      expect(failures).toEqual([]);
    });
  }
});
