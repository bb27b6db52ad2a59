// An attack on the room's asset_policy (room-policy §6–§7, protocol §5.10.2; digest H25, §7 D46, rule F46)
// by a compromised member: it sends an attachment (ExternalPart, encrypted and franked like an honest one,
// which the hub cannot see and so accepts) whose URL points somewhere else than its provider's storage, then
// has its provider ask the hub's /proxyDownload for that URL, as a receiver trusting the message would.
// Honest receivers must refuse the message (F46, judged by P46), and the hub must fetch nothing outside the
// room's asset_policy (judged by P36, off the proxy's log and the servers' own logs).
import { createApplicationMessage, encodeMlsMessage, type MLSMessage } from "ts-mls";
import { randomBytes } from "node:crypto";
import { ROOM_URI_KEY, SENDER_URI_KEY } from "../../impl/content/extensions.js";
import { encodeMimiContent, SALT_LENGTH } from "../../impl/content/mimi-content.js";
import { frankingTag } from "../../impl/franking/frank.js";
import { encodeMessageAad } from "../../impl/franking/message-aad.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { userOf } from "../../model/index.js";
import { askProxy, assetsOf, externalPart } from "../assets/attachments.js";
import { clientUriOf, FOLLOWER_DOMAINS, HUB_DOMAIN, userUriOf } from "../world/room-world.js";
import type { AttackClass } from "./attack-class.js";
import { compromised } from "./forge-client-messages.js";

/** Where the attachment points, for an attacker of provider `own` (another provider `other`), the internal
 * service listening on loopback port `internalPort`. */
const DISGUISES: readonly { readonly name: string; readonly url: (own: string, other: string, internalPort: number) => string }[] = [
  { name: "another provider's storage", url: (_own, other) => `https://assets.${other}/a/not-mine` },
  { name: "its storage host under another scheme", url: (own) => `http://assets.${own}/a/x` },
  { name: "its storage host at another port", url: (own) => `https://assets.${own}:8443/a/x` },
  { name: "its storage host as userinfo before the internal address", url: (own, _other, port) => `http://assets.${own}@127.0.0.1:${port}/secret` },
  { name: "an IP literal, the internal address", url: (_own, _other, port) => `http://127.0.0.1:${port}/secret` },
  { name: "the hub's internal host name", url: () => `http://internal.a.example/secret` },
  { name: "its own storage, which redirects to the internal host", url: (own) => `https://assets.${own}/redirect` },
];

export const ASSET_ATTACKS: readonly AttackClass[] = [
  {
    id: "A36", name: "attachment outside its sender's storage", party: "client", attackerPool: "member",
    clause: "protocol §5.10.2 (the hub MUST only fetch from a configured asset location of a peer provider); room-policy asset_policy upload_domains (clients check ExternalPart URL hosts); digest H25, §7 D46, rule F46",
    defender: "both",
    built: `an attachment whose URL is ${DISGUISES.map((d) => d.name).join("; ")} (by variant and target); then its provider asks the hub's /proxyDownload for it`,
    judged: { kind: "invariants", invariants: ["P36", "P46"] },
    // The hub accepts the message by design (it cannot see the content): the model predicts no refusal.
    aimedOnly: true,
    plan: (ctx) => {
      const session = ctx.impl.client(ctx.attacker).session(ctx.impl.roomId);
      const assets = assetsOf(ctx.impl.system);
      if (session === undefined || assets === undefined) return undefined;
      const disguise = DISGUISES[(ctx.variant * 16 + ctx.target) % DISGUISES.length]!;
      const own = domainOf(clientUriOf(ctx.attacker))!;
      const other = [HUB_DOMAIN, ...FOLLOWER_DOMAINS].find((d) => d !== own)!;
      const url = disguise.url(own, other, assets.servers.internalPort);
      return {
        sent: `an attachment at ${url} (${disguise.name}), then a download of it through the hub`,
        base: { type: "sendMessage", actor: ctx.attacker, epochOffset: 0 },
        perform: async () => {
          const access = compromised(ctx.impl, ctx.attacker);
          const s = access.session(ctx.impl.roomId)!;
          const user = userUriOf(userOf(ctx.attacker));
          const salt = access.suite.rng.randomBytes(SALT_LENGTH);
          const body = externalPart(url, new Uint8Array(randomBytes(16)), new Uint8Array(randomBytes(12)), new TextEncoder().encode("A36"), 19);
          const content = encodeMimiContent({ salt, replaces: null, topicId: new Uint8Array(0), expires: null, inReplyTo: null, extensions: new Map([[SENDER_URI_KEY, user], [ROOM_URI_KEY, ctx.impl.roomId]]), body });
          const aad = encodeMessageAad({ senderClaim: user, frankingTag: frankingTag(salt, content) });
          const r = await createApplicationMessage({ ...s.state, unappliedProposals: {} }, content, access.suite, aad);
          s.state = { ...r.newState, unappliedProposals: s.state.unappliedProposals };
          const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: r.privateMessage };
          s.sent.add(Buffer.from(encodeMlsMessage(message)).toString("hex"));
          const code = verdictCode(await access.uplink.submitMessage(ctx.impl.roomId, message, user));
          // As a receiver that kept it would: the attacker's own provider asks the hub for it.
          await askProxy(ctx.impl.system, ctx.impl.roomId, own, url);
          return code;
        },
      };
    },
  },
];
