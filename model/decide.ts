import type { RoomEvent, RoomEventType } from "./events.js";
import { userOf } from "./ids.js";
import { checkRule } from "./hubRules.js";
import type { RoomContext, RoomStateValue } from "./roomContext.js";
import type { RuleId } from "./rules.js";
import type { Verdict } from "./verdict.js";

/**
 * The order in which the hub evaluates its rules for each operation on an open room: the epoch first,
 * then the sender, then the operation's own authorisation, then the commit-wide rules. The room machine
 * is built from this table (one guarded transition per rule), and `decide` walks it the same way.
 */
export const RULE_CHAINS: Readonly<Record<Exclude<RoomEventType, "createRoom">, readonly RuleId[]>> = {
  addParticipant: ["R1", "R2", "R3", "R11", "R17", "R12", "R13", "R21", "R16"],
  addOwnClient: ["R1", "R4", "R11", "R13", "R21", "R16"],
  leave: ["R1", "R2", "R10", "R12"],
  commit: ["R1", "R15", "R2", "R11", "R17", "R12", "R13", "R21", "R16"],
  removeParticipant: ["R1", "R2", "R12", "R5", "R11", "R17", "R13", "R21", "R16"],
  kick: ["R1", "R2", "R12", "R6", "R11", "R17", "R13", "R21", "R16"],
  ban: ["R1", "R2", "R12", "R7", "R11", "R17", "R13", "R21", "R16"],
  unban: ["R1", "R2", "R12", "R8", "R20", "R11", "R17", "R13", "R21", "R16"],
  changeRole: ["R1", "R2", "R12", "R9", "R20", "R11", "R17", "R13", "R21", "R16"],
  changePreauthList: ["R1", "R2", "R20", "R11", "R17", "R13", "R16"],
  // R22 judges the new component on the room the commit makes; a new base policy replaces R21's.
  changeRoleDefinitions: ["R1", "R2", "R22", "R11", "R17", "R13", "R21", "R16"],
  changeRoomPolicy: ["R1", "R2", "R22", "R11", "R17", "R13", "R16"],
  changeMetadata: ["R1", "R2", "R22", "R11", "R17", "R13", "R21", "R16"],
  sendMessage: ["R1", "R14"],
  staleCommit: ["R1", "R16"],
  // A /groupInfo request: it names no epoch and no member sends it, so R4 alone judges it.
  openJoin: ["R4"],
  // An operator's request to the hub's policy enforcer (R18): hub-local, no epoch and no MLS sender; the
  // enforcer listed and the wire form first, then the member operation's checks with the enforcer's role.
  enforce: ["R18", "R12", "R13", "R3", "R5", "R7", "R8", "R9", "R20"],
  // Hub-local like creation (R0): no epoch, no MLS sender check (see hubRules.ts r0).
  destroyRoom: ["R0"],
};

/** Refusals that need no rule evaluation: anything before the room exists, a second creation. */
export const NO_ROOM_REASON = "noRoom";
export const ROOM_EXISTS_REASON = "roomExists";
/** Anything sent to a room the hub closed or a member destroyed (variants roomEnd hub-closes, destroy). */
export const ROOM_CLOSED_REASON = "roomClosed";

/** The rule an accepted event is credited to. */
export function primaryRule(ctx: RoomContext, event: RoomEvent): RuleId {
  switch (event.type) {
    case "createRoom":
      return "R0";
    case "addParticipant":
      return "R3";
    case "addOwnClient":
    case "openJoin":
      return "R4";
    case "leave":
      return "R10";
    case "commit":
      return ctx.pending.length === 0 ? "R15" : event.includePending ? "R17" : "R11";
    case "removeParticipant":
      return "R5";
    case "kick":
      return "R6";
    case "ban":
      return "R7";
    case "unban":
      return "R8";
    case "changePreauthList":
      return "R20";
    case "changeRoleDefinitions":
    case "changeRoomPolicy":
    case "changeMetadata":
      return "R22";
    case "changeRole":
      // One's own role (canChangeOwnRole): R20.
      return event.target === userOf(event.actor) ? "R20" : "R9";
    case "sendMessage":
      return "R14";
    case "staleCommit":
      return "R16";
    case "destroyRoom":
      return "R0";
    case "enforce":
      return "R18";
  }
}

/** The chain of rules for `event` in the room state `value` (empty when refused outright). */
export function ruleChain(value: RoomStateValue, event: RoomEvent): readonly RuleId[] {
  if (value === "closed") return [];
  if (value === "noRoom") return event.type === "createRoom" ? ["R0"] : [];
  return event.type === "createRoom" ? [] : RULE_CHAINS[event.type];
}

/** The hub's verdict on `event`, computed from the rule guards alone (the machine records the same). */
export function decide(value: RoomStateValue, ctx: RoomContext, event: RoomEvent): Verdict {
  if (value === "noRoom" && event.type !== "createRoom")
    return { accepted: false, code: "notAllowed", rule: "R0", reason: NO_ROOM_REASON, passed: [] };
  if (value === "closed") return { accepted: false, code: "notAllowed", rule: "R0", reason: ROOM_CLOSED_REASON, passed: [] };
  if (value === "open" && event.type === "createRoom")
    return { accepted: false, code: "notAllowed", rule: "R0", reason: ROOM_EXISTS_REASON, passed: [] };
  const passed: RuleId[] = [];
  for (const rule of ruleChain(value, event)) {
    const check = checkRule(rule, ctx, event);
    if (!check.applies) continue;
    if (!check.ok) {
      return {
        accepted: false,
        code: check.code,
        rule,
        reason: check.reason,
        passed,
        ...(check.currentEpoch === undefined ? {} : { currentEpoch: check.currentEpoch }),
      };
    }
    passed.push(rule);
  }
  return { accepted: true, rule: primaryRule(ctx, event), passed };
}
