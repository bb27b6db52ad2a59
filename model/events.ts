import { userOf, type ClientId, type UserId } from "./ids.js";
import type { EnforceEvent } from "./enforcer.js";
import { describeContent, type MessageContent } from "./messageRules.js";

/**
 * The operations the property runner sends to the model (and, translated, to the implementation).
 * These names and payloads are the contract with properties/. Actors are client ids; the acting user is
 * `userOf(actor)`.
 *
 * Which operations are commits: addParticipant, addOwnClient (an external commit), removeParticipant,
 * kick, ban, unban, changeRole and commit. An accepted commit moves the room to the next epoch.
 * leave is a proposal bundle (R10) and sendMessage an application message: neither changes the epoch.
 *
 * A member's operation commit (everything except addOwnClient and commit{includePending:false})
 * includes, by reference and first, every proposal the hub accepted in the epoch — what an honest
 * client does (R11). Only `commit { includePending: false }` and external commits omit them.
 */
export type ModelEvent =
  | { readonly type: "createRoom"; readonly creator: UserId; readonly creatorClient: ClientId }
  | {
      readonly type: "addParticipant";
      readonly actor: ClientId;
      readonly target: UserId;
      readonly role: number;
      readonly clients: readonly ClientId[];
    }
  | { readonly type: "addOwnClient"; readonly client: ClientId; readonly user: UserId }
  | { readonly type: "leave"; readonly actor: ClientId }
  | { readonly type: "commit"; readonly actor: ClientId; readonly includePending: boolean }
  | { readonly type: "removeParticipant"; readonly actor: ClientId; readonly target: UserId }
  | { readonly type: "kick"; readonly actor: ClientId; readonly target: UserId }
  | { readonly type: "ban"; readonly actor: ClientId; readonly target: UserId }
  | { readonly type: "unban"; readonly actor: ClientId; readonly target: UserId; readonly role: number }
  | { readonly type: "changeRole"; readonly actor: ClientId; readonly target: UserId; readonly role: number }
  /** epochOffset 0: current epoch; -1: one epoch old; +1: from the future. */
  | { readonly type: "sendMessage"; readonly actor: ClientId; readonly epochOffset: number; readonly content?: MessageContent }
  /** A commit built for an earlier epoch (it lost the race, or is simply old). */
  | { readonly type: "staleCommit"; readonly actor: ClientId }
  | OpenJoinEvent
  | EnforceEvent
  /** R20 canChangePreauthorizedUserList: a commit replacing preauth_list with `config.preauthLists[list]`. */
  | { readonly type: "changePreauthList"; readonly actor: ClientId; readonly list: number }
  /** R22 canChangeRoleDefinitions: a commit replacing roles_list by the abstract change `change` (model/roomChanges.ts). */
  | { readonly type: "changeRoleDefinitions"; readonly actor: ClientId; readonly change: number }
  /** R22 canChangeRoomMembershipStyle: a commit replacing base_room_policy with `POLICY_CHANGES[policy]`. */
  | { readonly type: "changeRoomPolicy"; readonly actor: ClientId; readonly policy: number }
  /** R22 canChangeRoom*: a commit replacing room_metadata by the abstract change `change` (per changed field). */
  | { readonly type: "changeMetadata"; readonly actor: ClientId; readonly change: number };

export type ModelEventType = ModelEvent["type"];

/**
 * A member's hub-local request to destroy the room (variant `roomEnd: "destroy"`). It is not one of the
 * runner's operations (the implementation has no room destruction), so it stays outside ModelEvent.
 */
export interface DestroyRoomEvent {
  readonly type: "destroyRoom";
  readonly actor: ClientId;
}

/**
 * Open join (R4, room-policy §8.1.1 canOpenJoin): a client of a user not in the participant list asks
 * the hub for the GroupInfo to join by itself. Accepted, the hub lists the user in the role role 0's
 * entry allows, as its own pending proposal (docs/rules.md, "Open join"); the client's external commit
 * follows as an addOwnClient once a member committed the listing.
 */
