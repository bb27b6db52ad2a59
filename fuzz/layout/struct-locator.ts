// Finds the MLS sub-structs of a valid request: every KeyPackage, GroupInfo, MLSMessage, Welcome, ratchet
// tree, Credential and LeafNode inside its decoded value, re-encoded with ts-mls and found in the bytes.
// They are what the swapped-struct mutator exchanges between requests.
import { encodeMlsMessage } from "ts-mls";
import { encodeCredential } from "ts-mls/credential.js";
import { encodeGroupInfo } from "ts-mls/groupInfo.js";
import { encodeKeyPackage } from "ts-mls/keyPackage.js";
import { encodeLeafNode } from "ts-mls/leafNode.js";
import { encodeRatchetTree } from "ts-mls/ratchetTree.js";
import { encodeWelcome } from "ts-mls/welcome.js";
import { occurrences } from "../../test/codec/helpers/non-canonical.js";
import type { StructField, StructKind } from "./layout.js";

/** A decoded sub-value's kind, told from its shape (the fields ts-mls gives each type). */
function kindOf(key: string, value: object): StructKind | undefined {
  if (key === "ratchetTree" && Array.isArray(value)) return "RatchetTree";
  if (Array.isArray(value)) return undefined;
  const has = (f: string) => f in value;
  if (has("wireformat") && has("version")) return "MLSMessage";
  if (has("initKey") && has("leafNode")) return "KeyPackage";
  if (has("groupContext") && has("confirmationTag") && has("signature")) return "GroupInfo";
  if (has("secrets") && has("encryptedGroupInfo")) return "Welcome";
  if (has("credentialType")) return "Credential";
  if (has("leafNodeSource") && has("signature")) return "LeafNode";
  return undefined;
}

const encoders: Record<StructKind, (value: never) => Uint8Array> = {
  MLSMessage: encodeMlsMessage as (value: never) => Uint8Array,
  KeyPackage: encodeKeyPackage as (value: never) => Uint8Array,
  GroupInfo: encodeGroupInfo as (value: never) => Uint8Array,
  Welcome: encodeWelcome as (value: never) => Uint8Array,
  Credential: encodeCredential as (value: never) => Uint8Array,
  LeafNode: encodeLeafNode as (value: never) => Uint8Array,
  RatchetTree: encodeRatchetTree as (value: never) => Uint8Array,
};

/** The encoded sub-structs of a decoded value, with their kind. */
export function subStructsOf(decoded: unknown): { kind: StructKind; bytes: Uint8Array }[] {
  const out: { kind: StructKind; bytes: Uint8Array }[] = [];
  const seen = new Set<unknown>();
  const walk = (key: string, value: unknown): void => {
    if (value === null || typeof value !== "object" || value instanceof Uint8Array || seen.has(value)) return;
    seen.add(value);
    const kind = kindOf(key, value);
    if (kind !== undefined) {
      try {
        out.push({ kind, bytes: encoders[kind](value as never) });
      } catch {
        // Not that type after all: its encoder refuses it.
      }
    }
    if (value instanceof Map) for (const [k, v] of value) walk(String(k), v);
    else for (const [k, v] of Object.entries(value)) walk(k, v);
  };
  walk("", decoded);
  return out;
}

/** Where the sub-structs of `decoded` sit in `bytes` (every occurrence). */
export function locateStructs(bytes: Uint8Array, decoded: unknown): StructField[] {
  const fields: StructField[] = [];
  const seen = new Set<string>();
  for (const s of subStructsOf(decoded)) {
    const key = `${s.kind}:${Buffer.from(s.bytes).toString("hex")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const at of occurrences(bytes, s.bytes)) fields.push({ kind: s.kind, at, end: at + s.bytes.length });
  }
  return fields.sort((a, b) => a.at - b.at);
}
