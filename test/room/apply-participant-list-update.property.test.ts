// Properties of applying a ParticipantListUpdate (protocol §7.5: role changes by index into the current
// list, then removals by index into that same list, the list compacted in order, then additions appended).
//
// Updates are built from what should happen to each user (keep, new role, removed; users added), so the
// expected list is computed here by user, never by the function under test. Up to half of the runs plant one
// malformation in such an update, and the test names the failure it must give.
// Fixed seeds; fast-check prints the seed and path to replay a failure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParticipantListData, ParticipantListUpdate, UserRolePair } from "../../impl/codec/participant-list.js";
import { applyParticipantListUpdate, type ListUpdateFailureKind } from "../../impl/room/apply-participant-list-update.js";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";

const SEED = 0x4d494d49;
const USERS = ["a", "b", "c", "d", "e", "f", "g", "h"];
/** Role indexes of Appendix A.1 a user can be listed in (0 means "not listed"). */
const LISTED_ROLES = [1, 2, 3, 4, 5];

type Fate = { kind: "keep" } | { kind: "role"; to: number } | { kind: "remove" };

/** An update described by user: each listed user's fate, the users added, and the order indexes are written in. */
interface Plan {
  list: UserRolePair[];
  fates: Fate[];
  added: UserRolePair[];
  /** Seeds for the order in which changed and removed indexes appear in the update. */
  changedOrder: number[];
  removedOrder: number[];
}

const roleArb = fc.constantFrom(...LISTED_ROLES);

const planArb: fc.Arbitrary<Plan> = fc
  .uniqueArray(fc.constantFrom(...USERS), { maxLength: 6 })
  .chain((users) => {
    const fresh = USERS.filter((u) => !users.includes(u));
    const n = users.length;
    const fateArb: fc.Arbitrary<Fate> = fc.oneof(
      fc.constant<Fate>({ kind: "keep" }),
      roleArb.map((to): Fate => ({ kind: "role", to })),
      fc.constant<Fate>({ kind: "remove" }),
    );
    return fc.record({
      list: fc.tuple(...users.map((u) => roleArb.map((roleIndex) => ({ user: u, roleIndex })))),
      fates: fc.array(fateArb, { minLength: n, maxLength: n }),
      added: fc.uniqueArray(fc.constantFrom(...fresh), { maxLength: 3 }).chain((us) => fc.tuple(...us.map((u) => roleArb.map((roleIndex) => ({ user: u, roleIndex }))))),
      changedOrder: fc.array(fc.nat(), { minLength: n, maxLength: n }),
      removedOrder: fc.array(fc.nat(), { minLength: n, maxLength: n }),
    });
  });

/** Indexes with a given fate, in the order the plan's seeds shuffle them to. */
function shuffled(indexes: number[], order: number[]): number[] {
  return [...indexes].sort((i, j) => order[i] - order[j] || i - j);
}

function updateOf(plan: Plan): ParticipantListUpdate {
  const idx = plan.fates.map((_, i) => i);
  const changed = shuffled(idx.filter((i) => plan.fates[i].kind === "role"), plan.changedOrder);
  const removed = shuffled(idx.filter((i) => plan.fates[i].kind === "remove"), plan.removedOrder);
  return {
    changedRoleParticipants: changed.map((userIndex) => ({ userIndex, roleIndex: (plan.fates[userIndex] as { to: number }).to })),
    removedIndices: removed,
    addedParticipants: plan.added,
  };
}

/** The list after the plan, by user: kept users in order with their new roles, then the added users. */
function expectedList(plan: Plan): ParticipantListData {
  const kept: UserRolePair[] = [];
  plan.list.forEach((p, i) => {
    const fate = plan.fates[i];
    if (fate.kind === "keep") kept.push(p);
    else if (fate.kind === "role") kept.push({ user: p.user, roleIndex: fate.to });
  });
  return { participants: [...kept, ...plan.added] };
}

const isDescending = (xs: readonly number[]) => xs.some((x, i) => i > 0 && x < xs[i - 1]);

