import { describe, expect, it } from "vitest";
import { bannedRoleIsDefined, findRole, roleChangeAllowed } from "../../model/index.js";
import { COOPERATIVE_ROLES, cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";

describe("role set fixtures", () => {
  it("transcribe the cooperatively administered room of room-policy-03 Appendix A.1", () => {
    expect(COOPERATIVE_ROLES.map((r) => [r.index, r.name])).toEqual([
      [0, "no_role"],
      [1, "banned"],
      [2, "ordinary_user"],
      [3, "group_admin"],
      [4, "super_admin"],
      [5, "policy_enforcer"],
    ]);
    const config = cooperativeConfig();
    expect(bannedRoleIsDefined(config)).toBe(true);
    const admin = findRole(config, 3)!;
    expect([admin.minParticipants, admin.maxParticipants, admin.minActive, admin.maxActive]).toEqual([1, undefined, 0, undefined]);
    const enforcer = findRole(config, 5)!;
    expect([enforcer.minParticipants, enforcer.maxParticipants, enforcer.maxActive]).toEqual([1, 2, 0]);
    expect(enforcer.capabilities.has("canAddParticipant")).toBe(false);
    expect(findRole(config, 2)!.capabilities.has("canKick")).toBe(false);
    expect(admin.capabilities.has("canKick")).toBe(true);
    expect(roleChangeAllowed(config, 2, 0, 2)).toBe(true);
    expect(roleChangeAllowed(config, 2, 0, 3)).toBe(false);
    expect(roleChangeAllowed(config, 3, 3, 0)).toBe(true);
    expect(roleChangeAllowed(config, 5, 1, 0)).toBe(true);
    expect(roleChangeAllowed(config, 5, 1, 2)).toBe(false);
    expect(findRole(config, 1)!.maxActive).toBe(0);
    expect(config.creatorRole).toBe(3);
  });

  it("provide a restricted set whose ordinary role lacks almost every capability", () => {
    const config = restrictedConfig();
    expect([...findRole(config, 2)!.capabilities]).toEqual(["canReceiveMessage"]);
    expect(findRole(config, 4)!.maxActive).toBe(0);
    expect(findRole(config, 3)!.maxParticipants).toBe(2);
  });
});
