// What a receiving client checks of a franked message before it keeps it (protocol §5.4.1, receiver):
// the frank's ciphersuite is the room's; the franking agent's credential names the hub's domain; the
// integrity signature verifies over the frank and the context rebuilt from the content and the hub's
// timestamp; the franking tag recomputed from the content equals the one in frank_aad; the content's
// sender URI (extension 1) is the user of the MLS sender's leaf, and its room URI (extension 2) the room.
import type { CiphersuiteImpl } from "ts-mls";
import type { Frank } from "../codec/frank.js";
import { domainOf } from "../identity/mimi-uri.js";
import { clientUriOfCredential } from "../mls/client-credential.js";
import { FRANKING_SIGNATURE_CIPHERSUITE, frankingTag, sameBytes, verifyFrankSignature } from "./frank.js";
import type { FrankingAgentData } from "./franking-agent.js";

export interface ReceivedFranking {
  /** The room's franking agent, from its GroupContext (undefined: the room has none). */
  agent: FrankingAgentData | undefined;
  roomUri: string;
  /** The hub's domain: the room URI's. */
  hubDomain: string;
  frank: Frank | undefined;
  /** The tag in the message's frank_aad. */
  tag: Uint8Array | undefined;
  /** The message's plaintext (encoded MIMI content), its salt, and its extensions 1 and 2. */
  content: Uint8Array;
  salt: Uint8Array;
  contentSenderUri: string | undefined;
  contentRoomUri: string | undefined;
  /** The user of the client at the message's MLS sender leaf. */
  leafUser: string | undefined;
  acceptedTimestamp: bigint;
}

/** Planted defects of the receiver's check (ClientFaults carries them). */
export interface ReceiveFrankFaults {
  /** Keep a message whose frank_aad tag is not the HMAC of its content (a sender lying about the tag). */
  skipFrankingTagCheck?: boolean;
  /** The receiver's sender binding is off (ClientFaults.skipSenderCheck): the content's sender URI is not
   * compared with the sending leaf's user either. */
  skipSenderCheck?: boolean;
}

/** Why the receiver refuses the message's franking, or undefined when it holds. */
export async function frankingRefusal(m: ReceivedFranking, cs: CiphersuiteImpl, faults: ReceiveFrankFaults = {}): Promise<string | undefined> {
  if (m.contentSenderUri === undefined || (m.contentSenderUri !== m.leafUser && faults.skipSenderCheck !== true))
    return `the content's sender ${m.contentSenderUri ?? "(none)"} is not the sending leaf's user ${m.leafUser ?? "(unknown)"}`;
  if (m.contentRoomUri !== m.roomUri) return `the content's room ${m.contentRoomUri ?? "(none)"} is not ${m.roomUri}`;
  if (m.agent === undefined) return undefined;
  if (m.tag === undefined) return "no franking tag in a room with a franking agent";
  if (m.frank === undefined) return "the hub sent no frank";
  if (m.frank.frankingSignatureCiphersuite !== FRANKING_SIGNATURE_CIPHERSUITE) return `franking ciphersuite ${m.frank.frankingSignatureCiphersuite} is not the room's`;
  const agentUri = clientUriOfCredential(m.agent.credential);
  if (agentUri === undefined || domainOf(agentUri) !== m.hubDomain) return `the franking agent ${agentUri ?? "(unnamed)"} is not of the hub's domain ${m.hubDomain}`;
  const context = { senderUri: m.contentSenderUri, roomUri: m.roomUri, acceptedTimestamp: m.acceptedTimestamp };
  if (!(await verifyFrankSignature(m.agent.frankingSignatureKey, m.frank, context, cs))) return "the frank's integrity signature does not verify";
  if (faults.skipFrankingTagCheck !== true && !sameBytes(frankingTag(m.salt, m.content), m.tag)) return "the franking tag is not the HMAC of the content";
  return undefined;
}
