// room-policy §3 and §3.4 of the spec digest, at the edges: per role, minimum and maximum participants
// (list entries) and minimum and maximum active participants (entries whose user has a client). "Every add
// and every role change into role r must keep r within its max values"; "every removal, ban, kick, demotion
// or leave out of role r must keep r at or above its min values"; "an absent maximum means no maximum";
// "maximum_active_participants_constraint = 0 means users in that role may have no clients". Each expected
// verdict below is one of those sentences applied to counts written out by hand.
import { describe, expect, it } from "vitest";
import type { Role } from "../../impl/codec/roles.js";
import { activatingBreaks, constraintsBrokenAfter, deactivatingBreaks, enteringRoleBreaks, type RoomView } from "../../impl/room/role-constraints.js";

const u = (n: number) => `mimi://a.example/u/user${n}`;
const MEMBER_ROLE = 2;

function role(constraints: Partial<Role>): Role {
  return {
    roleIndex: MEMBER_ROLE,
    roleName: "member",
    roleDescription: "",
    roleCapabilities: [],
    minimumParticipantsConstraint: 0,
    maximumParticipantsConstraint: undefined,
    minimumActiveParticipantsConstraint: 0,
    maximumActiveParticipantsConstraint: undefined,
    authorizedRoleChanges: [],
    ...constraints,
  };
}

/** `listed` users in the role, the first `active` of them with a client. */
function view(constraints: Partial<Role>, listed: number, active: number): RoomView {
  const users = Array.from({ length: listed }, (_, i) => u(i));
  return {
    room: { participants: { participants: users.map((user) => ({ user, roleIndex: MEMBER_ROLE })) }, roles: { roles: [role(constraints)] } },
    activeUsers: new Set(users.slice(0, active)),
  };
}

describe("maximum participants: an add into the role must keep it within its maximum", () => {
  it("maximum 3 with 2 listed: a third may enter", () => {
    expect(enteringRoleBreaks(view({ maximumParticipantsConstraint: 3 }, 2, 0), MEMBER_ROLE, false)).toBeUndefined();
  });
  it("maximum 3 with 3 listed: a fourth may not", () => {
    expect(enteringRoleBreaks(view({ maximumParticipantsConstraint: 3 }, 3, 0), MEMBER_ROLE, false)).toBeDefined();
  });
  it("no maximum: a tenth may enter", () => {
    expect(enteringRoleBreaks(view({}, 9, 9), MEMBER_ROLE, true)).toBeUndefined();
  });
});

describe("maximum active participants: a client added for an inactive user must keep the role within it", () => {
  it("maximum active 2 with 1 active: a second user may become active", () => {
    expect(activatingBreaks(view({ maximumActiveParticipantsConstraint: 2 }, 3, 1), MEMBER_ROLE)).toBeUndefined();
  });
  it("maximum active 2 with 2 active: a third may not", () => {
    expect(activatingBreaks(view({ maximumActiveParticipantsConstraint: 2 }, 3, 2), MEMBER_ROLE)).toBeDefined();
  });
  it("no maximum active: a tenth user may become active", () => {
    expect(activatingBreaks(view({}, 10, 9), MEMBER_ROLE)).toBeUndefined();
  });
  it("maximum active 0: no user of the role may have a client", () => {
    expect(activatingBreaks(view({ maximumActiveParticipantsConstraint: 0 }, 1, 0), MEMBER_ROLE)).toBeDefined();
  });
});

describe("minimum active participants: an active user leaving the role must keep it at or above its minimum", () => {
  it("minimum active 1 with 1 active: the only active user may not go", () => {
    expect(deactivatingBreaks(view({ minimumActiveParticipantsConstraint: 1 }, 2, 1), MEMBER_ROLE)).toBeDefined();
  });
  it("minimum active 1 with 2 active: one may go", () => {
    expect(deactivatingBreaks(view({ minimumActiveParticipantsConstraint: 1 }, 2, 2), MEMBER_ROLE)).toBeUndefined();
  });
});

describe("the constraints after a change, from a state that satisfies them", () => {
  const before = (c: Partial<Role>) => view(c, 2, 1);
  it("one more listed than the maximum participants breaks it", () => {
    expect(constraintsBrokenAfter(before({ maximumParticipantsConstraint: 2 }), view({ maximumParticipantsConstraint: 2 }, 3, 1), false)).toBeDefined();
  });
  it("one more active than the maximum active breaks it", () => {
    expect(constraintsBrokenAfter(before({ maximumActiveParticipantsConstraint: 1 }), view({ maximumActiveParticipantsConstraint: 1 }, 2, 2), false)).toBeDefined();
  });
  it("one fewer active than the minimum active breaks it", () => {
    expect(constraintsBrokenAfter(before({ minimumActiveParticipantsConstraint: 1 }), view({ minimumActiveParticipantsConstraint: 1 }, 2, 0), false)).toBeDefined();
  });
  it("at every bound exactly, nothing is broken", () => {
    const bounds = { minimumParticipantsConstraint: 2, maximumParticipantsConstraint: 2, minimumActiveParticipantsConstraint: 1, maximumActiveParticipantsConstraint: 1 };
    expect(constraintsBrokenAfter(before(bounds), view(bounds, 2, 1), true)).toBeUndefined();
  });
  it("without maximums, growth breaks nothing", () => {
    expect(constraintsBrokenAfter(before({}), view({}, 12, 12), true)).toBeUndefined();
  });
});
