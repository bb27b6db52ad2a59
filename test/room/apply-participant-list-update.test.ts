import { describe, expect, it } from "vitest";
import type { ParticipantListData } from "../../impl/codec/participant-list.js";
import { applyParticipantListUpdate } from "../../impl/room/apply-participant-list-update.js";
import { COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { update } from "./helpers.js";

const list = (...entries: [string, number][]): ParticipantListData => ({
  participants: entries.map(([user, roleIndex]) => ({ user, roleIndex })),
});

const ABCD = list(["a", 2], ["b", 2], ["c", 3], ["d", 2]);

function failureOf(result: ReturnType<typeof applyParticipantListUpdate>): string | undefined {
  return result.ok ? undefined : result.failure;
}

describe("applying a participant-list update in the draft's order", () => {
  it("changes roles by index into the current list, then removes by index into that same list, then appends", () => {
    const result = applyParticipantListUpdate(
      ABCD,
      update({ changedRoleParticipants: [{ userIndex: 3, roleIndex: 3 }], removedIndices: [0, 2], addedParticipants: [{ user: "e", roleIndex: 2 }] }),
    );
    expect(result.ok && result.list).toEqual(list(["b", 2], ["d", 3], ["e", 2]));
  });

  it("compacts the list keeping order, whatever order the removed indices come in", () => {
    const forward = applyParticipantListUpdate(ABCD, update({ removedIndices: [1, 2] }));
    const backward = applyParticipantListUpdate(ABCD, update({ removedIndices: [2, 1] }));
    expect(forward.ok && forward.list).toEqual(list(["a", 2], ["d", 2]));
    expect(backward.ok && backward.list).toEqual(forward.ok && forward.list);
  });

  it("reports what it did by user", () => {
    const result = applyParticipantListUpdate(
      ABCD,
      update({ changedRoleParticipants: [{ userIndex: 1, roleIndex: 1 }], removedIndices: [3], addedParticipants: [{ user: "e", roleIndex: 2 }] }),
    );
    expect(result.ok && result.changes).toEqual({
      roleChanges: [{ user: "b", fromRole: 2, toRole: 1 }],
      removals: [{ user: "d", roleIndex: 2 }],
      additions: [{ user: "e", roleIndex: 2 }],
    });
  });

  it("leaves its input untouched", () => {
    const before = structuredClone(ABCD);
    applyParticipantListUpdate(ABCD, update({ changedRoleParticipants: [{ userIndex: 0, roleIndex: 3 }], removedIndices: [1] }));
    expect(ABCD).toEqual(before);
  });

  it("accepts an empty update as a no-op", () => {
    const result = applyParticipantListUpdate(ABCD, update({}));
    expect(result.ok && result.list).toEqual(ABCD);
  });
});

describe("malformed participant-list updates are typed failures", () => {
  const cases: [string, Parameters<typeof update>[0], string][] = [
    ["a changed index out of range", { changedRoleParticipants: [{ userIndex: 4, roleIndex: 2 }] }, "indexOutOfRange"],
    ["a removed index out of range", { removedIndices: [4] }, "indexOutOfRange"],
    ["a negative index", { removedIndices: [-1] }, "notUint32"],
    ["a fractional index", { removedIndices: [0.5] }, "notUint32"],
    ["the same index changed twice", { changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }, { userIndex: 1, roleIndex: 2 }] }, "duplicateIndex"],
    ["the same index removed twice", { removedIndices: [1, 1] }, "duplicateIndex"],
    ["a user changed and removed", { changedRoleParticipants: [{ userIndex: 1, roleIndex: 3 }], removedIndices: [1] }, "userTouchedTwice"],
    ["a user removed and added again", { removedIndices: [1], addedParticipants: [{ user: "b", roleIndex: 2 }] }, "userTouchedTwice"],
    ["a user added twice", { addedParticipants: [{ user: "e", roleIndex: 2 }, { user: "e", roleIndex: 3 }] }, "userTouchedTwice"],
    ["adding a listed user", { addedParticipants: [{ user: "c", roleIndex: 2 }] }, "userAlreadyListed"],
    ["a role changed to 0", { changedRoleParticipants: [{ userIndex: 0, roleIndex: 0 }] }, "roleZero"],
    ["a user added with role 0", { addedParticipants: [{ user: "e", roleIndex: 0 }] }, "roleZero"],
    ["an unknown role", { addedParticipants: [{ user: "e", roleIndex: 9 }] }, "unknownRole"],
  ];
  for (const [name, parts, failure] of cases) {
    it(`refuses ${name}`, () => {
      expect(failureOf(applyParticipantListUpdate(ABCD, update(parts), COOPERATIVELY_ADMINISTERED_ROLES))).toBe(failure);
    });
  }

  it("checks role existence only when given the roles", () => {
    expect(applyParticipantListUpdate(ABCD, update({ addedParticipants: [{ user: "e", roleIndex: 9 }] })).ok).toBe(true);
  });
});
