// Second pass: which clients leave and join the group, and the members after the change. Removing a
// non-member, removing a client twice or adding a present member is malformed (invalidProposal).
import type { CommitItem } from "./commit-item.js";
import type { Member } from "./room-state.js";
import { invalidProposal, type Refusal } from "./verdict.js";

export interface ResolvedMembershipChanges {
  removed: Member[];
  added: Member[];
  finalMembers: Member[];
}

export function resolveMembershipChanges(
  members: readonly Member[],
  items: readonly CommitItem[],
): ResolvedMembershipChanges | Refusal {
  const byClient = new Map(members.map((m) => [m.client, m]));
  const removed = new Map<string, Member>();
  const added = new Map<string, Member>();
  for (const [index, item] of items.entries()) {
    if (item.kind === "remove") {
      const member = byClient.get(item.client);
      if (member === undefined) return invalidProposal("R13", `item #${index} removes ${item.client}, which is not a member`);
      if (member.user !== item.user) return invalidProposal("R13", `item #${index} names ${item.user} as the user of ${item.client}`);
      if (removed.has(item.client)) return invalidProposal("R13", `${item.client} is removed twice`);
      removed.set(item.client, member);
    } else if (item.kind === "add" || item.kind === "externalInit") {
      if (added.has(item.client)) return invalidProposal("R13", `${item.client} is added twice`);
      added.set(item.client, { client: item.client, user: item.user });
    } else if (item.kind === "update") {
      const proposer = item.proposer;
      if (proposer.kind !== "member" || !byClient.has(proposer.client)) {
        return invalidProposal("R13", `item #${index} is an Update from a non-member`);
      }
    }
  }
  for (const client of added.keys()) {
    // A resyncing external joiner removes its old leaf and joins again under the same client URI.
    if (byClient.has(client) && !removed.has(client)) return invalidProposal("R13", `${client} is added but already a member`);
  }
  const finalMembers = [...members.filter((m) => !removed.has(m.client)), ...added.values()];
  return { removed: [...removed.values()], added: [...added.values()], finalMembers };
}
