// The actions the room policy authorises, one user acting at a time (docs/rules.md R3–R10, R14).

export type RoomAction =
  | { kind: "addParticipant"; target: string; role: number; withClients: boolean } // R3
  | { kind: "addOwnClient" } // R4: external join, or a member adding another client of its own user
  | { kind: "removeParticipant"; target: string } // R5
  | { kind: "kick"; target: string } // R6
  | { kind: "ban"; target: string } // R7
  | { kind: "unban"; target: string; role: number } // R8
  | { kind: "changeRole"; target: string; role: number } // R9
  | { kind: "leave" } // R10: delisting self
  /** canRemoveOwnClient; `leavesUserInactive` when it removes the user's last client (min active then applies). */
  | { kind: "removeOwnClient"; leavesUserInactive?: boolean }
  | { kind: "sendMessage" }; // R14

export type RoomActionKind = RoomAction["kind"];

