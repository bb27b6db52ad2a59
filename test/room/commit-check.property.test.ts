// Properties of checkCommit on arbitrary commit descriptions (it runs inside a ts-mls callback on data
// from the network): it never throws, and whatever it accepts leaves a room where the list has no duplicate
// and no role 0, and every member's user is listed in a role that allows clients (digest §7 A.1–A.3).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCommit } from "../../impl/room/commit-check.js";
import type { Actor, CommitItem } from "../../impl/room/commit-item.js";
import { clientsForbiddenReason } from "../../impl/room/completion-checks.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import { client, context, COOPERATIVE_MEMBERS, cooperativeRoom, honestGce, user } from "./helpers.js";

const IDS = ["alice", "bob", "carol", "dave", "erin", "frank"];
const room = cooperativeRoom();
const members = [...COOPERATIVE_MEMBERS, ...membersOfClients([client("bob", "2")])];

const clientArb = fc.tuple(fc.constantFrom(...IDS), fc.constantFrom("1", "2")).map(([id, d]) => client(id, d));
const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  clientArb.map((c) => ({ kind: "member" as const, client: c, user: user(c.split("/")[4]) })),
  fc.constant({ kind: "hub" as const }),
);

function itemArb(): fc.Arbitrary<CommitItem> {
  const byRef = fc.boolean();
  return fc.oneof(
    fc.record({
      proposer: actorArb, byReference: byRef,
      changed: fc.array(fc.record({ userIndex: fc.nat({ max: 6 }), roleIndex: fc.nat({ max: 5 }) }), { maxLength: 2 }),
      removed: fc.array(fc.nat({ max: 6 }), { maxLength: 2 }),
      added: fc.array(fc.record({ user: fc.constantFrom(...IDS).map(user), roleIndex: fc.nat({ max: 5 }) }), { maxLength: 2 }),
    }).map(({ proposer, byReference, changed, removed, added }) => ({
      kind: "participantListUpdate" as const, proposer, byReference,
      update: { changedRoleParticipants: changed, removedIndices: removed, addedParticipants: added },
    })),
    fc.record({ c: clientArb, proposer: actorArb, byReference: byRef }).map(({ c, proposer, byReference }) => ({
      kind: "add" as const, client: c, user: user(c.split("/")[4]), proposer, byReference,
    })),
    fc.record({ c: clientArb, proposer: actorArb, byReference: byRef }).map(({ c, proposer, byReference }) => ({
      kind: "remove" as const, client: c, user: user(c.split("/")[4]), proposer, byReference,
    })),
    actorArb.map((proposer) => ({ kind: "update" as const, proposer })),
    actorArb.map((proposer) => ({ kind: "unknown" as const, proposalType: 5, proposer })),
  );
}

describe("checkCommit properties", () => {
  it("never throws, and accepted commits keep the room consistent", () => {
    fc.assert(
      fc.property(actorArb, fc.array(itemArb(), { maxLength: 5 }), fc.boolean(), (committer, items, withGce) => {
        const gce = withGce ? gceIfComputable(committer, items) : undefined;
        const all = gce === undefined ? items : [...items, gce];
        const verdict = checkCommit(context(room, members), { committer, items: all });
        if (!verdict.ok) return;
        const users = verdict.nextRoom.participants.participants.map((p) => p.user);
        expect(new Set(users).size).toBe(users.length);
        expect(verdict.nextRoom.participants.participants.every((p) => p.roleIndex !== 0)).toBe(true);
        for (const m of verdict.nextMembers) expect(clientsForbiddenReason(verdict.nextRoom, m.user)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });
});

/** The honest GCE when the updates merge; otherwise none (the commit is then refused anyway). */
function gceIfComputable(committer: Actor, items: CommitItem[]): CommitItem | undefined {
  try {
    return honestGce(room, committer, items);
  } catch {
    return undefined;
  }
}
