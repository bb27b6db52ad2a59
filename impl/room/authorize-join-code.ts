// Join codes (room-policy §8.1.1 canUseJoinCode; docs/rules.md R4 "Join codes"): a user who is not a
// participant joins by itself with a code it got out of band (canCreateJoinCode is reserved: no MIMI flow
// issues codes). It sends the code as GroupInfoRequest.joiningCode; the hub, which alone holds the code
// table, judges it and lists the user in the code's role by its own external proposal, as for an open join.
// Clients cannot see the table: they judge the hub's listing by what they can check (joinCodeListing).
import { outsiderRefusal } from "./authorize-open-join.js";
import { basePolicyRefusesListing } from "./base-policy.js";
import { CAPABILITY, hasCapability } from "./capabilities.js";
import { enteringRoleBreaks, type RoomView } from "./role-constraints.js";
import { BANNED_ROLE, NOT_LISTED_ROLE, roleByIndex } from "./room-state.js";
import { ALLOWED, notAllowed, type PolicyVerdict, type Refusal } from "./verdict.js";

/**
 * One code of the hub's table. `expired`: past its lifetime (a state, not a clock: this hub's table is
 * configured); `single-use`: consumed by its first accepted use; `valid`: usable by anyone, again and again.
 */
export interface JoinCode {
  readonly code: string;
  readonly roleIndex: number;
  readonly state: "valid" | "expired" | "single-use";
}

type JoinView = RoomView & { blockedUsers: ReadonlySet<string> };

/** Role 0 holds canUseJoinCode, and `roleIndex` is a defined role other than 0 and 1 that takes one more participant. */
function roomRefusal(view: JoinView, roleIndex: number, skipBasePolicy = false): string | undefined {
  if (!hasCapability(roleByIndex(view.room.roles, NOT_LISTED_ROLE), CAPABILITY.canUseJoinCode)) return "role 0 lacks canUseJoinCode";
  if (roleIndex === NOT_LISTED_ROLE || roleIndex === BANNED_ROLE || roleByIndex(view.room.roles, roleIndex) === undefined)
    return `the code names role ${roleIndex}, which no one can join`;
  // The listing brings no client: max active is the client's own external commit's business (R4).
  // The base room policy lets the list grow (R21's caps, reported under R4 as for an open join).
  return enteringRoleBreaks(view, roleIndex, false) ?? (skipBasePolicy ? undefined : basePolicyRefusesListing(view.room));
}

/**
 * R4, join with a code, as the hub judges it: `user` is no participant, role 0 holds canUseJoinCode, the
 * code is in the table (`code` undefined otherwise), not expired, not `used` already, and names a defined
 * role other than 0 and 1 that takes one more participant (pending listings count: `view` is hub-live),
 * and the base room policy lets the list grow (`skipBasePolicy`: planted defect skipBasePolicyCheck).
 */
export function authorizeJoinCode(view: JoinView, user: string, code: JoinCode | undefined, used: boolean, options: { skipBasePolicy?: boolean } = {}): PolicyVerdict {
  const refuse = (reason: string) => notAllowed("R4", reason);
  const participant = outsiderRefusal(view, user);
  if (participant !== undefined) return refuse(participant);
  if (!hasCapability(roleByIndex(view.room.roles, NOT_LISTED_ROLE), CAPABILITY.canUseJoinCode)) return refuse("role 0 lacks canUseJoinCode");
  if (code === undefined) return refuse("the join code is unknown");
  if (code.state === "expired") return refuse(`the join code ${code.code} has expired`);
  if (used) return refuse(`the join code ${code.code} was already used`);
  const room = roomRefusal(view, code.roleIndex, options.skipBasePolicy === true);
  return room === undefined ? ALLOWED : refuse(room);
}

/**
 * What a client can check of the hub's listing of `user` in `roleIndex` as a code join: everything but
 * the code itself (the table is the hub's alone; docs/attacks.md "List anyone in a join-code room"):
 * the user is no participant, role 0 holds canUseJoinCode, and the role is joinable and has room.
 */
export function authorizeJoinCodeListing(view: JoinView, user: string, roleIndex: number): PolicyVerdict {
  const refusal = outsiderRefusal(view, user) ?? roomRefusal(view, roleIndex);
  return refusal === undefined ? ALLOWED : notAllowed("R4", refusal);
}

/**
 * A client's judgement of the hub's listing of an outsider once the other ways to join (open join,
 * preauthorisation) refused it as `otherwise`: in a room whose role 0 holds canUseJoinCode it may be a code
 * join, allowed when joinCodeListing allows it. The refusal given is the code join's where role 0 offers
 * codes and no open join, else `otherwise` (so rooms without codes judge exactly as before).
 */
export function listingByCodeRefusal(view: JoinView, user: string, roleIndex: number, otherwise: Refusal): Refusal | undefined {
  const role0 = roleByIndex(view.room.roles, NOT_LISTED_ROLE);
  if (!hasCapability(role0, CAPABILITY.canUseJoinCode)) return otherwise;
  const verdict = authorizeJoinCodeListing(view, user, roleIndex);
  if (verdict.ok) return undefined;
  return hasCapability(role0, CAPABILITY.canOpenJoin) ? otherwise : verdict;
}
