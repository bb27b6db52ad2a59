// The hub's endpoints as bytes (protocol §5.2–5.6): decode the request, hand it to the Hub, encode the
// answer. A body that does not decode gets 400 and changes nothing; nothing thrown escapes: any other
// exception is a defect of ours, answered 500 with a fixed body and reported locally (`onInternalError`).
import { decodeAbuseReport } from "../codec/abuse-report.js";
import { isCodecError } from "../codec/codec-error.js";
import { decodeGroupInfoRequest } from "../codec/group-info-request.js";
import { encodeGroupInfoResponse } from "../codec/group-info-response.js";
import { decodeKeyMaterialRequest } from "../codec/key-material-request.js";
import { decodeKeyMaterialResponse } from "../codec/key-material-response.js";
import { decodeSubmitMessageRequest } from "../codec/submit-message-request.js";
import { encodeSubmitMessageResponse, type SubmitMessageResponse } from "../codec/submit-message-response.js";
import { decodeUpdateRequest } from "../codec/update-request.js";
import { encodeUpdateRoomResponse, type UpdateRoomResponse } from "../codec/update-room-response.js";
import { domainOf } from "../identity/mimi-uri.js";
import { describeThrown, internalErrorResponse } from "../transport/internal-error.js";
import { EMPTY, type MimiRequest, type MimiResponse } from "../transport/mimi-request.js";
import type { SubmitOutcome, UpdateOutcome } from "../transport/outcomes.js";
import type { Hub } from "./hub.js";
import { proxyStatus } from "../proxy/download-proxy.js";
import { proxyPolicyFor } from "../proxy/room-asset-policy.js";
import { verifyKeyMaterialRequest } from "../mls/request-signatures.js";

export function updateResponseOf(outcome: UpdateOutcome): UpdateRoomResponse {
  switch (outcome.code) {
    case "success":
      return { responseCode: "success", errorDescription: "", acceptedTimestamp: outcome.acceptedTimestamp };
    case "wrongEpoch":
      return { responseCode: "wrongEpoch", errorDescription: outcome.description, currentEpoch: outcome.currentEpoch };
    case "invalidProposal":
      return { responseCode: "invalidProposal", errorDescription: outcome.description, invalidProposals: outcome.invalidProposals };
    default:
      return { responseCode: "notAllowed", errorDescription: outcome.description };
  }
}

export function submitResponseOf(outcome: SubmitOutcome): SubmitMessageResponse {
  switch (outcome.code) {
    case "accepted":
      return { protocol: "mls10", statusCode: "accepted", acceptedTimestamp: outcome.acceptedTimestamp, frank: outcome.frank };
    case "epochTooOld":
      return { protocol: "mls10", statusCode: "epochTooOld", currentEpoch: outcome.currentEpoch };
    default:
      return { protocol: "mls10", statusCode: "notAllowed" };
  }
}

const ok = (body: Uint8Array): MimiResponse => ({ status: 200, body });
const badRequest: MimiResponse = { status: 400, body: EMPTY };
/** A request its source provider may not make (H0, sender binding): refused before any processing. */
const forbidden: MimiResponse = { status: 403, body: EMPTY };
/** A target provider's answer the hub will not pass on (H24: a KeyPackage reused, expired or of another
 * user). 424 Failed Dependency (RFC 4918 §11.4): the request failed because the request it depended on,
 * the relay to the target provider, did; a 5xx would say the hub itself failed. */
const failedDependency: MimiResponse = { status: 424, body: EMPTY };

/** Forward a key-material request to the target user's provider; the hub sits in the middle (§5.2). */
export type RelayToProvider = (domain: string, request: MimiRequest) => Promise<MimiResponse>;

/** Where an internal error's details go instead of the wire. */
export type InternalErrorSink = (request: MimiRequest, error: string) => void;

