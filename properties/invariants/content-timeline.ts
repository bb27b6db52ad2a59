// The receivers' content rules (draft-ietf-mimi-content §3.3, §9.1, §9.3; digest §7 F55, F59), judged on
// what every client's timeline holds (impl/client/received-timeline.ts), never on its verdicts:
// P37 no client holds two messages with one message ID (duplicates are discarded as malicious);
// P38 every edit a client holds of a held message comes from that message's sender, and every delete from
//     its sender or from a user whose role grants deleting others' messages (room-policy §8.3,
//     canDeleteOtherMessage / canDeleteOtherReaction), read from the hub's committed room state.
// Reply loops (F58) need no invariant here: a message ID hashes the content, inReplyTo included (§3.3), so
// no chain of IDs computed by the receiver can close on itself; the timeline's walk is unit-tested.
import { orderedMessages } from "../../impl/content/content-timeline.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";
import { DISPOSITIONS } from "../../impl/content/disposition.js";
import type { ReceivedMessage } from "../../impl/content/content-timeline.js";
import type { ImplementationInvariant, StepFacts } from "./implementation-invariants.js";
import { modelClientOf, modelUserOf } from "../world/room-world.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Every timeline of the room: the client and the messages it holds. */
function timelines({ impl }: StepFacts): { client: string; held: ReceivedMessage[] }[] {
  return impl.system.allClients().flatMap((c) => {
    const timeline = c.session(impl.roomId)?.timeline;
    return timeline === undefined ? [] : [{ client: modelClientOf(c.uri), held: [...timeline.held.values()].map((h) => h.message) }];
  });
}

/** A step on which a client may have taken a message in: the hub accepted one. */
export function messageAcceptedInStep({ event, code }: StepFacts): boolean {
  return event.type === "sendMessage" && code === "accepted";
}

export const MESSAGE_IDS_UNIQUE: ImplementationInvariant = {
  id: "P37",
  name: "no message ID held twice",
  rule: "content §3.3 (a message ID identifies one message), §9.1 (a duplicate message ID is discarded as malicious); digest §7 F55",
  check: (facts) => {
    for (const { client, held } of timelines(facts)) {
      const seen = new Set<string>();
      for (const m of held) {
        const id = hex(m.messageId);
        if (seen.has(id)) return `${client} holds two messages with ID ${id.slice(0, 16)}… (from ${modelUserOf(m.senderUri)})`;
        seen.add(id);
      }
    }
    return undefined;
  },
};

/**
 * P48, content §5.11: every receiver orders its timeline by hub timestamp, then the lowest message ID, so
 * any two honest clients show the messages both hold in one order, whatever order they arrived in. Judged
 * on each client's own ordering (`orderedMessages`), pairwise over the messages the two hold in common.
 */
export const SAME_ORDER: ImplementationInvariant = {
  id: "P48",
  name: "every receiver orders the room's messages alike",
  rule: "content §5.11 (messages sort by hub timestamp, ties by the lexically lowest message ID); digest §5.1",
  check: ({ impl }) => {
    const orders = impl.system.allClients().flatMap((c) => {
      const timeline = c.session(impl.roomId)?.timeline;
      return timeline === undefined ? [] : [{ client: modelClientOf(c.uri), ids: orderedMessages(timeline).map((m) => hex(m.messageId)) }];
    });
    for (let i = 0; i < orders.length; i++) {
      for (let j = i + 1; j < orders.length; j++) {
        const [a, b] = [orders[i]!, orders[j]!];
        const inB = new Set(b.ids);
        const inA = new Set(a.ids);
        const common = a.ids.filter((id) => inB.has(id));
        const theirs = b.ids.filter((id) => inA.has(id));
        const at = common.findIndex((id, k) => id !== theirs[k]);
        if (at >= 0)
          return `${a.client} shows ${common[at]!.slice(0, 12)}… as message ${at + 1} of the ${common.length} it shares with ${b.client}, which shows ${theirs[at]!.slice(0, 12)}… there`;
      }
    }
    return undefined;
  },
};

/** Per deployment, the replacements P38 has judged ("client message-hex"): each is judged once, when it
 * arrives, with the roles of that moment; a deleter demoted or gone later deleted rightly then. */
const judgedReplacements = new WeakMap<object, Set<string>>();

export const REPLACEMENTS_BY_SENDER: ImplementationInvariant = {
  id: "P38",
  name: "edits and deletes only from the original sender, or as the room's policy grants",
  rule: "content §9.3 (receivers MUST NOT accept an edit or delete from anyone but the original sender unless a concrete policy allows it), room-policy §8.3; digest §7 F59",
  check: (facts) => {
    // The committed room: what every receiver's own GroupContext holds (a pending role change is no right yet).
    const live = facts.after.hub.committed;
    const judged = judgedReplacements.get(facts.impl) ?? new Set<string>();
    judgedReplacements.set(facts.impl, judged);
    const mayDelete = (user: string, original: ReceivedMessage) => {
      const roleIndex = live.participants.participants.find((p) => p.user === user)?.roleIndex;
      const role = live.roles.roles.find((r) => r.roleIndex === roleIndex);
      const needed = original.content.body.disposition === DISPOSITIONS.reaction ? CAPABILITY.canDeleteOtherReaction : CAPABILITY.canDeleteOtherMessage;
      return role?.roleCapabilities.includes(needed) === true;
    };
    for (const { client, held } of timelines(facts)) {
      const firstVersions = new Map(held.filter((m) => m.content.replaces === null).map((m) => [hex(m.messageId), m]));
      for (const m of held) {
        const original = m.content.replaces === null ? undefined : firstVersions.get(hex(m.content.replaces));
        if (original === undefined || original.senderUri === m.senderUri) continue;
        const key = `${client} ${hex(m.messageId)}`;
        if (judged.has(key)) continue;
        judged.add(key);
        const what = m.content.body.kind === "null" ? "delete" : "edit";
        if (what === "edit" || !mayDelete(m.senderUri, original))
          return `${client} holds ${modelUserOf(m.senderUri)}'s ${what} of ${modelUserOf(original.senderUri)}'s message`;
      }
    }
    return undefined;
  },
};
