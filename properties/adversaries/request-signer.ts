// Who a request to the hub speaks for, read off its bytes as the hub would (for the sender-binding
// invariant, which watches the wire): a commit's committer, a proposal's proposer, a message's
// sendingUri, a GroupInfo requester's client, a key-material requester. Never throws: a request that
// does not decode names no one (the hub answers it 400).
import type { RatchetTree } from "ts-mls";
import { decodeGroupInfoRequest } from "../../impl/codec/group-info-request.js";
import { decodeGroupInfoResponse } from "../../impl/codec/group-info-response.js";
import { decodeKeyMaterialRequest } from "../../impl/codec/key-material-request.js";
import { decodeSubmitMessageRequest } from "../../impl/codec/submit-message-request.js";
import { decodeSubmitMessageResponse } from "../../impl/codec/submit-message-response.js";
import { decodeUpdateRequest } from "../../impl/codec/update-request.js";
import { decodeUpdateRoomResponse } from "../../impl/codec/update-room-response.js";
import { clientUriOfCredential, treeMembers } from "../../impl/mls/client-credential.js";
import type { MimiRequest, MimiResponse } from "../../impl/transport/mimi-request.js";

/** The URIs a request speaks for (several for a proposal bundle), given the hub's tree when it arrived. */
export function speakersOf(request: MimiRequest, tree: RatchetTree | undefined): string[] {
  try {
    switch (request.endpoint) {
      case "update": {
        const { bundle } = decodeUpdateRequest(request.body);
        const messages = bundle.kind === "commit" ? [bundle.proposalOrCommit] : [bundle.proposalOrCommit, ...bundle.moreProposals];
        return messages.flatMap((m) => {
          if (m.wireformat !== "mls_public_message") return [];
          const content = m.publicMessage.content;
          if (content.sender.senderType === "member") {
            const leaf = content.sender.leafIndex;
            const client = tree === undefined ? undefined : treeMembers(tree).find((x) => x.leafIndex === leaf)?.client;
            return client === undefined ? [] : [client];
          }
          if (content.sender.senderType === "new_member_commit" && content.contentType === "commit") {
            const leaf = content.commit.path?.leafNode;
            const client = leaf === undefined ? undefined : clientUriOfCredential(leaf.credential);
            return client === undefined ? [] : [client];
          }
          return [];
        });
      }
      case "submitMessage":
        return [decodeSubmitMessageRequest(request.body).sendingUri];
      case "groupInfo": {
        const client = clientUriOfCredential(decodeGroupInfoRequest(request.body).requestingCredential);
        return client === undefined ? [] : [client];
      }
      case "keyMaterial":
        return request.via === undefined ? [decodeKeyMaterialRequest(request.body).requestingUser] : [];
      default:
        return [];
    }
  } catch {
    return [];
  }
}

/** Whether the hub's answer to `endpoint` accepted the request. */
export function answerAccepts(endpoint: MimiRequest["endpoint"], response: MimiResponse): boolean {
  if (response.status !== 200) return false;
  try {
    switch (endpoint) {
      case "update":
        return decodeUpdateRoomResponse(response.body).responseCode === "success";
      case "submitMessage":
        return decodeSubmitMessageResponse(response.body).statusCode === "accepted";
      case "groupInfo":
        return decodeGroupInfoResponse(response.body).status === "success";
      case "keyMaterial":
        return true;
      default:
        return false;
    }
  } catch {
    return false;
  }
}
