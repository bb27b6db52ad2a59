// Which roles_list a room may be created with (docs/rules.md "Generated policies"), on both sides, from
// hand-written sets: the drafts' reasons to refuse, and what this project keeps (D11).
import { describe, expect, it } from "vitest";
import { initialRoomProblem, roleDataProblem } from "../../impl/room/role-set-validity.js";
import { role } from "../../impl/room/fixtures/role-builder.js";
import { defineRole, type RoleSpec } from "../../model/fixtures/roleBuilder.js";
import { DEFAULT_VARIANTS } from "../../model/config.js";
import { roleSetProblem } from "../../model/roleSetValidity.js";

const base: RoleSpec[] = [
  { index: 0, name: "no_role", capabilities: [], maxActive: 0 },
  { index: 1, name: "banned", capabilities: [], maxActive: 0 },
  { index: 2, name: "member", capabilities: ["canAddParticipant", "canBan"], changes: [[0, [2]], [2, [1]]] },
];
const implOf = (specs: RoleSpec[]) => ({ roles: specs.map((s) => role({ ...s, capabilities: s.capabilities as never })) });
const modelOf = (specs: RoleSpec[]) => ({ roles: specs.map(defineRole), creatorRole: 2, variants: DEFAULT_VARIANTS });

describe("roles_list at room creation", () => {
  it.each([
    ["a role index twice", [...base, { ...base[2]!, name: "again" }], "duplicateRoleIndex"],
    ["no role 0", base.slice(1), "noRoleMissing"],
    ["a change naming role 7, which is not defined", [base[0]!, base[1]!, { ...base[2]!, changes: [[0, [7]]] as const }], "undefinedRoleInChanges"],
    ["a minimum of 2 participants with a maximum of 1", [base[0]!, base[1]!, { ...base[2]!, minParticipants: 2, maxParticipants: 1 }], "minAboveMax"],
    ["canOpenJoin on role 2 (§8.1.1 MUST NOT)", [base[0]!, base[1]!, { ...base[2]!, capabilities: ["canOpenJoin"] }], "openJoinOnNonZeroRole"],
  ] as const)("refused on both sides: %s", (_, specs, reason) => {
    expect(roleSetProblem(modelOf([...specs]))).toBe(reason);
    expect(roleDataProblem(implOf([...specs]))).toBeDefined();
  });

  it("keeps a room whose role 1 is not named banned although a role holds canBan (D11)", () => {
    const specs = [base[0]!, { ...base[1]!, name: "muted" }, base[2]!];
    expect(roleSetProblem(modelOf(specs))).toBeUndefined();
    expect(roleDataProblem(implOf(specs))).toBeUndefined();
  });

  it("the implementation refuses two authorized_role_changes entries from one role (SingleSourceRoleChangeTargets)", () => {
    const specs = [base[0]!, base[1]!, { ...base[2]!, changes: [[0, [2]], [0, [1]]] as const }];
    expect(roleDataProblem(implOf(specs))).toMatch(/two authorized_role_changes entries from 0/);
  });

  it("the hub refuses a creator's role that may hold no client", () => {
    const roles = implOf([base[0]!, base[1]!, { ...base[2]!, maxActive: 0 }]);
    expect(initialRoomProblem({ roles, participants: { participants: [{ user: "mimi://a.example/u/alice", roleIndex: 2 }] } })).toMatch(/creator's role 2/);
    expect(initialRoomProblem({ roles: implOf(base), participants: { participants: [{ user: "mimi://a.example/u/alice", roleIndex: 2 }] } })).toBeUndefined();
  });
});
