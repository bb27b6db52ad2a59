// room_metadata component (protocol §7.6; component id 0x0023).
// struct { opaque media_type<V>; opaque language_tag<V>; opaque description_content<V>; } RichDescription;
// struct { Uri room_uri; UTF8String room_name; RichDescription room_descriptions<V>;
//          Uri room_avatar; UTF8String room_subject; UTF8String room_mood; } RoomMetaData;
// RoomMetaUpdate has the same shape and replaces the whole value (at most one per commit).
// Uri (`struct { opaque uri<V>; }`) and UTF8String (`opaque<V>` of UTF-8) are held as text; media_type
// and language_tag are ASCII tokens held as text too; an empty media_type means
// "text/plain;charset=utf-8". description_content is bytes (its media type may be binary).

import { decodeExact, encodeWith } from "./exact.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export interface RichDescription {
  mediaType: string;
  languageTag: string;
  descriptionContent: Uint8Array;
}

export interface RoomMetaData {
  roomUri: string;
  roomName: string;
  roomDescriptions: RichDescription[];
  /** An https URI, or empty. */
  roomAvatar: string;
  roomSubject: string;
  roomMood: string;
}

export function writeRichDescription(w: Writer, d: RichDescription): void {
  w.string(d.mediaType);
  w.string(d.languageTag);
  w.opaque(d.descriptionContent);
}

export function readRichDescription(r: Reader): RichDescription {
  const mediaType = r.string();
  const languageTag = r.string();
  const descriptionContent = r.opaque();
  return { mediaType, languageTag, descriptionContent };
}

export function writeRoomMetaData(w: Writer, m: RoomMetaData): void {
  w.string(m.roomUri);
  w.string(m.roomName);
  w.vector(m.roomDescriptions, writeRichDescription);
  w.string(m.roomAvatar);
  w.string(m.roomSubject);
  w.string(m.roomMood);
}

export function readRoomMetaData(r: Reader): RoomMetaData {
  const roomUri = r.string();
  const roomName = r.string();
  const roomDescriptions = r.vector(readRichDescription);
  const roomAvatar = r.string();
  const roomSubject = r.string();
  const roomMood = r.string();
  return { roomUri, roomName, roomDescriptions, roomAvatar, roomSubject, roomMood };
}

export function encodeRoomMetaData(m: RoomMetaData): Uint8Array {
  return encodeWith(writeRoomMetaData, m);
}

export function decodeRoomMetaData(bytes: Uint8Array): RoomMetaData {
  return decodeExact(bytes, readRoomMetaData, "RoomMetaData");
}
