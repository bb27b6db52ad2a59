// Property: however an update is drawn, applying it never throws, and a successful result never holds a
// duplicate user or role 0, and has exactly (old − removed + added) entries.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParticipantListData, ParticipantListUpdate } from "../../impl/codec/participant-list.js";
import { applyParticipantListUpdate } from "../../impl/room/apply-participant-list-update.js";

const USERS = ["a", "b", "c", "d", "e", "f", "g", "h"];

const listArb: fc.Arbitrary<ParticipantListData> = fc
  .uniqueArray(fc.constantFrom(...USERS), { maxLength: 6 })
  .chain((users) => fc.tuple(fc.constant(users), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: users.length, maxLength: users.length })))
  .map(([users, roles]) => ({ participants: users.map((user, i) => ({ user, roleIndex: roles[i] })) }));

/** Updates that respect the rules: disjoint changed/removed index sets, new users only, roles ≥ 1. */
function validUpdateArb(list: ParticipantListData): fc.Arbitrary<ParticipantListUpdate> {
  const n = list.participants.length;
  const listed = new Set(list.participants.map((p) => p.user));
  const fresh = USERS.filter((u) => !listed.has(u));
  return fc
    .record({
      touched: fc.uniqueArray(fc.nat({ max: Math.max(0, n - 1) }), { maxLength: n }),
      split: fc.nat({ max: n }),
      changeRoles: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: n, maxLength: n }),
      added: fc.uniqueArray(fc.constantFrom(...(fresh.length > 0 ? fresh : ["z"])), { maxLength: fresh.length }),
      addRole: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ touched, split, changeRoles, added, addRole }) => {
      const indices = n === 0 ? [] : touched;
      return {
        changedRoleParticipants: indices.slice(0, split).map((userIndex) => ({ userIndex, roleIndex: changeRoles[userIndex] })),
        removedIndices: indices.slice(split),
        addedParticipants: fresh.length > 0 ? added.map((user) => ({ user, roleIndex: addRole })) : [],
      };
    });
}

/** Anything at all, including out-of-range and duplicate indices, role 0 and listed users. */
const anyUpdateArb: fc.Arbitrary<ParticipantListUpdate> = fc.record({
  changedRoleParticipants: fc.array(fc.record({ userIndex: fc.integer({ min: -1, max: 7 }), roleIndex: fc.integer({ min: 0, max: 4 }) }), { maxLength: 4 }),
  removedIndices: fc.array(fc.integer({ min: -1, max: 7 }), { maxLength: 4 }),
  addedParticipants: fc.array(fc.record({ user: fc.constantFrom(...USERS), roleIndex: fc.integer({ min: 0, max: 4 }) }), { maxLength: 4 }),
});

function wellFormed(list: ParticipantListData): boolean {
  const users = list.participants.map((p) => p.user);
  return new Set(users).size === users.length && list.participants.every((p) => p.roleIndex !== 0);
}

describe("applyParticipantListUpdate properties", () => {
  it("valid updates always apply, and never produce duplicates or role 0", () => {
    fc.assert(
      fc.property(listArb.chain((list) => fc.tuple(fc.constant(list), validUpdateArb(list))), ([list, upd]) => {
        const result = applyParticipantListUpdate(list, upd);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(wellFormed(result.list)).toBe(true);
        expect(result.list.participants.length).toBe(list.participants.length - upd.removedIndices.length + upd.addedParticipants.length);
      }),
      { numRuns: 300 },
    );
  });

  it("arbitrary updates never throw, and what they accept is well formed", () => {
    fc.assert(
      fc.property(listArb, anyUpdateArb, (list, upd) => {
        const result = applyParticipantListUpdate(list, upd);
        if (result.ok) expect(wellFormed(result.list)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
