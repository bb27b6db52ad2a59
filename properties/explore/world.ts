import { METADATA_CHANGES, POLICY_CHANGES, ROLE_CHANGE_COUNT } from "../../model/roomChanges.js";
import { clientId, ENFORCER_ACTOR, ENFORCER_USER, hasCapability, policyEnforcerRole, roomEndOf, type ClientId, type ModelConfig, type ModelEvent, type RoomEvent, type UserId } from "../../model/index.js";

/**
 * The small world exploration walks: one room, `users` users u0…, each with `devicesPerUser` clients.
 * Events are every template instantiated over the world's users, clients and roles — including the
 * ones the hub must refuse (an outsider's client acting, a banned target, an unknown role, …), so that
 * refusals are part of what exploration checks.
 */
export interface World {
  readonly users: readonly UserId[];
  readonly clientsOf: Readonly<Record<UserId, readonly ClientId[]>>;
  readonly clients: readonly ClientId[];
  /** Role indexes events may name: every configured role. */
  readonly roles: readonly number[];
  /** Whether members may ask to destroy the room (variant roomEnd "destroy"): only then are destroyRoom events tried. */
  readonly destroyable: boolean;
  /** Whether role 0 has canOpenJoin: only then are open joins tried (elsewhere each is refused alike). */
  readonly openJoin?: boolean;
  /** The join codes a requester may present where role 0 has canUseJoinCode (the table's and an unknown one);
   * only then are code joins tried, by the first client of each user but the creator (device symmetry). */
  readonly joinCodes?: readonly string[];
  /** Whether the roles_list has a policy_enforcer role (R18): only then are the hub's enforcements tried. */
  readonly enforce?: boolean;
  /** How many preauth lists the role set offers (R20): only then are list changes tried. */
  readonly preauthLists?: number;
  /** Whether the room-state changes (R22) are tried (ExploreOptions.roomChanges). */
  readonly roomChanges?: boolean;
}

export function makeWorld(config: ModelConfig, users = 3, devicesPerUser = 2, joinCodes: readonly string[] = []): World {
  const userIds = Array.from({ length: users }, (_, i) => `u${i}`);
  const clientsOf = Object.fromEntries(
    userIds.map((u) => [u, Array.from({ length: devicesPerUser }, (_, d) => clientId(u, d))]),
  );
  return {
    users: userIds,
    clientsOf,
    clients: userIds.flatMap((u) => clientsOf[u]!),
    roles: config.roles.map((r) => r.index).sort((a, b) => a - b),
    destroyable: roomEndOf(config.variants) === "destroy",
    // An outsider joins by itself where role 0 offers an open join or a preauth list may let it in (R4, R20).
    openJoin: hasCapability(config, 0, "canOpenJoin") || config.preauth !== undefined,
    ...(config.preauthLists === undefined ? {} : { preauthLists: config.preauthLists.length }),
    enforce: policyEnforcerRole(config) !== undefined,
    ...(hasCapability(config, 0, "canUseJoinCode") && joinCodes.length > 0 ? { joinCodes } : {}),
  };
}

/** Which creations to try from the empty room: only u0 with its first client (symmetry), or all. */
export type CreatorChoice = "first" | "all";

/** The client lists an add may carry for `user`: none, the first one, all of them (device symmetry). */
function clientChoices(world: World, user: UserId): ClientId[][] {
  const own = world.clientsOf[user] ?? [];
  const choices: ClientId[][] = [[]];
  if (own.length > 0) choices.push([own[0]!]);
  if (own.length > 1) choices.push([...own]);
  return choices;
}

/** Every event of the templates over the world, for a room that does not exist yet. */
export function creationEvents(world: World, creators: CreatorChoice): ModelEvent[] {
  const pairs = creators === "first" ? [[world.users[0]!, world.clientsOf[world.users[0]!]![0]!] as const] : world.users.flatMap((u) => world.clientsOf[u]!.map((c) => [u, c] as const));
  return pairs.map(([creator, creatorClient]) => ({ type: "createRoom", creator, creatorClient }));
}

/** Every event of the templates over the world, for an open room (the same list in every state). */
export function roomEvents(world: World): RoomEvent[] {
  const events: RoomEvent[] = [];
  const assignable = world.roles.filter((r) => r !== 0);
  for (const actor of world.clients) {
    events.push({ type: "leave", actor });
    events.push({ type: "commit", actor, includePending: true });
    events.push({ type: "commit", actor, includePending: false });
    events.push({ type: "staleCommit", actor });
    for (const epochOffset of [-1, 0, 1]) events.push({ type: "sendMessage", actor, epochOffset });
    for (const target of world.users) {
      events.push({ type: "removeParticipant", actor, target });
      events.push({ type: "kick", actor, target });
      events.push({ type: "ban", actor, target });
      for (const role of assignable) {
        events.push({ type: "unban", actor, target, role });
        events.push({ type: "changeRole", actor, target, role });
        for (const clients of clientChoices(world, target))
          events.push({ type: "addParticipant", actor, target, role, clients });
      }
    }
  }
  for (const user of world.users) for (const client of world.clientsOf[user]!) events.push({ type: "addOwnClient", client, user });
  if (world.destroyable) for (const actor of world.clients) events.push({ type: "destroyRoom", actor });
  if (world.openJoin === true) for (const user of world.users) for (const actor of world.clientsOf[user]!) events.push({ type: "openJoin", actor, user });
  // Room-state changes (R22): every abstract change of roles_list, base_room_policy and room_metadata, by the
  // first client of u0 (the creator, a holder in most sets) and of u1 (often not): device symmetry.
  for (const user of world.roomChanges === true ? world.users.slice(0, 2) : []) {
    const actor = world.clientsOf[user]![0]!;
    for (let change = 0; change < ROLE_CHANGE_COUNT; change++) events.push({ type: "changeRoleDefinitions", actor, change });
    for (let policy = 0; policy < POLICY_CHANGES.length; policy++) events.push({ type: "changeRoomPolicy", actor, policy });
    for (let change = 0; change < METADATA_CHANGES.length; change++) events.push({ type: "changeMetadata", actor, change });
  }
  // Preauthorised users (R20): every list a holder may put in place, by every client.
  for (let list = 0; list < (world.preauthLists ?? 0); list++) for (const actor of world.clients) events.push({ type: "changePreauthList", actor, list });
  // The hub's policy enforcer (R18): its own actions on every user, and, to be refused, an add and a change of its own role.
  if (world.enforce === true) {
    const actor = ENFORCER_ACTOR;
    for (const target of world.users) {
      events.push({ type: "enforce", actor, action: "remove", target });
      events.push({ type: "enforce", actor, action: "ban", target });
      events.push({ type: "enforce", actor, action: "unban", target, role: 0 });
      events.push({ type: "enforce", actor, action: "add", target, role: assignable[assignable.length - 1]! });
    }
    events.push({ type: "enforce", actor, action: "changeRole", target: ENFORCER_USER, role: assignable[assignable.length - 1]! });
  }
  // Not by the creator u0 (listed from the start): the others cover a listed requester's refusal as well.
  for (const code of world.joinCodes ?? []) for (const user of world.users.slice(1)) events.push({ type: "openJoin", actor: world.clientsOf[user]![0]!, user, code });
  return events;
}
