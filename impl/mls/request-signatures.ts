// Signed MIMI requests (protocol §5.2, §5.6): SignWithLabel over the request's TBS encoding, with the
// requester's MLS signature key, so the hub and target provider can tie a request to a client.
import type { CiphersuiteImpl } from "ts-mls";
import { signWithLabel, verifyWithLabel } from "ts-mls/crypto/signature.js";
import { encodeKeyMaterialRequestTbs, type KeyMaterialRequest, type KeyMaterialRequestTbs } from "../codec/key-material-request.js";
import { encodeGroupInfoRequestTbs, type GroupInfoRequest, type GroupInfoRequestTbs } from "../codec/group-info-request.js";
import { encodeGroupInfoResponseTbs, type GroupInfoResponseSuccess, type GroupInfoResponseTbs } from "../codec/group-info-response.js";

const KEY_MATERIAL_LABEL = "KeyMaterialRequestTBS";

export async function signKeyMaterialRequest(tbs: KeyMaterialRequestTbs, signKey: Uint8Array, cs: CiphersuiteImpl): Promise<KeyMaterialRequest> {
  const signature = await signWithLabel(signKey, KEY_MATERIAL_LABEL, encodeKeyMaterialRequestTbs(tbs), cs.signature);
  return { ...tbs, keyMaterialRequestSignature: signature };
}

export async function verifyKeyMaterialRequest(request: KeyMaterialRequest, cs: CiphersuiteImpl): Promise<boolean> {
  const { keyMaterialRequestSignature, ...tbs } = request;
  try {
    return await verifyWithLabel(request.requesterSignatureKey, KEY_MATERIAL_LABEL, encodeKeyMaterialRequestTbs(tbs), keyMaterialRequestSignature, cs.signature);
  } catch {
    return false;
  }
}

const GROUP_INFO_REQUEST_LABEL = "GroupInfoRequestTBS";
const GROUP_INFO_RESPONSE_LABEL = "GroupInfoResponseTBS";

export async function signGroupInfoRequest(tbs: GroupInfoRequestTbs, signKey: Uint8Array, cs: CiphersuiteImpl): Promise<GroupInfoRequest> {
  return { ...tbs, signature: await signWithLabel(signKey, GROUP_INFO_REQUEST_LABEL, encodeGroupInfoRequestTbs(tbs), cs.signature) };
}

export async function verifyGroupInfoRequest(request: GroupInfoRequest, cs: CiphersuiteImpl): Promise<boolean> {
  const { signature, ...tbs } = request;
  try {
    return await verifyWithLabel(request.requestingSignatureKey, GROUP_INFO_REQUEST_LABEL, encodeGroupInfoRequestTbs(tbs), signature, cs.signature);
  } catch {
    return false;
  }
}

export async function signGroupInfoResponse(tbs: GroupInfoResponseTbs, signKey: Uint8Array, cs: CiphersuiteImpl): Promise<GroupInfoResponseSuccess> {
  return { ...tbs, signature: await signWithLabel(signKey, GROUP_INFO_RESPONSE_LABEL, encodeGroupInfoResponseTbs(tbs), cs.signature) };
}

export async function verifyGroupInfoResponse(response: GroupInfoResponseSuccess, hubKey: Uint8Array, cs: CiphersuiteImpl): Promise<boolean> {
  const { signature, ...tbs } = response;
  try {
    return await verifyWithLabel(hubKey, GROUP_INFO_RESPONSE_LABEL, encodeGroupInfoResponseTbs(tbs), signature, cs.signature);
  } catch {
    return false;
  }
}
