// base_room_policy (room-policy §5): field order and encodings from the draft's struct, round trips,
// and one value, one encoding (a bool other than 0/1 is refused).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBaseRoomPolicy, encodeBaseRoomPolicy, type BaseRoomPolicy } from "../../impl/codec/base-room-policy.js";
import { addCounts, expectCodecError, expectReencodingExercised, expectStandardRejections, NO_COUNTS } from "./helpers/codec-assertions.js";
import { text, uint16, uint32 } from "./helpers/room-arbitraries.js";

const policyArb: fc.Arbitrary<BaseRoomPolicy> = fc.record({
  fixedMembership: fc.boolean(),
  parentDependant: fc.boolean(),
  parentRoom: fc.array(text, { maxLength: 2 }),
  multiDevice: fc.boolean(),
  maxClients: fc.option(uint32, { nil: undefined }),
  maxUsers: fc.option(uint32, { nil: undefined }),
  pseudonymsAllowed: fc.boolean(),
  persistentRoom: fc.boolean(),
  discoverable: fc.boolean(),
  policyComponentIds: fc.array(uint16, { maxLength: 4 }),
});

const dm: BaseRoomPolicy = {
  fixedMembership: true,
  parentDependant: false,
  parentRoom: [],
  multiDevice: false,
  maxClients: 2,
  maxUsers: undefined,
  pseudonymsAllowed: false,
  persistentRoom: true,
  discoverable: false,
  policyComponentIds: [0x0025],
};

describe("BaseRoomPolicy", () => {
  it("has the draft's field order", () => {
    expect(Array.from(encodeBaseRoomPolicy(dm))).toEqual([
      1, // fixed_membership
      0, // parent_dependant
      0, // parent_room<V>: empty
      0, // multi_device
      1, 0, 0, 0, 2, // max_clients: present, 2
      0, // max_users: absent
      0, // pseudonyms_allowed
      1, // persistent_room
      0, // discoverable
      2, 0x00, 0x25, // policy_component_ids: [roles_list]
    ]);
  });

  it("writes parent_room as a vector of URIs", () => {
    const bytes = encodeBaseRoomPolicy({ ...dm, parentDependant: true, parentRoom: ["r"] });
    expect(Array.from(bytes.slice(0, 5))).toEqual([1, 1, 2, 1, 0x72]);
  });

  it("round-trips", () => {
    fc.assert(fc.property(policyArb, (p) => {
      expect(decodeBaseRoomPolicy(encodeBaseRoomPolicy(p))).toEqual(p);
    }), { seed: 9420, numRuns: 200 });
  });

  it("refuses a bool other than 0 or 1", () => {
    const bad = encodeBaseRoomPolicy(dm);
    bad[0] = 2;
    expectCodecError(() => decodeBaseRoomPolicy(bad), "invalidValue");
  });

  it("rejects truncation, trailing bytes and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(policyArb, (p) => {
      seen = addCounts(seen, expectStandardRejections(encodeBaseRoomPolicy(p), decodeBaseRoomPolicy, encodeBaseRoomPolicy));
    }), { seed: 9420, numRuns: 15 });
    expectReencodingExercised(seen);
  });
});
