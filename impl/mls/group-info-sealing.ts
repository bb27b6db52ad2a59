// GroupInfo, tree and pending proposals travel to a joiner HPKE-encrypted to the key it put in its
// GroupInfoRequest, with the room ID as context (protocol §5.6).
import type { CiphersuiteImpl } from "ts-mls";
import { decryptWithLabel, encryptWithLabel } from "ts-mls/crypto/hpke.js";
import type { HPKECiphertext } from "ts-mls/hpkeCiphertext.js";
import { decodeGroupInfoRatchetTreeTbe, encodeGroupInfoRatchetTreeTbe, type GroupInfoRatchetTreeTbe } from "../codec/group-info-ratchet-tree-tbe.js";

const LABEL = "GroupInfo and ratchet_tree encryption";
const utf8 = new TextEncoder();

export async function sealGroupInfo(tbe: GroupInfoRatchetTreeTbe, recipientPublicKey: Uint8Array, roomId: string, cs: CiphersuiteImpl): Promise<HPKECiphertext> {
  const key = await cs.hpke.importPublicKey(recipientPublicKey);
  const sealed = await encryptWithLabel(key, LABEL, utf8.encode(roomId), encodeGroupInfoRatchetTreeTbe(tbe), cs.hpke);
  return { kemOutput: sealed.enc, ciphertext: sealed.ct };
}

export async function openGroupInfo(sealed: HPKECiphertext, recipientPrivateKey: Uint8Array, roomId: string, cs: CiphersuiteImpl): Promise<GroupInfoRatchetTreeTbe> {
  const key = await cs.hpke.importPrivateKey(recipientPrivateKey);
  const plain = await decryptWithLabel(key, LABEL, utf8.encode(roomId), sealed.kemOutput, sealed.ciphertext, cs.hpke);
  return decodeGroupInfoRatchetTreeTbe(plain);
}
