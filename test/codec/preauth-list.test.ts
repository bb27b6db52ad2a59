// preauth_list (room-policy §4): PreAuthData round-trips, has the draft's layout (with target_role as the
// draft's whole Role struct carrying only its role_index), and rejects anything else with CodecErrors.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePreAuthData, encodePreAuthData, type PreAuthData } from "../../impl/codec/preauth-list.js";
import { encodeRoleData } from "../../impl/codec/roles.js";
import { addCounts, concat, expectCodecError, expectReencodingExercised, expectStandardRejections, NO_COUNTS } from "./helpers/codec-assertions.js";

const bytes = fc.uint8Array({ maxLength: 6 });
const preAuthData: fc.Arbitrary<PreAuthData> = fc.record({
  preauthorizedEntries: fc.array(
    fc.record({
      claimset: fc.array(fc.record({ claimId: fc.record({ credentialType: fc.nat({ max: 0xffff }), id: bytes }), claimValue: bytes }), { maxLength: 3 }),
      targetRoleIndex: fc.nat({ max: 0xffffffff }),
    }),
    { maxLength: 3 },
  ),
});

// A Role naming only its index: uint32 index, empty name, empty description, no capabilities, min 0,
// absent max, min active 0, absent max active, no role changes (room-policy §3 Role).
const ROLE_REFERENCE_2 = [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

describe("PreAuthData", () => {
  it("round-trips", () => {
    fc.assert(fc.property(preAuthData, (data) => {
      expect(decodePreAuthData(encodePreAuthData(data))).toEqual(data);
    }), { seed: 9420 });
  });

  it("has the draft's layout: claimset<V> of (ClaimId{uint16, id<V>}, value<V>), then a whole Role", () => {
    const data: PreAuthData = {
      preauthorizedEntries: [{ claimset: [{ claimId: { credentialType: 2, id: Uint8Array.from([0x55, 0x1d, 0x11]) }, claimValue: Uint8Array.from([0x75]) }], targetRoleIndex: 2 }],
    };
    const claim = [0, 2, 3, 0x55, 0x1d, 0x11, 1, 0x75];
    const entry = [claim.length, ...claim, ...ROLE_REFERENCE_2];
    expect(Array.from(encodePreAuthData(data))).toEqual([entry.length, ...entry]);
  });

  it("rejects a target_role carrying more than its index (a second definition of the role)", () => {
    const named = encodeRoleData({
      roles: [{ roleIndex: 2, roleName: "x", roleDescription: "", roleCapabilities: [], minimumParticipantsConstraint: 0, maximumParticipantsConstraint: undefined, minimumActiveParticipantsConstraint: 0, maximumActiveParticipantsConstraint: undefined, authorizedRoleChanges: [] }],
    }).slice(1); // the one Role, without RoleData's vector prefix
    const entry = concat([0], named);
    expectCodecError(() => decodePreAuthData(concat([entry.length], entry)), "invalidValue");
    const capable = Uint8Array.from([...ROLE_REFERENCE_2.slice(0, 6), 2, 0, 5, ...ROLE_REFERENCE_2.slice(7)]);
    const entry2 = concat([0], capable);
    expectCodecError(() => decodePreAuthData(concat([entry2.length], entry2)), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(preAuthData.filter((d) => d.preauthorizedEntries.length > 0), (data) => {
      seen = addCounts(seen, expectStandardRejections(encodePreAuthData(data), decodePreAuthData, encodePreAuthData));
    }), { seed: 9420, numRuns: 30 });
    expectReencodingExercised(seen);
  });
});
