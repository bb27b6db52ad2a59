// What an application message carries in its MLS authenticated_data: a SafeAAD (mls-extensions §4.9,
// the same wire shape as the app_data_dictionary: items sorted strictly by component_id, one per id):
//   frank_aad (0x0020, protocol §5.4.1):  struct { uint8 franking_tag[32]; } FrankAAD;
//   sender claim (0xF001, this project's private-use item): the sending user's URI as UTF-8 text.
// The sender claim is what the hub checks against sendingUri and receivers against the MLS sender
// (H0, docs/rules.md "Sender binding"); the drafts have no place for it, so it is a private item.
import { decodeAppDataDictionary, encodeAppDataDictionary, type ComponentData } from "../codec/app-data-dictionary.js";
import { isCodecError } from "../codec/codec-error.js";

/** frank_aad (protocol §10.1). */
export const COMPONENT_FRANK_AAD = 0x0020;
/** The sending user's URI, signed by the sending client (private use: the drafts have no component for it). */
export const COMPONENT_SENDER_CLAIM = 0xf001;
export const FRANKING_TAG_LENGTH = 32;

export interface MessageAad {
  /** The user the sending client speaks for. */
  senderClaim: string | undefined;
  /** HMAC-SHA256(salt, application_data) (protocol §5.4.1); absent on an unfranked message. */
  frankingTag: Uint8Array | undefined;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The SafeAAD bytes of a message. */
export function encodeMessageAad(aad: MessageAad): Uint8Array {
  const items: ComponentData[] = [];
  if (aad.frankingTag !== undefined) {
    if (aad.frankingTag.length !== FRANKING_TAG_LENGTH) throw new Error("a franking tag is 32 octets");
    items.push({ componentId: COMPONENT_FRANK_AAD, data: aad.frankingTag });
  }
  if (aad.senderClaim !== undefined) items.push({ componentId: COMPONENT_SENDER_CLAIM, data: utf8.encode(aad.senderClaim) });
  return encodeAppDataDictionary({ componentData: items });
}

/** The items of a message's SafeAAD, or undefined when the bytes are not a well-formed SafeAAD (unsorted,
 * a repeated item, a tag that is not 32 octets, a claim that is not UTF-8). Unknown items are ignored. */
export function decodeMessageAad(bytes: Uint8Array): MessageAad | undefined {
  try {
    const items = decodeAppDataDictionary(bytes).componentData;
    const tag = items.find((i) => i.componentId === COMPONENT_FRANK_AAD)?.data;
    const claim = items.find((i) => i.componentId === COMPONENT_SENDER_CLAIM)?.data;
    if (tag !== undefined && tag.length !== FRANKING_TAG_LENGTH) return undefined;
    return { frankingTag: tag, senderClaim: claim === undefined ? undefined : strictUtf8.decode(claim) };
  } catch (e) {
    if (isCodecError(e) || e instanceof TypeError) return undefined;
    throw e;
  }
}

/** The user a message's authenticated data claims, or "" when it claims none or is malformed. */
export function senderClaimOf(authenticatedData: Uint8Array): string {
  return decodeMessageAad(authenticatedData)?.senderClaim ?? "";
}
