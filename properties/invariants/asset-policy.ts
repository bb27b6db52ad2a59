// The room's asset_policy in room runs (room-policy §6–§7, protocol §5.10.2; digest H25, §7 D46):
// P36 the hub's download proxy is never an open proxy: it connected only to the storage origins of the
//     room's asset_policy (its own log, fetchesOutsidePolicy), and the hub's internal service, which no
//     policy names, received no request at all (the servers' own logs: what happened, whatever the hub says);
// P46 no honest client holds an attachment that is not at its sender's provider's storage origin, nor of a
//     media type the policy refuses (the receivers' side of the same component, rule F46);
// P47 every attachment an honest client sent and another downloaded through the hub came back whole and
//     decrypted to what was uploaded (the proxy refuses nothing the policy allows).
import type { ReceivedMessage } from "../../impl/content/content-timeline.js";
import { fetchesOutsidePolicy } from "../../impl/proxy/download-proxy.js";
import { assetPolicyOf, roomAttachmentRefusal } from "../../impl/proxy/room-asset-policy.js";
import { assetsOf } from "../assets/attachments.js";
import { modelClientOf, modelUserOf } from "../world/room-world.js";
import type { ImplementationInvariant, StepFacts } from "./implementation-invariants.js";

export const NO_OPEN_PROXY: ImplementationInvariant = {
  id: "P36",
  name: "the download proxy is never an open proxy",
  rule: "protocol §5.10.2 (the hub MUST only fetch from a configured asset location of a peer provider), room-policy asset_policy upload_domains; digest H25, §7 D46",
  check: ({ impl, after }) => {
    const proxy = impl.system.hub.config.downloadProxy;
    const policy = after.hub.committed.assetPolicy;
    if (proxy !== undefined && policy !== undefined) {
      const outside = fetchesOutsidePolicy(proxy.fetches, assetPolicyOf(policy))[0];
      if (outside !== undefined) return `the hub fetched ${outside.url} from ${outside.origin}, outside the room's asset_policy`;
    }
    const trap = assetsOf(impl.system)?.requests.find((r) => r.server === "internal");
    return trap === undefined ? undefined : `the hub's internal service was asked for ${trap.path} (Host ${trap.host})`;
  },
};

/** Every timeline of the room but the attacker's: the client and the messages it holds. */
function heldMessages({ impl, attack }: StepFacts): { client: string; held: ReceivedMessage[] }[] {
  return impl.system.allClients().flatMap((c) => {
    const timeline = c.session(impl.roomId)?.timeline;
    // The attacker is a client id (or a provider's domain, which holds no timeline).
    const client = modelClientOf(c.uri);
    if (timeline === undefined || client === attack?.attacker) return [];
    return [{ client, held: [...timeline.held.values()].map((h) => h.message) }];
  });
}

export const ATTACHMENTS_FROM_SENDERS_STORAGE: ImplementationInvariant = {
  id: "P46",
  name: "attachments only from the sender's provider's storage",
  rule: "room-policy asset_policy (when an upload location is given, clients check that ExternalPart URL hosts match upload_domains; permitted and forbidden media types); digest §3.7, rule F46",
  check: (facts) => {
    const policy = facts.after.hub.committed.assetPolicy;
    if (policy === undefined) return undefined;
    for (const { client, held } of heldMessages(facts)) {
      for (const m of held) {
        const refusal = roomAttachmentRefusal(m.content.body, m.senderUri, policy);
        if (refusal !== undefined) return `${client} holds ${modelUserOf(m.senderUri)}'s message with ${refusal}`;
      }
    }
    return undefined;
  },
};

export const HONEST_DOWNLOADS_OPEN: ImplementationInvariant = {
  id: "P47",
  name: "an honest attachment downloads through the hub and decrypts",
  rule: "protocol §5.10.2 (the hub fetches the asset for the downloading provider), content §4.5 (AES-128-GCM with the ExternalPart's key and nonce)",
  check: ({ impl }) => {
    // 504 is no answer at all: faulty links (properties/network) lost the request or its answer.
    const failed = assetsOf(impl.system)?.downloads.find((d) => d.status !== 504 && (d.status !== 200 || !d.opened));
    if (failed === undefined) return undefined;
    const who = (uri: string) => modelClientOf(uri);
    return failed.status !== 200
      ? `${who(failed.receiver)} asked the hub for ${who(failed.sender)}'s attachment ${failed.url}: ${failed.status}`
      : `${who(failed.receiver)} downloaded ${who(failed.sender)}'s attachment ${failed.url}, which did not decrypt to what was uploaded`;
  },
};

const looked = new WeakMap<object, { asked: number; downloads: number }>();

/** Whether the hub's proxy was asked since P36 last looked (its premise). */
export function proxyAskedSinceLastLook({ impl }: StepFacts): boolean {
  const a = assetsOf(impl.system);
  if (a === undefined) return false;
  const seen = looked.get(impl.system) ?? { asked: 0, downloads: 0 };
  looked.set(impl.system, { ...seen, asked: a.asked });
  return a.asked > seen.asked;
}

/** Whether a download was recorded since P47 last looked (its premise). */
export function downloadSinceLastLook({ impl }: StepFacts): boolean {
  const a = assetsOf(impl.system);
  if (a === undefined) return false;
  const seen = looked.get(impl.system) ?? { asked: 0, downloads: 0 };
  looked.set(impl.system, { ...seen, downloads: a.downloads.length });
  return a.downloads.length > seen.downloads;
}
