// The whole state of a deployment, captured cheaply and completely, compared, and put back.
//
// Everything a MIMI request can change lives in a few mutable holders: the hub (its rooms, clock), each
// room the hub keeps (its public MLS view, pending proposals, blocked users, KeyPackage routes, history),
// each provider (users, de-duplication digests, delivery count, internal errors), each client (room
// sessions, KeyPackages, refusals, former memberships) and each client's room session (ts-mls state,
// pending commit, received messages, refusals, …). Their fields hold either containers (Map, Set, array),
// which are copied one level deep, or values that are never changed in place — ts-mls states and views,
// decoded messages, keys — which are kept by reference. Two captures are equal when every field is equal
// under that reading, so comparing two captures sees any change at all, and restoring one writes the
// copies back.
//
// Fields are read with Object.keys, so a field added to one of these classes is captured without a
// change here. The one field left out of the comparison is the hub's `decision`: the hub's record of the
// rule behind its last answer (white-box, never on the wire), which every request, refused or not,
// replaces; it is restored with the rest.
import type { MimiSystem } from "../impl/system/mimi-system.js";

/** One holder's fields: containers copied, everything else by reference. */
type FieldCopy = Map<string, unknown>;

interface HolderState {
  holder: object;
  fields: FieldCopy;
}

/** A deployment's state at one moment (see the file comment). */
export interface DeploymentState {
  holders: HolderState[];
}

/** Fields compared nowhere (restored all the same). */
const NOT_STATE = new Set(["decision"]);

/** Fields that refer to other parts of the system, not state of their own holder (never copied or compared). */
const WIRING = new Set(["network", "cs", "deliver", "config", "uplink", "keyPackageSource", "faults", "rules", "hub", "requesterIdentity", "keys", "domain", "uri", "user"]);

function copyValue(value: unknown): unknown {
  if (value instanceof Map) return new Map(value);
  if (value instanceof Set) return new Set(value);
  if (Array.isArray(value)) return value.slice();
  return value;
}

function captureHolder(holder: object): HolderState {
  const fields: FieldCopy = new Map();
  for (const key of Object.keys(holder)) {
    if (WIRING.has(key)) continue;
    const value = (holder as Record<string, unknown>)[key];
    if (typeof value === "function") continue;
    fields.set(key, copyValue(value));
  }
  return { holder, fields };
}

/** Every mutable holder of the deployment, in a fixed order. */
function holdersOf(system: MimiSystem): object[] {
  const holders: object[] = [system.hub];
  const rooms = (system.hub as unknown as { rooms: Map<string, object> }).rooms;
  for (const room of [...rooms.values()]) holders.push(room);
  for (const provider of system.providers.values()) {
    holders.push(provider);
    for (const client of provider.localClients()) {
      holders.push(client);
      const sessions = (client as unknown as { sessions: Map<string, object> }).sessions;
      for (const session of sessions.values()) holders.push(session);
    }
  }
  return holders;
}

/** Captures the deployment's state (see the file comment). */
export function captureState(system: MimiSystem): DeploymentState {
  return { holders: holdersOf(system).map(captureHolder) };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || b.get(k) !== v) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return false;
}

function describeHolder(holder: object): string {
  const h = holder as { uri?: string; domain?: string; roomId?: string; state?: unknown };
  if (h.uri !== undefined) return `client ${h.uri}`;
  if (h.roomId !== undefined) return `hub room ${h.roomId}`;
  if (h.state !== undefined) return "room session";
  if (h.domain !== undefined) return `${holder.constructor.name.toLowerCase()} ${h.domain}`;
  return holder.constructor.name;
}

/** The first difference between two captures, in words ("client mimi://…: refusals"), or undefined. */
export function stateDifference(before: DeploymentState, after: DeploymentState): string | undefined {
  if (before.holders.length !== after.holders.length) return `holders: ${before.holders.length} → ${after.holders.length}`;
  for (let i = 0; i < before.holders.length; i++) {
    const b = before.holders[i]!;
    const a = after.holders[i]!;
    if (a.holder !== b.holder) return `holder ${i}: ${describeHolder(b.holder)} replaced by ${describeHolder(a.holder)}`;
    const keys = new Set([...b.fields.keys(), ...a.fields.keys()]);
    for (const key of keys) {
      if (NOT_STATE.has(key)) continue;
      if (!sameValue(b.fields.get(key), a.fields.get(key))) return `${describeHolder(b.holder)}: ${key}`;
    }
  }
  return undefined;
}

/** Puts a captured state back (holders that appeared since drop out with their parents' containers). */
export function restoreState(state: DeploymentState): void {
  for (const { holder, fields } of state.holders) {
    const target = holder as Record<string, unknown>;
    for (const key of Object.keys(target)) if (!WIRING.has(key) && typeof target[key] !== "function" && !fields.has(key)) delete target[key];
    for (const [key, value] of fields) target[key] = copyValue(value);
  }
}