export interface OpenJoinEvent {
  readonly type: "openJoin";
  /** The requesting client: it acts, but is no member (its user is not listed). */
  readonly actor: ClientId;
  readonly user: UserId;
  /** With a join code (GroupInfoRequest.joiningCode; R4 canUseJoinCode, model/joinCodes.ts): the hub lists
   * the user in the code's role instead of the open-join role. */
  readonly code?: string;
}

/** Everything the room machine answers: the runner's operations and the room's end. */
export type RoomEvent = ModelEvent | DestroyRoomEvent;
export type RoomEventType = RoomEvent["type"];

export const MODEL_EVENT_TYPES: readonly ModelEventType[] = [
  "createRoom",
  "addParticipant",
  "addOwnClient",
  "leave",
  "commit",
  "removeParticipant",
  "kick",
  "ban",
  "unban",
  "changeRole",
  "sendMessage",
  "staleCommit",
  "openJoin",
  "enforce",
  "changePreauthList",
  "changeRoleDefinitions",
  "changeRoomPolicy",
  "changeMetadata",
];

export type EventOfType<T extends ModelEventType> = Extract<ModelEvent, { type: T }>;

/** Operations the hub handles as commits (each accepted one starts a new epoch). */
export function isCommitEvent(event: RoomEvent): boolean {
  return event.type !== "leave" && event.type !== "sendMessage" && event.type !== "createRoom" && event.type !== "destroyRoom" && event.type !== "openJoin" && event.type !== "enforce";
}

/** A one-line human form, e.g. `u0/d0 ban u1` (for reports and paths). */
export function describeEvent(event: RoomEvent): string {
  switch (event.type) {
    case "createRoom":
      return `${event.creator} creates the room with ${event.creatorClient}`;
    case "addParticipant":
      return `${event.actor} adds ${event.target} as role ${event.role}${event.clients.length ? ` with ${event.clients.join(",")}` : " (no clients)"}`;
    case "addOwnClient":
      return `${event.client} joins for ${event.user} (external commit)`;
    case "leave":
      return `${event.actor} leaves`;
    case "commit":
      return `${event.actor} commits${event.includePending ? "" : " omitting pending proposals"}`;
    case "removeParticipant":
      return `${event.actor} removes ${event.target}`;
    case "kick":
      return `${event.actor} kicks ${event.target}`;
    case "ban":
      return `${event.actor} bans ${event.target}`;
    case "unban":
      return `${event.actor} unbans ${event.target} to role ${event.role}`;
    case "changeRole":
      // One's own role (R20, canChangeOwnRole) reads as such.
      return userOf(event.actor) === event.target ? `${event.actor} changes its own role to ${event.role}` : `${event.actor} changes ${event.target} to role ${event.role}`;
    case "sendMessage":
      return `${event.actor} sends a message (epoch offset ${event.epochOffset}${event.content === undefined ? "" : `; ${describeContent(event.content)}`})`;
    case "staleCommit":
      return `${event.actor} sends a commit for an old epoch`;
    case "destroyRoom":
      return `${event.actor} destroys the room`;
    case "enforce":
      return `the hub's policy enforcer ${event.action === "changeRole" ? "changes the role of" : event.action === "add" ? "lists" : `${event.action}s`} ${event.target}${event.role === undefined ? "" : ` (role ${event.role})`}`;
    case "changePreauthList":
      return `${event.actor} replaces the preauth list with list ${event.list}`;
    case "changeRoleDefinitions":
      return `${event.actor} changes the role definitions (change ${event.change})`;
    case "changeRoomPolicy":
      return `${event.actor} replaces the base room policy with policy ${event.policy}`;
    case "changeMetadata":
      return `${event.actor} changes the room metadata (change ${event.change})`;
    case "openJoin":
      return event.code === undefined ? `${event.actor} asks to join for ${event.user} (open join)` : `${event.actor} asks to join for ${event.user} with join code ${event.code}`;
  }
}
