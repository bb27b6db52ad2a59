// The receivers' side of the asset policy (room-policy asset_policy upload_domains; digest §3.7, §7 D46):
// an attachment (ExternalPart) must be stored at its sender's provider's asset location. A message that
// points elsewhere makes every reader fetch, or ask the hub to fetch, from a place nobody vouched for.
import { partsInIndexOrder, type NestedPart } from "../content/nested-part.js";
import { domainOf } from "../identity/mimi-uri.js";
import { checkAssetLocation, type AssetPolicy } from "./asset-location.js";

/** Why an attachment of `senderUser` in `body` is not at its provider's asset location, or undefined when
 * every ExternalPart is. */
export function attachmentOriginRefusal(body: NestedPart, senderUser: string | undefined, policy: AssetPolicy): string | undefined {
  const provider = senderUser === undefined ? undefined : domainOf(senderUser);
  for (const part of partsInIndexOrder(body)) {
    if (part.kind !== "external") continue;
    if (provider === undefined) return "an attachment from a sender of no known provider";
    const verdict = checkAssetLocation(part.url, policy, provider);
    if (!verdict.ok) return `attachment ${part.url}: ${verdict.refusal} (${verdict.detail})`;
  }
  return undefined;
}
