// AppDataUpdate (mls-extensions §4.7; proposal type 0x0008): one change to one component.
// enum { invalid(0), update(1), remove(2), (255) } AppDataUpdateOperation;
// struct { ComponentID component_id; AppDataUpdateOperation op;
//          select (op) { case update: opaque update<V>; case remove: struct{}; } } AppDataUpdate;

import { decodeExact, encodeWith } from "./exact.js";
import { enumeration } from "./enumeration.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

/** invalid(0) is left out so that it fails to decode. */
export const AppDataUpdateOperation = enumeration("AppDataUpdateOperation", { update: 1, remove: 2 });

export type AppDataUpdate =
  | { componentId: number; op: "update"; update: Uint8Array }
  | { componentId: number; op: "remove" };

export function writeAppDataUpdate(w: Writer, value: AppDataUpdate): void {
  w.uint16(value.componentId);
  w.enum8(AppDataUpdateOperation, value.op);
  if (value.op === "update") w.opaque(value.update);
}

export function readAppDataUpdate(r: Reader): AppDataUpdate {
  const componentId = r.uint16();
  const op = r.enum8(AppDataUpdateOperation);
  return op === "update" ? { componentId, op, update: r.opaque() } : { componentId, op };
}

export function encodeAppDataUpdate(value: AppDataUpdate): Uint8Array {
  return encodeWith(writeAppDataUpdate, value);
}

export function decodeAppDataUpdate(bytes: Uint8Array): AppDataUpdate {
  return decodeExact(bytes, readAppDataUpdate, "AppDataUpdate");
}