describe("applyParticipantListUpdate on valid updates", () => {
  it("gives the list computed by user, and reports the changes by user", () => {
    const counts = { runs: 0, allThreeParts: 0, removalsOutOfOrder: 0, changesOutOfOrder: 0 };
    fc.assert(
      fc.property(planArb, (plan) => {
        const list = { participants: plan.list };
        const upd = updateOf(plan);
        const result = applyParticipantListUpdate(list, upd, COOPERATIVELY_ADMINISTERED_ROLES);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.list).toEqual(expectedList(plan));
        const changedUsers = plan.list.filter((_, i) => plan.fates[i].kind === "role").map((p) => p.user).sort();
        const removedUsers = plan.list.filter((_, i) => plan.fates[i].kind === "remove").map((p) => p.user);
        expect(result.changes.roleChanges.map((c) => c.user).sort()).toEqual(changedUsers);
        expect(result.changes.removals.map((r) => r.user)).toEqual(removedUsers); // in list order
        expect(result.changes.additions).toEqual(plan.added);
        expect(list.participants).toEqual(plan.list); // input untouched
        counts.runs += 1;
        if (upd.changedRoleParticipants.length > 0 && upd.removedIndices.length > 0 && upd.addedParticipants.length > 0) counts.allThreeParts += 1;
        if (isDescending(upd.removedIndices)) counts.removalsOutOfOrder += 1;
        if (isDescending(upd.changedRoleParticipants.map((c) => c.userIndex))) counts.changesOutOfOrder += 1;
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(counts.runs).toBe(300);
    expect(counts.allThreeParts).toBeGreaterThanOrEqual(60);
    expect(counts.removalsOutOfOrder).toBeGreaterThanOrEqual(30);
    expect(counts.changesOutOfOrder).toBeGreaterThanOrEqual(30);
  });
});

// ---- one planted malformation, and the failure protocol §7.5 and the room's roles make of it ----

const MALFORMATIONS = [
  "changedIndexOutOfRange", "removedIndexOutOfRange", "negativeIndex", "fractionalIndex", "indexOver32Bits",
  "changedTwice", "removedTwice", "changedAndRemoved", "removedAndAddedAgain", "addedTwice", "addListedUser",
  "roleZeroChange", "roleZeroAddition", "unknownRole",
] as const;
type Malformation = (typeof MALFORMATIONS)[number];

const EXPECTED_FAILURE: Record<Malformation, ListUpdateFailureKind> = {
  changedIndexOutOfRange: "indexOutOfRange",
  removedIndexOutOfRange: "indexOutOfRange",
  negativeIndex: "notUint32",
  fractionalIndex: "notUint32",
  indexOver32Bits: "notUint32",
  changedTwice: "duplicateIndex",
  removedTwice: "duplicateIndex",
  changedAndRemoved: "userTouchedTwice",
  removedAndAddedAgain: "userTouchedTwice",
  addedTwice: "userTouchedTwice",
  addListedUser: "userAlreadyListed",
  roleZeroChange: "roleZero",
  roleZeroAddition: "roleZero",
  unknownRole: "unknownRole",
};

/** The plan's update with one malformation, or undefined when this plan has nothing to plant it on. */
function malformed(plan: Plan, m: Malformation, k: number): ParticipantListUpdate | undefined {
  const u = updateOf(plan);
  const n = plan.list.length;
  const at = (xs: readonly number[]) => xs[k % xs.length];
  const idx = plan.list.map((_, i) => i);
  const untouched = idx.filter((i) => plan.fates[i].kind === "keep");
  const removed = idx.filter((i) => plan.fates[i].kind === "remove");
  const fresh = USERS.filter((x) => !plan.list.some((p) => p.user === x) && !plan.added.some((p) => p.user === x));
  const withChange = (userIndex: number, roleIndex = 2) => ({ ...u, changedRoleParticipants: [...u.changedRoleParticipants, { userIndex, roleIndex }] });
  const withRemoval = (i: number) => ({ ...u, removedIndices: [...u.removedIndices, i] });
  const withAddition = (user: string, roleIndex = 2) => ({ ...u, addedParticipants: [...u.addedParticipants, { user, roleIndex }] });
  switch (m) {
    case "changedIndexOutOfRange":
      return withChange(n + (k % 3));
    case "removedIndexOutOfRange":
      return withRemoval(n + (k % 3));
    case "negativeIndex":
      return k % 2 === 0 ? withChange(-1) : withRemoval(-1);
    case "fractionalIndex":
      return n === 0 ? undefined : k % 2 === 0 ? withChange(0.5) : withRemoval(0.5);
    case "indexOver32Bits":
      return k % 2 === 0 ? withChange(2 ** 32) : withRemoval(2 ** 32);
    case "changedTwice": {
      const changed = u.changedRoleParticipants;
      if (changed.length > 0) return { ...u, changedRoleParticipants: [...changed, { ...changed[k % changed.length], roleIndex: 3 }] };
      return untouched.length === 0 ? undefined : { ...u, changedRoleParticipants: [{ userIndex: at(untouched), roleIndex: 2 }, { userIndex: at(untouched), roleIndex: 3 }] };
    }
    case "removedTwice":
      if (removed.length > 0) return withRemoval(at(removed));
      return untouched.length === 0 ? undefined : { ...u, removedIndices: [at(untouched), at(untouched)] };
    case "changedAndRemoved":
      return untouched.length > 0 ? { ...withChange(at(untouched)), removedIndices: [...u.removedIndices, at(untouched)] } : removed.length > 0 ? withChange(at(removed)) : undefined;
    case "removedAndAddedAgain":
      return removed.length === 0 ? undefined : withAddition(plan.list[at(removed)].user);
    case "addedTwice":
      return fresh.length === 0 ? undefined : { ...u, addedParticipants: [...u.addedParticipants, { user: fresh[k % fresh.length], roleIndex: 2 }, { user: fresh[k % fresh.length], roleIndex: 3 }] };
    case "addListedUser": {
      const kept = idx.filter((i) => plan.fates[i].kind !== "remove");
      return kept.length === 0 ? undefined : withAddition(plan.list[at(kept)].user);
    }
    case "roleZeroChange":
      return n === 0 ? undefined : withChange(k % n, 0);
    case "roleZeroAddition":
      return fresh.length === 0 ? undefined : withAddition(fresh[k % fresh.length], 0);
    case "unknownRole":
      return fresh.length > 0 && k % 2 === 0 ? withAddition(fresh[k % fresh.length], 9) : n === 0 ? undefined : withChange(k % n, 9);
  }
}

describe("applyParticipantListUpdate on mostly valid updates with a minority of planted malformations", () => {
  it("applies the valid ones as computed by user, refuses each malformation with its failure, and never throws", () => {
    const accepted = { runs: 0, nonEmpty: 0 };
    const failures = new Map<ListUpdateFailureKind, number>();
    let runs = 0;
    fc.assert(
      fc.property(
        planArb,
        fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...MALFORMATIONS) }),
        fc.nat(),
        (plan, m, k) => {
          runs += 1;
          const bad = m === undefined ? undefined : malformed(plan, m, k);
          const upd = bad ?? updateOf(plan);
          const result = applyParticipantListUpdate({ participants: plan.list }, upd, COOPERATIVELY_ADMINISTERED_ROLES);
          if (bad === undefined) {
            expect(result).toMatchObject({ ok: true, list: expectedList(plan) });
            accepted.runs += 1;
            if (plan.fates.some((f) => f.kind !== "keep") || plan.added.length > 0) accepted.nonEmpty += 1;
            return;
          }
          expect(result).toMatchObject({ ok: false, failure: EXPECTED_FAILURE[m!] });
          failures.set(EXPECTED_FAILURE[m!], (failures.get(EXPECTED_FAILURE[m!]) ?? 0) + 1);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
    // Floors, asserted: at least 40 % accepted (most of them changing something), every failure kind seen.
    expect(accepted.runs).toBeGreaterThanOrEqual(0.4 * runs);
    expect(accepted.nonEmpty).toBeGreaterThanOrEqual(200);
    const kinds: ListUpdateFailureKind[] = ["notUint32", "indexOutOfRange", "duplicateIndex", "userTouchedTwice", "userAlreadyListed", "roleZero", "unknownRole"];
    for (const kind of kinds) expect(failures.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(10);
  });
});
