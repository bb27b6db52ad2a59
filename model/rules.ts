/**
 * Rule ids of docs/rules.md (R1–R17) plus R0 for room creation, which is hub-local and outside MIMI
 * (protocol §3.1) but still needs a verdict.
 */
export const RULE_IDS = [
  "R0",
  "R1",
  "R2",
  "R3",
  "R4",
  "R5",
  "R6",
  "R7",
  "R8",
  "R9",
  "R10",
  "R11",
  "R12",
  "R13",
  "R14",
  "R15",
  "R16",
  "R17",
  "R18",
  "R21",
  "R20",
  "R22",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const RULE_TITLES: Readonly<Record<RuleId, string>> = {
  R0: "room creation (hub-local)",
  R1: "epoch",
  R2: "blocked / non-member senders",
  R3: "add participant",
  R4: "add own client (external commit)",
  R5: "remove participant",
  R6: "kick",
  R7: "ban",
  R8: "unban",
  R9: "change role",
  R10: "leave",
  R11: "pending proposals",
  R12: "leave order",
  R13: "per-commit checks",
  R14: "messages",
  R15: "self-update",
  R16: "one commit per epoch",
  R17: "authority of proposals by reference",
  R18: "the policy enforcer (the hub's role)",
  R21: "base room policy",
  R20: "preauthorized users: own role change (canChangeOwnRole)",
  R22: "room-state changes: roles_list, base_room_policy, room_metadata",
};
