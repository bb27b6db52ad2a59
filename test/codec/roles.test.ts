import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeWith } from "../../impl/codec/exact.js";
import { decodeRoleData, encodeRoleData, writeRole, type Role } from "../../impl/codec/roles.js";
import { concat, expectCodecError, expectOnlyCodecErrorsUnderMutation, expectEveryPrefixTruncated, expectTrailingByteRejected, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { roleData } from "./helpers/room-arbitraries.js";

const banned: Role = {
  roleIndex: 1,
  roleName: "banned",
  roleDescription: "",
  roleCapabilities: [],
  minimumParticipantsConstraint: 0,
  maximumParticipantsConstraint: undefined,
  minimumActiveParticipantsConstraint: 0,
  maximumActiveParticipantsConstraint: 0,
  authorizedRoleChanges: [],
};

describe("RoleData", () => {
  it("round-trips", () => {
    fc.assert(fc.property(roleData, (data) => {
      expect(decodeRoleData(encodeRoleData(data))).toEqual(data);
    }), { seed: 9420 });
  });

  it("has the draft's field order", () => {
    const bytes = encodeWith(writeRole, { ...banned, roleCapabilities: [0x0102], authorizedRoleChanges: [{ fromRoleIndex: 0, targetRoleIndexes: [1] }] });
    expect(Array.from(bytes)).toEqual([
      0, 0, 0, 1, // role_index
      6, 0x62, 0x61, 0x6e, 0x6e, 0x65, 0x64, // "banned"
      0, // role_description
      2, 1, 2, // role_capabilities
      0, 0, 0, 0, // minimum_participants
      0, // no maximum
      0, 0, 0, 0, // minimum_active
      1, 0, 0, 0, 0, // maximum_active = 0
      9, 0, 0, 0, 0, 4, 0, 0, 0, 1, // authorized_role_changes: (0, [1])
    ]);
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(roleData, (data) => {
      const bytes = encodeRoleData(data);
      expectEveryPrefixTruncated(bytes, decodeRoleData);
      expectTrailingByteRejected(bytes, decodeRoleData);
      seen = addCounts(seen, expectOnlyCodecErrorsUnderMutation(bytes, decodeRoleData, encodeRoleData, 10));
    }), { seed: 9420, numRuns: 30 });
    expectReencodingExercised(seen);
  });

  it("rejects a bad optional flag for a maximum", () => {
    const good = encodeRoleData({ roles: [banned] });
    // the flag of maximum_participants_constraint sits after index(4) name(7) description(1) caps(1) min(4), inside the vector prefix(1)
    const flagAt = 1 + 4 + 7 + 1 + 1 + 4;
    expect(good[flagAt]).toBe(0);
    const bad = good.slice();
    bad[flagAt] = 2;
    expectCodecError(() => decodeRoleData(bad), "invalidValue");
  });

  it("rejects a role name that is not UTF-8", () => {
    const body = concat([0, 0, 0, 1], [1, 0xfe], [0], [0], [0, 0, 0, 0], [0], [0, 0, 0, 0], [0], [0]);
    expectCodecError(() => decodeRoleData(concat([body.length], body)), "invalidValue");
  });

  it("rejects capabilities that are not whole uint16s", () => {
    const body = concat([0, 0, 0, 1], [0], [0], [1, 7], [0, 0, 0, 0], [0], [0, 0, 0, 0], [0], [0]);
    expectCodecError(() => decodeRoleData(concat([body.length], body)), "lengthOverflow");
  });
});
