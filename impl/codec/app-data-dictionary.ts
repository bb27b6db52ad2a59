// app_data_dictionary (mls-extensions §4.6; extension 0x0006): the room state in the GroupContext.
// struct { ComponentID component_id; opaque data<V>; } ComponentData;     (ComponentID = uint16)
// struct { ComponentData component_data<V>; } AppDataDictionary;
// The entries MUST be sorted by component_id with at most one per id: the encoder sorts and rejects
// duplicates, the decoder rejects anything not strictly ascending (both as `invalidValue`).

import { CodecError } from "./codec-error.js";
import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface ComponentData {
  componentId: number;
  data: Uint8Array;
}

export interface AppDataDictionary {
  componentData: ComponentData[];
}

function writeComponentData(w: Writer, entry: ComponentData): void {
  w.uint16(entry.componentId);
  w.opaque(entry.data);
}

function readComponentData(r: Reader): ComponentData {
  const componentId = r.uint16();
  const data = r.opaque();
  return { componentId, data };
}

export function writeAppDataDictionary(w: Writer, dictionary: AppDataDictionary): void {
  const sorted = [...dictionary.componentData].sort((a, b) => a.componentId - b.componentId);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].componentId === sorted[i - 1].componentId) {
      throw new CodecError("invalidValue", `duplicate component_id ${sorted[i].componentId} in AppDataDictionary`);
    }
  }
  w.vector(sorted, writeComponentData);
}

export function readAppDataDictionary(r: Reader): AppDataDictionary {
  const componentData = r.vector(readComponentData);
  for (let i = 1; i < componentData.length; i++) {
    if (componentData[i].componentId <= componentData[i - 1].componentId) {
      throw new CodecError(
        "invalidValue",
        `AppDataDictionary not strictly sorted: ${componentData[i].componentId} after ${componentData[i - 1].componentId}`,
      );
    }
  }
  return { componentData };
}

export function encodeAppDataDictionary(dictionary: AppDataDictionary): Uint8Array {
  return encodeWith(writeAppDataDictionary, dictionary);
}

export function decodeAppDataDictionary(bytes: Uint8Array): AppDataDictionary {
  return decodeExact(bytes, readAppDataDictionary, "AppDataDictionary");
}

/** The data of one component, or undefined if the dictionary has no entry for it. */
export function componentDataOf(dictionary: AppDataDictionary, componentId: number): Uint8Array | undefined {
  return dictionary.componentData.find((entry) => entry.componentId === componentId)?.data;
}