export async function handleHubRequest(hub: Hub, request: MimiRequest, relay: RelayToProvider, onInternalError: InternalErrorSink): Promise<MimiResponse> {
  try {
    switch (request.endpoint) {
      case "update": {
        const { bundle } = decodeUpdateRequest(request.body);
        if (!hub.hasRoom(request.target)) return { status: 404, body: EMPTY };
        const outcome = bundle.kind === "commit" ? await hub.handleCommit(request.target, bundle, request.from) : await hub.handleProposals(request.target, bundle, request.from);
        return ok(encodeUpdateRoomResponse(updateResponseOf(outcome)));
      }
      case "submitMessage": {
        const req = decodeSubmitMessageRequest(request.body);
        if (!hub.hasRoom(request.target)) return { status: 404, body: EMPTY };
        // Planted defect (HubFaults.throwOnSubmit): a handler that throws, to show internal errors are caught.
        if (hub.config.faults.throwOnSubmit) throw new Error("throwOnSubmit: planted internal error");
        return ok(encodeSubmitMessageResponse(submitResponseOf(await hub.handleSubmit(request.target, req.appMessage, req.sendingUri, request.from))));
      }
      case "keyMaterial": {
        const req = decodeKeyMaterialRequest(request.body);
        if (!hub.hasRoom(req.roomId)) return { status: 404, body: EMPTY };
        if (!(await verifyKeyMaterialRequest(req, hub.suite))) return badRequest;
        // H0: a provider asks key material only for its own users (the draft has no KeyMaterialUserCode
        // for it, so the transport's answer: 403, nothing relayed, nothing recorded).
        if (hub.senderBindingRefusal(request.from, req.requestingUser, "requestingUser") !== undefined) return forbidden;
        const target = domainOf(req.targetUser);
        if (target === undefined || req.targetUser !== request.target) return badRequest;
        const answer = await relay(target, { ...request, via: hub.domain });
        if (answer.status !== 200) return answer;
        const response = decodeKeyMaterialResponse(answer.body);
        // Record where each KeyPackage came from, to route its Welcome (§5.2, §5.5) — only from an answer
        // that hands KeyPackages out: a refusal (userUnknown, noConsent, …) changes nothing here.
        const handsOut = response.userStatus === "success" || response.userStatus === "partialSuccess";
        if (!handsOut) return answer;
        const offered = [];
        for (const c of response.clients)
          if (c.clientStatus === "success") offered.push({ client: c.clientUri, keyPackage: c.keyPackage, ref: await hub.keyPackageRef(c.keyPackage) });
        // H24: a KeyPackage handed out before, expired, or of another user is not passed on, nor routed.
        if ((await hub.keyMaterialRefusal(req.roomId, req.targetUser, offered)) !== undefined) return failedDependency;
        for (const o of offered) hub.recordKeyPackageRoute(req.roomId, o.ref, target, req.targetUser);
        return answer;
      }
      case "reportAbuse": {
        // §5.9: no body in the answer, its status says it all: 201 the report is taken, 403 the reporting
        // user is not the sending provider's (H0), 422 a reported frank is not this hub's for that message.
        const report = decodeAbuseReport(request.body);
        if (!hub.hasRoom(request.target)) return { status: 404, body: EMPTY };
        const verdict = await hub.handleReportAbuse(request.target, report, request.from);
        return { status: verdict === "accepted" ? 201 : verdict === "unbound" ? 403 : 422, body: EMPTY };
      }
      case "proxyDownload": {
        // §5.10.2: GET, no body; only the asset policy's locations are fetched (H25, impl/proxy/): those of
        // the rooms' asset_policy where the requesting provider has a participant, else the configured ones.
        const proxy = hub.config.downloadProxy;
        if (proxy === undefined) return { status: 404, body: EMPTY };
        if (request.body.length !== 0) return badRequest;
        const faults = hub.config.faults;
        const rooms = faults.configuredAssetsOnly === true ? undefined : proxyPolicyFor(hub.committedRooms(), request.from);
        const outcome = await proxy.download(request.target, { ...rooms, openProxy: faults.openProxy === true, ignoreAssetPolicy: faults.ignoreAssetPolicy === true });
        return { status: proxyStatus(outcome), body: outcome.ok ? outcome.body : EMPTY };
      }
      case "groupInfo": {
        const req = decodeGroupInfoRequest(request.body);
        return ok(encodeGroupInfoResponse(await hub.handleGroupInfo(request.target, req, request.from)));
      }
      default:
        return badRequest;
    }
  } catch (e) {
    // Undecodable input is the sender's fault (400); anything else is a defect of ours (500): its details
    // stay here, the wire gets the fixed body.
    if (isCodecError(e)) return badRequest;
    onInternalError(request, describeThrown(e));
    return internalErrorResponse();
  }
}
