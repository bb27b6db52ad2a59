// The room's asset_policy component (room-policy §6–§7, 0x002C; impl/codec/asset-policy.ts) as the
// download proxy and the receivers read it. /proxyDownload names no room (protocol §5.10.2), so the hub
// fetches for a provider from the storage locations of the rooms that provider has a participant in:
// "a configured asset domain of one of the hub's peer providers" (digest H25), configured by the rooms.
import type { AssetPolicyData } from "../codec/asset-policy.js";
import { domainOf } from "../identity/mimi-uri.js";
import type { RoomComponents } from "../mls/room-components.js";
import { partsInIndexOrder, type NestedPart } from "../content/nested-part.js";
import type { AssetPolicy } from "./asset-location.js";
import { attachmentOriginRefusal } from "./attachment-origin.js";

/** A room's upload_domains as the checks read them: provider domain → origin. */
export function assetPolicyOf(data: AssetPolicyData): AssetPolicy {
  return new Map(data.uploadDomains.map((d) => [d.provider, d.origin]));
}

/** What the proxy may fetch for `requester` (a provider's domain): the storage origins of every room that
 * has an asset_policy and lists a user of `requester`, and the smallest max_size among them (0: none).
 * Undefined when no such room exists: the proxy then has only its configured policy. */
export function proxyPolicyFor(rooms: Iterable<{ readonly roomId: string; readonly committed: RoomComponents }>, requester: string): { policy: AssetPolicy; maxBytes?: number } | undefined {
  const entries: [string, string][] = [];
  let maxBytes: number | undefined;
  let any = false;
  for (const { roomId, committed } of rooms) {
    const data = committed.assetPolicy;
    if (data === undefined || !committed.participants.participants.some((p) => domainOf(p.user) === requester)) continue;
    any = true;
    // Keyed by room and provider: only the origins matter to a fetch that names no provider.
    for (const d of data.uploadDomains) entries.push([`${roomId} ${d.provider}`, d.origin]);
    if (data.maxSize > 0n) maxBytes = Math.min(maxBytes ?? Number.MAX_SAFE_INTEGER, Number(data.maxSize > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : data.maxSize));
  }
  return any ? { policy: new Map(entries), ...(maxBytes === undefined ? {} : { maxBytes }) } : undefined;
}

/** Why an attachment of `senderUser` in `body` breaks the room's asset_policy, or undefined. Its origin is
 * checked when the policy names an upload location ("when not unspecified, clients check that ExternalPart
 * URL hosts match", digest §3.7); its media type always: in the permitted list when there is one, never in
 * the forbidden list (the type compared without parameters, lower-case). */
export function roomAttachmentRefusal(body: NestedPart, senderUser: string | undefined, data: AssetPolicyData): string | undefined {
  for (const part of partsInIndexOrder(body)) {
    if (part.kind !== "external") continue;
    const type = part.contentType.split(";")[0]!.trim().toLowerCase();
    if (data.permittedMediaTypes.length > 0 && !data.permittedMediaTypes.includes(type)) return `attachment of type ${type}, not a permitted media type`;
    if (data.forbiddenMediaTypes.includes(type)) return `attachment of type ${type}, a forbidden media type`;
  }
  return data.uploadLocation === "unspecified" ? undefined : attachmentOriginRefusal(body, senderUser, assetPolicyOf(data));
}
