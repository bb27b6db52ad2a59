// The policy engine: one action by one user against the live room (docs/rules.md R3–R10, R14).
import { authorizeAddOwnClient, authorizeAddParticipant } from "./authorize-add.js";
import { authorizeSendMessage } from "./authorize-message.js";
import { authorizeKick, authorizeLeave, authorizeRemoveOwnClient, authorizeRemoveParticipant } from "./authorize-removal.js";
import { authorizeBan, authorizeChangeRole, authorizeUnban } from "./authorize-role-change.js";
import type { PolicyContext } from "./policy-context.js";
import type { RoomAction } from "./room-action.js";
import { notAllowed, type PolicyVerdict } from "./verdict.js";

export type { PolicyContext } from "./policy-context.js";
export type { RoomAction } from "./room-action.js";
export type { PolicyVerdict } from "./verdict.js";

export interface PolicyInput extends PolicyContext {
  action: RoomAction;
}

/** Whether `input.actor` may do `input.action` now. */
export function authorize(input: PolicyInput): PolicyVerdict {
  const { action } = input;
  // A blocked user (accepted leave or removal, not yet committed) may do nothing (R2); the joining and
  // messaging rules name the block themselves, so their refusal cites them.
  if (input.blockedUsers.has(input.actor) && action.kind !== "addOwnClient" && action.kind !== "sendMessage") {
    return notAllowed("R2", `${input.actor} is blocked (its leave or removal is pending)`);
  }
  switch (action.kind) {
    case "addParticipant":
      return authorizeAddParticipant(input, action);
    case "addOwnClient":
      return authorizeAddOwnClient(input);
    case "removeParticipant":
      return authorizeRemoveParticipant(input, action);
    case "kick":
      return authorizeKick(input, action);
    case "ban":
      return authorizeBan(input, action);
    case "unban":
      return authorizeUnban(input, action);
    case "changeRole":
      return authorizeChangeRole(input, action);
    case "leave":
      return authorizeLeave(input);
    case "removeOwnClient":
      return authorizeRemoveOwnClient(input, action);
    case "sendMessage":
      return authorizeSendMessage(input);
  }
}
