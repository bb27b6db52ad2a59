// The Appendix A role sets run end to end: model and implementation (hub, followers, clients on real MLS)
// agree on every verdict and state in A.2 strictly administered, A.3 moderated and A.4 multi-organization,
// and at least one refusal that a capability or role-change entry of the set's text implies was met (a
// floor: the run was not vacuous).
import { describe, expect, it } from "vitest";
import { report, run, setupFor } from "./helpers.js";

const CASES = [
  // A.2: ordinary_user has no canAddParticipant, canRemoveParticipant, canKick, canBan; group_admin's
  // (0,[1,2,3]) lists nobody as super_admin or policy_enforcer.
  { roleSet: "strict", refused: ["addParticipant roleChangeNotAuthorized", "addParticipant missingCanAddParticipant", "removeParticipant missingCanRemoveParticipant", "kick missingCanKick", "ban missingCanBan"] },
  // A.3: guest and attendee have no canSendMessage; guest, attendee and speaker no canAddParticipant,
  // canKick or canBan; guest no canAddOwnClient.
  { roleSet: "moderated", refused: ["sendMessage missingCanSendMessage", "addParticipant missingCanAddParticipant", "kick missingCanKick", "ban missingCanBan", "addOwnClient missingCanAddOwnClient"] },
  // A.4: admins move users only between their organisation's roles; users manage nobody.
  { roleSet: "multi-org", refused: ["addParticipant roleChangeNotAuthorized", "changeRole roleChangeNotAuthorized", "kick missingCanKick", "addParticipant missingCanAddParticipant"] },
] as const;

describe("model versus implementation in the Appendix A.2–A.4 role sets", () => {
  for (const { roleSet, refused } of CASES) {
    it(`holds in ${roleSet}`, async () => {
      const result = await run(setupFor("same-commit/must-include", { roleSet }), 10, 12);
      expect(result.failure, report(result)).toBeUndefined();
      expect(result.error).toBeUndefined();
      expect(result.coverage.commands).toBeGreaterThan(60);
      const seen = [...result.coverage.refusals.keys()];
      expect(seen.filter((k) => (refused as readonly string[]).includes(k)), JSON.stringify(seen)).not.toEqual([]);
    });
  }
});
