// Last pass: properties of the whole change, whoever proposed its parts (so by-reference proposals too).
//   R5/R7/R10: a delisted or banned user keeps no client; R6: a kicked user keeps no client.
//   R3/R4 (H6): every added client's user ends up listed in a role that allows clients.
//   R13: every remaining member's user is listed in a role that allows clients, and the role constraints hold.
import type { CommitItem } from "./commit-item.js";
import type { PlannedStep } from "./classify-actions.js";
import { constraintsBrokenAfter } from "./role-constraints.js";
import { activeUsersOf, clientsOfUser, NOT_LISTED_ROLE, roleByIndex, roleIndexOfUser, type Member, type RoomState } from "./room-state.js";
import { notAllowed, type Refusal, type RuleId } from "./verdict.js";

const RULE_OF_ALL_CLIENTS_GONE: Partial<Record<string, RuleId>> = {
  removeParticipant: "R5",
  leave: "R10",
  ban: "R7",
  kick: "R6",
};

/** Why `user` may not have clients in `room`, or undefined. */
export function clientsForbiddenReason(room: RoomState, user: string): string | undefined {
  const roleIndex = roleIndexOfUser(room, user);
  if (roleIndex === NOT_LISTED_ROLE) return `${user} is not listed`;
  const role = roleByIndex(room.roles, roleIndex);
  if (role === undefined) return `${user}'s role ${roleIndex} does not exist`;
  if (role.maximumActiveParticipantsConstraint === 0) return `${user}'s role ${roleIndex} (${role.roleName}) allows no clients`;
  return undefined;
}

export function checkCompletion(input: {
  items: readonly CommitItem[];
  steps: readonly PlannedStep[];
  before: { room: RoomState; members: readonly Member[] };
  after: { room: RoomState; members: readonly Member[] };
  /** Roles whose constraints must hold outright (the others: only not made worse). */
  strictConstraints: boolean | ReadonlySet<number>;
  /** Planted defect: skip the clients' checks (R3–R7, R10, R13's clients), CheckContext.skip. */
  skipClients?: boolean;
}): Refusal | undefined {
  const { after } = input;
  for (const step of input.skipClients === true ? [] : input.steps) {
    if (step.kind !== "action") continue;
    const rule = RULE_OF_ALL_CLIENTS_GONE[step.planned.action.kind];
    if (rule === undefined) continue;
    const left = clientsOfUser(after.members, step.planned.subject);
    if (left.length > 0) {
      return notAllowed(rule, `${step.planned.action.kind} of ${step.planned.subject} must remove all its clients in the same commit; ${left.join(", ")} would remain`);
    }
  }

  for (const item of input.skipClients === true ? [] : input.items) {
    if (item.kind !== "add" && item.kind !== "externalInit") continue;
    const byOwnUser = item.kind === "externalInit" || (item.proposer.kind !== "hub" && item.proposer.user === item.user);
    const reason = clientsForbiddenReason(after.room, item.user);
    if (reason !== undefined) return notAllowed(byOwnUser ? "R4" : "R3", `cannot add ${item.client}: ${reason} after this change`);
  }

  for (const member of input.skipClients === true ? [] : after.members) {
    const reason = clientsForbiddenReason(after.room, member.user);
    if (reason !== undefined) return notAllowed("R13", `${member.client} would stay a member but ${reason}`);
  }

  const broken = constraintsBrokenAfter(
    { room: input.before.room, activeUsers: activeUsersOf(input.before.members) },
    { room: after.room, activeUsers: activeUsersOf(after.members) },
    input.strictConstraints,
  );
  return broken === undefined ? undefined : notAllowed("R13", broken);
}
