// MLS sub-structures inside MIMI structs, encoded and decoded by ts-mls's own codecs so the bytes are
// exactly RFC 9420's. Each pair is `writeX(w, value)` / `readX(r)`; failures become CodecErrors.
// ts-mls's decoders accept a vector length in more bytes than it needs, so every readX also re-encodes
// what it decoded and refuses it unless that gives back the bytes read (Reader.foreign): one value, one
// encoding, as RFC 9420 §2.1.2 requires ("values using more bits than necessary MUST be treated as
// malformed"). For the ratchet tree this also refuses trailing blank nodes (§12.4.3.3).
// ts-mls decoders give no reason when they fail, so a failure inside an MLS structure that runs to the
// end of the input is reported as `truncated` (see Reader.foreign); the leading version / wire format /
// credential type fields are checked here first so that a bad tag there is `invalidValue` wherever it is.

import type { ContentTypeName } from "ts-mls/contentType.js";
import { decodeMlsMessage, encodeMlsMessage, type MLSMessage } from "ts-mls/message.js";
import { decodeCapabilities, encodeCapabilities, type Capabilities } from "ts-mls/capabilities.js";
import { decodeCredential, encodeCredential, type Credential } from "ts-mls/credential.js";
import { decodeExtension, encodeExtension, type Extension } from "ts-mls/extension.js";
import { decodeExternalSender, encodeExternalSender, type ExternalSender } from "ts-mls/externalSender.js";
import { decodeGroupInfo, encodeGroupInfo, type GroupInfo } from "ts-mls/groupInfo.js";
import { decodeHpkeCiphertext, encodeHpkeCiphertext, type HPKECiphertext } from "ts-mls/hpkeCiphertext.js";
import { decodeKeyPackage, encodeKeyPackage, type KeyPackage } from "ts-mls/keyPackage.js";
import { decodeRatchetTree, encodeRatchetTree, type RatchetTree } from "ts-mls/ratchetTree.js";
import {
  decodeRequiredCapabilities,
  encodeRequiredCapabilities,
  type RequiredCapabilities,
} from "ts-mls/requiredCapabilities.js";
import { decodeWelcome, encodeWelcome, type Welcome } from "ts-mls/welcome.js";
import { CodecError } from "./codec-error.js";
import type { ForeignDecoder, Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export type {
  Capabilities,
  Credential,
  Extension,
  ExternalSender,
  GroupInfo,
  HPKECiphertext,
  KeyPackage,
  MLSMessage,
  RatchetTree,
  RequiredCapabilities,
  Welcome,
};

/** RFC 9420 CipherSuite: a uint16 code point, kept as a number so unknown suites pass through. */
export type CipherSuiteId = number;

const MLS10 = 1;
const FIRST_WIRE_FORMAT = 1; // mls_public_message
const LAST_WIRE_FORMAT = 5; // mls_key_package

function writeForeign<T>(w: Writer, encode: (value: T) => Uint8Array, value: T, what: string): void {
  let bytes: Uint8Array;
  try {
    bytes = encode(value);
  } catch (error) {
    throw new CodecError("invalidValue", `cannot encode ${what}: ${(error as Error).message}`);
  }
  w.raw(bytes);
}

/**
 * A writeX/readX pair around ts-mls's codec. `checkHead` may read the first fields itself (on a fork)
 * so that a bad tag there gets a precise CodecError instead of ts-mls's bare "no".
 */
function pair<T>(encode: (value: T) => Uint8Array, decode: ForeignDecoder<T>, what: string, checkHead?: (head: Reader) => void) {
  return {
    write: (w: Writer, value: T): void => writeForeign(w, encode, value, what),
    read: (r: Reader): T => {
      checkHead?.(r.fork());
      return r.foreign({ decode, encode }, what);
    },
  };
}

/** RFC 9420 credential types ts-mls can decode: basic(1), x509(2). */
function checkCredentialType(head: Reader): void {
  const credentialType = head.uint16();
  if (credentialType !== 1 && credentialType !== 2) {
    throw new CodecError("invalidValue", `unsupported credential type ${credentialType}`);
  }
}

/** KeyPackage and GroupInfo (via its GroupContext) start with the protocol version. */
function checkVersion(head: Reader): void {
  const version = head.uint16();
  if (version !== MLS10) throw new CodecError("invalidValue", `MLS version ${version} is not mls10`);
}

const keyPackage = pair(encodeKeyPackage, decodeKeyPackage, "KeyPackage", checkVersion);
export const writeKeyPackage = keyPackage.write;
export const readKeyPackage = keyPackage.read;

const credential = pair(encodeCredential, decodeCredential, "Credential", checkCredentialType);
export const writeCredential = credential.write;
export const readCredential = credential.read;

const capabilities = pair(encodeCapabilities, decodeCapabilities, "Capabilities");
export const writeCapabilities = capabilities.write;
export const readCapabilities = capabilities.read;

const requiredCapabilities = pair(encodeRequiredCapabilities, decodeRequiredCapabilities, "RequiredCapabilities");
export const writeRequiredCapabilities = requiredCapabilities.write;
export const readRequiredCapabilities = requiredCapabilities.read;

const groupInfo = pair(encodeGroupInfo, decodeGroupInfo, "GroupInfo", checkVersion);
export const writeGroupInfo = groupInfo.write;
export const readGroupInfo = groupInfo.read;

const welcome = pair(encodeWelcome, decodeWelcome, "Welcome");
export const writeWelcome = welcome.write;
export const readWelcome = welcome.read;

const externalSender = pair(encodeExternalSender, decodeExternalSender, "ExternalSender");
export const writeExternalSender = externalSender.write;
export const readExternalSender = externalSender.read;

const hpkeCiphertext = pair(encodeHpkeCiphertext, decodeHpkeCiphertext, "HPKECiphertext");
export const writeHpkeCiphertext = hpkeCiphertext.write;
export const readHpkeCiphertext = hpkeCiphertext.read;

const extension = pair(encodeExtension, decodeExtension, "Extension");
export const writeExtension = extension.write;
export const readExtension = extension.read;

/** `optional<Node> ratchet_tree<V>` (RFC 9420 §12.4.3.3); ts-mls strips trailing blanks on encode. */
export function writeRatchetTree(w: Writer, tree: RatchetTree): void {
  writeForeign(w, encodeRatchetTree, tree, "ratchet tree");
}

export function readRatchetTree(r: Reader): RatchetTree {
  return r.foreignVector({ decode: decodeRatchetTree, encode: encodeRatchetTree }, "ratchet tree");
}

function checkMlsMessageHead(head: Reader): void {
  checkVersion(head);
  const wireFormat = head.uint16();
  if (wireFormat < FIRST_WIRE_FORMAT || wireFormat > LAST_WIRE_FORMAT) {
    throw new CodecError("invalidValue", `unknown MLS wire format ${wireFormat}`);
  }
}

const mlsMessage = pair(encodeMlsMessage, decodeMlsMessage, "MLSMessage", checkMlsMessageHead);
export const writeMlsMessage = mlsMessage.write;
/** Checks version and wire format itself so those errors get precise codes, then lets ts-mls decode. */
export const readMlsMessage = mlsMessage.read;

/** The content type of a framed handshake or application message; undefined for other wire formats. */
export function mlsContentType(message: MLSMessage): ContentTypeName | undefined {
  switch (message.wireformat) {
    case "mls_public_message":
      return message.publicMessage.content.contentType;
    case "mls_private_message":
      return message.privateMessage.contentType;
    default:
      return undefined;
  }
}
