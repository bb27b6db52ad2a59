// The room's franking agent (protocol §5.4.1, IANA §10.2): the GroupContext component franking_signature_key
// (0x0021; the text calls it franking_agent), and the hub's side of it — the secret hub_key and the
// franking signature key — which franks accepted messages and checks abuse reports (§5.9).
//   struct { SignaturePublicKey franking_signature_key; Credential credential; } FrankingAgentData;
import type { CiphersuiteImpl, Credential } from "ts-mls";
import { decodeExact, encodeWith } from "../codec/exact.js";
import type { Frank } from "../codec/frank.js";
import { readCredential, writeCredential } from "../codec/mls-structs.js";
import type { Reader } from "../codec/reader.js";
import type { Writer } from "../codec/writer.js";
import { FRANKING_SIGNATURE_CIPHERSUITE, frankingTag, issueFrank, sameBytes, serverFrank, verifyFrankSignature, type ServerFrankingContext } from "./frank.js";

/** franking_signature_key (protocol §10.2). */
export const COMPONENT_FRANKING_SIGNATURE_KEY = 0x0021;

export interface FrankingAgentData {
  frankingSignatureKey: Uint8Array;
  credential: Credential;
}

export function writeFrankingAgentData(w: Writer, data: FrankingAgentData): void {
  w.opaque(data.frankingSignatureKey);
  writeCredential(w, data.credential);
}

export function readFrankingAgentData(r: Reader): FrankingAgentData {
  const frankingSignatureKey = r.opaque();
  const credential = readCredential(r);
  return { frankingSignatureKey, credential };
}

export function encodeFrankingAgentData(data: FrankingAgentData): Uint8Array {
  return encodeWith(writeFrankingAgentData, data);
}

export function decodeFrankingAgentData(bytes: Uint8Array): FrankingAgentData {
  return decodeExact(bytes, readFrankingAgentData, "FrankingAgentData");
}

/** One message of an abuse report as the hub judges it (AbusiveMessage, §5.9, plus the report's room and
 * accused sender, which the hub's franking context binds). */
export interface ReportedMessage {
  roomUri: string;
  senderUri: string;
  messageContent: Uint8Array;
  frank: Frank;
  acceptedTimestamp: bigint;
}

/** Planted defects of the hub's report check (HubFaults carries them). */
export interface ReportCheckFaults {
  /** Check only the integrity signature, not that server_frank is the HMAC of the reported content's tag. */
  skipServerFrankCheck?: boolean;
}

/** The hub's franking agent: its secret hub_key and franking signature key pair. */
export class FrankingAgent {
  private constructor(
    private readonly hubKey: Uint8Array,
    private readonly keys: { publicKey: Uint8Array; signKey: Uint8Array },
    readonly credential: Credential,
    private readonly cs: CiphersuiteImpl,
  ) {}

  /** A fresh agent; `credential` names the hub's domain (its provider's certificate for the key). */
  static async create(cs: CiphersuiteImpl, credentialFor: (publicKey: Uint8Array) => Promise<Credential>): Promise<FrankingAgent> {
    const keys = await cs.signature.keygen();
    return new FrankingAgent(cs.rng.randomBytes(32), keys, await credentialFor(keys.publicKey), cs);
  }

  /** The room-state component naming this agent. */
  get data(): FrankingAgentData {
    return { frankingSignatureKey: this.keys.publicKey, credential: this.credential };
  }

  frank(tag: Uint8Array, context: ServerFrankingContext): Promise<Frank> {
    return issueFrank({ hubKey: this.hubKey, signKey: this.keys.signKey }, tag, context, this.cs);
  }

  /**
   * Why the hub refuses a reported message (§5.9: recompute the franking tag from the content, recompute
   * server_frank with hub_key over it and the context, verify its own integrity signature), or undefined
   * when the frank is one this agent issued for exactly this content, sender, room and time.
   */
  async reportRefusal(m: ReportedMessage, faults: ReportCheckFaults = {}): Promise<string | undefined> {
    if (m.frank.frankingSignatureCiphersuite !== FRANKING_SIGNATURE_CIPHERSUITE) return `franking ciphersuite ${m.frank.frankingSignatureCiphersuite}`;
    const context = { senderUri: m.senderUri, roomUri: m.roomUri, acceptedTimestamp: m.acceptedTimestamp };
    if (!(await verifyFrankSignature(this.keys.publicKey, m.frank, context, this.cs))) return "the integrity signature does not verify for this sender, room and time";
    if (faults.skipServerFrankCheck === true) return undefined;
    const salt = saltOf(m.messageContent);
    if (salt === undefined) return "the reported content has no salt";
    const expected = serverFrank(this.hubKey, frankingTag(salt, m.messageContent), context);
    return sameBytes(expected, m.frank.serverFrank) ? undefined : "server_frank is not this hub's frank of the reported content";
  }
}

/** The salt of encoded MIMI content: the first element of its CBOR array, a 16-octet byte string
 * (`0x87 0x50 salt…`). Read by position so that the hub needs no content decoder to check a report. */
export function saltOf(content: Uint8Array): Uint8Array | undefined {
  if (content.length < 18 || content[0] !== 0x87 || content[1] !== 0x50) return undefined;
  return content.slice(2, 18);
}
