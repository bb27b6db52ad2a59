// The hub's join codes (room-policy §8.1.1 canUseJoinCode; docs/rules.md R4 "Join codes"): the table it
// was configured with per room (codes are issued out of band: canCreateJoinCode is reserved and no draft
// has a flow), and the single-use codes an accepted join consumed. The rule itself is
// impl/room/authorize-join-code.ts; this file holds the state the rule needs and only the hub has.
import { authorizeJoinCode, type JoinCode } from "../room/authorize-join-code.js";
import type { RoomView } from "../room/role-constraints.js";
import { BANNED_ROLE, NOT_LISTED_ROLE, roleByIndex } from "../room/room-state.js";
import type { HubFaults } from "./hub-config.js";

export type { JoinCode };

/** What the desk answers a code join: the role to list the user in, or why not. */
export type JoinCodeDecision = { ok: true; roleIndex: number } | { ok: false; reason: string };

const text = new TextDecoder("utf-8", { fatal: false });

export class JoinCodeDesk {
  /** `${roomId} ${code}` of every single-use code consumed. */
  private readonly used = new Set<string>();

  constructor(private readonly table: Readonly<Record<string, readonly JoinCode[]>> = {}) {}

  /**
   * Judges `user`'s request with the code bytes `joiningCode` (GroupInfoRequest.joiningCode, UTF-8) in the
   * hub-live `view` of `roomId`, and consumes a single-use code when it accepts. Planted defects:
   * `skipJoinCodeCheck` accepts any code, listing in the code's role when that is a defined role other than
   * 0 and 1, else in the first role above 1; `reuseJoinCodes` never consumes a code.
   */
  decide(roomId: string, view: RoomView & { blockedUsers: ReadonlySet<string> }, user: string, joiningCode: Uint8Array, faults: HubFaults): JoinCodeDecision {
    const code = text.decode(joiningCode);
    const entry = this.table[roomId]?.find((c) => c.code === code);
    const key = `${roomId} ${code}`;
    if (faults.skipJoinCodeCheck === true) {
      const usable = entry !== undefined && entry.roleIndex !== NOT_LISTED_ROLE && entry.roleIndex !== BANNED_ROLE && roleByIndex(view.room.roles, entry.roleIndex) !== undefined;
      const roleIndex = usable ? entry.roleIndex : view.room.roles.roles.find((r) => r.roleIndex > BANNED_ROLE)?.roleIndex;
      return roleIndex === undefined ? { ok: false, reason: "no role to join" } : { ok: true, roleIndex };
    }
    const verdict = authorizeJoinCode(view, user, entry, this.used.has(key), { skipBasePolicy: faults.skipBasePolicyCheck === true });
    if (!verdict.ok) return { ok: false, reason: verdict.reason };
    if (entry!.state === "single-use" && faults.reuseJoinCodes !== true) this.used.add(key);
    return { ok: true, roleIndex: entry!.roleIndex };
  }
}
