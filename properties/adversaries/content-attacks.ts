// Attacks on the receivers' content rules by a compromised member (draft-ietf-mimi-content §9; digest §7
// F55, F59). Each message is MIMI content, encrypted and franked like an honest one: the hub cannot see the
// content, so it accepts and franks it by design, and only the honest receivers' timelines can discard it.
// A29 edits another user's message: no capability lets anyone replace another's body (§9.3), so every
//     honest receiver discards it (F59). Judged by P38.
// A30 sends again, in a fresh MLS message, the content of a message it sent before: the same message ID,
//     which every honest receiver already holds and discards (§9.1, F55). Judged by P37.
import { createApplicationMessage, encodeMlsMessage, type MLSMessage } from "ts-mls";
import { buildMessageContent } from "../../impl/client/message-content.js";
import { decodeMimiContent, SALT_LENGTH } from "../../impl/content/mimi-content.js";
import { orderedMessages } from "../../impl/content/content-timeline.js";
import { frankingTag } from "../../impl/franking/frank.js";
import { encodeMessageAad } from "../../impl/franking/message-aad.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { userOf } from "../../model/index.js";
import { userUriOf } from "../world/room-world.js";
import type { AttackClass, AttackContext } from "./attack-class.js";
import { compromised } from "./forge-client-messages.js";

/** Encrypts `content` (encoded MIMI content with its salt) as the attacker's next message, tagged for
 * franking as an honest one, and submits it: the hub's code. */
async function submitContent(ctx: AttackContext, content: Uint8Array, salt: Uint8Array): Promise<string> {
  const access = compromised(ctx.impl, ctx.attacker);
  const session = access.session(ctx.impl.roomId)!;
  const user = userUriOf(userOf(ctx.attacker));
  const aad = encodeMessageAad({ senderClaim: user, frankingTag: frankingTag(salt, content) });
  const r = await createApplicationMessage({ ...session.state, unappliedProposals: {} }, content, access.suite, aad);
  session.state = { ...r.newState, unappliedProposals: session.state.unappliedProposals };
  const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: r.privateMessage };
  // Recognised when the hub echoes it back, as the attacker's own.
  session.sent.add(Buffer.from(encodeMlsMessage(message)).toString("hex"));
  return verdictCode(await access.uplink.submitMessage(ctx.impl.roomId, message, user));
}

export const CONTENT_ATTACKS: readonly AttackClass[] = [
  {
    id: "A29", name: "edit of another user's message", party: "client", attackerPool: "member",
    clause: "content §9.3 (receivers MUST NOT accept an edit or delete from anyone but the original sender unless the policy grants it); digest §7 F59",
    defender: "clients",
    built: "an edit (replaces the first version's ID, new body, the rest unchanged) of the latest plain text of another user the attacker holds; when it holds none, another member's client first sends one honestly",
    judged: { kind: "invariants", invariants: ["P38"] },
    // The hub accepts it by design (it cannot see the content): the model predicts no refusal to compare.
    aimedOnly: true,
    plan: (ctx) => {
      const session = ctx.impl.client(ctx.attacker).session(ctx.impl.roomId);
      const user = userUriOf(userOf(ctx.attacker));
      if (session === undefined) return undefined;
      const held = orderedMessages(session.timeline).filter((m) => m.senderUri !== user && m.content.replaces === null && m.content.inReplyTo === null).at(-1);
      const victim = held === undefined ? ctx.impl.system.allClients().find((c) => c.user !== user && c.session(ctx.impl.roomId) !== undefined) : undefined;
      if (held === undefined && victim === undefined) return undefined;
      const whose = held?.senderUri ?? victim!.user;
      return {
        sent: `an edit of ${whose.slice(whose.lastIndexOf("/") + 1)}'s message`,
        base: { type: "sendMessage", actor: ctx.attacker, epochOffset: 0 },
        perform: async () => {
          let target = held?.messageId;
          if (victim !== undefined) {
            const sent = await victim.sendMessage(ctx.impl.roomId, "A29 the original");
            if (sent.code !== "accepted") return verdictCode(sent);
            target = victim.session(ctx.impl.roomId)!.ownMessages.at(-1)!.messageId;
          }
          const salt = compromised(ctx.impl, ctx.attacker).suite.rng.randomBytes(SALT_LENGTH);
          const edit = buildMessageContent("edit", "A29 words put in another's mouth", user, ctx.impl.roomId, salt, { latest: undefined, ownLatest: target });
          return submitContent(ctx, edit.bytes, salt);
        },
      };
    },
  },
  {
    id: "A30", name: "message ID sent twice", party: "client", attackerPool: "member",
    clause: "content §3.3 (a message ID is unique), §9.1 (receivers discard a duplicate message ID as malicious); digest §7 F55",
    defender: "clients",
    built: "the content of the attacker's own last accepted message, unchanged (same salt, so same message ID and franking tag), in a fresh MLS message; when it has sent none, it first sends one honestly",
    judged: { kind: "invariants", invariants: ["P37"] },
    aimedOnly: true,
    plan: (ctx) => {
      const attacker = ctx.impl.client(ctx.attacker);
      const session = attacker.session(ctx.impl.roomId);
      if (session === undefined) return undefined;
      return {
        sent: "the content of its last message again",
        base: { type: "sendMessage", actor: ctx.attacker, epochOffset: 0 },
        perform: async () => {
          if (session.ownMessages.length === 0) {
            const first = await attacker.sendMessage(ctx.impl.roomId, "A30 the first copy");
            if (first.code !== "accepted") return verdictCode(first);
          }
          const last = session.ownMessages.at(-1)!;
          return submitContent(ctx, last.content, decodeMimiContent(last.content).salt);
        },
      };
    },
  },
];
