import type { ModelConfig } from "./config.js";
import type { ModelPreauthEntry } from "./preauth.js";
import type { ModelMetadata } from "./roomChanges.js";
import type { UserId } from "./ids.js";
import type { ParticipantRecord } from "./participantMachine.js";
import { applyPending, type PendingProposal } from "./pending.js";
import type { Roster } from "./roster.js";
import type { Verdict } from "./verdict.js";

/**
 * The room machine's states: before the hub created the room, afterwards, and after its end (variants
 * `roomEnd: "hub-closes" | "destroy"`; a closed room accepts nothing and keeps its last state).
 */
export type RoomStateValue = "noRoom" | "open" | "closed";

/**
 * The abstract room (the room machine's context). Everything is plain, immutable data.
 * - `roster`: the committed state (GroupContext participant list + MLS tree) as users → role, clients;
 * - `pending`: proposals the hub accepted in this epoch, in acceptance order;
 * - `blocked`: users with an accepted leave not yet fully committed (sorted);
 * - `participants`: each non-outside user's lifecycle, as stepped by the participant machine;
 * - `verdict`: the answer to the last event (only while inside the machine; `step` lifts it out).
 */
export interface RoomContext {
  readonly config: ModelConfig;
  readonly epoch: number;
  readonly roster: Roster;
  readonly pending: readonly PendingProposal[];
  readonly blocked: readonly UserId[];
  readonly participants: Readonly<Record<UserId, ParticipantRecord>>;
  /** The single-use join codes an accepted join consumed (sorted; absent: none, joinCodes.ts). */
  readonly usedJoinCodes?: readonly string[];
  /** The preauth_list after an accepted replacement (R20); absent: the one the room was created with. */
  readonly preauth?: readonly ModelPreauthEntry[];
  /** room_metadata after an accepted change (R22, model/roomChanges.ts); absent: as created. A change of
   * roles_list or base_room_policy replaces `config.roles` or `config.basePolicy` instead. */
  readonly metadata?: ModelMetadata;
  readonly verdict: Verdict | null;
}

export function emptyRoom(config: ModelConfig): RoomContext {
  return { config, epoch: 0, roster: {}, pending: [], blocked: [], participants: {}, verdict: null };
}

const liveCache = new WeakMap<RoomContext, Roster>();

/** The hub-live state: the committed roster with the pending proposals applied (protocol §7.1). */
export function liveRoster(ctx: RoomContext): Roster {
  let live = liveCache.get(ctx);
  if (!live) {
    live = applyPending(ctx.roster, ctx.pending);
    liveCache.set(ctx, live);
  }
  return live;
}
