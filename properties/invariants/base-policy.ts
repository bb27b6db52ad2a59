// P39 and P40: the base room policy (room-policy §5; digest §7 A8, A9; docs/rules.md R21), on the
// implementation's own state, whatever the model says. The policy is the hub's committed base_room_policy
// (set at creation; a commit that altered it is refused by every party, and P8 compares the dictionaries).
import { BANNED_ROLE_NAME } from "../../impl/room/room-state.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";
import type { AbstractUser, UserId } from "../../model/index.js";
import type { ImplementationObservation } from "../runner/observe-implementation.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";
import { modelUserOf } from "../world/room-world.js";

const NO_ROLE = 0;
const BANNED_ROLE = 1;

/** Every view of the room that holds a tree: the hub's committed one and each client's. */
function views(o: ImplementationObservation): { who: string; users: Readonly<Record<UserId, AbstractUser>> }[] {
  return [{ who: "the hub", users: o.hubState.users }, ...o.clients.map((c) => ({ who: c.client, users: c.users }))];
}

const listed = (users: Readonly<Record<UserId, AbstractUser>>) => Object.entries(users).filter(([, u]) => u.role !== NO_ROLE);

export const BASE_POLICY_CAPS: ImplementationInvariant = {
  id: "P39",
  name: "base policy caps hold",
  rule: "digest §7 A8 (room-policy §5 MUST NOT): multi_device false → at most one client per user; at most max_clients MLS leaves; at most max_users listed users outside role 1 — in every member's state and the hub's",
  check: ({ after }) => {
    const policy = after.hub.committed.basePolicy;
    if (policy === undefined) return undefined;
    for (const { who, users } of views(after)) {
      if (!policy.multiDevice) {
        const many = Object.entries(users).find(([, u]) => u.clients.length > 1);
        if (many !== undefined) return `${who}: multi_device is false but ${many[0]} has ${many[1].clients.length} clients`;
      }
      const clients = Object.values(users).reduce((n, u) => n + u.clients.length, 0);
      if (policy.maxClients !== undefined && clients > policy.maxClients) return `${who}: ${clients} clients, max_clients is ${policy.maxClients}`;
      const count = listed(users).filter(([, u]) => u.role !== BANNED_ROLE).length;
      if (policy.maxUsers !== undefined && count > policy.maxUsers) return `${who}: ${count} users outside role 1, max_users is ${policy.maxUsers}`;
    }
    const live = after.hub.live.participants.participants.filter((p) => p.roleIndex !== BANNED_ROLE).length;
    if (policy.maxUsers !== undefined && live > policy.maxUsers) return `the hub's live state: ${live} users outside role 1, max_users is ${policy.maxUsers}`;
    return undefined;
  },
};

export const FIXED_MEMBERSHIP: ImplementationInvariant = {
  id: "P40",
  name: "fixed membership never grows",
  rule: "digest §7 A9 (room-policy §5): under fixed_membership the listed users never grow after creation, and no role other than 0 or 1 holds canAddParticipant",
  check: ({ event, before, after }) => {
    const policy = after.hub.committed.basePolicy;
    if (policy === undefined || !policy.fixedMembership) return undefined;
    const adder = after.hub.committed.roles.roles.find(
      (r) => r.roleIndex !== NO_ROLE && !(r.roleIndex === BANNED_ROLE && r.roleName === BANNED_ROLE_NAME) && r.roleCapabilities.includes(CAPABILITY.canAddParticipant),
    );
    if (adder !== undefined) return `the membership is fixed but role ${adder.roleIndex} holds canAddParticipant`;
    // Creation sets the membership: from then on, each step may only keep or shrink it.
    if (event.type === "createRoom") return undefined;
    const known = new Set([
      ...listed(before.hubState.users).map(([user]) => user),
      ...before.hub.live.participants.participants.map((p) => modelUserOf(p.user)),
    ]);
    for (const { who, users } of views(after)) {
      const newcomer = listed(users).find(([user]) => !known.has(user));
      if (newcomer !== undefined) return `${who} lists ${newcomer[0]}, who was not listed before, in a room whose membership is fixed`;
    }
    const live = after.hub.live.participants.participants.find((p) => !known.has(modelUserOf(p.user)));
    if (live !== undefined) return `the hub's live state lists ${live.user}, who was not listed before, in a room whose membership is fixed`;
    return undefined;
  },
};
