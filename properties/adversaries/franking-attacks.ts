// Franking attacks by a compromised client (protocol §5.4.1; digest §2.5, the formal model's assumption):
// A28 sends one message with the franking tag of another. The hub cannot see the content, so it franks
// whatever tag it is given and accepts: only the honest receivers, recomputing the tag from what they
// decrypt, can refuse it. Judged by P35 (no honest client keeps it). The frank it earned is a valid one for
// the other message, which nobody received: the hub accepts a report about that message (the known limit,
// reproduced in test/franking/tag-of-another-message.test.ts).
import { createApplicationMessage, encodeMlsMessage, type MLSMessage } from "ts-mls";
import { buildMessageContent } from "../../impl/client/message-content.js";
import type { Frank } from "../../impl/codec/frank.js";
import { SALT_LENGTH } from "../../impl/content/mimi-content.js";
import { frankingTag } from "../../impl/franking/frank.js";
import { encodeMessageAad } from "../../impl/franking/message-aad.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { userOf } from "../../model/index.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import { userUriOf } from "../world/room-world.js";
import type { AttackClass } from "./attack-class.js";
import { compromised } from "./forge-client-messages.js";

/** What an A28 attack sent: the message delivered and the one its tag is for, with the frank it earned. */
export interface TagOfAnotherMessage {
  readonly attacker: string;
  readonly sentId: Uint8Array;
  readonly sentContent: Uint8Array;
  readonly taggedContent: Uint8Array;
  readonly acceptedTimestamp: bigint | undefined;
  readonly frank: Frank | undefined;
}

/** The last A28 attack of each deployment (P35 and the finding's test read it). */
export const lastTagOfAnotherMessage = new WeakMap<ImplementationUnderTest, TagOfAnotherMessage>();

export const FRANKING_ATTACKS: readonly AttackClass[] = [
  {
    id: "A28", name: "franking tag of another message", party: "client", attackerPool: "member",
    clause: "protocol §5.4.1 (receivers recompute franking_tag from the content); digest §7 F61", defender: "clients",
    built: "MIMI content m1 encrypted with frank_aad carrying HMAC(salt₂, m2) of another content m2 it never sends; submitted honestly otherwise",
    judged: { kind: "invariants", invariants: ["P35"] },
    // The hub accepts it by design (it cannot see the content): the model predicts no refusal to compare.
    aimedOnly: true,
    plan: (ctx) => {
      const session = ctx.impl.client(ctx.attacker).session(ctx.impl.roomId);
      if (session === undefined) return undefined;
      const user = userUriOf(userOf(ctx.attacker));
      return {
        sent: "a message whose franking tag is another message's",
        base: { type: "sendMessage", actor: ctx.attacker, epochOffset: 0 },
        perform: async () => {
          const access = compromised(ctx.impl, ctx.attacker);
          const refs = { latest: undefined, ownLatest: undefined };
          const sent = buildMessageContent("text", "A28 the message delivered", user, ctx.impl.roomId, access.suite.rng.randomBytes(SALT_LENGTH), refs);
          const tagged = buildMessageContent("text", "A28 the message tagged", user, ctx.impl.roomId, access.suite.rng.randomBytes(SALT_LENGTH), refs);
          const aad = encodeMessageAad({ senderClaim: user, frankingTag: frankingTag(tagged.content.salt, tagged.bytes) });
          const r = await createApplicationMessage({ ...session.state, unappliedProposals: {} }, sent.bytes, access.suite, aad);
          session.state = { ...r.newState, unappliedProposals: session.state.unappliedProposals };
          const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: r.privateMessage };
          session.sent.add(Buffer.from(encodeMlsMessage(message)).toString("hex"));
          const outcome = await access.uplink.submitMessage(ctx.impl.roomId, message, user);
          lastTagOfAnotherMessage.set(ctx.impl, {
            attacker: ctx.attacker, sentId: sent.messageId, sentContent: sent.bytes, taggedContent: tagged.bytes,
            acceptedTimestamp: outcome.code === "accepted" ? outcome.acceptedTimestamp : undefined,
            frank: outcome.code === "accepted" ? outcome.frank : undefined,
          });
          return verdictCode(outcome);
        },
      };
    },
  },
];
