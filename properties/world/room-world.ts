// The world a property run lives in: one room on the hub's provider, users u0… spread over three
// providers, each with a fixed set of devices. It maps the model's names ("u1", "u1/d0") to the
// implementation's MIMI URIs and back, so the two readings can be compared.
import { clientUri, roomUri, userUri } from "../../impl/identity/mimi-uri.js";
import { clientId, ENFORCER_USER, type ClientId, type ModelConfig, type UserId } from "../../model/index.js";
import type { GeneratedRoleSet } from "./generated-role-set.js";
import type { DrawnBasePolicy } from "./base-policy-draw.js";
import { withJoinCodeTable } from "./join-code-table.js";

export const HUB_DOMAIN = "a.example";
export const FOLLOWER_DOMAINS = ["b.example", "c.example"] as const;
const DOMAINS = [HUB_DOMAIN, ...FOLLOWER_DOMAINS];

export interface RoomWorld {
  readonly roomId: string;
  readonly users: readonly UserId[];
  readonly clientsOf: Readonly<Record<UserId, readonly ClientId[]>>;
  readonly clients: readonly ClientId[];
  /** Role indexes a command may name (every configured role but "no role"). */
  readonly assignableRoles: readonly number[];
  readonly config: ModelConfig;
  /** The generated role set the world's config was written from, when there is one: the implementation
   * writes its own roles_list from the same description (properties/world/generated-role-set.ts). */
  readonly generatedRoleSet?: GeneratedRoleSet;
  /** The base room policy the room is created with, when the run has one (base-policy-draw.ts): the model's
   * config carries it, and the implementation writes it as base_room_policy. */
  readonly basePolicy?: DrawnBasePolicy;
}

export function roomWorld(roleSetConfig: ModelConfig, users = 4, devicesPerUser = 2): RoomWorld {
  // The hub's join codes, where role 0 may use them (join-code-table.ts): the model's input as well.
  // The hub of the implementation lists its policy enforcer where the set has the role (R18): so does the model's.
  const config = withJoinCodeTable({ ...roleSetConfig, hubListsEnforcer: true });
  const ids = Array.from({ length: users }, (_, i) => `u${i}`);
  const clientsOf = Object.fromEntries(ids.map((u) => [u, Array.from({ length: devicesPerUser }, (_, d) => clientId(u, d))]));
  return {
    roomId: roomUri(HUB_DOMAIN, "property-room"),
    users: ids,
    clientsOf,
    clients: ids.flatMap((u) => clientsOf[u]!),
    assignableRoles: config.roles.map((r) => r.index).filter((r) => r !== 0).sort((a, b) => a - b),
    // A preauth list's provider claims read where each user lives (model/preauth.ts).
    config: config.preauth === undefined ? config : { ...config, providerOf: Object.fromEntries(ids.map((u) => [u, domainOfUser(u)])) },
  };
}

/** u0 lives on the hub's provider, u1 on b.example, u2 on c.example, u3 on the hub's again, … */
export function domainOfUser(user: UserId): string {
  // The hub's policy enforcer (docs/rules.md R18) is a user of the hub's provider.
  if (user === ENFORCER_USER) return HUB_DOMAIN;
  return DOMAINS[Number(user.slice(1)) % DOMAINS.length]!;
}

export function userUriOf(user: UserId): string {
  return userUri(domainOfUser(user), user);
}

export function clientUriOf(client: ClientId): string {
  const [user, device] = client.split("/") as [UserId, string];
  return clientUri(domainOfUser(user), user, device);
}

/** The model's user id of a user URI (its last path segment). */
export function modelUserOf(uri: string): UserId {
  return uri.slice(uri.lastIndexOf("/") + 1);
}

/** The model's client id of a client URI `mimi://<domain>/d/<user>/<device>`. */
export function modelClientOf(uri: string): ClientId {
  const parts = uri.split("/");
  return `${parts[parts.length - 2]}/${parts[parts.length - 1]}`;
}

/** The role's name in the world's configuration, for reports. */
export function roleName(world: RoomWorld, role: number): string {
  return world.config.roles.find((r) => r.index === role)?.name ?? `role ${role}`;
}
