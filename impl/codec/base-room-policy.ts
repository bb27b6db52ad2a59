// base_room_policy component (room-policy §5; suggested component id 0x0027).
// struct {
//   bool fixed_membership; bool parent_dependant; Uri parent_room<V>; bool multi_device;
//   optional<uint32> max_clients; optional<uint32> max_users; bool pseudonyms_allowed;
//   bool persistent_room; bool discoverable; ComponentID policy_component_ids<V>;
// } BaseRoomPolicy;                         (an update replaces the whole value)
// Uri is `struct { opaque uri<V>; }`, held as its text; `parent_room<V>` is a vector of them, empty
// unless parent_dependant. bool is one byte, 0 or 1: anything else is `invalidValue`, so a value has
// exactly one encoding. Which fields have a protocol meaning here: docs/rules.md "Base room policy".

import { CodecError } from "./codec-error.js";
import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface BaseRoomPolicy {
  /** The listed users are set at creation: the list never gains a user, and no role other than 0 and 1
   * holds canAddParticipant. */
  fixedMembership: boolean;
  /** Carried, not enforced: this project has no parent rooms. */
  parentDependant: boolean;
  /** Carried: the parent room's URI(s); empty unless parentDependant. */
  parentRoom: string[];
  /** false: at most one client per user. */
  multiDevice: boolean;
  /** At most this many MLS leaves; absent: no cap. */
  maxClients: number | undefined;
  /** At most this many listed users outside role 1 (banned); absent: no cap. */
  maxUsers: number | undefined;
  /** Carried, not enforced: credentials here always carry a user's long-term identifier. */
  pseudonymsAllowed: boolean;
  /** Carried, not enforced: without re-creating the MLS group it has no protocol meaning. */
  persistentRoom: boolean;
  /** Carried, not enforced: there is no room directory. */
  discoverable: boolean;
  /** ComponentIDs (uint16) of the other policy components that apply. */
  policyComponentIds: number[];
}

/** The draft's defaults where it names one (multi_device true), everything else off or absent. */
export const PERMISSIVE_BASE_ROOM_POLICY: BaseRoomPolicy = {
  fixedMembership: false,
  parentDependant: false,
  parentRoom: [],
  multiDevice: true,
  maxClients: undefined,
  maxUsers: undefined,
  pseudonymsAllowed: true,
  persistentRoom: false,
  discoverable: false,
  policyComponentIds: [],
};

/** TLS `bool`: one byte, 0 or 1. */
export function writeBool(w: Writer, value: boolean): void {
  w.uint8(value ? 1 : 0);
}

export function readBool(r: Reader, field: string): boolean {
  const byte = r.uint8();
  if (byte > 1) throw new CodecError("invalidValue", `${field}: bool is ${byte}, not 0 or 1`);
  return byte === 1;
}

const writeU32 = (w: Writer, value: number): void => w.uint32(value);
const readU32 = (r: Reader): number => r.uint32();

export function writeBaseRoomPolicy(w: Writer, policy: BaseRoomPolicy): void {
  writeBool(w, policy.fixedMembership);
  writeBool(w, policy.parentDependant);
  w.vector(policy.parentRoom, (body, uri) => body.string(uri));
  writeBool(w, policy.multiDevice);
  w.optional(policy.maxClients, writeU32);
  w.optional(policy.maxUsers, writeU32);
  writeBool(w, policy.pseudonymsAllowed);
  writeBool(w, policy.persistentRoom);
  writeBool(w, policy.discoverable);
  w.vector(policy.policyComponentIds, (body, id) => body.uint16(id));
}

export function readBaseRoomPolicy(r: Reader): BaseRoomPolicy {
  const fixedMembership = readBool(r, "fixed_membership");
  const parentDependant = readBool(r, "parent_dependant");
  const parentRoom = r.vector((body) => body.string());
  const multiDevice = readBool(r, "multi_device");
  const maxClients = r.optional(readU32);
  const maxUsers = r.optional(readU32);
  const pseudonymsAllowed = readBool(r, "pseudonyms_allowed");
  const persistentRoom = readBool(r, "persistent_room");
  const discoverable = readBool(r, "discoverable");
  const policyComponentIds = r.vector((body) => body.uint16());
  return { fixedMembership, parentDependant, parentRoom, multiDevice, maxClients, maxUsers, pseudonymsAllowed, persistentRoom, discoverable, policyComponentIds };
}

export function encodeBaseRoomPolicy(policy: BaseRoomPolicy): Uint8Array {
  return encodeWith(writeBaseRoomPolicy, policy);
}

export function decodeBaseRoomPolicy(bytes: Uint8Array): BaseRoomPolicy {
  return decodeExact(bytes, readBaseRoomPolicy, "BaseRoomPolicy");
}
