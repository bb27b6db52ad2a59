// P7: participant-list and MLS changes in the right order (digest §7 A5–A6). A5: a client is added only
// for a user who is listed after the commit (listed before it, or added to the list by it). A6: a commit
// that delists or bans a user leaves none of that user's leaves. Read from the commits the hub fanned out
// in the step (their Adds, decoded here) and the committed states around them (the GroupContext's
// participant list and the tree before and after) — never from the hub's own verdict.
import { decodeMlsMessage } from "ts-mls";
import type { FramedContentCommit } from "ts-mls/framedContent.js";
import { userOfClient } from "../../impl/identity/mimi-uri.js";
import { clientUriOfCredential } from "../../impl/mls/client-credential.js";
import type { ImplementationInvariant, StepFacts } from "./implementation-invariants.js";

const BANNED_ROLE = 1;

/** Client URIs the Adds (by value) of the step's fanned-out commits name, with the epoch of each commit. */
function addedOnTheWire({ before, after, impl }: StepFacts): { client: string; epoch: bigint }[] {
  const added: { client: string; epoch: bigint }[] = [];
  for (let epoch = before.hub.epoch; epoch < after.hub.epoch; epoch += 1n)
    for (const commitHex of impl.wire.commitsByEpoch.get(epoch) ?? []) {
      const message = decodeMlsMessage(Buffer.from(commitHex, "hex"), 0)?.[0];
      if (message === undefined || message.wireformat !== "mls_public_message") continue;
      const content = message.publicMessage.content;
      if (content.contentType !== "commit") continue;
      for (const p of (content as FramedContentCommit).commit.proposals) {
        if (p.proposalOrRefType !== "proposal" || p.proposal.proposalType !== "add") continue;
        const client = clientUriOfCredential(p.proposal.add.keyPackage.leafNode.credential);
        if (client !== undefined) added.push({ client, epoch });
      }
    }
  return added;
}

/** What A5 or A6 says is wrong with the commits the step's facts show, or undefined. */
export function listAndMembershipOutOfOrder(facts: StepFacts): string | undefined {
  const { before, after } = facts;
  const listedAfter = new Map(after.hub.committed.participants.participants.map((p) => [p.user, p.roleIndex]));
  const leavesBefore = new Set(before.hub.members);
  const leavesAfter = after.hub.members;
  // A5. A client the commit added, by an Add on the wire or as a new leaf (an external join, an Add by
  // reference), must belong to a user the list holds once the commit is in. An Add whose client is gone
  // again by the end of the step was undone within it and is judged by A6 if at all.
  const added = [
    ...addedOnTheWire(facts).map((a) => ({ client: a.client, how: `an Add in the commit for epoch ${a.epoch}` })),
    ...leavesAfter.filter((c) => !leavesBefore.has(c)).map((client) => ({ client, how: "a new leaf" })),
  ];
  for (const { client, how } of added) {
    if (!leavesAfter.includes(client)) continue;
    const user = userOfClient(client);
    if (user === undefined || !listedAfter.has(user)) return `A5: ${client} entered the group (${how}) while ${user ?? "its user"} is not listed before or after the commit`;
  }
  // A6. A user listed in an active role before the commit and delisted or banned by it keeps no leaf.
  for (const p of before.hub.committed.participants.participants) {
    if (p.roleIndex === BANNED_ROLE) continue;
    const roleAfter = listedAfter.get(p.user);
    if (roleAfter !== undefined && roleAfter !== BANNED_ROLE) continue;
    const kept = leavesAfter.filter((c) => userOfClient(c) === p.user);
    if (kept.length > 0) return `A6: the commit ${roleAfter === undefined ? "delisted" : "banned"} ${p.user} but left its leaves ${kept.join(", ")}`;
  }
  return undefined;
}

export const LIST_AND_MEMBERSHIP_ORDER: ImplementationInvariant = {
  id: "P7",
  name: "participant-list and MLS changes in the right order",
  rule: "digest §7 A5 (an Add for a user's client only if the user is listed, or listed by the same commit), A6 (a commit that removes or bans a user removes all of its leaves)",
  check: (facts) => (facts.after.hub.epoch === facts.before.hub.epoch ? undefined : listAndMembershipOutOfOrder(facts)),
};
