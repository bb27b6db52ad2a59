/**
 * Identifiers of the abstract world.
 *
 * A user id is any string without "/" (e.g. "u0"). A client id carries its user so that the model can
 * tell whose client acted without any lookup: it is `${user}/${device}` (e.g. "u0/d0"). The user part
 * is everything before the LAST "/", so user ids that are URIs with slashes still work as long as the
 * device part has none.
 */
export type UserId = string;
export type ClientId = string;

/** The client id of device `device` of `user`; numbers become "d<n>". */
export function clientId(user: UserId, device: number | string): ClientId {
  return `${user}/${typeof device === "number" ? `d${device}` : device}`;
}

/** The user a client belongs to (the part before the last "/"; the whole id if there is none). */
export function userOf(client: ClientId): UserId {
  const cut = client.lastIndexOf("/");
  return cut < 0 ? client : client.slice(0, cut);
}

/** The device part of a client id ("" if the id has no "/"). */
export function deviceOf(client: ClientId): string {
  const cut = client.lastIndexOf("/");
  return cut < 0 ? "" : client.slice(cut + 1);
}

/** Sorted copy without duplicates: the canonical form of every id list in the model. */
export function sortedUnique<T extends string>(ids: readonly T[]): T[] {
  return [...new Set(ids)].sort();
}
