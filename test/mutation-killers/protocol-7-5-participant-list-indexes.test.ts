// protocol §7.5 (ParticipantListUpdate): user_index and role_index are uint32, and user indexes count from
// 0 in the current list. So 4294967295 (2^32 − 1) is a well-formed role index and 4294967296, −1 and 1.5
// are not; the first listed user is at index 0 and is listed. Expected values are those of the struct's types.
import { describe, expect, it } from "vitest";
import type { RoleData } from "../../impl/codec/roles.js";
import { applyParticipantListUpdate } from "../../impl/room/apply-participant-list-update.js";
import { indexOfUser, isListed } from "../../impl/room/room-state.js";

const ALICE = "mimi://a.example/u/alice";
const BOB = "mimi://a.example/u/bob";
const list = { participants: [{ user: ALICE, roleIndex: 3 }, { user: BOB, roleIndex: 2 }] };
const update = (added: number) => ({ changedRoleParticipants: [], removedIndices: [], addedParticipants: [{ user: "mimi://a.example/u/carol", roleIndex: added }] });
const changed = (roleIndex: number) => ({ changedRoleParticipants: [{ userIndex: 1, roleIndex }], removedIndices: [], addedParticipants: [] });

describe("protocol §7.5: role_index is a uint32", () => {
  it("2^32 − 1 is a well-formed role index (no roles_list given, so any uint32 but 0 is accepted)", () => {
    expect(applyParticipantListUpdate(list, update(0xffffffff)).ok).toBe(true);
    expect(applyParticipantListUpdate(list, changed(0xffffffff)).ok).toBe(true);
  });
  for (const bad of [0x100000000, -1, 1.5]) {
    it(`${bad} is not a uint32 role index, for an addition or a role change`, () => {
      const added = applyParticipantListUpdate(list, update(bad));
      expect(added.ok).toBe(false);
      if (!added.ok) expect(added.failure).toBe("notUint32");
      const change = applyParticipantListUpdate(list, changed(bad));
      expect(change.ok).toBe(false);
      if (!change.ok) expect(change.failure).toBe("notUint32");
    });
  }
  it("with a roles_list, a uint32 role index absent from it is unknown, not malformed", () => {
    const roles: RoleData = { roles: [] };
    const r = applyParticipantListUpdate(list, update(0xffffffff), roles);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failure).toBe("unknownRole");
  });
});

describe("protocol §7.5: user indexes count from 0 in the current list", () => {
  it("the first listed user is at index 0, and is listed", () => {
    expect(indexOfUser({ participants: list, roles: { roles: [] } }, ALICE)).toBe(0);
    expect(isListed({ participants: list, roles: { roles: [] } }, ALICE)).toBe(true);
  });
  it("a user not in the list has no index", () => {
    expect(indexOfUser({ participants: list, roles: { roles: [] } }, "mimi://a.example/u/dave")).toBeUndefined();
  });
});
